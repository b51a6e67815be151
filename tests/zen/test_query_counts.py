"""Every public page costs the same number of queries, however much content there is.

Each page is asked for uncached twice: once with a little generated content
(Chantiers of 2 actions, a few partners), once with much more (Chantiers of 20
actions with their change history, many more partners and Chantiers); the count is pinned
exactly, so a new query, or one that starts repeating per row, fails here.
"""

from django.core.cache import cache
from django.db import connection

from chantiers.models import Event, Region, RoadmapAction
from tests.factories import grow
from zen.web.cache import recent_pages

# (path, queries, or queries by database); {c} is a generated active Chantier, {region} its region,
# {theme} a theme of its actions, {event} its event.
PAGES: list[tuple[str, int | dict[str, int]]] = [
    ("/", 6),
    ("/en/", 6),
    ("/chantiers/", 6),
    # The search: Chantiers and actions, ranked; SQLite's fallback reads the documents with their
    # regions and partners (chantiers/search.py), PostgreSQL's full text does not.
    ("/chantiers/?q=Chantier", {"postgresql": 9, "sqlite": 12}),
    ("/chantiers/?region={region}&status=active&theme={theme}", 8),
    ("/chantiers/{c}/", 12),  # with its diagnostic
    ("/en/chantiers/{c}/", 12),
    ("/chantiers/{c}/contact/", 1),
    ("/chantiers/outaouais/", 11),  # a candidate: no roadmap
    ("/themes/energie/", 6),  # with the indicators compared on their own page
    ("/en/themes/gouvernance-et-democratie-participative/", 6),
    ("/carte/", 4),
    ("/partenaires/", 4),
    ("/partenaires/?kind=nonprofit&q=Organisation", 4),
    ("/programme/", 4),
    ("/donnees/", 0),
    ("/accessibilite/", 0),
    ("/confidentialite/", 0),
    ("/flux/", 3),
    ("/chantiers/{c}/flux/", 5),  # with the diagnostic's new values
    ("/evenements/", 6),
    ("/evenements/?chantier={c}", 7),
    ("/evenements.ics", 1),
    ("/chantiers/{c}/evenements/", 3),
    ("/chantiers/{c}/evenements.ics", 2),
    ("/evenements/{event}/", 1),
    ("/evenements/{event}.ics", 1),
    ("/suivre/", 1),
    ("/chantiers/{c}/suivre/", 1),
    ("/api/", 0),
    ("/api/openapi.json", 0),
    ("/api/chantiers/", 3),
    ("/api/phases/", 2),
    ("/api/themes/", 2),
    ("/api/actions/?limit=1000", 3),
    ("/api/actions/?chantier={c}", 4),
    ("/api/partners/", 2),
    ("/donnees/chantiers.csv", 2),
    ("/donnees/actions.csv", 2),
    ("/donnees/partners.csv", 1),
    ("/sitemap.xml", 2),
    ("/themes.css", 1),
    ("/devenir-partenaire/", 2),
]


def paths(prefix: str) -> list[tuple[str, int]]:
    chantier = f"{prefix}-chantier-1"
    region = Region.objects.filter(chantiers__slug=chantier).values_list("slug", flat=True).get()
    theme = RoadmapAction.objects.filter(chantier__slug=chantier).values_list("theme__slug", flat=True).first()
    event = Event.objects.filter(chantier__slug=chantier).values_list("pk", flat=True).first()
    return [
        (
            path.format(c=chantier, region=region, theme=theme, event=event),
            queries[connection.vendor] if isinstance(queries, dict) else queries,
        )
        for path, queries in PAGES
    ]


def test_every_public_page_costs_a_fixed_number_of_queries(client, seeded, django_assert_num_queries):
    for prefix, size in [
        ("small", {"chantiers": 3, "actions_per_chantier": 2, "organisations": 10, "history": 2}),
        ("large", {"chantiers": 20, "actions_per_chantier": 20, "organisations": 60, "seed": 11, "history": 3}),
    ]:
        grow(prefix=prefix, **size)
        for path, queries in paths(prefix):
            cache.clear()
            recent_pages.clear()
            with django_assert_num_queries(queries, info=f"{path} with the {prefix} content"):
                response = client.get(path)
                assert response.status_code == 200, path
                if response.streaming:
                    b"".join(response.streaming_content)
