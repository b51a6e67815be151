"""Which cached public pages a change cools: the models' signals, told to the page cache.

A model says which Chantiers' pages show one of its rows with a method
`shown_on_chantiers()` (the slugs of those Chantiers, possibly none). A model
without it is shared content (themes, regions, default phases, program supporters,
and any new model until it says otherwise), which any page may show: a change to it
cools every page. Either way the pages that list every Chantier (home, lists,
themes, map, feeds, API, open data) are cooled too (zen/web/cache.py).

A save cools the pages that showed the row before it (a Chantier's old slug, an
action moved to another Chantier) and those that show it after; a delete, the
pages that showed it, read before it goes (an organisation's partnerships are
gone by the time it is). A many-to-many relation belongs to the model that declares
it: an action's lead organisations show on the action's Chantier's page.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from simple_history.utils import NotHistoricalModelError, get_history_model_for_model

from zen.web.cache import content_changed

# Apps whose rows may show on a public page (chantiers/… and partners/… apps included).
PUBLIC_APPS = ("chantiers", "partners")
# Rows that never show on a public page: saving them leaves the page cache alone.
PRIVATE_MODELS = {"partners.PartnerApplication", "chantiers.Coordinator"}
# Set on an instance between its pre_ and post_ signals: the Chantiers that showed it before.
BEFORE = "_zen_shown_on_before"

type Shown = set[str] | None  # Chantier slugs; None: shared content, shown on any page


def shown_on(row: models.Model) -> Shown:
    method = getattr(row, "shown_on_chantiers", None)
    return None if method is None else set(method())


def union(*shown: Shown) -> Shown:
    if any(chantiers is None for chantiers in shown):
        return None
    return set().union(*shown)  # type: ignore[arg-type]  # no None left


def _before_save(sender: type[models.Model], instance: models.Model, raw: bool, **kwargs: Any) -> None:
    if raw or instance._state.adding or not hasattr(instance, "shown_on_chantiers"):
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    setattr(instance, BEFORE, set() if stored is None else shown_on(stored))


def _after_save(sender: type[models.Model], instance: models.Model, raw: bool, **kwargs: Any) -> None:
    content_changed(None if raw else union(getattr(instance, BEFORE, set()), shown_on(instance)))


def _before_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    setattr(instance, BEFORE, shown_on(instance))


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    content_changed(getattr(instance, BEFORE, None))


def _relation_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    if not action.startswith("post_"):
        return
    declaring = model if reverse else type(instance)
    if not _is_public(declaring):
        return
    if not reverse:
        content_changed(shown_on(instance))
    elif pk_set is None:  # cleared from the other side: which rows it touched is gone
        content_changed(None)
    else:
        content_changed(union(set(), *(shown_on(row) for row in model._base_manager.filter(pk__in=pk_set))))


def _is_public(model: type[models.Model]) -> bool:
    return model._meta.app_config.name.startswith(PUBLIC_APPS) and model._meta.label not in PRIVATE_MODELS


def connect() -> None:
    public = [model for model in apps.get_models() if _is_public(model)]
    history = set()
    for model in public:
        with contextlib.suppress(NotHistoricalModelError):
            history.add(get_history_model_for_model(model))
    for model in public:
        if model in history:  # written with the row it records, whose own signal cools the pages
            continue
        uid = f"page-cache-{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="page-cache-m2m")
