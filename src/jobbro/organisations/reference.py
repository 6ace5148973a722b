"""Reference data every deployment needs, read from the CSV files in `data/`.

The loaders take model classes so data migrations can pass their historical models.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from jobbro.tabular import read_csv

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_municipalities(municipality_model: Any) -> int:
    """Create or update the 98 municipalities by code; returns how many rows were read."""
    rows = read_csv(DATA_DIR / "municipalities.csv")
    for row in rows:
        municipality_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "region": row["region"],
                "latitude": Decimal(row["latitude"]),
                "longitude": Decimal(row["longitude"]),
            },
        )
    return len(rows)


def load_target_groups(target_group_model: Any) -> int:
    rows = read_csv(DATA_DIR / "target_groups.csv")
    for row in rows:
        target_group_model.objects.update_or_create(
            code=row["code"],
            defaults={"label_da": row["label_da"], "label_en": row["label_en"]},
        )
    return len(rows)
