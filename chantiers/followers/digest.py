"""What changed in a Chantier between two moments, read from the history tables; and the digests that say it.

Only what the public can see counts: published actions and events, public partnerships,
in a published Chantier. Each change is compared with the row as it stood at the start of
the window, so an action created and then published within the week is "added", one
edited back and forth is not news, and one unpublished since is left out.

Changes are described once per Chantier and window, in both languages (JSON), and each
follower's email carries them: the worker that renders an email reads nothing else, so a
digest to many followers costs one description, not one per follower.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from chantiers.diagnostic.models import Indicator, Value
from chantiers.events import event_when
from chantiers.followers.models import Follower
from chantiers.followers.services import follower_links, follower_reference, unsubscribe_headers
from chantiers.models import Chantier, Event, Phase, RoadmapAction, Theme
from zen.outbox.services import Email, emails_enqueue

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _both(record: Any, field: str) -> dict[str, str]:
    """A translated text in every language it exists in (French always)."""
    texts = {language: getattr(record, f"{field}_{language}", None) for language in LANGUAGES}
    return {language: text for language, text in texts.items() if text}


def _states(history: Any, ids: Iterable[int], since: datetime, until: datetime) -> dict[int, tuple[Any, Any]]:
    """For each id, (its record as of `since` or None, its record as of `until`)."""
    states: dict[int, tuple[Any, Any]] = {}
    for record in history.filter(id__in=list(ids), history_date__lte=until).order_by("id", "history_date"):
        before, _after = states.get(record.id, (None, None))
        if record.history_date <= since:
            before = record
        states[record.id] = (before, record)
    return states


def _touched(history: Any, since: datetime, until: datetime, **filters: Any) -> set[int]:
    rows = history.filter(history_date__gt=since, history_date__lte=until, **filters)
    return set(rows.values_list("id", flat=True))


def _was_public(record: Any, flag: str) -> bool:
    return record is not None and record.history_type != "-" and getattr(record, flag)


def chantier_changes(chantier: Chantier, since: datetime, until: datetime) -> list[dict[str, Any]]:
    """What a follower of `chantier` hears of for the window (since, until]; empty when nothing public changed."""
    changes: list[dict[str, Any]] = []
    actions = _states(
        RoadmapAction.history, _touched(RoadmapAction.history, since, until, chantier_id=chantier.pk), since, until
    )
    themes = {
        theme.pk: theme for theme in Theme.objects.filter(pk__in={after.theme_id for _b, after in actions.values()})
    }
    for before, after in actions.values():
        if not _was_public(after, "is_published"):
            continue
        theme = themes.get(after.theme_id)
        base = {"title": _both(after, "title"), "theme": _both(theme, "name") if theme else {}}
        if not _was_public(before, "is_published"):
            changes.append({"kind": "action_added", **base, "status": after.status, "progress": after.progress})
        elif (before.status, before.progress) != (after.status, after.progress):
            changes.append(
                {
                    "kind": "action_changed",
                    **base,
                    "status": [before.status, after.status],
                    "progress": [before.progress, after.progress],
                }
            )

    phases = _states(Phase.history, _touched(Phase.history, since, until, chantier_id=chantier.pk), since, until)
    for before, after in phases.values():
        if before is not None and after.history_type != "-" and before.status != after.status:
            changes.append(
                {"kind": "phase_moved", "name": _both(after, "name"), "status": [before.status, after.status]}
            )

    events = _states(Event.history, _touched(Event.history, since, until, chantier_id=chantier.pk), since, until)
    for before, after in events.values():
        if not _was_public(after, "is_published"):
            continue
        kind = "event_added" if not _was_public(before, "is_published") else "event_changed"
        if kind == "event_changed" and all(
            getattr(before, name) == getattr(after, name) for name in Event.SCHEDULE_FIELDS
        ):
            continue
        when = {}
        for language in LANGUAGES:
            with translation.override(language):
                when[language] = event_when(after.instance)
        changes.append(
            {"kind": kind, "event": after.id, "title": _both(after, "title"), "when": when, "status": after.status}
        )

    partnership: Any = Chantier.partnerships.rel.related_model  # partners.Partnership, without importing it
    partners = _states(
        partnership.history, _touched(partnership.history, since, until, chantier_id=chantier.pk), since, until
    )
    added = [
        after
        for before, after in partners.values()
        if _was_public(after, "is_public") and not _was_public(before, "is_public")
    ]
    if added:
        organisation = partnership._meta.get_field("organisation").related_model
        names = dict(
            organisation._default_manager.filter(pk__in=[a.organisation_id for a in added]).values_list("pk", "name")
        )
        changes.extend({"kind": "partner_added", "name": names.get(a.organisation_id, "")} for a in added)

    # The diagnostic's new figures: a line per indicator and year, examples said as such.
    figures: dict[tuple[int, int], bool] = {}
    for indicator_id, year, is_example in Value.history.filter(
        chantier_id=chantier.pk, history_type="+", history_date__gt=since, history_date__lte=until
    ).values_list("indicator_id", "year", "is_example"):
        figures[indicator_id, year] = figures.get((indicator_id, year), True) and is_example
    if figures:
        indicators = Indicator.objects.in_bulk({indicator_id for indicator_id, _year in figures})
        changes.extend(
            {"kind": "values_added", "name": _both(indicators[indicator_id], "name"), "year": year, "example": example}
            for (indicator_id, year), example in sorted(figures.items(), key=lambda item: (item[0][1], item[0][0]))
            if indicator_id in indicators
        )
    return changes


def digests_send(*, frequency: str, now: datetime | None = None) -> int:
    """Each confirmed follower of `frequency` gets what changed since their last digest; returns the emails queued.

    Followers with nothing new get no email, and their window moves on. Each batch's emails
    and the followers' marks are written in one transaction, so a run that stops midway
    leaves no one with two digests or none: the next run takes up the rest. Meant for a
    Celery task (beat), never a web request.
    """
    now = now or timezone.now()
    queued = 0
    due = Follower.objects.confirmed().filter(frequency=frequency, digested_until__lt=now, chantier__is_published=True)
    windows = due.values_list("chantier_id", "digested_until").distinct().order_by("chantier_id", "digested_until")
    chantiers = Chantier.objects.in_bulk({chantier_id for chantier_id, _since in windows})
    for chantier_id, since in windows:
        assert since is not None  # confirmed followers always have one (a database constraint)
        chantier = chantiers[chantier_id]
        changes = chantier_changes(chantier, since, now)
        ids = list(due.filter(chantier_id=chantier_id, digested_until=since).values_list("pk", flat=True))
        batch = settings.FOLLOWERS_DIGEST_BATCH
        for start in range(0, len(ids), batch):
            queued += _send_batch(chantier, ids[start : start + batch], since, now, changes)
    return queued


@transaction.atomic
def _send_batch(chantier: Chantier, ids: list[int], since: datetime, now: datetime, changes: list[dict]) -> int:
    # Locked, and still at `since`: a second run at the same time skips what this one sends.
    followers = list(Follower.objects.select_for_update(skip_locked=True).filter(pk__in=ids, digested_until=since))
    if changes:
        context = {
            "chantier": {"name": chantier.display_name, "slug": chantier.slug},
            "since": since.isoformat(),
            "until": now.isoformat(),
            "changes": changes,
        }
        emails_enqueue(
            [
                Email(
                    kind="follower-digest",
                    to=follower.email,
                    language=follower.language,
                    context=context | follower_links(follower),
                    reference=follower_reference(follower),
                    headers=unsubscribe_headers(follower),
                )
                for follower in followers
            ]
        )
    Follower.objects.filter(pk__in=[follower.pk for follower in followers]).update(digested_until=now)
    return len(followers) if changes else 0
