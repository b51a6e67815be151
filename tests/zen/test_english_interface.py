"""Every /en/ page speaks English in its frame: no French interface string outside content."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.utils import translation

from chantiers.models import Chantier, Region
from partners.models import Organisation
from tests.pages import public_pages

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Attributes whose text a person reads or hears.
READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "content"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Words that are French and never English: a segment with one of them is French.
FRENCH_WORDS = re.compile(
    r"(?<![\w’'-])(le|la|les|des|du|une|est|et|pour|avec|sur|aux|dans|par|vous|votre|nous|ce|cette|qui|"
    r"sont|être|ou|où|à|l’|d’|qu’|n’)(?![\w-])",
    re.IGNORECASE,
)


class Segments(HTMLParser):
    """The text a reader meets, outside elements marked `lang="fr"` (content shown in French)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.segments: list[str] = []

    @property
    def french(self) -> bool:
        return any(is_french for _, is_french in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        is_french = (attributes.get("lang") or "").startswith("fr") or tag in {"script", "style", "svg"}
        if not (self.french or is_french):
            if (
                tag != "meta"
                or attributes.get("name") in {"description"}
                or attributes.get("property")
                in {
                    "og:title",
                    "og:description",
                }
            ):
                self.segments += [attributes[name] or "" for name in READ_ATTRIBUTES & attributes.keys()]
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.segments.append(attributes.get("value") or "")
        if tag not in VOID:
            self.stack.append((tag, is_french))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.french:
            self.segments.append(data)


def names() -> list[str]:
    """Proper names, French in every language: Chantiers, organisations, regions."""
    found = {"Collectivités ZéN", "ZéN", "Québec", "Montréal"}
    for chantier in Chantier.objects.all():
        found |= {chantier.name, chantier.short_name}
    for organisation in Organisation.objects.all():
        found |= {organisation.name, organisation.short_name}
    found |= {region.name for region in Region.objects.all()}
    return sorted((name for name in found if name), key=len, reverse=True)


def french_segments(html: str, proper_names: list[str], msgids: set[str]) -> list[str]:
    parser = Segments()
    parser.feed(html)
    found = []
    for raw in parser.segments:
        segment = re.sub(r"\s+", " ", raw).strip()
        if not segment:
            continue
        if segment in msgids:
            found.append(segment)
            continue
        bare = segment
        for name in proper_names:
            bare = bare.replace(name, "")
        if FRENCH_WORDS.search(bare):
            found.append(segment)
    return found


@pytest.fixture
def french_msgids() -> set[str]:
    """The catalogue's French strings whose English differs (a French string left as is is fine)."""
    catalogue = polib.pofile(str(PO))
    return {
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and entry.msgstr and entry.msgstr != entry.msgid and len(entry.msgid) > 3
    }


def test_no_english_page_shows_a_french_interface_string(client, seeded, french_msgids):
    proper_names = names()
    failures = {}
    for path in public_pages():
        response = client.get("/en" + path)
        assert response.status_code in {200, 400}, path  # 400: a filter that names no region
        found = french_segments(response.content.decode(), proper_names, french_msgids)
        if found:
            failures[path] = found
    translation.activate("fr")
    assert failures == {}


def test_the_open_data_page_describes_its_datasets_in_the_page_s_language(client, seeded):
    french = client.get("/donnees/").content.decode()
    assert "Les phases de chaque Chantier publié, dans l’ordre." in french
    assert "Phases of each published Chantier" not in french
    english = client.get("/en/donnees/").content.decode()
    assert "<td>Phases of each published Chantier, in order.</td>" in english
    translation.activate("fr")


def test_the_crawl_finds_a_french_string_left_in_an_english_page(french_msgids):
    """The check itself: an untranslated msgid, or French text outside `lang="fr"`, is found."""
    html = (
        '<p>Who takes part</p><p title="Filtrer les Chantiers">x</p><p>Le Chantier est actif</p>'
        '<p lang="fr">Le texte du Chantier, en français</p><p>Laval ZéN</p>'
    )
    assert french_segments(html, ["Laval ZéN"], french_msgids | {"Filtrer les Chantiers"}) == [
        "Filtrer les Chantiers",
        "Le Chantier est actif",
    ]
