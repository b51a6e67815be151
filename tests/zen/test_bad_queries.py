"""Bad query values get a clear 400 in the visitor's language, never a 500, on every public URL."""

import json
import string
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chantiers.models import Chantier
from zen.opendata import DATASETS

NUL = "\x00"
INVALID_CHOICE_FR = "Sélectionnez un choix valide"
INVALID_CHOICE_EN = "Select a valid choice"


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    if response["Content-Type"] == "application/json":
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def dataset_urls(filter_name: str) -> list[str]:
    return [
        url
        for name, dataset in DATASETS.items()
        if filter_name in dataset.filters
        for url in (reverse("api:dataset", args=[name]), reverse("csv", args=[name]))
    ]


@pytest.mark.parametrize("filter_name", ["chantier", "theme"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (NUL, "Le caractère nul n’est pas autorisé"),
        ("laval-zen" + NUL, "Le caractère nul n’est pas autorisé"),
        ("x" * 5000, INVALID_CHOICE_FR),
        ("n’existe-pas", INVALID_CHOICE_FR),
    ],
)
def test_a_bad_dataset_filter_gets_a_400_that_names_it(client, seeded, filter_name, value, message):
    for url in dataset_urls(filter_name):
        response = client.get(url, {filter_name: value})
        assert response.status_code == 400, url
        text = body(response)
        assert f"Paramètres non valides : {filter_name}." in text and message in text, url


def test_the_api_speaks_the_readers_language(client, seeded):
    url = reverse("api:dataset", args=["actions"])
    french = client.get(url, {"chantier": "nowhere"}).json()
    assert french["errors"]["chantier"][0].startswith(INVALID_CHOICE_FR)
    english = client.get(url, {"chantier": "nowhere", "limit": 0}, headers={"accept-language": "en"}).json()
    assert english["error"] == "Invalid parameters: limit, chantier."
    assert english["errors"]["chantier"][0].startswith(INVALID_CHOICE_EN)
    assert english["errors"]["limit"] == ["Ensure this value is greater than or equal to 1."]
    csv = client.get(reverse("csv", args=["actions"]), {"theme": NUL}, headers={"accept-language": "en"})
    assert csv.status_code == 400 and csv["Content-Type"] == "text/plain; charset=utf-8"
    assert body(csv) == "Invalid parameters: theme.\ntheme: Null characters are not allowed.\n"


def test_an_unpublished_chantier_is_as_unknown_as_a_made_up_one(client, laval):
    Chantier.objects.filter(pk=laval.pk).update(is_published=False)
    url = reverse("api:dataset", args=["phases"])
    assert client.get(url, {"chantier": "laval-zen"}).json() == client.get(url, {"chantier": "nowhere"}).json()
    assert client.get(url, {"chantier": "laval-zen"}).status_code == 400


@pytest.mark.parametrize("params", [{"limit": NUL}, {"offset": "9" * 5000}, {"offset": str(10**30)}])
def test_bad_paging_gets_a_400(client, seeded, params):
    response = client.get(reverse("api:dataset", args=["actions"]), params)
    assert response.status_code == 400
    (name,) = params
    assert name in response.json()["errors"]


@pytest.mark.parametrize(
    ("url", "query", "says"),
    [
        (lambda: reverse("chantiers:list"), {"region": "atlantide"}, "Un filtre n’est pas valide"),
        (lambda: reverse("chantiers:list"), {"theme": NUL}, "Un filtre n’est pas valide"),
        (lambda: "/en" + reverse("chantiers:list"), {"status": "closed"}, "A filter is not valid"),
        (lambda: reverse("partners:directory"), {"kind": "secte"}, "Un filtre n’est pas valide"),
        (lambda: "/en" + reverse("partners:directory"), {"q": NUL}, "A filter is not valid"),
    ],
)
def test_a_bad_list_filter_gets_a_400_page_that_says_so(client, seeded, url, query, says):
    response = client.get(url(), query)
    assert response.status_code == 400
    assert says in response.content.decode()


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"q": NUL}, "Cette recherche contient des caractères invisibles"),
        ({"q": "x" * 101}, "Cette recherche est trop longue"),
        ({"q": "?!…"}, "Cette recherche ne contient aucun mot"),
    ],
)
def test_a_search_that_cannot_be_searched_is_an_empty_result_that_says_why(client, seeded, query, says):
    response = client.get(reverse("chantiers:list"), query)
    assert response.status_code == 200
    assert says in response.content.decode()
    assert "Aucun Chantier" in response.content.decode()


def test_the_thanks_page_ignores_a_bad_chantier(client, seeded):
    response = client.get(reverse("partners:thanks"), {"chantier": NUL})
    assert response.status_code == 200


# --- every public URL, any query ----------------------------------------------------------


def public_urls() -> list[tuple[str, list[str]]]:
    """(URL, the query parameters it reads) for every public page, feed, dataset and file."""
    pages = [
        (reverse("home"), []),
        (reverse("chantiers:list"), ["q", "region", "status", "theme", "page"]),
        (reverse("chantiers:detail", args=["laval-zen"]), []),
        (reverse("chantiers:contact", args=["laval-zen"]), []),
        (reverse("chantiers:feed", args=["laval-zen"]), []),
        (reverse("chantiers:theme", args=["energie"]), []),
        (reverse("chantiers:map"), []),
        (reverse("chantiers:program-feed"), []),
        (reverse("partners:directory"), ["q", "kind", "page"]),
        (reverse("partners:apply"), []),
        (reverse("partners:apply-to", args=["laval-zen"]), []),
        (reverse("partners:thanks"), ["chantier"]),
        (reverse("program"), []),
        (reverse("open-data"), []),
        (reverse("accessibility"), []),
        (reverse("privacy"), []),
        (reverse("account_login"), ["next"]),
    ]
    pages += [("/en" + url, names) for url, names in pages]
    other = [
        (reverse("api:index"), []),
        (reverse("api:openapi"), []),
        (reverse("sitemap"), ["p"]),
        (reverse("robots"), []),
        (reverse("theme-css"), []),
    ]
    for name, dataset in DATASETS.items():
        other += [
            (reverse("api:dataset", args=[name]), ["limit", "offset", *dataset.filters]),
            (reverse("csv", args=[name]), list(dataset.filters)),
        ]
    return pages + other


known_values = st.sampled_from(["laval-zen", "energie", "laval", "active", "nonprofit", "2", "0", "-1", "", NUL])
values = known_values | st.text(
    st.characters(codec="utf-8", categories=["Cc", "Cs", "L", "N", "P", "S", "Z"], exclude_characters="\ud800"),
    max_size=60,
)
random_names = st.text(string.ascii_letters + "_[]." + NUL, min_size=1, max_size=12)


@st.composite
def requests(draw) -> str:
    url, names = draw(st.sampled_from(public_urls()))
    name = st.sampled_from(names) | random_names if names else random_names
    query = draw(st.lists(st.tuples(name, values), max_size=4))
    return f"{url}?{urlencode(query)}" if query else url


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_query_string_on_any_public_url_gets_a_server_error(client, seeded, data):
    url = data.draw(requests())
    response = client.get(url)
    assert response.status_code < 500, url
    body(response)  # a CSV streams: its rows are read too
