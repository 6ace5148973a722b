"""The project's own reference lists (qualifications, languages, Danish skill labels) from
`data/*.csv`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobbro.tabular import read_csv

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


# The skills that must have Danish labels: every essential and optional skill of the
# occupations in these ISCO groups, the trades the cooperations recruit for (DOMAIN.md, the
# seeds) and the demo's. tests/taxonomy/test_danish_skills.py holds data/skills_da.csv to it.
DANISH_SKILL_SCOPE = {
    "construction": ("71", "931"),  # building trades, construction labourers
    "transport and logistics": ("83", "4321", "933"),  # drivers, plant operators, stock
    "social and health care": ("5321", "5322"),  # care workers in institutions and homes
    "cleaning": ("911", "912", "5151"),  # cleaners, cleaning supervisors
    "hospitality": ("512", "513", "941", "4224"),  # cooks, waiters, kitchen help, reception
    "manufacturing": (  # metal, machinery, electrical, food, assembly, factory labourers
        "721", "722", "723", "7411", "7412", "751", "8160", "8211", "8219", "9321", "9329",
    ),
}  # fmt: skip


def load_danish_skill_labels(skill_model: Any) -> int:
    """Set the project's Danish labels (data/skills_da.csv) on the skills; returns how many
    changed. Labels from an official Danish ESCO download (source "esco") are kept."""
    rows = {row["uri"]: row for row in read_csv(DATA_DIR / "skills_da.csv")}
    changed = []
    for skill in skill_model.objects.exclude(danish_source="esco").only(
        "uri", "label_da", "alt_labels_da", "danish_source"
    ):
        row = rows.get(skill.uri)
        if row is None:
            continue
        values = (row["label_da"], row["alt_labels_da"], "jobbro")
        if (skill.label_da, skill.alt_labels_da, skill.danish_source) != values:
            skill.label_da, skill.alt_labels_da, skill.danish_source = values
            changed.append(skill)
    skill_model.objects.bulk_update(
        changed, ["label_da", "alt_labels_da", "danish_source"], batch_size=500
    )
    return len(changed)


def load_occupation_label_fixes(occupation_model: Any) -> int:
    """Correct Danish occupation labels that ESCO's Danish translation gets wrong
    (data/occupation_labels_da.csv); returns how many changed."""
    fixes = {row["uri"]: row["label_da"] for row in read_csv(DATA_DIR / "occupation_labels_da.csv")}
    changed = []
    for occupation in occupation_model.objects.filter(uri__in=fixes).only("uri", "label_da"):
        if occupation.label_da != fixes[occupation.uri]:
            occupation.label_da = fixes[occupation.uri]
            changed.append(occupation)
    occupation_model.objects.bulk_update(changed, ["label_da"])
    return len(changed)
