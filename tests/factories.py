"""Bulk data for query-count tests and benchmarks: many Chantiers, actions, organisations."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from chantiers.models import Chantier, Event, Phase, Region, RoadmapAction, Theme
from partners.models import Organisation, Partnership


@transaction.atomic
def grow(
    *,
    chantiers: int,
    actions_per_chantier: int,
    organisations: int,
    prefix: str = "gen",
    seed: int = 7,
    history: int = 0,
) -> None:
    """Add published Chantiers with phases, events, partners and published actions.

    Needs the seed content (regions, themes). Uses bulk inserts so a large
    dataset loads in seconds. With `history`, each action and Chantier gets that
    many change-history rows, as production has: its creation, then changes by a
    coordinator over the past year.
    """
    rng = random.Random(seed)
    regions = list(Region.objects.all())
    themes = list(Theme.objects.current())
    organisation_rows = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {prefix} {i}", slug=f"{prefix}-org-{i}", kind="nonprofit")
        for i in range(organisations)
    )
    chantier_rows = Chantier.objects.bulk_create(
        Chantier(
            name=f"Chantier {prefix} {i}",
            slug=f"{prefix}-chantier-{i}",
            status="active" if i % 5 else "candidate",
            cohort=1 + i % 3,
            territory=f"Territoire {i}",
            summary=f"Résumé du Chantier {prefix} {i}.",
            description="Une **description** en Markdown.\n\n- un point\n- un autre",
            contact_email=f"chantier{i}@example.org",
            latitude=45 + rng.random() * 4,
            longitude=-79 + rng.random() * 15,
            is_published=True,
        )
        for i in range(chantiers)
    )
    Chantier.regions.through.objects.bulk_create(
        Chantier.regions.through(chantier_id=c.pk, region_id=rng.choice(regions).pk) for c in chantier_rows
    )
    phases = Phase.objects.bulk_create(
        Phase(chantier=c, order=order, name=f"Phase {order}", status="current" if order == 2 else "upcoming")
        for c in chantier_rows
        for order in range(1, 5)
    )
    Event.objects.bulk_create(Event(chantier=c, title=f"Événement {c.pk}", year=2026) for c in chantier_rows)
    partnerships = []
    for c in chantier_rows:
        for rank, organisation in enumerate(rng.sample(organisation_rows, min(8, len(organisation_rows)))):
            role = "co_porteur" if rank < 2 else "initial_partner" if rank < 5 else "partner"
            partnerships.append(Partnership(organisation=organisation, chantier=c, role=role, order=rank))
    Partnership.objects.bulk_create(partnerships)
    phases_by_chantier: dict[int, list[Phase]] = {}
    for phase in phases:
        phases_by_chantier.setdefault(phase.chantier_id, []).append(phase)
    actions = RoadmapAction.objects.bulk_create(
        RoadmapAction(
            chantier=c,
            theme=rng.choice(themes),
            phase=rng.choice(phases_by_chantier[c.pk]),
            title=f"Action {n} du Chantier {c.pk}",
            description="Une action de la feuille de route.",
            status=rng.choice(["proposed", "planned", "in_progress", "done"]),
            progress=rng.randrange(0, 101),
            order=n,
            is_published=True,
        )
        for c in chantier_rows
        for n in range(actions_per_chantier)
    )
    RoadmapAction.lead_organisations.through.objects.bulk_create(
        RoadmapAction.lead_organisations.through(
            roadmapaction_id=a.pk, organisation_id=rng.choice(organisation_rows).pk
        )
        for a in actions
    )
    if history:
        editor = get_user_model().objects.create_user(username=f"{prefix}-editor@example.org", is_staff=True)
        add_history(chantier_rows, history, editor.pk, rng)
        add_history(actions, history, editor.pk, rng)


def add_history(rows: list, versions: int, user_id: int, rng: random.Random) -> None:
    """`versions` history rows for each row (as django-simple-history writes them), in one insert per table."""
    if not rows:
        return
    model = type(rows[0])
    historical = model.history.model
    kept = {field.attname for field in historical._meta.concrete_fields}  # some columns are not tracked
    names = [field.attname for field in model._meta.concrete_fields if field.attname in kept]
    now = timezone.now()
    entries = []
    for row in rows:
        values = {name: getattr(row, name) for name in names}
        created = now - timedelta(days=365)
        for version in range(versions):
            entries.append(
                historical(
                    **values,
                    history_date=created + timedelta(days=version * 365 / versions + rng.random()),
                    history_type="+" if version == 0 else "~",
                    history_user_id=None if version == 0 else user_id,  # the creation is the import's
                )
            )
    historical._default_manager.bulk_create(entries, batch_size=5000)
