"""The database itself refuses rows that break the domain's invariants."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from chantiers.models import Chantier, Phase, RoadmapAction, Theme
from partners.models import Organisation, PartnerApplication, Partnership


def refuses(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_it_refuses_a_second_partnership_for_the_same_pair(laval):
    organisation = laval.partnerships.first().organisation
    refuses(lambda: Partnership.objects.create(organisation=organisation, chantier=laval, role="partner"))


def test_it_refuses_progress_above_100_or_below_0(laval):
    theme = Theme.objects.current()[0]
    refuses(lambda: RoadmapAction.objects.create(chantier=laval, theme=theme, title="Trop", progress=101))
    action = RoadmapAction.objects.create(chantier=laval, theme=theme, title="Juste", progress=100)
    action.progress = 101
    refuses(action.save)


def test_it_refuses_two_current_phases_in_one_chantier(laval):
    assert laval.phases.filter(status="current").count() == 1
    refuses(lambda: Phase.objects.filter(chantier=laval, status="upcoming").update(status="current"))


def test_two_chantiers_may_each_have_a_current_phase(laval, lachine):
    lachine.phases.filter(order=2).update(status="current")
    assert Phase.objects.filter(status="current").count() == 2


def test_form_validation_explains_a_second_current_phase_in_french(laval):
    phase = laval.phases.get(order=2)
    phase.status = "current"
    with pytest.raises(ValidationError) as error:
        phase.full_clean()
    assert "qu’une seule phase en cours" in str(error.value)


def test_it_refuses_a_duplicate_chantier_name_whatever_the_case(laval):
    refuses(lambda: Chantier.objects.create(name="LAVAL zén", slug="autre-laval"))


def test_it_refuses_a_duplicate_organisation_name_whatever_the_case(seeded):
    refuses(lambda: Organisation.objects.create(name="ville de laval", slug="ville-de-laval-2"))


def test_it_refuses_a_half_map_point(seeded):
    refuses(lambda: Chantier.objects.create(name="Sans longitude", slug="sans-longitude", latitude=46))


def test_it_refuses_a_phase_that_ends_before_it_starts(laval):
    refuses(
        lambda: Phase.objects.create(
            chantier=laval, order=9, name="À l’envers", start_date="2026-05-01", end_date="2026-04-01"
        )
    )


def test_it_refuses_an_application_without_privacy_consent(laval):
    refuses(
        lambda: PartnerApplication.objects.create(
            chantier=laval,
            organisation_name="Org",
            organisation_kind="nonprofit",
            contact_name="A",
            contact_email="a@example.org",
            motivation="m",
            consent_privacy=False,
        )
    )


def test_it_refuses_an_accepted_application_without_a_decision_date(laval):
    refuses(
        lambda: PartnerApplication.objects.create(
            chantier=laval,
            organisation_name="Org",
            organisation_kind="nonprofit",
            contact_name="A",
            contact_email="a@example.org",
            motivation="m",
            consent_privacy=True,
            status="accepted",
        )
    )


def test_it_refuses_a_theme_colour_that_is_not_hex(seeded):
    theme = Theme.objects.current().first()
    theme.colour = "green"
    refuses(theme.save)


def test_an_action_phase_must_belong_to_the_same_chantier(laval, lachine):
    action = RoadmapAction(
        chantier=laval, theme=Theme.objects.current().first(), title="x", phase=lachine.phases.first()
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "phase" in error.value.message_dict
