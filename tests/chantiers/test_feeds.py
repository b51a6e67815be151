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
    assert titles[0] == "Laval ZéN — Former le comité de pilotage partenarial (exemple)"
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
    assert "status: In progress · progress: 60 %" in feed
    assert "avancement" not in feed


def feeds() -> list[str]:
    """Both feeds that show Laval's changes, in both languages."""
    french = [reverse("chantiers:program-feed"), reverse("chantiers:feed", args=["laval-zen"])]
    return french + ["/en" + url for url in french]


def feed_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def laval_action():
    return RoadmapAction.objects.get(title="Former le comité de pilotage partenarial")


def entry_of(action) -> str:
    """What names an action's entries in any language: the link to its card."""
    return f'#action-{action.pk}"'  # the end of the link's href


def test_an_action_unpublished_after_being_published_vanishes_from_every_feed_at_once(client, seeded):
    action = laval_action()
    action.progress = 70
    action.save()
    urls = feeds()
    assert all(entry_of(action) in feed_text(client, url) for url in urls)
    action.is_published = False
    action.save()
    for url in urls:
        assert entry_of(action) not in feed_text(client, url), url


def test_a_deleted_action_vanishes_from_every_feed(client, seeded):
    action = laval_action()
    entry = entry_of(action)
    assert entry in feed_text(client, reverse("chantiers:program-feed"))
    action.delete()
    for url in feeds():
        text = feed_text(client, url)
        assert entry not in text and "retirée" not in text and "removed" not in text, url


def test_every_action_of_an_unpublished_chantier_vanishes_from_the_program_feed(client, laval):
    actions = list(laval.actions.all())
    laval.is_published = False
    laval.save()
    for url in [reverse("chantiers:program-feed"), "/en" + reverse("chantiers:program-feed")]:
        text = feed_text(client, url)
        assert "Laval ZéN" not in text and not [a for a in actions if entry_of(a) in text]
        assert "ClimAction Lachine" in text
    assert client.get(reverse("chantiers:feed", args=["laval-zen"])).status_code == 404


def test_an_entry_says_what_changed_from_and_to_with_the_choice_labels(client, seeded):
    action = RoadmapAction.objects.get(title="Cartographier les bois et corridors écologiques à protéger")
    assert (action.status, action.progress) == ("planned", 10)
    action.status = "in_progress"
    action.progress = 40
    action.save()
    url = reverse("chantiers:feed", args=["laval-zen"])
    french = feed_text(client, url)
    assert "statut : Planifiée → En cours" in french
    assert "avancement : 10 % → 40 %" in french
    english = feed_text(client, "/en" + url)
    assert "status: Planned → In progress" in english
    assert "progress: 10 % → 40 %" in english


def test_an_entry_for_a_change_of_progress_alone_names_only_the_progress(client, seeded):
    action = laval_action()
    action.progress = 75
    action.save()
    feed = ElementTree.fromstring(client.get(reverse("chantiers:feed", args=["laval-zen"])).content)
    newest = next(feed.iter(f"{ATOM}entry"))
    summary = newest.findtext(f"{ATOM}summary", "")
    assert "avancement : 60 % → 75 %" in summary
    assert "statut : En cours ·" in summary  # the status did not change: no arrow


def test_entries_of_example_actions_carry_the_example_label(client, seeded):
    french = reverse("chantiers:program-feed")
    for url, label in [(french, "Exemple"), ("/en" + french, "Example")]:
        feed = ElementTree.fromstring(client.get(url).content)
        for entry in feed.iter(f"{ATOM}entry"):
            assert entry.findtext(f"{ATOM}title", "").endswith(f"({label.lower()})")
            assert label in entry.findtext(f"{ATOM}summary", "")
            assert label in [category.get("term") for category in entry.iter(f"{ATOM}category")]


def test_entries_of_real_actions_carry_no_example_label(client, seeded):
    action = laval_action()
    action.is_example = False
    action.progress = 65
    action.save()
    feed = ElementTree.fromstring(client.get(reverse("chantiers:feed", args=["laval-zen"])).content)
    newest = next(feed.iter(f"{ATOM}entry"))
    assert newest.findtext(f"{ATOM}title", "") == "Laval ZéN — Former le comité de pilotage partenarial"
    assert "Exemple" not in newest.findtext(f"{ATOM}summary", "")
