"""The charts' geometry, computed here and drawn by templates (templates/diagnostic/charts/).

Charts are inline SVG: no script, no inline style (the CSP forbids both); colours
come from CSS classes (static/css/site.css, `.chart .sector-<code>`), and each
sector also has its own pattern, so the chart reads without colour. Coordinates are
in the SVG's viewBox units, rounded to a tenth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from chantiers.diagnostic.reports import Comparison, Figure, Report

WIDTH = 640
HEIGHT = 300
LEFT = 112  # room for the value axis’ labels
RIGHT = 16
TOP = 16
BOTTOM = 36  # room for the years
TICKS = 5
MAX_LABELLED_STACKS = 5

# One pattern per sector, drawn over its colour (templates/diagnostic/charts/patterns.svg).
PATTERNS = {
    "transport": "diagonal",
    "industrie": "horizontal",
    "residentiel-commercial-institutionnel": "dots",
    "agriculture": "vertical",
    "dechets": "cross",
    "electricite": "antidiagonal",
    "utcatf": "none",
}


def _r(value: float) -> float:
    return round(value, 1)


def nice_step(span: float, ticks: int = TICKS) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over `span`."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


@dataclass
class Scale:
    """Values from `low` to `high` onto the plot's height, rounded out to whole steps."""

    low: float
    high: float
    intervals: int = TICKS
    step: float = field(init=False)

    def __post_init__(self) -> None:
        self.step = nice_step(self.high - self.low, self.intervals)
        self.low = math.floor(self.low / self.step) * self.step
        self.high = max(math.ceil(self.high / self.step) * self.step, self.low + self.step)

    def y(self, value: float) -> float:
        plot = HEIGHT - TOP - BOTTOM
        return _r(TOP + plot * (self.high - value) / (self.high - self.low))

    @property
    def decimals(self) -> int:
        """Enough decimals for the gridlines' labels to differ, and no more."""
        return max(0, -math.floor(math.log10(self.step))) if self.step < 1 else 0

    @property
    def ticks(self) -> list[tuple[float, float]]:
        """(value, y) of each gridline."""
        count = round((self.high - self.low) / self.step)
        return [(self.low + i * self.step, self.y(self.low + i * self.step)) for i in range(count + 1)]


@dataclass
class Segment:
    x: float
    y: float
    width: float
    height: float
    css: str  # the sector's code, or "total"
    pattern: str
    label: str  # the sector's name
    figure: Figure


@dataclass
class Column:
    year: int
    x: float  # centre of the year's band
    segments: list[Segment]
    missing: bool  # no figure at all this year: "n.d." is written instead
    label: Decimal | None = None  # written above the bar: the year's total, or its value
    label_y: float = 0.0


@dataclass
class BarChart:
    columns: list[Column]
    ticks: list[tuple[float, float]]
    zero: float
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: float = WIDTH - RIGHT
    baseline: float = HEIGHT - BOTTOM
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (css, pattern, label)
    tick_x: int = LEFT - 8
    tick_decimals: int = 0


def _bands(count: int) -> tuple[float, float]:
    """The first band's left edge and each band's width."""
    band = (WIDTH - LEFT - RIGHT) / max(count, 1)
    return LEFT, band


def _f(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def sector_bars(report: Report) -> BarChart:
    """Emissions by sector, stacked, year by year; land use drawn apart, beside each stack, up or down."""
    years = report.years
    highs, lows = [0.0], [0.0]
    for year in years:
        stacked = sum(_f(f.value) for s, f in year.sectors if not s.is_land_use and f.value is not None and f.value > 0)
        if not any(f.value is not None for s, f in year.sectors if not s.is_land_use):
            stacked = _f(year.total.value)
        highs.append(stacked)
        if year.land_use is not None and year.land_use.value is not None:
            (highs if year.land_use.value > 0 else lows).append(_f(year.land_use.value))
    scale = Scale(min(lows), max(highs))
    start, band = _bands(len(years))
    bar = band * 0.5
    columns = []
    for index, year in enumerate(years):
        centre = start + band * (index + 0.5)
        left = centre - bar * 0.6
        segments = []
        level = 0.0
        for sector, figure in year.sectors:
            if figure.value is None:
                continue
            if sector.is_land_use:
                value = _f(figure.value)
                top, bottom = scale.y(max(value, 0)), scale.y(min(value, 0))
                segments.append(
                    Segment(
                        _r(left + bar + 2),
                        top,
                        _r(bar * 0.35),
                        _r(bottom - top),
                        sector.code,
                        PATTERNS.get(sector.code, "none"),
                        sector.name,
                        figure,
                    )
                )
            elif figure.value > 0:
                top, bottom = scale.y(level + _f(figure.value)), scale.y(level)
                level += _f(figure.value)
                segments.append(
                    Segment(
                        _r(left),
                        top,
                        _r(bar),
                        _r(bottom - top),
                        sector.code,
                        PATTERNS.get(sector.code, "none"),
                        sector.name,
                        figure,
                    )
                )
        if not segments and year.total.value is not None:
            top, bottom = scale.y(_f(year.total.value)), scale.y(0)
            segments.append(Segment(_r(left), top, _r(bar), _r(bottom - top), "total", "none", "", year.total))
        top = min((segment.y for segment in segments if segment.css != "utcatf"), default=scale.y(0))
        # A total above each stack while they fit side by side (seven digits); the table has them all.
        label = year.total.value if len(years) <= MAX_LABELLED_STACKS else None
        columns.append(Column(year.year, _r(centre), segments, not segments, label, top))
    legend = [(s.code, PATTERNS.get(s.code, "none"), s.name) for s in report.sectors]
    return BarChart(columns, scale.ticks, scale.y(0), legend=legend, tick_decimals=scale.decimals)


def per_capita_bars(report: Report) -> BarChart:
    """Emissions per inhabitant, year by year; a year without its population says "n.d."."""
    years = report.years
    values = [_f(year.per_capita.value) for year in years if year.per_capita.value is not None]
    scale = Scale(min([0.0, *values]), max([0.0, *values]))
    start, band = _bands(len(years))
    bar = band * 0.5
    columns = []
    for index, year in enumerate(years):
        centre = start + band * (index + 0.5)
        segments = []
        if year.per_capita.value is not None:
            value = _f(year.per_capita.value)
            top, bottom = scale.y(max(value, 0)), scale.y(min(value, 0))
            segments.append(
                Segment(_r(centre - bar / 2), top, _r(bar), _r(bottom - top), "total", "none", "", year.per_capita)
            )
        top = segments[0].y if segments else scale.y(0)
        columns.append(Column(year.year, _r(centre), segments, not segments, year.per_capita.value, top))
    return BarChart(columns, scale.ticks, scale.y(0), tick_decimals=scale.decimals)


@dataclass
class Point:
    x: float
    y: float
    figure: Figure

    @property
    def anchor(self) -> str:
        """Where its label hangs: ending at the point near the right edge, so it is not cut."""
        return "end" if self.x > WIDTH - RIGHT - 70 else "middle"

    @property
    def diamond(self) -> str:
        """A target's marker: a diamond, where measured totals are circles."""
        x, y = self.x, self.y
        return f"{x},{_r(y - 7)} {_r(x + 7)},{y} {x},{_r(y + 7)} {_r(x - 7)},{y}"


@dataclass
class LineChart:
    measured: list[Point]
    targets: list[Point]
    ticks: list[tuple[float, float]]
    years: list[tuple[int, float]]  # (year, x) of the labelled years
    zero: float
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: float = WIDTH - RIGHT
    baseline: float = HEIGHT - BOTTOM
    tick_x: int = LEFT - 8
    tick_decimals: int = 0

    @property
    def measured_path(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.measured)

    @property
    def target_path(self) -> str:
        """From the last measured total to each target in turn."""
        points = ([self.measured[-1]] if self.measured else []) + self.targets
        return " ".join(f"{p.x},{p.y}" for p in points)


def trajectory(report: Report) -> LineChart:
    """The totals measured so far and the targets, on a scale of years."""
    measured = [year.total for year in report.years if year.total.value is not None]
    targets = [target for target in report.targets if target.value is not None]
    every = measured + targets
    first = min((f.year for f in every), default=2000)
    last = max((f.year for f in every), default=first + 1)
    last = max(last, first + 1)
    scale = Scale(min([0.0, *(_f(f.value) for f in every)]), max([0.0, *(_f(f.value) for f in every)]))

    def x(year: int) -> float:
        return _r(LEFT + 12 + (WIDTH - LEFT - RIGHT - 24) * (year - first) / (last - first))

    labelled = sorted({f.year for f in every})
    return LineChart(
        measured=[Point(x(f.year), scale.y(_f(f.value)), f) for f in measured],
        targets=[Point(x(f.year), scale.y(_f(f.value)), f) for f in targets],
        ticks=scale.ticks,
        years=[(year, x(year)) for year in labelled],
        zero=scale.y(0),
        tick_decimals=scale.decimals,
    )


@dataclass
class HorizontalBar:
    name: str
    y: float  # top of the bar (its row's top, and a margin)
    x: float
    width: float
    text_y: float
    value_x: float
    figure: Figure


@dataclass
class HorizontalChart:
    bars: list[HorizontalBar]
    ticks: list[tuple[float, float]]  # (value, x)
    zero: float
    width: int
    height: int
    label_x: int
    top: int = TOP
    bottom: float = 0.0
    tick_decimals: int = 0


COMPARISON_WIDTH = 760
COMPARISON_LABELS = 300  # room for the Chantiers' names
ROW = 34


def comparison_bars(result: Comparison) -> HorizontalChart:
    """One bar per Chantier with a figure, largest first; the names on the left, the value after the bar."""
    rows = result.rows
    values = [_f(row.figure.value) for row in rows if row.figure.value is not None]
    scale = Scale(min([0.0, *values]), max([0.0, *values]), intervals=3)  # room for long labels side by side
    plot = COMPARISON_WIDTH - COMPARISON_LABELS - 90  # and room for the value after the longest bar

    def x(value: float) -> float:
        return _r(COMPARISON_LABELS + plot * (value - scale.low) / (scale.high - scale.low))

    bars = []
    for index, row in enumerate(rows):
        top = TOP + index * ROW
        value = _f(row.figure.value)
        left, right = x(min(value, 0)), x(max(value, 0))
        if row.figure.value is None:
            left = right = x(0)
        bars.append(
            HorizontalBar(
                row.chantier.display_name, top + 6, left, _r(right - left), top + ROW / 2, right + 6, row.figure
            )
        )
    height = TOP + len(rows) * ROW + 28
    chart = HorizontalChart(
        bars,
        [(value, x(value)) for value, _y in scale.ticks],
        x(0),
        COMPARISON_WIDTH,
        height,
        COMPARISON_LABELS - 8,
        tick_decimals=scale.decimals,
    )
    chart.bottom = TOP + len(rows) * ROW
    return chart
