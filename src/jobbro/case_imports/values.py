"""Reading the cells: dates, yes/no, lists, titles with years, languages with a level."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

SEPARATOR = ";"

_DATE_FORMATS = ("%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")
YES = frozenset({"ja", "j", "yes", "y", "x", "1", "sand", "true"})
NO = frozenset({"nej", "n", "no", "0", "falsk", "false", ""})


def parse_date(text: str) -> dt.date | None:
    """dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy or ISO (yyyy-mm-dd, also with a time); None if
    none of them."""
    text = text.strip()
    if "T" in text and len(text) > 10:
        text = text.split("T", 1)[0]
    elif " " in text and len(text) > 10:
        text = text.split(" ", 1)[0]
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()  # a date, no zone
        except ValueError:
            continue
    return None


_DATE_SHAPES = (
    re.compile(r"^\d{1,2}([-./])\d{1,2}\1\d{4}$"),  # dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$"),  # yyyy-mm-dd
)


def bad_date_message(text: str) -> str:
    """Why `parse_date` could not read the text: a date written right that does not exist
    (31-02-2025), or a way of writing it that is not read."""
    text = text.strip()
    if any(shape.match(text) for shape in _DATE_SHAPES):
        return _("The date does not exist: %(value)s") % {"value": text[:100]}
    return _("Unreadable date: %(value)s (write dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd)") % {
        "value": text[:100]
    }


def split_list(text: str) -> list[str]:
    """The values of a cell, separated by ";" (blank ones dropped)."""
    return [part.strip() for part in text.split(SEPARATOR) if part.strip()]


@dataclass(frozen=True)
class DatedTitle:
    title: str
    start_year: int | None
    end_year: int | None  # None: ongoing (or no years at all when start_year is None too)
    ongoing: bool = False


_YEARS = re.compile(
    r"^(?P<title>.*?)\s*\(\s*(?P<start>\d{4})\s*(?:(?P<dash>[-–])\s*(?P<end>\d{4})?)?\s*\)\s*$"
)


def parse_dated_title(text: str) -> DatedTitle | None:
    """ "Lagermedarbejder (2015-2019)", "Kok (2019-)" (ongoing), "Tømrer (2018)" (one year),
    "Pædagog" (no years). None when the years cannot be read."""
    text = text.strip()
    match = _YEARS.match(text)
    if match is None:
        if "(" in text and re.search(r"\(\s*[\d\-–\s]+\)\s*$", text):
            return None  # years in a form we do not read: say so rather than guess
        return DatedTitle(text, None, None)
    start = int(match["start"])
    if match["dash"] is None:
        return DatedTitle(match["title"], start, start)
    end = int(match["end"]) if match["end"] else None
    if end is not None and end < start:
        return None
    return DatedTitle(match["title"], start, end, ongoing=end is None)


_EDUCATION = re.compile(r"^(?P<title>.*?)\s*\((?P<inner>[^()]*)\)\s*$")


def parse_parenthesis(text: str) -> tuple[str, list[str]]:
    """ "Tømrer (erhvervsuddannelse, 2012)" → ("Tømrer", ["erhvervsuddannelse", "2012"])."""
    match = _EDUCATION.match(text.strip())
    if match is None:
        return text.strip(), []
    return match["title"], [p.strip() for p in match["inner"].split(",") if p.strip()]


_LEVEL = re.compile(r"^(?P<name>.*?)[\s:(]+(?P<level>[ABC][12])\)?$", re.IGNORECASE)


def parse_language(text: str) -> tuple[str, str] | None:
    """ "dansk C2", "engelsk: B1", "English (B2)" → (name, level); None without a level."""
    match = _LEVEL.match(text.strip())
    if match is None or not match["name"].strip():
        return None
    return match["name"].strip(), match["level"].upper()
