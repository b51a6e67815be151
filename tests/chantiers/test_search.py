"""Search finds what people type: without accents, acronyms of carriers, words of actions, both languages."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from chantiers import search
from chantiers.models import Chantier, RoadmapAction
from chantiers.search import ACTION_FIELDS, CHANTIER_FIELDS, match_documents, query_words


@pytest.fixture
def published(seeded):
    Chantier.objects.update(is_published=True)


def names(results) -> list[str]:
    return [hit.obj.slug for hit in results.chantiers]


def reasons(results, slug) -> list[str]:
    return next([f.key for f in hit.fields] for hit in results.chantiers if hit.obj.slug == slug)


def test_quebec_without_its_accent_finds_quebec(published):
    for query in ["quebec", "QUÉBEC", "Québec"]:
        results = search.search(query)
        assert "region-de-quebec" in names(results), query
    assert names(search.search("quebec")) == names(search.search("Québec"))
    assert "name" in reasons(search.search("quebec"), "region-de-quebec")


def test_a_co_carrier_s_acronym_finds_the_chantier_it_carries(published):
    results = search.search("GRAME")
    assert names(results)[0] == "climaction-lachine"
    assert "carrier" in reasons(results, "climaction-lachine")
    assert search.search("grame").chantiers[0].obj.slug == "climaction-lachine"


def test_a_word_of_an_action_finds_the_action(published):
    results = search.search("verdir")
    titles = [hit.obj.title_fr for hit in results.actions]
    assert "Verdir les ruelles et les cours d’école" in titles
    hit = next(hit for hit in results.actions if hit.obj.title_fr.startswith("Verdir"))
    assert hit.fields[0].key == "title"


def test_english_words_find_english_texts(published):
    action = RoadmapAction.objects.published().first()
    RoadmapAction.objects.filter(pk=action.pk).update(title_en="Plant rain gardens in schoolyards")
    results = search.search("gardens")
    assert action.pk in [hit.obj.pk for hit in results.actions]


def test_a_region_and_a_territory_find_their_chantiers(published):
    assert "laval-zen" in names(search.search("laval"))
    results = search.search("saguenay")
    assert "grand-dialogue-saguenay-lac-saint-jean" in names(results)


def test_a_name_ranks_above_a_mention(published):
    # "Laval" is Laval ZéN's name; other Chantiers may only mention it.
    assert names(search.search("laval"))[0] == "laval-zen"


def test_unpublished_chantiers_and_their_actions_are_never_found(seeded):
    Chantier.objects.filter(slug="climaction-lachine").update(is_published=False)
    results = search.search("GRAME")
    assert "climaction-lachine" not in names(results)
    assert all(hit.obj.chantier.slug != "climaction-lachine" for hit in results.actions)


@pytest.mark.parametrize(
    "query",
    ["x" * 101, "Laval\x00", "quebec\x1b[31m", "!!! ... ???", "«»—", "&|!:*()", "'; DROP TABLE chantiers; --"],
)
def test_bad_input_is_an_empty_result_with_a_message_never_a_500(client, published, query):
    response = client.get(reverse("chantiers:list"), {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    if query.startswith("'"):  # words after all: searched, found nothing
        assert "Aucun Chantier" in page
        return
    assert 'class="notice notice--error" role="alert"' in page
    assert "Aucun Chantier" in page
    assert search.search(query).chantiers == [] and search.search(query).actions == []


def test_the_messages_say_what_is_wrong():
    assert "trop longue" in str(query_words("a" * 101)[1])
    assert "invisibles" in str(query_words("a\x07b")[1])
    assert "aucun mot" in str(query_words("?!")[1])
    assert query_words("  Québec, Laval ") == (["Québec", "Laval"], "")


def test_the_list_page_shows_why_each_result_matched(client, published):
    page = re.sub(r"\s+", " ", client.get(reverse("chantiers:list"), {"q": "GRAME"}).content.decode())
    assert "ClimAction Lachine" in page
    assert "Trouvé par : porteurs" in page
    english = re.sub(r"\s+", " ", client.get("/en/chantiers/", {"q": "verdir"}).content.decode())
    assert "Found by: title" in english
    assert 'href="/en/chantiers/climaction-lachine/#action-' in english


def test_the_header_has_a_search_box_that_leads_to_the_results(client, published):
    home = client.get(reverse("home")).content.decode()
    assert '<form class="site-search" method="get" action="/chantiers/" role="search"' in home
    assert 'name="q"' in home


def test_other_filters_narrow_the_search(client, published):
    page = client.get(reverse("chantiers:list"), {"q": "GRAME", "region": "laval"}).content.decode()
    assert "ClimAction Lachine</a>" not in page


def test_the_query_count_does_not_grow_with_the_hits(published, django_assert_num_queries):
    # One query for the Chantiers and one for the actions on PostgreSQL; the fallback loads
    # the Chantiers, their regions, partnerships and organisations, and the actions.
    expected = 2 if connection.vendor == "postgresql" else 5
    for query in ["quebec", "a", "zzzzzz", "Laval ZéN verdir"]:
        with django_assert_num_queries(expected):
            search.search(query)


def test_the_results_page_s_query_count_is_constant(client, published, django_assert_num_queries):
    client.get(reverse("chantiers:list"), {"q": "laval"})  # the session, the language: warmed up
    # The search (2 or 5), the filters' Chantiers, the hits with their card data (4: none to
    # prefetch when nothing is found), the region and theme choices.
    search_queries = 2 if connection.vendor == "postgresql" else 5
    for query, cards in [("GRAME", 4), ("laval", 4), ("e", 4), ("zzzzzz", 0), ("grame verdir", 0)]:
        with django_assert_num_queries(search_queries + 1 + cards + 2):
            client.get(reverse("chantiers:list"), {"q": query, "x": query})  # x: past the page cache


# The fallback, tested on any database: what `make run` on SQLite searches with.


def test_the_fallback_folds_accents_and_case_and_matches_prefixes():
    documents = [
        ("quebec", {"name": "Chantier ZéN de la région de Québec", "region": "Capitale-Nationale"}),
        ("laval", {"name": "Laval ZéN", "carrier": "CRE de Laval", "region": "Laval"}),
        ("lachine", {"name": "ClimAction Lachine", "carrier": "GRAME Imagine Lachine Est"}),
    ]
    assert [hit.obj for hit in match_documents(documents, ["quebec"], CHANTIER_FIELDS)] == ["quebec"]
    assert [hit.obj for hit in match_documents(documents, ["QUÉBEC"], CHANTIER_FIELDS)] == ["quebec"]
    assert [hit.obj for hit in match_documents(documents, ["grame"], CHANTIER_FIELDS)] == ["lachine"]
    assert [hit.obj for hit in match_documents(documents, ["lach"], CHANTIER_FIELDS)] == ["lachine"]
    assert match_documents(documents, ["grame", "laval"], CHANTIER_FIELDS) == []  # every word must match


def test_the_fallback_ranks_by_field_weight_and_says_which_fields_matched():
    documents = [
        ("mentions", {"name": "Autre", "summary": "près de Laval"}),
        ("named", {"name": "Laval ZéN", "region": "Laval"}),
    ]
    hits = match_documents(documents, ["laval"], CHANTIER_FIELDS)
    assert [hit.obj for hit in hits] == ["named", "mentions"]
    assert [f.key for f in hits[0].fields] == ["name", "region"]
    assert hits[0].rank > hits[1].rank
    actions = match_documents([(1, {"title": "Verdir les ruelles", "description": ""})], ["verdir"], ACTION_FIELDS)
    assert actions[0].reasons == "titre"


def test_the_fallback_searches_the_site_on_sqlite(published, monkeypatch):
    """The Python path over the real rows, whatever database the suite runs on."""
    monkeypatch.setattr(search.connection, "vendor", "sqlite")
    assert search.search("quebec").chantiers[0].obj.slug == "region-de-quebec"
    assert search.search("GRAME").chantiers[0].obj.slug == "climaction-lachine"
    assert any(hit.obj.title_fr.startswith("Verdir") for hit in search.search("verdir").actions)


def test_a_card_already_shown_elsewhere_still_says_why_it_matched(client, published):
    """Cards are kept as fragments (chantiers/cards.py): the one made for the home page has no reasons."""
    client.get(reverse("home"))
    client.get(reverse("chantiers:list"))
    page = re.sub(r"\s+", " ", client.get(reverse("chantiers:list"), {"q": "GRAME"}).content.decode())
    assert "ClimAction Lachine" in page
    assert "Trouvé par : porteurs" in page
    assert "Trouvé par" not in re.sub(r"\s+", " ", client.get(reverse("chantiers:list")).content.decode())
