"""The public pages every audit visits (axe, the HTML checker, the English crawl), French paths."""

from chantiers.models import Event, Theme

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
    "/evenements/",
    "/chantiers/laval-zen/evenements/",
    "/chantiers/laval-zen/suivre/",
    "/partenaires/",
    "/programme/",
    "/donnees/",
    "/accessibilite/",
    "/confidentialite/",
    "/comptes/login/",
    "/comptes/password/reset/",
]


def public_pages() -> list[str]:
    """PAGES, every theme's page (the seed's 14) and an event's; needs the database."""
    events = [event.get_absolute_url() for event in Event.objects.published().order_by("pk")[:1]]
    return PAGES + [theme.get_absolute_url() for theme in Theme.objects.current()] + events
