"""French first, English second: a complete English catalogue, in step with the code."""

import ast
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


TRANSLATING = {"gettext", "gettext_lazy", "_", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def translated_in_python() -> dict[str, str]:
    """Every literal msgid given to a gettext function in our Python code, where xgettext may not see it.

    xgettext reads no call inside an f-string, and none built through `format_html` in some
    forms; the parser does, so a string whose only call sits there still needs an entry.
    """
    found = {}
    for name in ["zen", "chantiers", "partners"]:
        for path in (ROOT / name).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                function = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                if function not in TRANSLATING:
                    continue
                first = node.args[1 if function.startswith("pgettext") else 0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found[first.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_strings_translated_in_python_are_all_in_the_catalogue():
    catalogue = polib.pofile(str(PO))
    translated = {entry.msgid for entry in catalogue if not entry.obsolete and entry.translated()}
    missing = {msgid: where for msgid, where in translated_in_python().items() if msgid not in translated}
    assert missing == {}, "move the call out of the f-string (xgettext skips it), then `make messages`"
