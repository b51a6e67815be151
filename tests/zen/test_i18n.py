"""French first, English second: a complete English catalogue, in step with the code."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.urls import reverse

from tests.admin_forms import change_in_admin
from tests.requirements import require

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_every_string_has_an_english_translation():
    catalogue = polib.pofile(str(PO))
    assert catalogue.percent_translated() == 100, [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries()


def test_the_compiled_catalogue_matches_its_source():
    compiled = gettext.GNUTranslations(MO.open("rb"))
    for entry in polib.pofile(str(PO)).translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgstr_plural[1], entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path):
    require(shutil.which("xgettext") is not None, "gettext is not installed (apt-get install gettext)")
    for name in ["manage.py", "zen", "chantiers", "partners", "templates", "locale"]:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "1"},
    )
    extracted = {e.msgid for e in polib.pofile(str(tmp_path / "locale/en/LC_MESSAGES/django.po")) if not e.obsolete}
    committed = {e.msgid for e in polib.pofile(str(PO)) if not e.obsolete}
    assert extracted - committed == set(), "run `make messages` and translate the new strings"


def test_english_pages_speak_english(client, laval, owner):
    change_in_admin(client, owner, laval.actions.first(), progress=15)
    page = client.get("/en/chantiers/laval-zen/").content.decode()
    assert 'lang="en-CA"' in page
    for english in ["Where the Chantier stands", "Who takes part", "Become a partner", "Updated on", "Co-leads"]:
        assert english in page
    for french in ["Où en est le Chantier", "Qui participe", "Mis à jour le"]:
        assert french not in page
    # Content written by the Chantier shows in English where it has an English text.
    assert '<p class="lead">Mobilising Laval’s key players' in page


def test_dates_read_the_quebec_way(client, laval, owner):
    change_in_admin(client, owner, laval.actions.first(), progress=15)
    page = client.get(reverse("chantiers:detail", args=["laval-zen"])).content.decode()
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    assert any(f" {month} 20" in page for month in months)


def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(client, laval):
    french = client.get("/chantiers/laval-zen/").content.decode()
    assert '<a class="language-switcher" href="/en/chantiers/laval-zen/" hreflang="en" lang="en">English</a>' in french
    english = client.get("/en/chantiers/laval-zen/").content.decode()
    assert '<a class="language-switcher" href="/chantiers/laval-zen/" hreflang="fr" lang="fr">Français</a>' in english
