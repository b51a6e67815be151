"""Pages that span both apps: home, program, open data, legal pages, robots.txt."""

from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.log import log_response
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from chantiers.cards import chantier_cards
from chantiers.models import Chantier, DefaultPhase, Theme
from partners.models import ProgramSupport
from zen.opendata import DATASETS
from zen.web.cache import public_page


def _supports() -> dict[str, list[ProgramSupport]]:
    grouped: dict[str, list[ProgramSupport]] = {}
    for support in ProgramSupport.objects.select_related("organisation"):
        grouped.setdefault(support.role, []).append(support)
    return grouped


@public_page
def home(request: HttpRequest) -> HttpResponse:
    chantiers = sorted(Chantier.objects.published().with_card_data(), key=lambda chantier: chantier.sort_name)
    supports = _supports()
    return render(
        request,
        "home.html",
        {
            "active_cards": chantier_cards([c for c in chantiers if c.status == Chantier.Status.ACTIVE]),
            "candidate_chantiers": [c for c in chantiers if c.status == Chantier.Status.CANDIDATE],
            "operators": supports.get("operator", []),
            "funders": supports.get("funder", []),
            "national_partners": supports.get("national_partner", []),
            "themes": list(Theme.objects.current()),
        },
    )


@public_page
def program(request: HttpRequest) -> HttpResponse:
    supports = _supports()
    themes = list(Theme.objects.current())
    return render(
        request,
        "pages/program.html",
        {
            "operators": supports.get("operator", []),
            "funders": supports.get("funder", []),
            "national_partners": supports.get("national_partner", []),
            "themes": themes,
            "working_list": any(not theme.is_confirmed for theme in themes),
            "default_phases": list(DefaultPhase.objects.all()),
            "active_count": Chantier.objects.published().active().count(),
        },
    )


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html", {"contact": settings.PRIVACY_OFFICER_EMAIL})


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/privacy.html",
        {
            "officer_email": settings.PRIVACY_OFFICER_EMAIL,
            "retention_days": settings.APPLICATION_RETENTION_DAYS,
            "follow_confirm_days": settings.FOLLOW_CONFIRM_DAYS,
            "follower_retention_days": settings.FOLLOWER_RETENTION_DAYS,
        },
    )


@public_page
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pages/open_data.html", {"datasets": DATASETS.values(), "feed": reverse("chantiers:program-feed")}
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/admin/",
        "Disallow: /comptes/",
        "Disallow: /en/comptes/",
        "Disallow: /chantiers/*/contact/",
        "Disallow: /en/chantiers/*/contact/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def hello(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: the cheapest response this stack can give."""
    return HttpResponse("Bonjour", content_type="text/plain; charset=utf-8")


@public_page
def theme_css(request: HttpRequest) -> HttpResponse:
    """Each theme's colour as a CSS class: colours are data, and the CSP forbids inline styles."""
    rules = [f".theme-{theme.slug}{{--theme:{theme.colour}}}" for theme in Theme.objects.current()]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")


def error_page(request: HttpRequest, status: int) -> HttpResponse:
    """An error page in the site's layout and the visitor's language, made from the request's path alone.

    Rendered without the request's context processors: nothing here reads the session,
    the user or the database, so the page still renders when they are what failed; nor
    the host, which a 400 may be about.
    """
    path = request.get_full_path()
    other_languages = []
    for code, name in [("fr", "Français"), ("en", "English")]:
        if code != get_language():
            url = translate_url(path, code)
            if url == path:  # a path that names no page: the other language's home
                with translation.override(code):
                    url = reverse("home")
            other_languages.append({"code": code, "name": name, "url": url})
    context = {"status": status, "other_languages": other_languages}
    return HttpResponse(loader.render_to_string(f"{status}.html", context), status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500)


class DatabaseUnavailable:
    """A view that cannot reach the database answers 503 with the site's own page, in the visitor's language.

    The view's transaction is rolled back by the database itself (it never
    committed), so nothing is half-written. The failure is logged once, with its
    cause, in Django's own request log line (which then logs nothing more).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        response = error_page(request, 503)
        response["Retry-After"] = "30"
        log_response(
            "Database unreachable, answered 503: %s (%s: %s)",
            request.path,
            type(exception).__name__,
            " ".join(str(exception).split()),  # psycopg's message spans lines
            response=response,
            request=request,
        )
        return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token: say what to do, in the visitor's language."""
    return render(request, "csrf_failure.html", status=403)
