"""Atom feeds of roadmap changes, for the program and for each Chantier."""

from xml.etree import ElementTree

from django.urls import reverse

from chantiers.models import RoadmapAction

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title", "") for entry in feed.iter(f"{ATOM}entry")]


def test_the_program_feed_lists_roadmap_changes_newest_first(client, seeded):
    action = RoadmapAction.objects.get(title="Former le comité de pilotage partenarial")
    action.progress = 80
    action.save()
    titles = entries(client, reverse("chantiers:program-feed"))
    assert titles[0] == "Laval ZéN — Former le comité de pilotage partenarial"
    assert any(title.startswith("ClimAction Lachine —") for title in titles)


def test_a_chantier_feed_has_only_its_own_changes(client, seeded):
    titles = entries(client, reverse("chantiers:feed", args=["climaction-lachine"]))
    assert titles and all(title.startswith("ClimAction Lachine —") for title in titles)


def test_feeds_never_show_unpublished_actions(client, seeded):
    action = RoadmapAction.objects.get(title="Former le comité de pilotage partenarial")
    action.is_published = False
    action.title = "Brouillon secret"
    action.save()
    assert not any("Brouillon secret" in title for title in entries(client, reverse("chantiers:program-feed")))


def test_feed_entries_describe_the_change_in_the_readers_language(client, seeded):
    response = client.get("/en" + reverse("chantiers:feed", args=["laval-zen"]))
    feed = response.content.decode()
    assert 'xml:lang="en"' in feed
    assert "Governance and participatory democracy" in feed
    assert "progress 60 %" in feed
    assert "avancement" not in feed
