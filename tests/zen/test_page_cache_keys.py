"""The cache key is the page, not the query string.

Each cached view declares the query parameters it reads; they are normalised (sorted,
empty ones dropped, one value each) and anything else is ignored: the page is the one
already cached. Cache misses come compressed to clients that accept gzip.
"""

import gzip
import secrets

import pytest
from django.core.cache import cache
from django.test import Client

from zen.web.cache import owner_version_key, recent_pages


def stored_pages() -> int:
    """Pages stored so far: every page stored in the shared cache is kept in this process's copy too."""
    return len(recent_pages.pages)


@pytest.mark.parametrize("path", ["/chantiers/laval-zen/", "/chantiers/", "/partenaires/", "/api/actions/", "/"])
def test_a_flood_of_random_query_strings_renders_and_stores_nothing_new(seeded, path, django_assert_num_queries):
    client = Client()
    first = client.get(f"{path}?x={secrets.token_hex(8)}")
    assert first.status_code == 200
    stored = stored_pages()

    with django_assert_num_queries(0):  # nothing rendered
        for _ in range(30):
            response = client.get(f"{path}?x={secrets.token_hex(8)}&utm_source={secrets.token_hex(4)}")
            assert response["X-Page-Cache"] == "hit"
            assert response.content == first.content
    assert stored_pages() == stored


def test_the_declared_parameters_are_sorted_and_empty_ones_dropped(seeded):
    client = Client()
    first = client.get("/chantiers/?status=active&region=laval")
    same = client.get("/chantiers/?theme=&region=laval&x=1&status=active&q=")
    assert same["X-Page-Cache"] == "hit"
    assert same.content == first.content
    assert "X-Page-Cache" not in client.get("/chantiers/?region=laval")  # another page


def test_the_page_shows_nothing_of_the_ignored_parameters(seeded):
    """Rendered from a query string with extras, the page is the canonical one (its links too)."""
    with_extras = Client().get("/chantiers/?utm_source=lettre&region=laval").content
    assert b"utm_source" not in with_extras
    assert Client().get("/chantiers/?region=laval").content == with_extras


def test_an_invalid_filter_is_refused_as_before_and_not_stored(seeded):
    client = Client()
    assert client.get("/chantiers/?region=nowhere").status_code == 400
    second = client.get("/chantiers/?region=nowhere")
    assert second.status_code == 400 and "X-Page-Cache" not in second


def test_a_page_number_that_is_not_one_is_the_first_page(seeded):
    client = Client()
    client.get("/chantiers/")
    for same in ("abc", "1", "01", ""):
        assert client.get(f"/chantiers/?page={same}")["X-Page-Cache"] == "hit", same


def test_a_page_number_past_the_last_shows_the_last_page_without_storing_it_under_that_number(seeded):
    client = Client()
    for number in range(50, 60):
        response = client.get(f"/chantiers/?page={number}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get("/chantiers/?page=50")


def test_searches_are_rendered_each_time_and_never_stored(seeded):
    client = Client()
    stored = stored_pages()
    for _ in range(3):
        response = client.get("/chantiers/?q=laval")
        assert "Laval" in response.content.decode() and "X-Page-Cache" not in response
    for _ in range(5):
        client.get(f"/chantiers/?q={secrets.token_hex(6)}")
    assert stored_pages() == stored


def test_api_paging_is_read_as_the_form_reads_it(seeded):
    client = Client()
    client.get("/api/actions/?limit=5")
    assert client.get("/api/actions/?limit=05&x=1")["X-Page-Cache"] == "hit"
    assert client.get("/api/actions/?limit=abc").status_code == 400  # as before
    assert client.get("/api/actions/?offset=100000").json()["results"] == []
    assert "X-Page-Cache" not in client.get("/api/actions/?offset=100000")  # past the end: not kept


def test_a_cache_miss_comes_compressed_to_a_client_that_accepts_gzip(seeded):
    url = "/chantiers/laval-zen/"
    miss = Client().get(url, headers={"accept-encoding": "gzip, br"})
    assert "X-Page-Cache" not in miss
    assert miss["Content-Encoding"] == "gzip"
    assert int(miss["Content-Length"]) == len(miss.content)
    assert gzip.decompress(miss.content) == Client().get(url).content


def test_made_up_chantier_addresses_store_nothing(seeded):
    stored = stored_pages()
    for _ in range(5):
        slug = secrets.token_hex(6)
        assert Client().get(f"/chantiers/{slug}/").status_code == 404
        assert cache.get(owner_version_key(slug)) is None  # no version kept for a Chantier that does not exist
    assert stored_pages() == stored


def test_the_first_view_after_the_versions_were_lost_is_stored(seeded):
    cache.clear()
    Client().get("/chantiers/laval-zen/")
    assert Client().get("/chantiers/laval-zen/")["X-Page-Cache"] == "hit"
