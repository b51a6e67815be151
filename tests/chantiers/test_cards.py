"""Chantier cards are rendered once and kept, yet every change to what they show reaches the page."""

import pytest
from django.urls import reverse

from chantiers.models import RoadmapAction
from partners.models import Organisation
from zen.web.cache import content_changed, recent_pages

PAGES = ["/", reverse("chantiers:list"), "/en/"]


def pages(client) -> list[str]:
    content_changed(None)  # a new page each time, from the kept cards where they still apply
    recent_pages.clear()
    return [client.get(path).content.decode() for path in PAGES]


def change_name(laval):
    laval.name = "Laval ZéN renommé"
    laval.save()
    return "Laval ZéN renommé"


def change_summary(laval):
    laval.summary_fr = laval.summary_en = "Un résumé tout neuf"
    laval.save()
    return "Un résumé tout neuf"


def change_region(laval):
    region = laval.regions.get()
    region.name = "Île Jésus"
    region.save()
    return "Île Jésus"


def change_carrier(laval):
    carrier = Organisation.objects.get(partnerships__chantier=laval, partnerships__role="co_porteur", short_name="")
    carrier.name = "Porteur renommé"
    carrier.save()
    return "Porteur renommé"


def change_phase(laval):
    phase = laval.phases.get(status="current")
    phase.name_fr = phase.name_en = "Phase renommée"
    phase.save()
    return "Phase renommée"


def change_progress(laval):
    RoadmapAction.objects.filter(chantier=laval, is_published=True).update(progress=100, status="done")
    return "100\u00a0% d’avancement", "100% progress"  # French puts a no-break space before %, English none


def add_action(laval):
    count = RoadmapAction.objects.filter(chantier=laval, is_published=True).count()
    RoadmapAction.objects.create(chantier=laval, theme_id=laval.actions.first().theme_id, title="N", is_published=True)
    return f"{count + 1} actions"


@pytest.mark.parametrize(
    "change", [change_name, change_summary, change_region, change_carrier, change_phase, change_progress, add_action]
)
def test_a_change_to_what_a_card_shows_reaches_every_page_with_the_card(client, laval, change):
    before = pages(client)
    shown = change(laval)
    french, english = shown if isinstance(shown, tuple) else (shown, shown)
    after = pages(client)
    for path, old, new in zip(PAGES, before, after, strict=True):
        expected = english if path.startswith("/en/") else french
        assert expected not in old, path
        assert expected in new, path


def test_a_kept_card_is_the_same_as_a_fresh_one(client, laval):
    first = pages(client)
    assert pages(client) == first


THEME = "/themes/gouvernance-et-democratie-participative/"


def theme_page(client, path=THEME) -> str:
    content_changed(None)
    recent_pages.clear()
    return client.get(path).content.decode()


def rename_first_action(laval):
    action = laval.actions.filter(theme__slug="gouvernance-et-democratie-participative").order_by("order", "pk")[0]
    action.title_fr = action.title_en = "Titre tout neuf"
    action.save()
    return "Titre tout neuf"


def add_theme_action(laval):
    count = laval.actions.filter(theme__slug="gouvernance-et-democratie-participative", is_published=True).count()
    theme_id = laval.actions.filter(theme__slug="gouvernance-et-democratie-participative")[0].theme_id
    RoadmapAction.objects.create(chantier=laval, theme_id=theme_id, title="N", progress=100, is_published=True)
    return f"{count + 1} actions"


@pytest.mark.parametrize("change", [change_name, change_region, rename_first_action, add_theme_action])
def test_a_change_to_what_a_theme_column_shows_reaches_the_theme_page(client, laval, change):
    before = [theme_page(client), theme_page(client, "/en" + THEME)]
    expected = change(laval)
    after = [theme_page(client), theme_page(client, "/en" + THEME)]
    for old, new in zip(before, after, strict=True):
        assert expected not in old
        assert expected in new
