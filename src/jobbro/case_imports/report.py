"""The report of one file: what is wrong per row and column, and what would change."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jobbro.tabular import write_csv_rows, xlsx_bytes

from .columns import CANDIDATE_COLUMNS
from .models import TitleUse

# The per-row changes kept in the stored report; the counts are always complete.
MAX_CHANGES = 5000


@dataclass
class Report:
    issues: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {
            "rows": 0,
            "created": 0,
            "updated": 0,
            "unchanged": 0,
            "missing": 0,
            "pending_titles": 0,
        }
    )

    def problem(self, row: int, column: str, message: str) -> None:
        """Row 0 is the file itself (its columns); rows count from 2, the header being 1."""
        self.issues.append({"row": row, "column": column, "message": message})

    def change(self, row: int, key: str, action: str, fields: list[str]) -> None:
        self.counts[action] += 1
        if action != "unchanged" and len(self.changes) < MAX_CHANGES:
            self.changes.append({"row": row, "key": key, "action": action, "fields": fields})

    @property
    def ok(self) -> bool:
        return not self.issues

    def as_json(self) -> dict[str, Any]:
        return {
            "issues": self.issues,
            "changes": self.changes,
            "missing": self.missing[:MAX_CHANGES],
            "pending": self.pending[:MAX_CHANGES],
            "counts": self.counts,
        }


def action_label(action: str) -> str:
    return {
        "created": _("created"),
        "updated": _("updated"),
        "unchanged": _("unchanged"),
        "missing": _("missing from the file"),
    }.get(action, action)


# The file's column of a waiting title, as the case system's export names it.
COLUMN_HEADERS = {column.key: column.danish for column in CANDIDATE_COLUMNS}


def use_label(use: str) -> str:
    """ "wished" or "past" (a waiting title's column) as the person reading says it."""
    return str(TitleUse(use).label) if use in TitleUse.values else use


def report_rows(report: dict[str, Any]) -> list[list[str]]:
    """The report as a table (header first), in the active language."""
    rows = [
        [
            _("Row"),
            _("Column"),
            _("Message"),
            _("Id"),
            pgettext("import report", "Change"),
            _("Fields"),
        ]
    ]
    for issue in report.get("issues", []):
        row = str(issue["row"]) if issue["row"] else _("the file")
        rows.append([row, issue["column"], issue["message"], "", "", ""])
    for change in report.get("changes", []):
        label = action_label(change["action"])
        fields = ", ".join(change["fields"])
        rows.append([str(change["row"]), "", "", change["key"], label, fields])
    for key in report.get("missing", []):
        rows.append(["", "", "", key, action_label("missing"), ""])
    for item in report.get("pending", []):
        message = _("Waiting for a person to choose the occupation (%(use)s): %(title)s") % {
            "title": item["title"],
            "use": use_label(item["column"]),
        }
        column = COLUMN_HEADERS.get(item["column"], item["column"])
        rows.append([str(item["row"]), column, message, item.get("key", ""), "", ""])
    return rows


def report_csv(report: dict[str, Any]) -> bytes:
    out = io.StringIO()
    write_csv_rows(csv.writer(out, delimiter=";"), report_rows(report))
    return out.getvalue().encode("utf-8-sig")  # Excel reads the Danish letters with the BOM


def report_xlsx(report: dict[str, Any]) -> bytes:
    return xlsx_bytes(_("Report"), report_rows(report))
