"""The project's own reference lists (qualifications, languages) from `data/*.csv`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobbro.organisations.reference import read_csv

DATA_DIR = Path(__file__).resolve().parent / "data"
ESCO_DIR = DATA_DIR / "esco"


def load_qualifications(qualification_model: Any) -> int:
    rows = read_csv(DATA_DIR / "qualifications.csv")
    for row in rows:
        qualification_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "kind": row["kind"],
                "label_da": row["label_da"],
                "label_en": row["label_en"],
                "synonyms": row["synonyms"],
            },
        )
    return len(rows)


def load_languages(language_model: Any) -> int:
    rows = read_csv(DATA_DIR / "languages.csv")
    for row in rows:
        language_model.objects.update_or_create(
            code=row["code"], defaults={"label_da": row["label_da"], "label_en": row["label_en"]}
        )
    return len(rows)
