"""The Diagnostic section of a Chantier's page and the comparison page, as a visitor reads them."""

import re

import pytest
from django.urls import reverse

from chantiers.diagnostic.models import Indicator, Sector, Value

# The Chantier page with its diagnostic, uncached: the page before the diagnostic, and two more
# queries (the values, the sectors).
CHANTIER_PAGE_QUERIES = 12


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def laval_page(laval):
    return reverse("chantiers:detail", args=[laval.slug])


def test_the_section_shows_the_inventory_with_its_charts_tables_and_sources(client, laval_page):
    html = page(client, laval_page)
    section = html[html.index('id="diagnostic"') :]
    assert "Émissions par secteur" in section
    assert section.count('role="img"') == 3
    for name in ["dg-secteurs", "dg-trajectoire", "dg-habitant"]:
        assert f'aria-labelledby="{name}-titre {name}-desc"' in section
        assert f'<title id="{name}-titre">' in section and f'<desc id="{name}-desc">' in section
        assert f'<caption id="{name}-table">' in section
    assert "Source :" in section and "Collectivités ZéN" in section
    assert "/donnees/values.csv?chantier=laval-zen&amp;indicator=ges-secteur" in section


def test_example_figures_are_labelled_in_captions_tables_and_charts(client, laval_page):
    section = page(client, laval_page).split('id="diagnostic"')[1]
    assert "ce ne sont pas les émissions réelles du territoire" in section
    assert re.search(r"<caption[^>]*>Émissions par secteur \(t éq\. CO2\) — Exemple", section)
    assert re.search(r"<title id=\"dg-secteurs-titre\">[^<]*\(exemple\)</title>", section)


def test_numbers_and_units_are_written_for_the_language(client, laval):
    french = page(client, reverse("chantiers:detail", args=[laval.slug]))
    assert "1\xa0827\xa0476\xa0t éq. CO2" in french  # Laval's 2021 example total
    with_english = client.get("/en" + reverse("chantiers:detail", args=[laval.slug])).content.decode()
    assert "1,827,476\xa0t CO2e" in with_english


def test_zero_is_zero_and_missing_is_not_available(client, laval):
    Value.objects.filter(chantier=laval, indicator__code="population", year=2018).delete()
    agriculture = Value.objects.get(
        chantier=laval, indicator__code="ges-secteur", sector__code="agriculture", year=2021
    )
    agriculture.value = 0
    agriculture.save()
    section = page(client, reverse("chantiers:detail", args=[laval.slug])).split('id="diagnostic"')[1]
    table = section[section.index('id="dg-habitant-table"') :]
    row_2018 = table[table.index('<th scope="row">2018</th>') :].split("</tr>")[0]
    assert row_2018.count("n.d.") == 2  # the population, and so the per-capita figure
    sectors = section[section.index('id="dg-secteurs-table"') :]
    agriculture_row = sectors[sectors.index(">Agriculture<") :].split("</tr>")[0]
    assert "<td>0</td>" in agriculture_row


def test_the_page_says_when_the_sectors_do_not_add_up_to_the_total(client, laval):
    total = Value.objects.get(chantier=laval, indicator__code="ges-total", year=2021, kind="measured")
    total.value = 3_000_000
    total.save()
    html = page(client, reverse("chantiers:detail", args=[laval.slug]))
    assert "En 2021, la somme des secteurs ne correspond pas au total publié" in html


def test_the_charts_need_no_inline_style_nor_script(client, laval_page):
    section = page(client, laval_page).split('id="diagnostic"')[1].split("</section>")[0]
    assert "style=" not in section
    assert "<script" not in section


def test_a_chantier_without_values_says_its_diagnostic_is_not_published(client, laval):
    laval.indicator_values.all().delete()
    html = page(client, reverse("chantiers:detail", args=[laval.slug]))
    assert "n’est pas encore publié" in html


def test_the_comparison_ranks_chantiers_per_inhabitant_and_lists_those_without_data(client, seeded):
    html = page(client, reverse("diagnostic:compare"))
    table = html[html.index('id="dg-comparaison-table"') :]
    order = [name for name in re.findall(r'#diagnostic">([^<]+)</a>', table)]
    assert order[0] == "Le Grand dialogue régional"  # the largest per inhabitant of the examples
    assert "Territoires sans données" in html
    assert "Outaouais" in html.split("Territoires sans données")[1]
    assert "Exemple" in table


def test_the_comparison_of_one_sector_in_absolute_values(client, seeded):
    html = page(client, reverse("diagnostic:compare"), indicator="ges-secteur", sector="utcatf", per="total", year=2021)
    assert "Affectation des terres (UTCATF)" in html
    assert "-415" not in html  # 2015's figure is not 2021's
    assert "-1\xa0" not in html or "-360\xa0809" in html


@pytest.mark.parametrize(
    "params",
    [{"year": "abc"}, {"year": "1800"}, {"indicator": "nope"}, {"sector": "x" * 500}, {"per": "lune"}],
)
def test_a_bad_comparison_query_gets_a_400_that_says_so(client, seeded, params):
    response = client.get(reverse("diagnostic:compare"), params)
    assert response.status_code == 400
    assert "Un choix n’est pas valide" in response.content.decode()


def test_the_comparison_is_linked_from_the_home_page_and_the_themes_with_indicators(client, seeded):
    assert reverse("diagnostic:compare") in page(client, reverse("home"))
    transport = page(client, reverse("chantiers:theme", args=["transport-et-mobilite"]))
    assert f"{reverse('diagnostic:compare')}?indicator=deplacements-durables" in transport
    governance = page(client, reverse("chantiers:theme", args=["gouvernance-et-democratie-participative"]))
    assert "?indicator=" not in governance


def test_the_chantier_page_takes_as_many_queries_whatever_the_number_of_values(
    client, laval, django_assert_num_queries
):
    url = reverse("chantiers:detail", args=[laval.slug])
    client.get(url)  # sessions, content types and the like, once
    from django.core.cache import cache

    from zen.web.cache import recent_pages

    def count() -> int:
        cache.clear()
        recent_pages.clear()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    source = Value.objects.filter(chantier=laval).first().source
    indicator = Indicator.objects.get(code="ges-secteur")
    Value.objects.bulk_create(
        Value(chantier=laval, indicator=indicator, sector=sector, year=year, source=source, value=1000)
        for year in range(2005, 2015)
        for sector in Sector.objects.all()
    )
    assert count() == before == CHANTIER_PAGE_QUERIES, before


def test_a_new_value_shows_on_the_next_view_of_the_cached_page(client, laval):
    url = reverse("chantiers:detail", args=[laval.slug])
    assert "Par habitant en 2021" in page(client, url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    Value.objects.filter(chantier=laval, indicator__code="population", year=2021).delete()
    Value.objects.create(
        chantier=laval,
        indicator=Indicator.objects.get(code="ges-total"),
        year=2024,
        source=laval.indicator_values.first().source,
        value=1_700_000,
    )
    html = page(client, url)
    assert "Émissions en 2024" in html
