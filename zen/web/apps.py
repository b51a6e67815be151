from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WebConfig(AppConfig):
    """Generic web pieces (page cache, pagination, rate limit, Markdown, middleware, template tags).

    An app only so that Django finds its template tags; it has no models and imports no app.
    """

    name = "zen.web"
    label = "web"

    def ready(self) -> None:
        from django.core import checks

        from zen.web.cache import check_middleware

        checks.register(check_middleware)


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site (zen.web.admin.AdminSite) as `admin.site`."""

    default = False  # "zen.web" in INSTALLED_APPS still means WebConfig
    default_site = "zen.web.admin.AdminSite"
