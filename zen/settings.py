"""Settings for the Collectivités ZéN platform: one file, read from the environment.

Defaults give a working local run (SQLite, tasks run in-process, emails printed
on the terminal). With DJANGO_DEBUG off, the process refuses to start without a
real SECRET_KEY, ALLOWED_HOSTS, EMAIL_URL, DEFAULT_FROM_EMAIL and SITE_URL.
"""

from email.utils import parseaddr
from pathlib import Path

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from zen.env import env_bool, env_email, env_int, env_int_list, env_list, env_str, env_url, mailer_from_url

# The generic classes of django-stubs (ModelAdmin[OutboxEmail], …) become subscriptable at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DJANGO_DEBUG is off "
        "(at least 50 characters; generate one with "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "django-insecure-local-development-only"
# Former keys, still accepted for signatures while what they signed expires (docs/operations.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A site served under a sub-path (https://example.org/zen/) by a proxy that strips the
# prefix without sending SCRIPT_NAME: the prefix ("/zen"), added to every URL we build.
FORCE_SCRIPT_NAME = env_str("FORCE_SCRIPT_NAME").rstrip("/") or None
if FORCE_SCRIPT_NAME is not None and not FORCE_SCRIPT_NAME.startswith("/"):
    raise ImproperlyConfigured(f"FORCE_SCRIPT_NAME must start with a slash, like /zen, not {FORCE_SCRIPT_NAME!r}.")

INSTALLED_APPS = [
    # Before the admin: it patches the models (one column per language) before the admin reads them.
    "modeltranslation",
    "zen.web.apps.AdminConfig",  # django.contrib.admin, with "view on site" scoped like every admin page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "health_check",
    "zen",
    "zen.web",
    "zen.outbox",
    "chantiers",
    "chantiers.followers",
    "chantiers.diagnostic",
    "partners",
]

MIDDLEWARE = [
    "zen.web.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stores public pages once final: outside the middleware that set cookies (zen/web/cache.py).
    "zen.web.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zen.web.middleware.AdminRequiresTwoFactor",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the view's exception first: a database outage is a 503 page.
    "zen.views.DatabaseUnavailable",
]

ROOT_URLCONF = "zen.urls"
WSGI_APPLICATION = "zen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "zen.web.context_processors.site",
            ],
        },
    },
]

# Database: SQLite for a first run on a laptop; DATABASE_URL selects PostgreSQL
# (postgres://user:password@host:5432/name) through psycopg 3.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Parameters bound by PostgreSQL, and statements a connection runs often kept
# prepared: PostgreSQL skips parsing and planning them again (about a third
# less of its time per partner application, docs/benchmarks.md). Turn off
# behind a pooler in transaction mode that cannot keep prepared statements
# (PgBouncer before 1.21).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED_STATEMENTS", True):
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when configured, is both the Celery broker and the cache. Without it,
# tasks run eagerly in-process and the cache is per-process memory, so a first
# run needs no server at all.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zen",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 300),
            "OPTIONS": {
                # While Redis is unreachable the cache answers "not cached": pages keep
                # working, rendered fresh, and the rate limit lets requests through.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker whose broker is gone keeps reconnecting (every 30 s at most), however long that takes.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    # Publishing gives up fast when the broker is down (the outbox keeps the email).
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# A web request hands emails over once and moves on: when the broker is down
# the outbox keeps them and the email workers' flush hands them over later.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BEAT_SCHEDULE = {
    "erase-expired-applications": {"task": "partners.tasks.erase_expired_applications", "schedule": 6 * 3600.0},
    "coordinators-digest": {
        "task": "partners.tasks.send_coordinators_digest",
        "schedule": crontab(minute=0, hour=8, day_of_week="mon"),
    },
    # Followers of a Chantier (chantiers/followers/): the weekly digest, and the "as soon as
    # there is news" one, which is the same digest over a short window.
    "followers-weekly-digest": {
        "task": "followers.send_digests",
        "schedule": crontab(minute=0, hour=9, day_of_week="mon"),
        "args": ["weekly"],
    },
    "followers-immediate-digest": {
        "task": "followers.send_digests",
        "schedule": float(env_int("FOLLOWERS_IMMEDIATE_SECONDS", 900)),
        "args": ["immediate"],
    },
}
# The coordinators' Monday digest: actions untouched this many weeks, events this many days ahead.
DIGEST_STALE_ACTION_WEEKS = env_int("DIGEST_STALE_ACTION_WEEKS", 6)
DIGEST_UPCOMING_EVENT_DAYS = env_int("DIGEST_UPCOMING_EVENT_DAYS", 14)
# Emails have a queue of their own, with its own worker, so that a slow SMTP server
# never holds up other jobs (docker-compose.yml: `worker` and `email-worker`).
CELERY_TASK_ROUTES = {"outbox.*": {"queue": "email"}}
# Seconds to wait after each failed SMTP attempt; after the last, the email is marked failed.
OUTBOX_RETRY_DELAYS = env_int_list("OUTBOX_RETRY_DELAYS", "30,120,600,1800,7200,21600")
# The outbox's recovery (zen/outbox/delivery.py, services.flush). The email workers (not beat)
# flush every OUTBOX_FLUSH_SECONDS: emails the broker refused, retries due, and lost tasks.
OUTBOX_FLUSH_SECONDS = env_int("OUTBOX_FLUSH_SECONDS", 30)
# A pending email handed over this long ago has lost its task (a killed worker's reserved
# tasks, a broker that lost its memory): handed over again.
OUTBOX_HANDOVER_STALE_SECONDS = env_int("OUTBOX_HANDOVER_STALE_SECONDS", 60)
# After SMTP answered, a worker retries recording the outcome this long while the database
# is unreachable, rather than send the email again.
OUTBOX_RECORD_PATIENCE_SECONDS = env_int("OUTBOX_RECORD_PATIENCE_SECONDS", 30)
# An email still "sending" this long after its claim lost its worker: sent again (maybe a
# duplicate). More than a slow SMTP exchange (10 s timeouts) plus OUTBOX_RECORD_PATIENCE_SECONDS.
OUTBOX_SENDING_STALE_SECONDS = env_int("OUTBOX_SENDING_STALE_SECONDS", 90)
if OUTBOX_SENDING_STALE_SECONDS <= OUTBOX_RECORD_PATIENCE_SECONDS:
    raise ImproperlyConfigured(
        "OUTBOX_SENDING_STALE_SECONDS must exceed OUTBOX_RECORD_PATIENCE_SECONDS (and an SMTP exchange): "
        "a worker still recording an outcome would see its email sent again."
    )
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "America/Toronto"

# Email through Django 6.1's MAILERS: the terminal in development, SMTP from
# EMAIL_URL in production (smtp://user:password@host:587/?tls=1).
EMAIL_URL = env_str("EMAIL_URL", "console://" if DEBUG else "")
if not EMAIL_URL:
    raise ImproperlyConfigured(
        "EMAIL_URL must name the SMTP server when DJANGO_DEBUG is off (smtp://user:password@host:587/?tls=1)."
    )
MAILERS = {"default": mailer_from_url(EMAIL_URL)}
# The program's sender: the seed names none, so production must say it; the demo's is
# under a reserved example domain, so nothing invented looks like the program's own.
DEFAULT_FROM_EMAIL = env_email(
    "DEFAULT_FROM_EMAIL", "Collectivités ZéN <collectiviteszen@example.org>" if DEBUG else ""
)
if not DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(
        "DEFAULT_FROM_EMAIL must name the program's sender when DJANGO_DEBUG is off "
        "(Collectivités ZéN <adresse@example.org>)."
    )
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The absolute address every link in an email starts with.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL must be the site's public address when DJANGO_DEBUG is off (https://zen.example.org): "
        "every link in an email starts with it."
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French (Québec) first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content (what coordinators write) in both languages, one column per language
# (django-modeltranslation, chantiers/translation.py): French is the source, so an
# English page shows the French text where no English exists; a French page never
# shows English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "fr"
USE_I18N = True
TIME_ZONE = "America/Toronto"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads. Public media (organisations' logos, Chantiers' cover images) and private
# media (the logos sent with partner applications, shown to reviewers only) live
# in two storages. On the filesystem by default, each in its own folder: the site
# serves MEDIA_ROOT at /media/ (zen.web.media) and never serves PRIVATE_MEDIA_ROOT.
# With S3_BUCKET, both live in one S3-compatible bucket, under public/ and
# private/; public objects are read from S3_PUBLIC_URL (a bucket policy makes
# public/ readable, docs/operations.md), private ones only through the admin.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
S3_BUCKET = env_str("S3_BUCKET")
S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL").rstrip("/")
_s3_variables = ["S3_ENDPOINT_URL", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_PUBLIC_URL"]
if not S3_BUCKET and any(env_str(name) for name in _s3_variables):
    raise ImproperlyConfigured("S3_BUCKET must be set to store media on object storage (other S3_* variables are).")
if S3_BUCKET:
    import botocore.config

    MEDIA_STORAGE = "s3"
    # Without an endpoint, AWS itself; behind an endpoint (MinIO, Garage, Ceph…), path-style URLs.
    S3_PUBLIC_URL = env_str(
        "S3_PUBLIC_URL",
        f"{S3_ENDPOINT_URL}/{S3_BUCKET}" if S3_ENDPOINT_URL else f"https://{S3_BUCKET}.s3.amazonaws.com",
    ).rstrip("/")
    if not S3_PUBLIC_URL.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"S3_PUBLIC_URL must start with http:// or https://, not {S3_PUBLIC_URL!r}.")
    _public_scheme, _public_host = S3_PUBLIC_URL.split("//", 1)
    _s3 = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": S3_ENDPOINT_URL or None,
        "region_name": env_str("S3_REGION") or None,
        # Empty: boto3's own chain (instance role, AWS_* variables, ~/.aws).
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": "path" if S3_ENDPOINT_URL else None,
        # Never overwrite: every organisation's logo is called logo.png.
        "file_overwrite": False,
        # A slow or unreachable object store costs a request seconds, not botocore's default minute.
        "client_config": botocore.config.Config(
            connect_timeout=2, read_timeout=10, retries={"max_attempts": 2, "mode": "standard"}
        ),
    }
    _public_media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": "public",
            # Plain, stable URLs on the public origin (a CDN or the bucket itself).
            "custom_domain": _public_host,
            "url_protocol": _public_scheme,
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    _private_media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        # Signed, short-lived URLs should anything ever ask for one; the admin streams them instead.
        "OPTIONS": {**_s3, "location": "private", "querystring_auth": True, "querystring_expire": 300},
    }
    MEDIA_URL = f"{S3_PUBLIC_URL}/public/"
    MEDIA_ORIGIN = "/".join(S3_PUBLIC_URL.split("/")[:3])
else:
    MEDIA_STORAGE = "filesystem"
    _public_media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _private_media = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # No URL leads here: the admin streams these files to the people allowed to see them.
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-media-is-not-served/"},
    }
    MEDIA_URL = "media/"  # relative: a deployment under a sub-path (SCRIPT_NAME) prefixes it
    MEDIA_ORIGIN = ""  # our own
STORAGES = {
    "default": _public_media,
    "private": _private_media,
    # Hashed, compressed files need `collectstatic`; a local run serves the
    # source files directly.
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Security. Under the shipped gunicorn.conf.py, gunicorn itself marks a request secure
# when the proxy named by FORWARDED_ALLOW_IPS says so (X-Forwarded-Proto), and ignores
# the header from anyone else; leave SECURE_PROXY_SSL_HEADER off there, since Django
# would believe the header from any client that reaches gunicorn. It is for other servers.
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Health probes come from the orchestrator or the load balancer, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# No third-party requests from our pages: everything comes from our own origin,
# except map tiles from the configured tile server.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL.startswith("http") else ""
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Media come from our own origin, or from exactly the object storage's public origin.
    "img-src": [
        CSP.SELF,
        "data:",
        *([MEDIA_ORIGIN] if MEDIA_ORIGIN else []),
        *([_tile_origin] if _tile_origin else []),
    ],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Logs on standard error, as text or one JSON object a line (LOG_FORMAT=json), each
# with the id of the request, or task, it belongs to (zen/web/logs.py). The Celery
# worker and beat write theirs the same way (zen/celery.py).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zen.web.logs.RequestIdFilter"}},
    "formatters": {"text": {"()": "zen.web.logs.text_formatter"}, "json": {"()": "zen.web.logs.json_formatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Errors to Sentry, only when SENTRY_DSN is set, without personal data (zen/sentry.py).
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from zen.sentry import sentry_init

    sentry_init(SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"))

# Accounts: sign-in by email through django-allauth, for staff only (no public sign-up);
# the admin's own login page goes through it, and the admin requires TOTP.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "admin:index"  # URL names: in the sign-in page's language, wherever the site is mounted
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_ADAPTER = "zen.accounts.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Collectivités ZéN — "
# Failed sign-ins: at most 10 a minute from one address and 5 in 5 minutes for one account.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Choosing a password from an invitation (or a reset) signs the person in: one password prompt.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
# A sign-in this recent also counts as reauthentication (zen.accounts.AccountAdapter).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# No email to an address without an account: allauth's would invite to a sign-up we do not have.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Collectivités ZéN"
PASSWORD_RESET_TIMEOUT = env_int("INVITATION_DAYS", 7) * 24 * 3600  # invitation and reset links

# Public pages are cached whole until what they show changes (zen/web/cache.py); 0 turns
# the page cache off (`make bench` measures uncached pages so).
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600)
# Named in the privacy notice as the person in charge of personal information (Loi 25), and
# the program's contact on the accessibility statement: the sender's address unless set.
PRIVACY_OFFICER_EMAIL = env_str("PRIVACY_OFFICER_EMAIL", parseaddr(DEFAULT_FROM_EMAIL)[1])
# Personal data of rejected or abandoned partner applications is erased after this delay.
APPLICATION_RETENTION_DAYS = env_int("APPLICATION_RETENTION_DAYS", 180)
# Exposes /bench/hello/, the baseline of `make bench`; never on a real site.
BENCHMARK_HELLO = env_bool("BENCHMARK_HELLO", default=False)
# Partner applications: spam protection without third parties.
APPLICATION_MIN_SECONDS = env_int("APPLICATION_MIN_SECONDS", 3)  # a person takes longer to fill the form
APPLICATION_RATE_LIMIT = env_int("APPLICATION_RATE_LIMIT", 10)  # submissions per client address…
APPLICATION_RATE_WINDOW = env_int("APPLICATION_RATE_WINDOW", 3600)  # …in this many seconds
# Following a Chantier by email (chantiers/followers/): the confirmation link's validity, the
# longest a follower is kept (the privacy notice says so), and the same spam protection as
# the application form, with a rate limit per client address and per email address.
FOLLOW_CONFIRM_DAYS = env_int("FOLLOW_CONFIRM_DAYS", 7)
FOLLOWER_RETENTION_DAYS = env_int("FOLLOWER_RETENTION_DAYS", 730)
FOLLOW_MIN_SECONDS = env_int("FOLLOW_MIN_SECONDS", 3)
FOLLOW_RATE_LIMIT = env_int("FOLLOW_RATE_LIMIT", 20)  # subscriptions per client address…
FOLLOW_ADDRESS_RATE_LIMIT = env_int("FOLLOW_ADDRESS_RATE_LIMIT", 3)  # …and per email address…
FOLLOW_RATE_WINDOW = env_int("FOLLOW_RATE_WINDOW", 3600)  # …in this many seconds
# Followers per transaction of a digest run: their emails and their marks commit together.
FOLLOWERS_DIGEST_BATCH = env_int("FOLLOWERS_DIGEST_BATCH", 500)
# Reads the client address from X-Forwarded-For (its last hop) behind a trusted proxy: the header is
# believed only from FORWARDED_ALLOW_IPS, the proxy's addresses that gunicorn.conf.py trusts too, so a
# client reaching gunicorn directly cannot pick its own address to escape the rate limit.
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Where application emails go when a Chantier has neither coordinators nor a contact address.
PROGRAM_STAFF_EMAIL = env_str("PROGRAM_STAFF_EMAIL", PRIVACY_OFFICER_EMAIL)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
CSRF_FAILURE_VIEW = "zen.views.csrf_failure"
