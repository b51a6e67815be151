"""The public datasets, shared by the JSON API and the CSV downloads.

Each dataset lists its fields once (name, JSON type, description); the API's
OpenAPI description is built from the same list. Nothing here reads personal
data: contact people of partner applications never leave the back office, and
Chantier contact emails stay behind the page's "show email" step.

Texts written by the Chantiers come in two languages: `<field>` is the French
text, the source, as before; `<field>_en` is its English translation, or null
where there is none yet (no fallback, so a client can tell; for English with
French as fallback, read `<field>_en` and then `<field>`). Rows are read by
language column, so the answer never depends on the visitor's language.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from chantiers.diagnostic.models import FIRST_YEAR, LAST_YEAR, Indicator, Kind, Sector, Source, Value
from chantiers.models import Chantier, Phase, RoadmapAction, Theme
from chantiers.roadmap import attach_lead_names
from partners.models import Partnership

CHUNK_SIZE = 2000


class NoFilter(django_filters.FilterSet):
    pass


class ChantierFilter(django_filters.FilterSet):
    # Published Chantiers only: an unpublished one is as unknown as a made-up slug.
    chantier = django_filters.ModelChoiceFilter(
        queryset=Chantier.objects.published(), to_field_name="slug", field_name="chantier"
    )


class ChantierThemeFilter(ChantierFilter):
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.current(), to_field_name="slug", field_name="theme")


class ValueFilter(ChantierFilter):
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="code", field_name="indicator"
    )
    sector = django_filters.ModelChoiceFilter(queryset=Sector.objects.all(), to_field_name="code", field_name="sector")
    year = django_filters.NumberFilter(field_name="year", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = django_filters.ChoiceFilter(choices=Kind.choices, field_name="kind")


class IndicatorThemeFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.current(), to_field_name="slug", field_name="themes"
    )


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # JSON schema type
    description: str
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    fields: list[Field]
    queryset: Callable[[], QuerySet]
    row: Callable[[Any], dict]  # one object of `queryset`
    filterset: type[django_filters.FilterSet]
    # Called on each batch of objects before their rows are made (one query per batch, not per row).
    prepare: Callable[[list], object] | None = None
    # What the open-data page says of it, in the visitor's language (`description` is the
    # OpenAPI's, in English like the rest of that document).
    summary: StrOrPromise = ""

    @property
    def filters(self) -> tuple[str, ...]:
        return tuple(self.filterset.base_filters)

    def rows(self, queryset: QuerySet | None = None) -> Iterable[dict]:
        objects = (self.queryset() if queryset is None else queryset).iterator(chunk_size=CHUNK_SIZE)
        for batch in itertools.batched(objects, CHUNK_SIZE):
            if self.prepare is not None:
                self.prepare(list(batch))
            for obj in batch:
                yield self.row(obj)


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _french(text: str | None) -> str:
    """The French text: an empty string where there is none, as before there were two languages."""
    return text or ""


def _english(text: str | None) -> str | None:
    """The English translation, or None where there is none."""
    return text or None


ENGLISH = "English translation; null where there is none yet."
LANGUAGES = (
    "Texts written by the Chantiers are in French, the source, and may have an English translation: "
    "`<field>` is the French text (always given, as before), `<field>_en` its English translation or null "
    "where there is none yet. For English with French as fallback, read `<field>_en`, then `<field>`. "
    "Names (of Chantiers, organisations, regions) are proper names, in one language."
)


def _chantiers() -> QuerySet:
    return Chantier.objects.published().prefetch_related("regions").order_by("slug")


def _chantier_row(c: Chantier) -> dict:
    return {
        "slug": c.slug,
        "name": c.name,
        "status": c.status,
        "cohort": c.cohort,
        "regions": [r.code for r in c.regions.all()],
        "territory": _french(c.territory_fr),
        "territory_en": _english(c.territory_en),
        "summary": _french(c.summary_fr),
        "summary_en": _english(c.summary_en),
        "website": c.website,
        "latitude": float(c.latitude) if c.latitude is not None else None,
        "longitude": float(c.longitude) if c.longitude is not None else None,
        "updated_at": c.updated_at.isoformat(),
    }


def _phases() -> QuerySet:
    return (
        Phase.objects.filter(chantier__is_published=True).select_related("chantier").order_by("chantier__slug", "order")
    )


def _phase_row(p: Phase) -> dict:
    return {
        "chantier": p.chantier.slug,
        "order": p.order,
        "name": _french(p.name_fr),
        "name_en": _english(p.name_en),
        "status": p.status,
        "start_date": _date(p.start_date),
        "end_date": _date(p.end_date),
    }


def _themes() -> QuerySet:
    return Theme.objects.current().order_by("order")


def _theme_row(t: Theme) -> dict:
    return {
        "slug": t.slug,
        "order": t.order,
        "name": _french(t.name_fr),
        "name_en": _english(t.name_en),
        "colour": t.colour,
    }


def _actions() -> QuerySet:
    return (
        RoadmapAction.objects.published()
        .select_related("chantier", "theme", "phase")
        .order_by("chantier__slug", "theme__order", "order", "pk")
    )


def _action_row(a: RoadmapAction) -> dict:
    return {
        "id": a.pk,
        "chantier": a.chantier.slug,
        "theme": a.theme.slug,
        "title": _french(a.title_fr),
        "title_en": _english(a.title_en),
        "description": _french(a.description_fr),
        "description_en": _english(a.description_en),
        "status": a.status,
        "progress": a.progress,
        "phase": a.phase.order if a.phase else None,
        "target_date": _date(a.target_date),
        "lead_organisations": a.lead_slugs,  # only those named publicly in this Chantier (attach_lead_names)
        "is_example": a.is_example,
        "updated_at": a.updated_at.isoformat(),
    }


def _partners() -> QuerySet:
    return (
        Partnership.objects.public()
        .select_related("organisation", "chantier")
        .order_by("chantier__slug", "role", "order", "organisation__name")
    )


def _partner_row(p: Partnership) -> dict:
    return {
        "organisation": p.organisation.slug,
        "name": p.organisation.name,
        "short_name": p.organisation.short_name,
        "kind": p.organisation.kind,
        "website": p.organisation.website,
        "chantier": p.chantier.slug,
        "role": p.role,
        "joined_on": _date(p.joined_on),
    }


def _sectors() -> QuerySet:
    return Sector.objects.order_by("order")


def _sector_row(s: Sector) -> dict:
    return {
        "code": s.code,
        "order": s.order,
        "name": _french(s.name_fr),
        "name_en": _english(s.name_en),
        "is_land_use": s.is_land_use,
    }


def _indicators() -> QuerySet:
    return Indicator.objects.select_related("normalised_by").prefetch_related("themes").order_by("order", "code")


def _indicator_row(i: Indicator) -> dict:
    return {
        "code": i.code,
        "name": _french(i.name_fr),
        "name_en": _english(i.name_en),
        "description": _french(i.description_fr),
        "description_en": _english(i.description_en),
        "unit": i.unit,
        "direction": i.direction,
        "normalised_by": i.normalised_by.code if i.normalised_by else None,
        "has_sectors": i.has_sectors,
        "themes": [theme.slug for theme in i.themes.all()],
    }


def _sources() -> QuerySet:
    return Source.objects.order_by("pk")


def _source_row(s: Source) -> dict:
    return {
        "id": s.pk,
        "publisher": s.publisher,
        "title": _french(s.title_fr),
        "title_en": _english(s.title_en),
        "url": s.url,
        "licence": s.licence,
        "published_on": _date(s.published_on),
        "methodology": _french(s.methodology_fr),
        "methodology_en": _english(s.methodology_en),
    }


def _values() -> QuerySet:
    return (
        Value.objects.published()
        .select_related("chantier", "indicator", "sector")
        .order_by("chantier__slug", "indicator__order", "year", "sector__order", "kind", "source_id")
    )


def _value_row(v: Value) -> dict:
    return {
        "chantier": v.chantier.slug,
        "indicator": v.indicator.code,
        "year": v.year,
        "sector": v.sector.code if v.sector else None,
        "kind": v.kind,
        "value": float(v.value),
        "unit": v.indicator.unit,
        "source": v.source_id,
        "is_example": v.is_example,
        "updated_at": v.updated_at.isoformat(),
    }


DATASETS = {
    dataset.name: dataset
    for dataset in [
        Dataset(
            "chantiers",
            "Chantiers",
            "Published Chantiers: status, program year, regions (official codes), territory, map point.",
            [
                Field("slug", "string", "Identifier used in URLs."),
                Field("name", "string", "Name of the Chantier."),
                Field("status", "string", "active, candidate or closed."),
                Field("cohort", "integer", "Program year the Chantier started in or is a candidate for."),
                Field("regions", "array", "Codes of Québec's administrative regions (01 to 17)."),
                Field("territory", "string", "Territory covered (French)."),
                Field("territory_en", "string", f"Territory covered: {ENGLISH}", nullable=True),
                Field("summary", "string", "One-sentence summary (French)."),
                Field("summary_en", "string", f"One-sentence summary: {ENGLISH}", nullable=True),
                Field("website", "string", "Website, if any."),
                Field("latitude", "number", "Map point latitude.", nullable=True),
                Field("longitude", "number", "Map point longitude.", nullable=True),
                Field("updated_at", "string", "Last change to the Chantier itself (ISO 8601)."),
            ],
            _chantiers,
            _chantier_row,
            NoFilter,
            summary=_(
                "Les Chantiers publiés : statut, année du projet, régions (codes officiels), territoire, "
                "point sur la carte."
            ),
        ),
        Dataset(
            "phases",
            "Phases",
            "Phases of each published Chantier, in order.",
            [
                Field("chantier", "string", "Chantier slug."),
                Field("order", "integer", "Position of the phase, from 1."),
                Field("name", "string", "Name of the phase (French)."),
                Field("name_en", "string", f"Name of the phase: {ENGLISH}", nullable=True),
                Field("status", "string", "upcoming, current or done."),
                Field("start_date", "string", "Start date (ISO 8601).", nullable=True),
                Field("end_date", "string", "End date (ISO 8601).", nullable=True),
            ],
            _phases,
            _phase_row,
            ChantierFilter,
            summary=_("Les phases de chaque Chantier publié, dans l’ordre."),
        ),
        Dataset(
            "themes",
            "Themes",
            "The 14 themes of the feuille de route, in order.",
            [
                Field("slug", "string", "Identifier used in URLs."),
                Field("order", "integer", "Position, from 1."),
                Field("name", "string", "French name."),
                Field(
                    "name_en", "string", "English name; null where there is none yet (formerly an empty string).", True
                ),
                Field("colour", "string", "Colour used on the site (#rrggbb)."),
            ],
            _themes,
            _theme_row,
            NoFilter,
            summary=_("Les 14 thèmes de la feuille de route, dans l’ordre."),
        ),
        Dataset(
            "actions",
            "Roadmap actions",
            "Published actions of the Chantiers' feuilles de route. is_example marks illustrative actions.",
            [
                Field("id", "integer", "Identifier."),
                Field("chantier", "string", "Chantier slug."),
                Field("theme", "string", "Theme slug."),
                Field("title", "string", "Title (French)."),
                Field("title_en", "string", f"Title: {ENGLISH}", nullable=True),
                Field("description", "string", "Description (French)."),
                Field("description_en", "string", f"Description: {ENGLISH}", nullable=True),
                Field("status", "string", "proposed, planned, in_progress, done or abandoned."),
                Field("progress", "integer", "Progress from 0 to 100."),
                Field("phase", "integer", "Order of the phase it belongs to.", nullable=True),
                Field("target_date", "string", "Target date (ISO 8601).", nullable=True),
                Field(
                    "lead_organisations",
                    "array",
                    "Slugs of the organisations leading it that are public partners of its Chantier.",
                ),
                Field("is_example", "boolean", "True for an illustrative action, not a real commitment."),
                Field("updated_at", "string", "Last change (ISO 8601)."),
            ],
            _actions,
            _action_row,
            ChantierThemeFilter,
            prepare=attach_lead_names,
            summary=_(
                "Les actions publiées des feuilles de route des Chantiers ; is_example marque les actions "
                "d’illustration."
            ),
        ),
        Dataset(
            "partners",
            "Partners",
            "Organisations and their role in each published Chantier.",
            [
                Field("organisation", "string", "Organisation slug."),
                Field("name", "string", "Organisation name."),
                Field("short_name", "string", "Acronym or short name."),
                Field("kind", "string", "Kind of organisation."),
                Field("website", "string", "Website, if any."),
                Field("chantier", "string", "Chantier slug."),
                Field("role", "string", "co_porteur, initial_partner or partner."),
                Field("joined_on", "string", "Date the partnership began (ISO 8601).", nullable=True),
            ],
            _partners,
            _partner_row,
            ChantierFilter,
            summary=_("Les organisations et leur rôle dans chaque Chantier publié."),
        ),
        Dataset(
            "sectors",
            "Inventory sectors",
            "Sectors of Québec's greenhouse-gas inventory; land use (is_land_use) may be negative, not in totals.",
            [
                Field("code", "string", "Identifier."),
                Field("order", "integer", "Position, from 1."),
                Field("name", "string", "French name."),
                Field("name_en", "string", f"Name: {ENGLISH}", nullable=True),
                Field(
                    "is_land_use", "boolean", "Land use and forestry (UTCATF/LULUCF): reported apart from the total."
                ),
            ],
            _sectors,
            _sector_row,
            NoFilter,
        ),
        Dataset(
            "indicators",
            "Indicators",
            "The diagnostic's shared catalogue of indicators.",
            [
                Field("code", "string", "Identifier."),
                Field("name", "string", "French name."),
                Field("name_en", "string", f"Name: {ENGLISH}", nullable=True),
                Field("description", "string", "What it measures (French)."),
                Field("description_en", "string", f"What it measures: {ENGLISH}", nullable=True),
                Field("unit", "string", "t_co2e, inhabitants, percent or tonnes."),
                Field("direction", "string", "down, up or none: the direction the program wants."),
                Field("normalised_by", "string", "Code of the indicator per-capita figures divide by.", nullable=True),
                Field("has_sectors", "boolean", "Whether values are given by inventory sector."),
                Field("themes", "array", "Slugs of the roadmap themes it belongs to."),
            ],
            _indicators,
            _indicator_row,
            IndicatorThemeFilter,
        ),
        Dataset(
            "sources",
            "Sources",
            "Where the values come from.",
            [
                Field("id", "integer", "Identifier, as in values.source."),
                Field("publisher", "string", "Publisher."),
                Field("title", "string", "Title (French)."),
                Field("title_en", "string", f"Title: {ENGLISH}", nullable=True),
                Field("url", "string", "Address, if any."),
                Field("licence", "string", "Licence, if known."),
                Field("published_on", "string", "Publication date (ISO 8601).", nullable=True),
                Field("methodology", "string", "Methodology note (French)."),
                Field("methodology_en", "string", f"Methodology note: {ENGLISH}", nullable=True),
            ],
            _sources,
            _source_row,
            NoFilter,
        ),
        Dataset(
            "values",
            "Indicator values",
            "Values of the published Chantiers' indicators by year (and sector): measured, target or estimate. "
            "A value that is not there is not available, never zero. Per-capita figures are not stored: divide by "
            "the population of the same year. is_example marks invented, illustrative figures.",
            [
                Field("chantier", "string", "Chantier slug."),
                Field("indicator", "string", "Indicator code."),
                Field("year", "integer", "Year."),
                Field("sector", "string", "Sector code, for indicators by sector.", nullable=True),
                Field("kind", "string", "measured, target or estimate."),
                Field("value", "number", "The value, in the indicator's unit."),
                Field("unit", "string", "The indicator's unit."),
                Field("source", "integer", "Id of its source (the sources dataset)."),
                Field("is_example", "boolean", "True for an invented, illustrative figure."),
                Field("updated_at", "string", "Last change (ISO 8601)."),
            ],
            _values,
            _value_row,
            ValueFilter,
        ),
    ]
}


class InvalidQuery(Exception):
    """Query parameters that are not valid: `errors` maps each one to its messages, in the reader's language."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(", ".join(errors))
        self.errors = errors


def filtered(dataset: Dataset, params) -> QuerySet:
    """The dataset's queryset narrowed by its filters; InvalidQuery for a value that is not valid."""
    filterset = dataset.filterset(params, queryset=dataset.queryset())
    if not filterset.is_valid():
        raise InvalidQuery(
            {name: [str(message) for message in messages] for name, messages in filterset.errors.items()}
        )
    return filterset.qs
