"""An edit cools only what it changes, and reaches every page that shows it.

For each kind of content, a change made after every public page was cached:
- no page is stale: each serves exactly what a fresh render gives (the invalidation map
  holds, whatever page a row turns out to appear on);
- the pages that show it are cooled: the changed Chantier's own pages and the pages that
  list every Chantier, or every page for shared content;
- the other Chantiers' pages stay cached.
"""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from chantiers.diagnostic.models import Indicator, Value
from chantiers.models import Chantier, DefaultPhase, Event, Phase, Region, RoadmapAction, Theme, ThemeProgress
from partners.models import Organisation, Partnership, ProgramSupport
from tests.conftest import make_application

CROSS_PAGES = [
    "/",
    "/en/",
    "/chantiers/",
    "/chantiers/?region=laval",
    "/themes/transport-et-mobilite/",
    "/carte/",
    "/partenaires/",
    "/programme/",
    "/flux/",
    "/api/actions/",
    "/api/chantiers/",
    "/donnees/",
    "/sitemap.xml",
    "/themes.css",
    "/evenements/",
    "/en/evenements/",
    "/evenements.ics",
    "/diagnostic/comparer/",
    "/api/values/",
]


def pages_of(slug: str) -> list[str]:
    return [
        f"/chantiers/{slug}/",
        f"/en/chantiers/{slug}/",
        f"/chantiers/{slug}/contact/",
        f"/chantiers/{slug}/flux/",
        f"/chantiers/{slug}/evenements/",
        f"/chantiers/{slug}/evenements.ics",
    ]


LAVAL, LACHINE = pages_of("laval-zen"), pages_of("climaction-lachine")
ITS_PAGES = CROSS_PAGES + LAVAL  # a change to Laval ZéN's content cools these
EVERY_PAGE = ITS_PAGES + LACHINE


def laval() -> Chantier:
    return Chantier.objects.get(slug="laval-zen")


def lachine() -> Chantier:
    return Chantier.objects.get(slug="climaction-lachine")


def an_action() -> RoadmapAction:
    return RoadmapAction.objects.filter(chantier=laval(), is_published=True)[0]


def laval_only_partner() -> Organisation:
    return Organisation.objects.get(slug="cre-de-laval")


def edit(row, **fields):
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()


# Each: a function making the change, the pages it must cool, and what changes.
CHANGES = [
    pytest.param(lambda: edit(laval(), summary_fr="Un nouveau résumé."), ITS_PAGES, id="the Chantier"),
    pytest.param(lambda: edit(an_action(), progress=85), ITS_PAGES, id="an action"),
    pytest.param(
        lambda: RoadmapAction.objects.create(
            chantier=laval(), theme=Theme.objects.current()[0], title_fr="Planter mille arbres", is_published=True
        ),
        ITS_PAGES,
        id="a new action",
    ),
    pytest.param(lambda: an_action().delete(), ITS_PAGES, id="an action deleted"),
    pytest.param(
        lambda: edit(an_action(), chantier=lachine(), phase=None), EVERY_PAGE, id="an action moved to another Chantier"
    ),
    pytest.param(lambda: edit(laval().phases.first(), name_fr="Diagnostic partagé"), ITS_PAGES, id="a phase"),
    pytest.param(lambda: Phase.objects.filter(chantier=laval()).last().delete(), ITS_PAGES, id="a phase deleted"),
    pytest.param(
        lambda: Event.objects.create(chantier=laval(), title_fr="Forum citoyen", start_date=datetime.date(2027, 3, 1)),
        ITS_PAGES,
        id="an event",
    ),
    pytest.param(lambda: edit(laval().partnerships.first(), is_public=False), ITS_PAGES, id="a partnership"),
    pytest.param(
        lambda: ThemeProgress.objects.create(chantier=laval(), theme=Theme.objects.current()[0], progress=40),
        ITS_PAGES,
        id="a theme estimate",
    ),
    pytest.param(
        lambda: edit(laval_only_partner(), name="CRE Laval"), ITS_PAGES, id="an organisation partnering one Chantier"
    ),
    pytest.param(
        lambda: laval().regions.add(Region.objects.get(slug="montreal")), ITS_PAGES, id="a region added to a Chantier"
    ),
    pytest.param(
        lambda: Region.objects.get(slug="montreal").chantiers.add(laval()),
        ITS_PAGES,
        id="a Chantier added to a region (the other side)",
    ),
    pytest.param(
        lambda: an_action().lead_organisations.add(laval_only_partner()),
        ITS_PAGES,
        id="a lead organisation added to an action",
    ),
    pytest.param(
        lambda: laval_only_partner().led_actions.add(an_action()),
        ITS_PAGES,
        id="an action added to an organisation's led actions (the other side)",
    ),
    pytest.param(
        lambda: an_action().lead_organisations.clear(), ITS_PAGES, id="an action's lead organisations cleared"
    ),
    pytest.param(
        lambda: laval_only_partner().led_actions.clear(),
        EVERY_PAGE,  # which actions it led is gone once cleared: every page, to be sure
        id="an organisation's led actions cleared (the other side)",
    ),
    pytest.param(lambda: laval().partnerships.last().delete(), ITS_PAGES, id="a partnership deleted"),
    pytest.param(
        lambda: edit(Theme.objects.current().first(), name_fr="Nature en ville"), EVERY_PAGE, id="a theme (shared)"
    ),
    pytest.param(lambda: edit(Region.objects.get(slug="laval"), name="Laval (13)"), EVERY_PAGE, id="a region (shared)"),
    pytest.param(
        lambda: edit(DefaultPhase.objects.first(), name_fr="Mobiliser"), EVERY_PAGE, id="a default phase (shared)"
    ),
    pytest.param(lambda: edit(ProgramSupport.objects.first(), order=9), EVERY_PAGE, id="a program supporter (shared)"),
    pytest.param(
        lambda: edit(Value.objects.filter(chantier=laval()).first(), value=123), ITS_PAGES, id="a diagnostic value"
    ),
    pytest.param(
        lambda: edit(Indicator.objects.get(code="population"), name_fr="Habitants"), EVERY_PAGE, id="an indicator"
    ),
    pytest.param(lambda: make_application(laval()), [], id="a partner application (private)"),
]


def fresh(path: str) -> bytes:
    """The page rendered now, from nothing: without the cached fragments, and past the page cache.

    (A request with a session cookie bypasses the page cache; clearing the cache also
    drops the fragments kept under what they show, chantiers/cards.py, so a fragment
    whose content left out something it shows would make the page stale here.)
    """
    cache.clear()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "bypass"
    return client.get(path).content


@pytest.mark.parametrize(("change", "cooled"), CHANGES)
def test_a_change_reaches_every_page_that_shows_it_and_no_other(seeded, change, cooled):
    visitor, signed_in = Client(), Client()
    signed_in.cookies[settings.SESSION_COOKIE_NAME] = "bypass"  # served fresh, from the cached fragments
    for path in EVERY_PAGE:
        assert visitor.get(path).status_code == 200, path
        assert visitor.get(path)["X-Page-Cache"] == "hit", path

    change()

    served = {path: visitor.get(path) for path in EVERY_PAGE}
    rendered = {path: signed_in.get(path) for path in EVERY_PAGE}
    stale = [path for path, response in served.items() if response.content != fresh(path)]
    assert not stale, f"stale pages: {stale}"
    stale_fragments = [path for path, response in rendered.items() if response.content != fresh(path)]
    assert not stale_fragments, f"pages rendered with stale fragments: {stale_fragments}"
    assert [path for path, response in served.items() if "X-Page-Cache" not in response] == cooled


def test_an_organisation_partnering_two_chantiers_cools_both(seeded):
    organisation = laval_only_partner()
    Partnership.objects.create(organisation=organisation, chantier=lachine(), role="partner")
    visitor = Client()
    for path in EVERY_PAGE:
        visitor.get(path)

    edit(organisation, name="CRE Laval")

    assert all("X-Page-Cache" not in visitor.get(path) for path in EVERY_PAGE)
    assert "CRE Laval" in visitor.get(LACHINE[0]).content.decode()


def test_a_chantier_whose_slug_changes_leaves_no_page_at_its_old_address(seeded):
    visitor = Client()
    for path in LAVAL:
        visitor.get(path)

    edit(laval(), slug="laval-zero-emission")

    for path in LAVAL:
        assert visitor.get(path).status_code == 404, path
    assert visitor.get("/chantiers/laval-zero-emission/").status_code == 200


def test_a_chantier_deleted_leaves_no_page_behind(seeded):
    visitor = Client()
    for path in LACHINE + CROSS_PAGES:
        visitor.get(path)

    lachine().delete()

    for path in LACHINE:
        assert visitor.get(path).status_code == 404, path
    assert "climaction-lachine" not in visitor.get("/chantiers/").content.decode()
