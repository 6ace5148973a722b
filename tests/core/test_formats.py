import datetime as dt
import re
from pathlib import Path

from django.utils import formats, translation

import jobbro


def test_english_dates_read_day_first_as_in_denmark() -> None:
    with translation.override("en"):
        assert formats.date_format(dt.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23/11/2026"


def test_danish_dates_keep_djangos_danish_format() -> None:
    with translation.override("da"):
        assert formats.date_format(dt.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23.11.2026"


# A date pattern written out in a template is the same in every language: "j. F Y" is
# Danish, and put English month names after a Danish "8.". Only keys that are never read
# (the "Ymd" of a same-day test, the ISO "Y-m-d" of a date input) and patterns without a
# day may be written out; the rest take the language's named format (DATE_FORMAT, ...).
LITERAL_DATE = re.compile(r"""\|date:["']([^"']*)["']""")
NEUTRAL = {"Ymd", "Y-m-d"}


def test_no_template_writes_out_a_day_pattern_of_one_language() -> None:
    src = Path(jobbro.__file__).parent
    written_out = [
        f"{path.relative_to(src)}: {pattern}"
        for path in src.rglob("templates/**/*")
        if path.suffix in {".html", ".txt"}
        for pattern in LITERAL_DATE.findall(path.read_text(encoding="utf-8"))
        if not pattern.endswith("_FORMAT")
        and pattern not in NEUTRAL
        and set(pattern) & set("djDlNS")
    ]
    assert written_out == []
