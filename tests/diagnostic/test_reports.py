"""What the diagnostic computes when read: per-capita figures, totals, and what is not available."""

from decimal import Decimal

import pytest

from chantiers.diagnostic.models import Indicator, Sector, Value
from chantiers.diagnostic.reports import chantier_report, comparison


@pytest.fixture
def put(laval, source):
    def put(indicator, year, value, sector=None, kind="measured", chantier=None):
        return Value.objects.create(
            chantier=chantier or laval,
            indicator=Indicator.objects.get(code=indicator),
            sector=Sector.objects.get(code=sector) if sector else None,
            year=year,
            kind=kind,
            source=source,
            value=value,
        )

    return put


@pytest.fixture
def blank_laval(laval):
    laval.indicator_values.all().delete()
    return laval


def test_per_capita_uses_the_population_of_the_same_year(blank_laval, put):
    put("ges-total", 2020, 1000)
    put("population", 2020, 400)
    report = chantier_report(blank_laval)
    assert report.years[0].per_capita.value == Decimal("2.5")


def test_per_capita_is_not_available_without_that_years_population(blank_laval, put):
    put("ges-total", 2020, 1000)
    put("ges-total", 2021, 900)
    put("population", 2020, 400)  # none for 2021: 2020's is not carried over
    report = chantier_report(blank_laval)
    assert [year.per_capita.value for year in report.years] == [Decimal("2.5"), None]


def test_a_missing_sector_is_not_available_never_zero(blank_laval, put):
    put("ges-secteur", 2020, 500, sector="transport")
    put("ges-secteur", 2020, 0, sector="dechets")
    year = chantier_report(blank_laval).years[0]
    figures = {sector.code: figure.value for sector, figure in year.sectors}
    assert figures["transport"] == 500
    assert figures["dechets"] == 0
    assert figures["industrie"] is None
    # Without every sector nor a stored total, the total is not available either.
    assert year.total.value is None
    assert year.per_capita.value is None


def test_the_total_is_the_sum_of_every_sector_but_land_use(blank_laval, put):
    for code in ["transport", "industrie", "residentiel-commercial-institutionnel", "agriculture", "dechets"]:
        put("ges-secteur", 2020, 100, sector=code)
    put("ges-secteur", 2020, 0, sector="electricite")
    put("ges-secteur", 2020, -300, sector="utcatf")
    year = chantier_report(blank_laval).years[0]
    assert year.total.value == 500
    assert year.land_use.value == -300
    assert not year.disagrees


def test_a_stored_total_that_its_sectors_do_not_add_up_to_is_flagged(blank_laval, put):
    put("ges-total", 2020, 1000)
    put("ges-secteur", 2020, 600, sector="transport")
    put("ges-secteur", 2020, 300, sector="industrie")
    report = chantier_report(blank_laval)
    assert report.years[0].total.value == 1000  # the stored total is what is shown
    assert report.years[0].sector_sum == 900
    assert [year.year for year in report.disagreements] == [2020]


def test_a_rounding_difference_is_not_a_disagreement(blank_laval, put):
    put("ges-total", 2020, 1000)
    put("ges-secteur", 2020, 999, sector="transport")
    assert chantier_report(blank_laval).disagreements == []


def test_targets_and_key_indicators_with_their_trend(blank_laval, put):
    put("ges-total", 2020, 1000)
    put("ges-total", 2030, 600, kind="target")
    put("deplacements-durables", 2016, "20.0")
    put("deplacements-durables", 2021, "18.5")
    report = chantier_report(blank_laval)
    assert [(target.year, target.value) for target in report.targets] == [(2030, 600)]
    [key] = [k for k in report.key_indicators if k.indicator.code == "deplacements-durables"]
    assert key.latest.value == Decimal("18.5")
    assert key.trend == "down"
    assert key.trend_is_good is False  # more sustainable commutes are wanted


def test_the_report_takes_two_queries_whatever_the_number_of_values(blank_laval, put, django_assert_num_queries):
    for year in range(2012, 2022):
        put("population", year, 1000 + year)
        for sector in Sector.objects.all():
            put("ges-secteur", year, 10, sector=sector.code)
    with django_assert_num_queries(2):
        report = chantier_report(blank_laval)
    assert len(report.years) == 10


def test_comparison_per_capita_lists_territories_without_data(blank_laval, lachine, put):
    lachine.indicator_values.all().delete()
    put("ges-total", 2021, 1000)
    put("population", 2021, 100)
    put("ges-total", 2021, 600, chantier=lachine)
    put("population", 2021, 30, chantier=lachine)
    result = comparison(Indicator.objects.get(code="ges-total"), 2021, per_capita=True)
    assert [(row.chantier.slug, row.figure.value) for row in result.rows[:2]] == [
        ("climaction-lachine", 20),
        ("laval-zen", 10),
    ]
    assert "outaouais" in [chantier.slug for chantier in result.missing]


def test_comparison_per_capita_without_population_is_not_available(blank_laval, put):
    put("ges-total", 2021, 1000)
    put("population", 2020, 100)
    result = comparison(Indicator.objects.get(code="ges-total"), 2021, per_capita=True)
    [row] = [row for row in result.rows if row.chantier == blank_laval]
    assert row.figure.value is None


def test_the_seed_gives_each_active_chantier_an_inventory_and_a_target_as_examples(seeded):
    from chantiers.models import Chantier

    for chantier in Chantier.objects.active():
        report = chantier_report(chantier)
        assert len(report.years) >= 3
        assert report.targets
        assert all(len(year.sectors) == 7 for year in report.years)
        assert report.has_examples
    assert not Value.objects.filter(is_example=False).exists()
