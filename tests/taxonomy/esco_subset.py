"""Write a small compact-format ESCO copy (a subset of the bundled one) for fast tests."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable
from pathlib import Path

from jobbro.taxonomy import esco
from jobbro.taxonomy.reference import ESCO_DIR


def _read(name: str) -> list[dict[str, str]]:
    with gzip.open(ESCO_DIR / name, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, columns: list[str], rows: Iterable[dict[str, str]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_subset(target: Path, occupation_labels: Iterable[str]) -> Path:
    """The named occupations (English labels), their ISCO ancestors, skills and relations."""
    wanted = set(occupation_labels)
    occupations = [r for r in _read(esco.OCCUPATION_FILE) if r["label_en"] in wanted]
    uris = {r["uri"] for r in occupations}
    relations = [r for r in _read(esco.RELATION_FILE) if r["occupation_uri"] in uris]
    skill_uris = {r["skill_uri"] for r in relations}
    skills = [r for r in _read(esco.SKILL_FILE) if r["uri"] in skill_uris]
    codes = {r["isco_code"][:n] for r in occupations for n in range(1, 5)}
    isco = [r for r in _read(esco.ISCO_FILE) if r["code"] in codes]
    target.mkdir(parents=True, exist_ok=True)
    _write(target / esco.ISCO_FILE, esco.ISCO_COLUMNS, isco)
    _write(target / esco.OCCUPATION_FILE, esco.OCCUPATION_COLUMNS, occupations)
    _write(target / esco.SKILL_FILE, esco.SKILL_COLUMNS, skills)
    _write(target / esco.RELATION_FILE, esco.RELATION_COLUMNS, relations)
    return target
