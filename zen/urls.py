from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from zen import accounts, api, health, views
from zen.sitemaps import SITEMAPS
from zen.web import media
from zen.web.cache import INTEGER, public_page

admin.site.site_header = _("Collectivités ZéN — administration")
admin.site.site_title = _("Collectivités ZéN")
admin.site.index_title = _("Gestion des Chantiers")
# The admin's login page is allauth's: email, rate limit and the second factor apply there too.
# (allauth's documented way; mypy does not let a method be replaced.)
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

api_patterns = (
    [
        path("", api.index, name="index"),
        path("openapi.json", api.openapi, name="openapi"),
        path("<slug:name>/", api.dataset_json, name="dataset"),
    ],
    "api",
)

urlpatterns = [
    path("api/", include(api_patterns)),
    path("donnees/<slug:name>.csv", api.dataset_csv, name="csv"),
    path("sitemap.xml", public_page(sitemap, query={"p": INTEGER}), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("themes.css", views.theme_css, name="theme-css"),
    # For load balancers and orchestrators (docs/operations.md); never cached.
    path("health/live/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
]
# Public uploads on the filesystem are served by the site (zen.web.media); on object
# storage their URLs point at the bucket's public origin instead.
if settings.MEDIA_STORAGE == "filesystem":
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.public_media, name="media"))

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # The back office speaks the coordinator's language too: /admin/ in French, /en/admin/ in English.
    path("admin/", admin.site.urls),
    # allauth's authenticator set-up, ending on the person's Chantier (zen.accounts); before allauth's own.
    path("comptes/2fa/totp/activate/", accounts.activate_authenticator, name="mfa_activate_totp"),
    path("comptes/", include("allauth.urls")),
    path("", include("chantiers.urls")),
    path("", include("chantiers.followers.urls")),
    path("", include("chantiers.diagnostic.urls")),
    path("", include("partners.urls")),
    path("programme/", views.program, name="program"),
    path("donnees/", views.open_data, name="open-data"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("confidentialite/", views.privacy, name="privacy"),
    prefix_default_language=False,
)

# The site's own error pages, in its layout and the visitor's language (zen/views.py).
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

if settings.BENCHMARK_HELLO:
    urlpatterns.append(path("bench/hello/", views.hello))
