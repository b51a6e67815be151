"""Every public page runs a fixed number of queries, whatever the amount of data.

Each page is measured on the seed content, then again after adding many
Chantiers, actions and organisations: the counts must not move.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import grow
from zen.web.cache import recent_pages

PAGES = [
    ("home", lambda: reverse("home")),
    ("list", lambda: reverse("chantiers:list")),
    ("list-filtered", lambda: reverse("chantiers:list") + "?status=active&theme=energie"),
    ("chantier", lambda: reverse("chantiers:detail", args=["laval-zen"])),
    ("theme", lambda: reverse("chantiers:theme", args=["energie"])),
    ("map", lambda: reverse("chantiers:map")),
    ("partners", lambda: reverse("partners:directory")),
    ("program", lambda: reverse("program")),
    ("feed", lambda: reverse("chantiers:program-feed")),
    ("chantier-feed", lambda: reverse("chantiers:feed", args=["laval-zen"])),
    ("api-actions", lambda: reverse("api:dataset", args=["actions"]) + "?limit=500"),
    ("api-chantiers", lambda: reverse("api:dataset", args=["chantiers"])),
    ("sitemap", lambda: "/sitemap.xml"),
]


def count_queries(client, url: str) -> int:
    cache.clear()
    recent_pages.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("name", "url"), PAGES, ids=[name for name, _ in PAGES])
def test_query_count_does_not_grow_with_the_data(client, seeded, name, url):
    small = count_queries(client, url())
    grow(chantiers=30, actions_per_chantier=40, organisations=120)
    large = count_queries(client, url())
    assert small == large, f"{name}: {small} queries on the seed, {large} with more data"
    assert large <= 15, f"{name}: {large} queries"


def test_csv_downloads_query_in_chunks_not_per_row(client, seeded):
    grow(chantiers=10, actions_per_chantier=50, organisations=40)
    assert count_queries(client, reverse("csv", args=["actions"])) <= 6
