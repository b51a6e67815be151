"""Typed readers for settings that come from the environment (empty means unset).

Each helper raises ImproperlyConfigured on a value it cannot read, so a typo in
production configuration stops the process at start-up instead of silently
falling back to a default.
"""

import os
from email.utils import parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name) or default


def env_url(name: str, default: str = "") -> str:
    """An absolute http(s) address without its trailing slash ("" when unset)."""
    value = env_str(name, default).strip().rstrip("/")
    if value:
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path or parts.query:
            raise ImproperlyConfigured(f"{name} must be an address such as https://zen.example.org, not {value!r}.")
    return value


def env_email(name: str, default: str = "") -> str:
    """An email address, with or without a display name ("Name <address>"); "" when unset."""
    value = env_str(name, default).strip()
    if value and "@" not in parseaddr(value)[1]:
        raise ImproperlyConfigured(f"{name} must be an email address, not {value!r}.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int_list(name: str, default: str) -> list[int]:
    try:
        return [int(item) for item in env_list(name, default)]
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a comma-separated list of integers.") from None


def mailer_from_url(url: str) -> dict:
    """Turn EMAIL_URL into one entry of Django 6.1's MAILERS setting.

    smtp://user:password@host:587/?tls=1   STARTTLS on 587
    smtps://user:password@host:465         implicit TLS
    console://                             print to the terminal
    locmem://                              keep in memory (tests)
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtps://, console:// or locmem://, not {url!r}."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no SMTP host.")
    query = parse_qs(parts.query)
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has an invalid port.") from None
    options = {
        "host": parts.hostname,
        "port": port or (465 if scheme == "smtps" else 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_ssl": scheme == "smtps",
        "use_tls": query.get("tls", ["0"])[0].lower() in TRUE,
        "timeout": int(query.get("timeout", ["10"])[0]),
    }
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}
