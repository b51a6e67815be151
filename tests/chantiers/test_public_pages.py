"""What a visitor reads on the public site."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from chantiers.models import Chantier, RoadmapAction, Theme
from tests.factories import grow


def text(response) -> str:
    return response.content.decode()


def test_chantier_page_tells_who_where_it_stands_and_what_it_does(client, laval):
    page = text(client.get(reverse("chantiers:detail", args=["laval-zen"])))
    assert "<h1>Laval ZéN</h1>" in page
    for organisation in ["Laval en transition", "Conseil régional de l’environnement de Laval"]:
        assert organisation in page
    for partner in ["CANOPÉE, le réseau des bois de Laval", "Ville de Laval", "Laval Innov"]:
        assert partner in page
    # Four phases, the current one marked for sighted and screen-reader users alike.
    assert page.count("timeline__step ") == 4
    current = re.search(r'aria-current="step">(.*?)</li>', page, re.S).group(1)
    assert "Rassembler les forces vives" in current
    assert page.count("actions climatiques participatives</a>") == 2
    # The roadmap, grouped by theme, with each action's status and progress, labelled as an example.
    assert 'id="theme-gouvernance-et-democratie-participative"' in page
    assert "Former le comité de pilotage partenarial" in page
    assert "60\u00a0% réalisé" in page
    assert "Exemple" in page
    assert "Mis à jour le" not in page  # nobody has changed it since the seed was loaded
    assert reverse("chantiers:feed", args=["laval-zen"]) in page
    assert reverse("csv", args=["actions"]) + "?chantier=laval-zen" in page


def test_contact_email_is_one_step_away_from_the_chantier_page(client, laval):
    page = text(client.get(reverse("chantiers:detail", args=["laval-zen"])))
    assert "lavalzen@pourlatransitionenergetique.org" not in page
    assert "mailto:" not in page.split("<footer")[0]
    contact = client.get(reverse("chantiers:contact", args=["laval-zen"]))
    assert 'href="mailto:lavalzen@pourlatransitionenergetique.org"' in text(contact)
    assert 'name="robots" content="noindex, nofollow"' in text(contact)
    assert "Disallow: /chantiers/*/contact/" in text(client.get("/robots.txt"))


def test_description_markdown_is_rendered_and_sanitised(client, laval):
    laval.description = (
        "Un **pas** de plus. [Site](https://example.org)\n\n<script>alert(1)</script><img src=x onerror=alert(2)>"
    )
    laval.save()
    page = text(client.get(reverse("chantiers:detail", args=["laval-zen"])))
    assert "<strong>pas</strong>" in page
    assert 'href="https://example.org"' in page
    assert "<script>alert(1)" not in page
    assert "onerror" not in page


def test_unpublished_chantiers_are_404_and_absent_everywhere(client, laval):
    Chantier.objects.filter(pk=laval.pk).update(is_published=False)
    for url in [
        reverse("chantiers:detail", args=["laval-zen"]),
        reverse("chantiers:contact", args=["laval-zen"]),
        reverse("chantiers:feed", args=["laval-zen"]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("home"),
        reverse("chantiers:list"),
        reverse("chantiers:map"),
        reverse("chantiers:theme", args=["gouvernance-et-democratie-participative"]),
        reverse("partners:directory"),
        reverse("chantiers:program-feed"),
        reverse("api:dataset", args=["chantiers"]),
        reverse("api:dataset", args=["actions"]) + "?limit=1000",
        reverse("csv", args=["partners"]),
        "/sitemap.xml",
    ]:
        body = b"".join(client.get(url).streaming_content) if url.endswith(".csv") else client.get(url).content
        assert "laval-zen" not in body.decode() and "Laval ZéN" not in body.decode(), url


def test_unpublished_actions_are_not_shown(client, laval):
    RoadmapAction.objects.filter(title="Former le comité de pilotage partenarial").update(is_published=False)
    assert "Former le comité" not in text(client.get(reverse("chantiers:detail", args=["laval-zen"])))
    assert "Former le comité" not in text(
        client.get(reverse("chantiers:theme", args=["gouvernance-et-democratie-participative"]))
    )
    assert "Former le comité" not in text(client.get(reverse("api:dataset", args=["actions"]) + "?limit=1000"))


def test_a_candidate_chantier_page_has_no_roadmap_yet(client, seeded):
    page = text(client.get(reverse("chantiers:detail", args=["outaouais"])))
    assert "Candidat" in page
    assert "Année 2" in page
    assert 'id="feuille-de-route"' not in page


def test_theme_page_shows_the_active_chantiers_side_by_side(client, seeded):
    page = text(client.get(reverse("chantiers:theme", args=["gouvernance-et-democratie-participative"])))
    assert page.count('class="compare__column') == 4
    for action in [
        "Former le comité de pilotage partenarial",
        "Tenir un premier forum citoyen sur la transition",
        "Animer des cercles de dialogue dans chaque MRC",
    ]:
        assert action in page
    assert "Aucune action publiée dans ce thème" in page  # Région de Québec has none here


def test_unknown_theme_is_404(client, seeded):
    assert client.get(reverse("chantiers:theme", args=["inconnu"])).status_code == 404


def test_partners_directory_lists_organisations_with_their_chantiers_and_roles(client, seeded):
    page = text(client.get(reverse("partners:directory")))
    assert "Nature Québec" in page
    assert "Partenaire initial" in page
    assert "Co-porteur" in page
    assert "Fondation Béati" in page  # program supporters
    filtered = text(client.get(reverse("partners:directory"), {"kind": "municipality"}))
    assert "Ville de Laval" in filtered and "Nature Québec" not in filtered
    assert "n’est pas valide" in text(client.get(reverse("partners:directory"), {"kind": "pirate"}))


def test_map_lists_every_published_chantier_as_text_and_as_points(client, seeded):
    page = text(client.get(reverse("chantiers:map")))
    assert page.count('class="map-list__item ') == 8
    assert 'id="chantier-points" type="application/json"' in page
    assert "vendor/leaflet-1.9.4/leaflet.js" in page


@pytest.mark.parametrize("name", ["program", "accessibility", "privacy", "open-data"])
def test_program_and_legal_pages_answer_in_both_languages(client, seeded, name):
    assert client.get(reverse(name)).status_code == 200
    with translation.override("en"):
        english = client.get(reverse(name))
    assert english.status_code == 200
    assert 'lang="en-CA"' in text(english)


def test_privacy_notice_says_what_is_kept_how_long_and_whom_to_ask(client, settings, seeded):
    page = text(client.get(reverse("privacy")))
    assert "Loi 25" in page
    assert f"{settings.APPLICATION_RETENTION_DAYS} jours" in page
    assert settings.PRIVACY_OFFICER_EMAIL in page


def test_program_page_names_the_operator_and_funders(client, seeded):
    page = text(client.get(reverse("program")))
    assert "Front commun pour la transition énergétique" in page
    for funder in ["Caisse d’économie solidaire", "Fondation familiale Trottier"]:
        assert funder in page


def test_pages_carry_opengraph_and_alternate_language_links(client, laval):
    page = text(client.get(reverse("chantiers:detail", args=["laval-zen"])))
    assert '<meta property="og:title" content="Laval ZéN">' in page
    assert 'hreflang="en-CA" href="http://testserver/en/chantiers/laval-zen/"' in page
    assert 'href="/en/chantiers/laval-zen/"' in page  # the language switcher


def test_theme_colours_are_served_as_css_classes(client, seeded):
    css = text(client.get(reverse("theme-css")))
    assert ".theme-batiment{--theme:#8d4e1b}" in css
    assert css.count(".theme-") == Theme.objects.current().count()


def test_actions_written_with_markup_come_back_escaped(client, laval):
    action = RoadmapAction.objects.get(title="Former le comité de pilotage partenarial")
    action.title = '<script>alert("titre")</script>'
    action.description = "<img src=x onerror=alert(1)> & co"
    action.save()
    organisation = action.lead_organisations.first()
    organisation.short_name = "<b>CRE</b>"
    organisation.save()
    for url in [
        reverse("chantiers:detail", args=["laval-zen"]),
        reverse("chantiers:theme", args=["gouvernance-et-democratie-participative"]),
    ]:
        page = text(client.get(url))
        assert "<script>alert(" not in page
        assert "&lt;script&gt;alert(&quot;titre&quot;)&lt;/script&gt;" in page
        assert "<b>CRE</b>" not in page


def test_the_roadmap_summary_counts_and_averages_each_theme(client, laval):
    theme = Theme.objects.get(slug="energie")
    RoadmapAction.objects.create(
        chantier=laval, theme=theme, title="A", progress=50, status="in_progress", is_published=True
    )
    RoadmapAction.objects.create(
        chantier=laval, theme=theme, title="B", progress=0, status="abandoned", is_published=True
    )
    response = client.get(reverse("chantiers:detail", args=["laval-zen"]))
    energy = next(s for s in response.context["roadmap"] if s.theme.slug == "energie")
    assert len(energy.actions) == 3
    assert energy.progress == 28  # (5 + 50) / 2, the abandoned action does not count


def test_an_actions_card_speaks_the_pages_language(client, laval):
    action = RoadmapAction.objects.get(title="Former le comité de pilotage partenarial")
    action.target_date = "2027-03-04"
    action.save()
    french = text(client.get(reverse("chantiers:detail", args=["laval-zen"])))
    english = text(client.get("/en/chantiers/laval-zen/"))
    assert "<dt>Responsables</dt>" in french and "<dt>Échéance</dt>" in french
    assert '<time datetime="2027-03-04">4 mars 2027</time>' in french
    assert "<dt>Led by</dt>" in english and "<dt>Target date</dt>" in english
    assert "Responsables" not in english and "Échéance" not in english
    assert '<time datetime="2027-03-04">March 4, 2027</time>' in english


def test_theme_page_shows_each_chantiers_first_actions_and_links_to_the_rest(client, laval):
    theme = Theme.objects.get(slug="energie")
    for n in range(5):
        RoadmapAction.objects.create(
            chantier=laval, theme=theme, title=f"Action d’énergie {n}", order=100 + n, progress=20, is_published=True
        )
    total = laval.actions.filter(theme=theme, is_published=True).count()
    page = text(client.get(reverse("chantiers:theme", args=["energie"])))
    laval_column = page.split('id="col-laval-zen"')[1].split("</section>")[0]
    assert laval_column.count("<li>") == 3
    assert f"Voir les {total} actions de ce Chantier dans ce thème" in laval_column
    assert 'href="/chantiers/laval-zen/#theme-energie"' in laval_column
    assert "Action d’énergie 4" not in page  # on Laval's own page
    assert "Action d’énergie 4" in text(client.get(reverse("chantiers:detail", args=["laval-zen"])))


def test_a_theme_page_stays_light_with_many_chantiers(client, seeded):
    grow(chantiers=100, actions_per_chantier=40, organisations=20)
    response = client.get(reverse("chantiers:theme", args=["energie"]))
    assert text(response).count('class="compare__column') == Chantier.objects.published().active().count() > 80
    assert len(response.content) < 100_000
