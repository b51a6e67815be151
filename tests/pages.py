"""The public pages every audit visits (axe, the HTML checker, the English crawl), French paths."""

from chantiers.models import Theme

PAGES = [
    "/",
    "/chantiers/",
    "/chantiers/?region=atlantide",
    "/chantiers/laval-zen/",
    "/chantiers/outaouais/",
    "/chantiers/laval-zen/contact/",
    "/chantiers/laval-zen/devenir-partenaire/",
    "/devenir-partenaire/",
    "/devenir-partenaire/merci/?chantier=laval-zen",
    "/carte/",
    "/partenaires/",
    "/programme/",
    "/donnees/",
    "/accessibilite/",
    "/confidentialite/",
    "/comptes/login/",
    "/comptes/password/reset/",
]


def public_pages() -> list[str]:
    """PAGES and every theme's page (the seed's 14); needs the database."""
    return PAGES + [theme.get_absolute_url() for theme in Theme.objects.current()]
