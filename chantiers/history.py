"""The admin's history pages in words: field labels, choice labels, "—" for nothing.

simple-history shows raw values ("planned → in_progress", "None"); a coordinator reads
"Statut : Planifiée → En cours". `ReadableHistoryAdmin` is the admin base for every model
whose history coordinators see (chantiers' and partners').
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db import models
from django.utils.html import conditional_escape
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from zen.web import typography

EMPTY = "—"
# Fields whose numbers are percentages: "25 %", and their label without "(%)".
PERCENT_FIELDS = {"progress"}


def readable(field: models.Field, value) -> str:
    """`value` of `field` as a person reads it, in the current language."""
    if isinstance(value, list):  # many-to-many: the related objects
        return ", ".join(str(item) for item in value) or EMPTY
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("oui") if value else _("non")
    if field.name in PERCENT_FIELDS:
        return typography.percent(value)
    if isinstance(value, datetime.datetime):
        return typography.long_datetime(value)
    if isinstance(value, datetime.date):
        return typography.long_date(value)
    return Truncator(str(value)).chars(120)


def field_label(field: models.Field) -> str:
    label = capfirst(str(field.verbose_name))
    return label.removesuffix(" (%)") if field.name in PERCENT_FIELDS else label


class ReadableChanges(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        # A translated text changes in its language's column ("Résumé [fr]"); the plain column
        # behind it (chantiers/translation.py) repeats whichever language was saved: left out.
        plain = {field.translated_field.name for field in self.model._meta.fields if hasattr(field, "translated_field")}
        changes = [change for change in delta.changes if change.field not in plain]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def format_delta_change(self, change):
        field = self.model._meta.get_field(change.field)
        return dataclasses.replace(
            change,
            field=field_label(field),
            old=conditional_escape(readable(field, change.old)),
            new=conditional_escape(readable(field, change.new)),
        )


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_view_title(self, request, obj):
        return gettext_lazy("Historique : %s") % obj
