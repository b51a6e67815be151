"""The diagnostic's public pages: the section of a Chantier's page, and the comparison of territories."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from chantiers.diagnostic import catalogue, charts
from chantiers.diagnostic.forms import ComparisonForm
from chantiers.diagnostic.models import Indicator, Sector, Unit, Value
from chantiers.diagnostic.reports import Report, chantier_report, comparison, values_of
from chantiers.diagnostic.templatetags.diagnostic import number
from chantiers.models import Chantier
from zen.web.cache import CHOICE, INTEGER, public_page
from zen.web.fragments import cached_fragments, row_values

# The comparison's query parameters (zen/web/cache.py): the page's key, and all its form reads.
COMPARISON_QUERY = {"indicator": CHOICE, "sector": CHOICE, "year": INTEGER, "per": CHOICE}


@dataclass(frozen=True)
class Section:
    """A Chantier page's Diagnostic section: its report (the page asks whether it is empty) and its HTML."""

    report: Report
    html: SafeString


def chantier_section(chantier: Chantier) -> Section:
    """The section, in two queries; its charts and tables are drawn once per content (zen/web/fragments.py).

    Drawing them is most of the section's cost, and an edit elsewhere on the page
    (an action, a partner) leaves the diagnostic as it was.
    """
    values = values_of(chantier)
    report = chantier_report(chantier, values)
    (html,) = cached_fragments(
        "diagnostic-section",
        [report],
        lambda report: section_content(report, values),
        lambda report: render_to_string("diagnostic/section.html", section_context(report)),
    )
    return Section(report, html)


def section_content(report: Report, values: list[Value]) -> Hashable:
    """Everything the section is drawn from: the Chantier, its values with their indicators, sectors and sources."""
    related = {row for value in values for row in (value.indicator, value.sector, value.source) if row is not None}
    rows = [report.chantier, *report.sectors, *values, *sorted(related, key=lambda row: (row._meta.label, row.pk))]
    return tuple(row_values(row) for row in rows)


def section_context(report: Report) -> dict:
    """What templates/diagnostic/section.html needs to draw `report`."""
    chantier = report.chantier
    unit_total = Unit.T_CO2E.label
    unit_per_capita = str(_("t éq. CO2 par habitant"))
    context = {"report": report, "unit_total": unit_total, "unit_per_capita": unit_per_capita}
    if report.is_empty:
        return context
    years = [year.year for year in report.years]
    latest = report.latest
    name = chantier.display_name
    context["charts"] = {
        "sectors": charts.sector_bars(report),
        "per_capita": charts.per_capita_bars(report),
        "trajectory": charts.trajectory(report),
    }
    span = {"first": years[0], "last": years[-1]} if years else {"first": "", "last": ""}
    context["titles"] = {
        "sectors": _("Émissions de GES par secteur, %(name)s") % {"name": name},
        "trajectory": _("Trajectoire des émissions vers la cible, %(name)s") % {"name": name},
        "per_capita": _("Émissions de GES par habitant, %(name)s") % {"name": name},
    }
    total_text = _("total non disponible")
    if latest:
        total_text = _("%(value)s %(unit)s en %(year)s") % {
            "value": number(latest.total.value),
            "unit": unit_total,
            "year": latest.year,
        }
    targets = "; ".join(
        _("cible %(year)s : %(value)s %(unit)s") % {"year": t.year, "value": number(t.value), "unit": unit_total}
        for t in report.targets
    )
    per_capita = "; ".join(f"{year.year} : {number(year.per_capita.value, 2)}" for year in report.years)
    context["descriptions"] = {
        "sectors": _(
            "Barres empilées par secteur, de %(first)s à %(last)s ; l’affectation des terres est à part. "
            "Total : %(total)s."
        )
        % (span | {"total": total_text}),
        "trajectory": _("Total mesuré : %(total)s ; %(targets)s.") % {"total": total_text, "targets": targets},
        "per_capita": _("Émissions par habitant (%(unit)s) : %(values)s.")
        % {"unit": unit_per_capita, "values": per_capita},
    }
    return context


@public_page(query=COMPARISON_QUERY)
def compare(request: HttpRequest) -> HttpResponse:
    """One indicator across the Chantiers, for one year, per inhabitant or absolute."""
    form = ComparisonForm(request.GET)
    if not form.is_valid():
        return render(request, "diagnostic/compare.html", {"form": form}, status=400)
    indicator: Indicator = form.cleaned_data["indicator"] or Indicator.objects.get(code=catalogue.TOTAL)
    sector: Sector | None = None
    if indicator.has_sectors:
        sector = form.cleaned_data["sector"] or Sector.objects.get(code="transport")
    per_capita = form.cleaned_data["per"] != "total"
    result = comparison(indicator, form.cleaned_data["year"], per_capita=per_capita, sector=sector)
    decimals = 2 if result.per_capita else indicator.decimals
    unit = indicator.per_capita_unit if result.per_capita else indicator.get_unit_display()
    chart = charts.comparison_bars(result)
    return render(
        request,
        "diagnostic/compare.html",
        {"form": form, "result": result, "chart": chart, "decimals": decimals, "unit": unit, "indicator": indicator},
    )
