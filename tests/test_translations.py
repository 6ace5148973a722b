"""Every Danish string is translated, and the compiled catalogues match their sources."""

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
