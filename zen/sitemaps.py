from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from chantiers.models import Chantier, Theme


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "chantiers:list",
            "chantiers:map",
            "partners:directory",
            "program",
            "open-data",
            "accessibility",
            "privacy",
        ]

    def location(self, item):
        return reverse(item)


class ChantierSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return Chantier.objects.published().order_by("slug")

    def lastmod(self, chantier):
        return chantier.updated_at


class ThemeSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return Theme.objects.current().order_by("order")


SITEMAPS = {"pages": PagesSitemap, "chantiers": ChantierSitemap, "themes": ThemeSitemap}
