"""Reading tabular files: the reference data every app ships as CSV in its `data/`."""

from __future__ import annotations

import csv
from pathlib import Path


def read_csv(path: Path) -> list[dict[str, str]]:
    """Every row of a UTF-8 CSV file with a header line, as dictionaries."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
