"""The diagnostic's public pages: the section of a Chantier's page, and the comparison of territories."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from chantiers.diagnostic import catalogue, charts
from chantiers.diagnostic.forms import ComparisonForm
from chantiers.diagnostic.models import Indicator, Sector, Unit
from chantiers.diagnostic.reports import chantier_report, comparison
from chantiers.diagnostic.templatetags.diagnostic import number
from chantiers.models import Chantier
from zen.web.cache import CHOICE, INTEGER, public_page

# The comparison's query parameters (zen/web/cache.py): the page's key, and all its form reads.
COMPARISON_QUERY = {"indicator": CHOICE, "sector": CHOICE, "year": INTEGER, "per": CHOICE}


def section_context(chantier: Chantier) -> dict:
    """What templates/diagnostic/section.html needs, in two queries."""
    report = chantier_report(chantier)
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
