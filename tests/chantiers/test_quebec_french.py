"""French as a Québec reader expects it, and English as an English reader does."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from chantiers.models import Chantier, Event, RoadmapAction
from partners.models import Organisation, Partnership
from zen.web import typography


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_it_names_a_chantier_with_its_article_whatever_its_name(client, seeded):
    for slug in ["outaouais", "grand-dialogue-saguenay-lac-saint-jean", "region-de-quebec"]:
        Chantier.objects.filter(slug=slug).update(status=Chantier.Status.ACTIVE, is_published=True)
    outaouais = text(client.get(reverse("chantiers:detail", args=["outaouais"])))
    assert "contribuer au Chantier Outaouais ?" in outaouais
    dialogue = text(client.get(reverse("chantiers:detail", args=["grand-dialogue-saguenay-lac-saint-jean"])))
    assert "contribuer au Chantier Le Grand dialogue régional ?" in dialogue
    quebec = text(client.get(reverse("chantiers:detail", args=["region-de-quebec"])))
    assert "contribuer au Chantier Région de Québec ?" in quebec
    apply = text(client.get(reverse("partners:apply-to", args=["outaouais"])))
    assert "Devenir partenaire du Chantier Outaouais" in apply
    for page in [outaouais, dialogue, quebec, apply]:
        assert not re.search(r"\b(à|de) (Le|La|Les|Outaouais|Région)\b", page)


def test_counts_read_aucun_one_and_many(client, seeded):
    assert '<h2 class="results-count">Aucun Chantier</h2>' in text(
        client.get(reverse("chantiers:list"), {"q": "introuvable"})
    )
    assert '<h2 class="results-count">1 Chantier</h2>' in text(client.get(reverse("chantiers:list"), {"q": "Laval"}))
    assert re.search(r'<h2 class="results-count">\d+ Chantiers</h2>', text(client.get(reverse("chantiers:list"))))
    assert "Aucune organisation" in text(client.get(reverse("partners:directory"), {"q": "introuvable"}))
    english = text(client.get("/en/chantiers/", {"q": "introuvable"}))
    assert '<h2 class="results-count">No Chantier</h2>' in english


def test_no_chantier_active_reads_aucun(client, seeded):
    Chantier.objects.update(status=Chantier.Status.CANDIDATE)
    assert "Aucun Chantier n’est actif aujourd’hui." in text(client.get(reverse("program")))


@pytest.mark.parametrize(
    ("day", "french", "english"),
    [
        (datetime.date(2026, 12, 1), "1er décembre 2026", "December 1, 2026"),
        (datetime.date(2026, 12, 3), "3 décembre 2026", "December 3, 2026"),
        (datetime.date(2027, 1, 21), "21 janvier 2027", "January 21, 2027"),
    ],
)
def test_the_first_of_the_month_is_1er_in_french(day, french, english):
    with translation.override("fr"):
        assert typography.long_date(day) == french
    with translation.override("en"):
        assert typography.long_date(day) == english


def test_every_date_on_a_chantier_page_says_1er(client, laval):
    laval.events.create(title_fr="Forum", start_date=datetime.date(2027, 3, 1), end_date=datetime.date(2027, 3, 2))
    action = laval.actions.filter(is_published=True).first()
    RoadmapAction.objects.filter(pk=action.pk).update(target_date=datetime.date(2027, 6, 1))
    page = text(client.get(reverse("chantiers:detail", args=["laval-zen"])))
    assert "1er mars 2027" in page
    assert "1er juin 2027" in page
    assert not re.search(
        r"\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)", page
    )
    english = text(client.get("/en/chantiers/laval-zen/"))
    assert "March 1, 2027" in english and "June 1, 2027" in english
    assert Event.objects.filter(title_fr="Forum").exists()


def test_percentages_have_a_non_breaking_space_in_french_and_none_in_english(client, laval):
    with translation.override("fr"):
        assert typography.percent(21) == "21\u00a0%"
    with translation.override("en"):
        assert typography.percent(21) == "21%"
    RoadmapAction.objects.filter(chantier=laval).update(progress=21, is_published=True)
    french = client.get(reverse("chantiers:detail", args=["laval-zen"])).content.decode()
    assert "21\u00a0% réalisé" in french
    assert "21 %" not in french  # never an ordinary space, which lets "%" wrap to the next line
    english = client.get("/en/chantiers/laval-zen/").content.decode()
    assert "21% done" in english
    assert "21\u00a0%" not in english and "21 %" not in english
    card = client.get("/chantiers/").content.decode()
    assert "21\u00a0% d’avancement" in card


def test_a_sole_carrier_is_porteur_in_the_directory_as_on_the_chantier_page(client, seeded):
    # Région de Québec has one carrier (Transition Capitale Nationale); Laval has two.
    Chantier.objects.filter(slug="region-de-quebec").update(is_published=True)
    directory = text(client.get(reverse("partners:directory")))
    sole = Organisation.objects.get(slug="transition-capitale-nationale")
    entry = directory.split(sole.name, 1)[1].split("</li>", 2)
    assert "Région de Québec</a> — Porteur" in "".join(entry)
    assert "Laval ZéN</a> — Co-porteur" in directory
    detail = text(client.get(reverse("chantiers:detail", args=["region-de-quebec"])))
    assert "<dt>Porteur</dt>" in detail and "Co-porteur" not in detail
    english = text(client.get("/en/partenaires/"))
    assert "Région de Québec</a> — Lead" in english


def test_the_directory_sorts_chantiers_by_the_name_people_use(client, seeded):
    Chantier.objects.update(is_published=True)
    laval = Chantier.objects.get(slug="laval-zen")
    quebec = Chantier.objects.get(slug="region-de-quebec")  # "Chantier ZéN de la région de Québec"
    organisation = Organisation.objects.create(name="Réseau test", slug="reseau-test")
    for chantier in [laval, quebec]:
        Partnership.objects.create(organisation=organisation, chantier=chantier, role=Partnership.Role.PARTNER)
    directory = text(client.get(reverse("partners:directory")))
    entry = directory.split("Réseau test", 1)[1]
    assert entry.index("Laval ZéN") < entry.index("Région de Québec")
    listing = text(client.get(reverse("chantiers:list"), {"status": "candidate"}))
    names = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', listing)
    assert names == sorted(names, key=lambda name: typography_key(name))


def typography_key(name: str) -> str:
    from chantiers.models import sort_key

    return sort_key(name)


def test_sort_key_drops_the_chantier_prefix_and_folds_accents():
    from chantiers.models import sort_key

    assert sort_key("Chantier ZéN de la région de Québec") == "region de quebec"
    assert sort_key("Chantier Outaouais") == "outaouais"
    assert sort_key("Écosystème") == "ecosysteme"


def test_moments_say_1er_too():
    moment = datetime.datetime(2026, 12, 1, 19, 5, tzinfo=datetime.UTC)  # 14 h 05 in Montréal
    with translation.override("fr"):
        assert typography.long_datetime(moment) == "1er décembre 2026 à 14 h 05"
    with translation.override("en"):
        assert typography.long_datetime(moment) == "December 1, 2026, 2:05 p.m."
