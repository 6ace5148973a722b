"""The recorded sample: the register's answer for some thirty companies, read from a file.

The companies are invented (valid CVR check digits, real municipality and DB07 codes);
the file has the register's shape so the same parser reads it and the real service.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings

from . import CvrRecord, CvrUnavailable
from .parse import records_from_response

SAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "cvr_sample.json"


@cache
def _records(path: Path) -> dict[str, CvrRecord]:
    try:
        response = json.loads(path.read_text(encoding="utf-8"))
        return {record.cvr: record for record in records_from_response(response)}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CvrUnavailable(str(error)) from error


class RecordedSample:
    def __init__(self, path: Path = SAMPLE_FILE) -> None:
        self.path = path

    @classmethod
    def from_settings(cls) -> RecordedSample:
        return cls(Path(getattr(settings, "JOBBRO_CVR_SAMPLE_FILE", SAMPLE_FILE)))

    def lookup(self, cvr: str) -> CvrRecord | None:
        return _records(self.path).get(cvr)

    def all(self) -> list[CvrRecord]:
        """Every recorded company (the demo registers some of them)."""
        return list(_records(self.path).values())
