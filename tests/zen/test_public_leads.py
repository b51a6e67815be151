"""Lead organisations appear publicly only where their partnership in the action's Chantier is public."""

import csv
import io
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from chantiers.models import RoadmapAction
from partners.models import Organisation, Partnership

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def action(laval) -> RoadmapAction:
    """Led by CRE de Laval (public partner), Laval en transition (a partner not named publicly)
    and GRAME (a public partner of another Chantier, not of Laval)."""
    Partnership.objects.filter(chantier=laval, organisation__slug="laval-en-transition").update(is_public=False)
    action = RoadmapAction.objects.get(title="Former le comité de pilotage partenarial")
    action.lead_organisations.add(Organisation.objects.get(slug="grame"))
    assert set(action.lead_organisations.values_list("slug", flat=True)) == {
        "cre-de-laval",
        "laval-en-transition",
        "grame",
    }
    action.progress = 65  # the newest change in the feeds
    action.save()
    return action


def action_card(html: str, action: RoadmapAction) -> str:
    return re.search(rf'<li class="action" id="action-{action.pk}">.*?</li>', html, re.S).group(0)


def test_the_roadmap_names_only_leads_whose_partnership_is_public(client, action):
    card = action_card(client.get(reverse("chantiers:detail", args=["laval-zen"])).content.decode(), action)
    assert "CRE de Laval" in card
    assert "Laval en transition" not in card
    assert "GRAME" not in card


def test_the_theme_page_links_to_the_action_and_names_no_lead(client, action):
    page = client.get(reverse("chantiers:theme", args=["gouvernance-et-democratie-participative"])).content.decode()
    column = page.split('id="col-laval-zen"')[1].split("</section>")[0]
    assert f'href="/chantiers/laval-zen/#action-{action.pk}">{action.title}</a>' in column
    for lead in ["CRE de Laval", "Laval en transition", "GRAME"]:  # leads are on the Chantier's own page
        assert lead not in column


def test_the_api_and_the_csv_list_only_public_leads(client, action):
    data = client.get(reverse("api:dataset", args=["actions"]), {"chantier": "laval-zen"}).json()
    (row,) = [row for row in data["results"] if row["id"] == action.pk]
    assert row["lead_organisations"] == ["cre-de-laval"]
    response = client.get(reverse("csv", args=["actions"]), {"chantier": "laval-zen"})
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    (line,) = [line for line in csv.DictReader(io.StringIO(body)) if line["id"] == str(action.pk)]
    assert line["lead_organisations"] == "cre-de-laval"


def test_the_feeds_name_only_public_leads(client, action):
    for url in [reverse("chantiers:program-feed"), reverse("chantiers:feed", args=["laval-zen"])]:
        feed = ElementTree.fromstring(client.get(url).content)
        newest = next(feed.iter(f"{ATOM}entry"))
        assert newest.findtext(f"{ATOM}title", "").startswith("Laval ZéN — Former le comité")
        summary = newest.findtext(f"{ATOM}summary", "")
        assert summary.endswith("responsables : CRE de Laval")
        assert "Laval en transition" not in summary and "GRAME" not in summary


def test_a_lead_whose_partnership_becomes_public_appears(client, action, laval):
    Partnership.objects.filter(chantier=laval, organisation__slug="laval-en-transition").update(is_public=True)
    card = action_card(client.get(reverse("chantiers:detail", args=["laval-zen"])).content.decode(), action)
    assert "CRE de Laval" in card and "Laval en transition" in card
