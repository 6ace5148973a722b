"""Every Danish string is translated, and the compiled catalogues match their sources."""

import re
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "jobbro"
CATALOGUES = sorted(SRC.glob("**/locale/da/LC_MESSAGES/django.po"))


def test_there_are_danish_catalogues() -> None:
    assert CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_danish_catalogue_is_complete_and_compiled(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            continue
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
            f"{po_path.name} is newer than its .mo: run compilemessages ({entry.msgid!r})"
        )


def test_a_string_means_the_same_in_every_catalogue() -> None:
    """Django merges the apps' catalogues into one: the same msgid translated two ways
    silently shows one app's word on another app's page. Words that differ by meaning get a
    context (pgettext) instead."""
    danish: dict[tuple[str | None, str], dict[str, object]] = {}
    for po_path in CATALOGUES:
        for entry in polib.pofile(str(po_path)).translated_entries():
            text = (
                tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
            )
            app = str(po_path.relative_to(SRC).parts[0])
            danish.setdefault((entry.msgctxt, entry.msgid), {})[app] = text
    clashes = {key[1]: apps for key, apps in danish.items() if len(set(apps.values())) > 1}
    assert not clashes, clashes


def test_cv_is_written_one_way_in_danish() -> None:
    """Danish pages write "CV’et" and "CV’er": capitals, and the typographic apostrophe."""
    odd = re.compile(r"\b(cv|Cv)\b|\bCV'")
    found = [
        (str(po_path.relative_to(SRC)), text)
        for po_path in CATALOGUES
        for entry in polib.pofile(str(po_path)).translated_entries()
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if odd.search(text)
    ]
    assert not found, found
