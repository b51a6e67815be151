"""The Chantiers list: filters live in the URL, bad values get a message, never a 500."""

import pytest
from django.urls import reverse


def names(response) -> list[str]:
    return [c.slug for c in response.context["page"].object_list]


def test_the_list_shows_active_chantiers_and_candidates(client, seeded):
    response = client.get(reverse("chantiers:list"))
    assert response.status_code == 200
    assert len(names(response)) == 8


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "laval"}, {"laval-zen"}),
        ({"region": "montreal"}, {"climaction-lachine", "ahuntsic-cartierville"}),
        ({"status": "candidate"}, {"outaouais", "ahuntsic-cartierville", "mrc-lassomption-dautray", "monteregie"}),
        ({"status": "active", "region": "montreal"}, {"climaction-lachine"}),
        ({"theme": "energie"}, {"laval-zen", "grand-dialogue-saguenay-lac-saint-jean"}),
        ({"q": "lachine"}, {"climaction-lachine"}),
        ({"q": "Saguenay"}, {"grand-dialogue-saguenay-lac-saint-jean"}),
    ],
)
def test_filters_narrow_the_list(client, seeded, query, expected):
    assert set(names(client.get(reverse("chantiers:list"), query))) == expected


def test_the_filter_state_lives_in_the_url_and_the_form(client, seeded):
    page = client.get(reverse("chantiers:list"), {"region": "laval"}).content.decode()
    assert '<option value="laval" selected>Laval</option>' in page
    assert "Effacer les filtres" in page


@pytest.mark.parametrize(
    "query",
    [
        {"region": "atlantide"},
        {"status": "closed-for-ever"},
        {"theme": "<script>alert(1)</script>"},
        # A search that is too long is not a bad filter but an empty result with its own message
        # (tests/chantiers/test_search.py).
        {"region": ["laval", "montreal"], "status": "\x00"},
    ],
)
def test_a_bad_filter_value_gives_a_clean_message(client, seeded, query):
    response = client.get(reverse("chantiers:list"), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Un filtre n’est pas valide" in page
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize("page_number", ["abc", "-1", "999", ""])
def test_a_bad_page_number_still_shows_a_page(client, seeded, page_number):
    assert client.get(reverse("chantiers:list"), {"page": page_number}).status_code == 200


def test_a_filter_that_matches_nothing_says_so(client, seeded):
    page = client.get(reverse("chantiers:list"), {"q": "zzzz"}).content.decode()
    assert "Aucun Chantier ne correspond" in page
