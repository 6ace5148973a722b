"""Reference data of the companies app, read from the CSV files in `data/`.

The loader takes the model class so a data migration can pass its historical model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobbro.tabular import read_csv

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_industries(industry_model: Any) -> int:
    """Create or update the industries of data/industries.csv by edition and code; codes
    not in the file stay (companies refer to them). Returns how many rows were read."""
    rows = read_csv(DATA_DIR / "industries.csv")
    existing = {(i.version, i.code): i for i in industry_model.objects.all()}
    new, changed = [], []
    for row in rows:
        industry = existing.get((row["version"], row["code"]))
        if industry is None:
            new.append(
                industry_model(
                    version=row["version"],
                    code=row["code"],
                    label_da=row["label_da"],
                    label_en=row["label_en"],
                )
            )
        elif (industry.label_da, industry.label_en) != (row["label_da"], row["label_en"]):
            industry.label_da, industry.label_en = row["label_da"], row["label_en"]
            changed.append(industry)
    industry_model.objects.bulk_create(new)
    industry_model.objects.bulk_update(changed, ["label_da", "label_en"])
    return len(rows)
