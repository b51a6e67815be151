"""The Chantier's Atom feed announces its diagnostic's new values, examples said as such."""

from xml.etree import ElementTree

from django.urls import reverse

from chantiers.diagnostic.models import Indicator, Value

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_entries(client, slug: str) -> list[tuple[str, str]]:
    response = client.get(reverse("chantiers:feed", args=[slug]))
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    return [
        (entry.findtext(f"{ATOM}title", ""), entry.findtext(f"{ATOM}summary", ""))
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_a_new_value_is_announced_first_in_the_chantiers_feed(client, laval):
    source = laval.indicator_values.first().source
    Value.objects.create(
        chantier=laval, indicator=Indicator.objects.get(code="population"), year=2024, source=source, value=441000
    )
    title, summary = feed_entries(client, "laval-zen")[0]
    assert title == "Laval ZéN — Population, 2024"
    assert "Nouvelle valeur du diagnostic" in summary and "441\xa0000\xa0habitants" in summary


def test_example_values_are_labelled_in_the_feed(client, laval):
    entries = feed_entries(client, "laval-zen")
    values = [(title, summary) for title, summary in entries if "Émissions" in title]
    assert values
    assert all(title.endswith("(exemple)") and summary.startswith("Exemple") for title, summary in values)


def test_a_chantiers_feed_has_none_of_another_chantiers_values(client, laval, lachine):
    assert not any(title.startswith("Laval") for title, _summary in feed_entries(client, "climaction-lachine"))
