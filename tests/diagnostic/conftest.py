import pytest

from chantiers.diagnostic.models import Indicator, Sector, Source


@pytest.fixture
def source(db) -> Source:
    return Source.objects.create(
        publisher="Ministère de l’Environnement",
        title_fr="Inventaire québécois des émissions de gaz à effet de serre",
        title_en="Québec greenhouse-gas emissions inventory",
        url="https://www.environnement.gouv.qc.ca/changements/ges/",
        licence="CC BY 4.0",
    )


@pytest.fixture
def total(db) -> Indicator:
    return Indicator.objects.get(code="ges-total")


@pytest.fixture
def by_sector(db) -> Indicator:
    return Indicator.objects.get(code="ges-secteur")


@pytest.fixture
def population(db) -> Indicator:
    return Indicator.objects.get(code="population")


@pytest.fixture
def transport(db) -> Sector:
    return Sector.objects.get(code="transport")


@pytest.fixture
def land_use(db) -> Sector:
    return Sector.objects.get(code="utcatf")
