"""What the diagnostic pages show, computed when read from the stored values.

The rules a reader relies on live here:
- a figure that is not stored is not available (None, shown "n.d."), never zero;
- a per-capita figure divides by the population of the same year, and is None when
  that population is missing: no year's population stands in for another's;
- the inventory's total is the stored total where there is one, else the sum of its
  sectors when every sector but land use is there; land use (UTCATF) is never in it;
- where a stored total and its sectors' sum disagree, the report says so.

One Chantier's report costs two queries whatever the number of values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q

from chantiers.diagnostic import catalogue
from chantiers.diagnostic.models import Indicator, Kind, Sector, Source, Value
from chantiers.models import Chantier

# A stored total and its sectors' sum may differ by rounding: more than this is a disagreement.
TOLERANCE = Decimal("0.005")  # half a percent of the total
PER_CAPITA_DECIMALS = 2


@dataclass
class Figure:
    """A value as shown: its number (None: not available), where it comes from, whether it is an example."""

    value: Decimal | None
    year: int
    kind: str = Kind.MEASURED
    source: Source | None = None
    is_example: bool = False

    @property
    def is_estimate(self) -> bool:
        return self.kind == Kind.ESTIMATE


def _preferred(values: Iterable[Value]) -> Value:
    """Of several sources for one figure, the most recently published (then the last entered)."""
    return max(values, key=lambda v: (v.kind == Kind.MEASURED, v.source.published_on or date.min, v.pk))


def _figure(value: Value | None, year: int) -> Figure:
    if value is None:
        return Figure(None, year)
    return Figure(value.value, year, value.kind, value.source, value.is_example)


def _divide(numerator: Figure, denominator: Figure) -> Figure:
    if numerator.value is None or denominator.value is None or denominator.value <= 0:
        return Figure(None, numerator.year)
    return Figure(
        numerator.value / denominator.value,
        numerator.year,
        Kind.ESTIMATE if Kind.ESTIMATE in (numerator.kind, denominator.kind) else Kind.MEASURED,
        numerator.source,
        numerator.is_example or denominator.is_example,
    )


@dataclass
class InventoryYear:
    year: int
    sectors: list[tuple[Sector, Figure]]  # every sector, land use last, in the catalogue's order
    land_use: Figure | None
    stored_total: Figure
    sector_sum: Decimal | None  # of the sectors that have a figure, land use excluded
    complete: bool  # every sector but land use has a figure
    population: Figure
    total: Figure = field(init=False)
    per_capita: Figure = field(init=False)

    def __post_init__(self) -> None:
        if self.stored_total.value is not None:
            self.total = self.stored_total
        elif self.complete and self.sector_sum is not None:
            figures = [figure for _sector, figure in self.sectors if figure.value is not None]
            self.total = Figure(
                self.sector_sum,
                self.year,
                Kind.ESTIMATE if any(f.is_estimate for f in figures) else Kind.MEASURED,
                figures[0].source,
                any(f.is_example for f in figures),
            )
        else:
            self.total = Figure(None, self.year)
        self.per_capita = _divide(self.total, self.population)

    @property
    def disagrees(self) -> bool:
        """A stored total that its sectors' sum does not match (beyond rounding)."""
        if self.stored_total.value is None or self.sector_sum is None:
            return False
        difference = abs(self.stored_total.value - self.sector_sum)
        return difference > abs(self.stored_total.value) * TOLERANCE

    @property
    def figures(self) -> list[Figure]:
        return [figure for _sector, figure in self.sectors] + [self.stored_total, self.population]


@dataclass
class KeyIndicator:
    indicator: Indicator
    latest: Figure
    previous: Figure | None

    @property
    def trend(self) -> str | None:
        """ "up", "down" or "flat" from the previous figure; None with only one."""
        if self.previous is None or self.latest.value is None or self.previous.value is None:
            return None
        if self.latest.value == self.previous.value:
            return "flat"
        return "up" if self.latest.value > self.previous.value else "down"

    @property
    def trend_is_good(self) -> bool | None:
        if self.trend in (None, "flat") or self.indicator.direction == Indicator.Direction.NONE:
            return None
        return self.trend == self.indicator.direction


@dataclass
class Report:
    chantier: Chantier
    sectors: list[Sector]
    years: list[InventoryYear]
    targets: list[Figure]
    key_indicators: list[KeyIndicator]
    total_indicator: Indicator | None
    sector_indicator: Indicator | None

    @property
    def is_empty(self) -> bool:
        return not (self.years or self.targets or self.key_indicators)

    @property
    def has_examples(self) -> bool:
        figures = [f for year in self.years for f in year.figures] + self.targets
        figures += [k.latest for k in self.key_indicators]
        return any(figure.is_example for figure in figures)

    @property
    def sector_rows(self) -> list[tuple[Sector, list[Figure]]]:
        """The inventory as a table: each sector with its figure of every year, in the years' order."""
        return [(sector, [year.sectors[index][1] for year in self.years]) for index, sector in enumerate(self.sectors)]

    @property
    def disagreements(self) -> list[InventoryYear]:
        return [year for year in self.years if year.disagrees]

    @property
    def latest(self) -> InventoryYear | None:
        """The last year with a total."""
        with_total = [year for year in self.years if year.total.value is not None]
        return with_total[-1] if with_total else None

    @property
    def sources(self) -> list[Source]:
        """Every source of the inventory's figures, once each, in the order first met."""
        seen: dict[int, Source] = {}
        for figure in [f for year in self.years for f in year.figures] + self.targets:
            if figure.source is not None:
                seen.setdefault(figure.source.pk, figure.source)
        return list(seen.values())


def values_of(chantier: Chantier) -> list[Value]:
    """A Chantier's values with their indicators, sectors and sources; in the order entered.

    Not in the model's order, which joins three tables to sort what the report sorts itself.
    """
    return list(Value.objects.filter(chantier=chantier).select_related("indicator", "sector", "source").order_by("pk"))


def chantier_report(chantier: Chantier, values: list[Value] | None = None) -> Report:
    """The diagnostic of one Chantier, in two queries (the values, the sectors)."""
    values = values_of(chantier) if values is None else values
    sectors = list(Sector.objects.all())
    by_key: dict[tuple[str, int | None, int, bool], list[Value]] = {}
    indicators: dict[str, Indicator] = {}
    for value in values:
        indicators[value.indicator.code] = value.indicator
        target = value.kind == Kind.TARGET
        by_key.setdefault((value.indicator.code, value.sector_id, value.year, target), []).append(value)

    def figure(code: str, year: int, sector: Sector | None = None, target: bool = False) -> Figure:
        found = by_key.get((code, sector.pk if sector else None, year, target))
        return _figure(_preferred(found) if found else None, year)

    inventory_codes = {catalogue.TOTAL, catalogue.BY_SECTOR}
    years_with_inventory = sorted(
        {year for code, _sector, year, target in by_key if code in inventory_codes and not target}
    )
    years = []
    for year in years_with_inventory:
        by_sector = [(sector, figure(catalogue.BY_SECTOR, year, sector)) for sector in sectors]
        counted = [f.value for sector, f in by_sector if not sector.is_land_use and f.value is not None]
        land_use = [f for sector, f in by_sector if sector.is_land_use]
        years.append(
            InventoryYear(
                year=year,
                sectors=by_sector,
                land_use=land_use[0] if land_use else None,
                stored_total=figure(catalogue.TOTAL, year),
                sector_sum=sum(counted, Decimal(0)) if counted else None,
                complete=len(counted) == len([s for s in sectors if not s.is_land_use]),
                population=figure(catalogue.POPULATION, year),
            )
        )
    targets = sorted(
        (figure(code, year, None, True) for code, sector, year, target in by_key if target and code == catalogue.TOTAL),
        key=lambda f: f.year,
    )

    key_indicators = []
    for code, indicator in sorted(indicators.items(), key=lambda item: (item[1].order, item[0])):
        if code in inventory_codes:
            continue
        measured = sorted(year for c, sector, year, target in by_key if c == code and sector is None and not target)
        if not measured:
            continue
        latest = figure(code, measured[-1])
        previous = figure(code, measured[-2]) if len(measured) > 1 else None
        key_indicators.append(KeyIndicator(indicator, latest, previous))

    return Report(
        chantier=chantier,
        sectors=sectors,
        years=years,
        targets=targets,
        key_indicators=key_indicators,
        total_indicator=indicators.get(catalogue.TOTAL),
        sector_indicator=indicators.get(catalogue.BY_SECTOR),
    )


@dataclass
class Row:
    """One Chantier in a comparison: its figure (None: not available) and what it was divided by."""

    chantier: Chantier
    figure: Figure
    population: Figure | None = None


@dataclass
class Comparison:
    indicator: Indicator
    year: int | None
    sector: Sector | None
    per_capita: bool
    rows: list[Row]  # with a figure, largest first
    missing: list[Chantier]  # published Chantiers without one, by name
    years: list[int]  # the years any Chantier has this indicator

    @property
    def has_examples(self) -> bool:
        return any(row.figure.is_example for row in self.rows)

    @property
    def sources(self) -> list[Source]:
        seen: dict[int, Source] = {}
        for row in self.rows:
            if row.figure.source is not None:
                seen.setdefault(row.figure.source.pk, row.figure.source)
        return list(seen.values())


def comparison(indicator: Indicator, year: int | None, *, per_capita: bool, sector: Sector | None = None) -> Comparison:
    """One indicator across every published Chantier for one year (the latest any has, by default).

    Three queries: the years, the values of that year (with the same year's
    populations for per-capita figures), the Chantiers.
    """
    measured = Value.objects.published().filter(indicator=indicator, sector=sector).exclude(kind=Kind.TARGET)
    years = sorted(set(measured.values_list("year", flat=True)), reverse=True)
    if year is None and years:
        year = years[0]
    per_capita = per_capita and indicator.normalised_by_id is not None
    wanted = Q(indicator=indicator, sector=sector)
    if per_capita:
        wanted |= Q(indicator_id=indicator.normalised_by_id, sector=None)
    found: dict[tuple[int, int], list[Value]] = {}
    if year is not None:
        matching = Value.objects.published().filter(wanted, year=year).exclude(kind=Kind.TARGET)
        for value in matching.select_related("source"):
            found.setdefault((value.chantier_id, value.indicator_id), []).append(value)
    rows, missing = [], []
    for chantier in Chantier.objects.published().order_by("name"):
        values = found.get((chantier.pk, indicator.pk))
        if not values:
            missing.append(chantier)
            continue
        shown = _figure(_preferred(values), year or 0)
        population = None
        if per_capita:
            divisors = found.get((chantier.pk, indicator.normalised_by_id or 0))
            population = _figure(_preferred(divisors) if divisors else None, year or 0)
            shown = _divide(shown, population)
        rows.append(Row(chantier, shown, population))
    rows.sort(key=lambda row: (row.figure.value is None, -(row.figure.value or 0), row.chantier.name))
    return Comparison(indicator, year, sector, per_capita, rows, missing, years)
