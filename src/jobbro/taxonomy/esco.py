"""ESCO: build the compact copy kept in the repository, load it, import official CSV downloads.

The compact copy (`data/esco/*.csv.gz`) holds only what Jobbro uses: ISCO groups, occupations,
skills and which skills an occupation needs. Loading keys every concept on its URI, creates
what is missing and updates what changed, so running it twice does nothing the second time
and a later full import updates rather than duplicates.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from .models import (
    DanishSource,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Relation,
    Skill,
    SkillKind,
)

ISCO_FILE = "isco_groups.csv.gz"
OCCUPATION_FILE = "occupations.csv.gz"
SKILL_FILE = "skills.csv.gz"
RELATION_FILE = "occupation_skills.csv.gz"

ISCO_COLUMNS = ["code", "uri", "label_en", "label_da", "parent_code"]
OCCUPATION_COLUMNS = [
    "uri",
    "code",
    "isco_code",
    "label_en",
    "label_da",
    "alt_labels_en",
    "alt_labels_da",
]
SKILL_COLUMNS = ["uri", "kind", "label_en", "alt_labels_en"]
RELATION_COLUMNS = ["occupation_uri", "skill_uri", "relation"]

LABEL_SEPARATOR = "|"
SUPPORTED_LANGUAGES = ("da", "en")


class EscoError(Exception):
    """The ESCO files are missing or not in the expected format."""


@dataclass
class LoadStats:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = []
        for name in ("isco groups", "occupations", "skills", "occupation skills"):
            if name in self.created or name in self.updated:
                new, changed = self.created.get(name, 0), self.updated.get(name, 0)
                part = f"{name}: {new} new, {changed} updated"
                if self.skipped.get(name):
                    part += f", {self.skipped[name]} unknown skipped"
                parts.append(part)
        return "; ".join(parts)


# --- reading -----------------------------------------------------------------------------


def join_labels(raw: str) -> str:
    """ESCO lists alternative labels one per line; we keep them joined by '|'."""
    labels = [
        label.strip().replace(LABEL_SEPARATOR, "/") for label in raw.splitlines() if label.strip()
    ]
    return LABEL_SEPARATOR.join(dict.fromkeys(labels))


def _rows_from_zip(archive: Path, member: str) -> Iterator[dict[str, str]]:
    with zipfile.ZipFile(archive) as zf, zf.open(member) as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))


def _rows_from_file(path: Path) -> Iterator[dict[str, str]]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def _write_gz(path: Path, columns: list[str], rows: Iterable[dict[str, str]]) -> int:
    count = 0
    # mtime=0 keeps the bytes identical between builds, so git sees no spurious change.
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz,
        io.TextIOWrapper(gz, encoding="utf-8", newline="") as text,
    ):
        writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _skill_kind(skill_type: str) -> str:
    return SkillKind.KNOWLEDGE if skill_type.strip() == "knowledge" else SkillKind.SKILL


# --- building the compact copy -----------------------------------------------------------


def build_compact(source: Path, target: Path) -> dict[str, int]:
    """Write the compact CSVs from the official ESCO v1.1.1 zips and the Danish labels."""
    classification = source / "esco-v1.1.1-classification-en-csv.zip"
    relations = source / "esco-v1.1.1-relations-csv.zip"
    danish = source / "occupations_da.csv"
    for path in (classification, relations, danish):
        if not path.exists():
            raise EscoError(f"Missing ESCO source file: {path}")
    target.mkdir(parents=True, exist_ok=True)

    danish_labels: dict[str, tuple[str, str]] = {}
    for row in _rows_from_file(danish):
        danish_labels[row["conceptUri"]] = (row["preferredLabel"].strip(), row["altLabels"])

    isco_rows = []
    for row in _rows_from_zip(classification, "ISCOGroups_en.csv"):
        code = row["code"].strip()
        isco_rows.append(
            {
                "code": code,
                "uri": row["conceptUri"],
                "label_en": row["preferredLabel"].strip(),
                "label_da": danish_labels.get(row["conceptUri"], ("", ""))[0],
                "parent_code": code[:-1] if len(code) > 1 else "",
            }
        )
    isco_rows.sort(key=lambda r: r["code"])

    occupation_rows = []
    for row in _rows_from_zip(classification, "occupations_en.csv"):
        label_da, alt_da = danish_labels.get(row["conceptUri"], ("", ""))
        occupation_rows.append(
            {
                "uri": row["conceptUri"],
                "code": row["code"].strip(),
                "isco_code": row["iscoGroup"].strip(),
                "label_en": row["preferredLabel"].strip(),
                "label_da": label_da,
                "alt_labels_en": join_labels(row["altLabels"]),
                "alt_labels_da": join_labels(alt_da),
            }
        )
    occupation_rows.sort(key=lambda r: r["uri"])

    skill_rows = []
    for row in _rows_from_zip(classification, "skills_en.csv"):
        skill_rows.append(
            {
                "uri": row["conceptUri"],
                "kind": _skill_kind(row["skillType"]),
                "label_en": row["preferredLabel"].strip(),
                "alt_labels_en": join_labels(row["altLabels"]),
            }
        )
    skill_rows.sort(key=lambda r: r["uri"])

    occupations = {r["uri"] for r in occupation_rows}
    skills = {r["uri"] for r in skill_rows}
    relation_rows = [
        {
            "occupation_uri": row["occupationUri"],
            "skill_uri": row["skillUri"],
            "relation": row["relationType"],
        }
        for row in _rows_from_zip(relations, "occupationSkillRelations.csv")
        if row["occupationUri"] in occupations and row["skillUri"] in skills
    ]
    # Sorted by occupation, the repeated occupation URI compresses to almost nothing.
    relation_rows.sort(key=lambda r: (r["occupation_uri"], r["skill_uri"]))

    return {
        ISCO_FILE: _write_gz(target / ISCO_FILE, ISCO_COLUMNS, isco_rows),
        OCCUPATION_FILE: _write_gz(target / OCCUPATION_FILE, OCCUPATION_COLUMNS, occupation_rows),
        SKILL_FILE: _write_gz(target / SKILL_FILE, SKILL_COLUMNS, skill_rows),
        RELATION_FILE: _write_gz(target / RELATION_FILE, RELATION_COLUMNS, relation_rows),
    }


# --- loading -----------------------------------------------------------------------------


def _sync(
    model: type[models.Model],
    rows: dict[str, dict[str, Any]],
    *,
    key: str = "uri",
    create: bool = True,
) -> tuple[dict[str, int], int, int, int]:
    """Create missing and update changed rows, keyed on `key`.

    Returns the key → id map after the sync, and how many were created, updated, skipped.
    Fields are compared before writing so an unchanged second run writes nothing.
    """
    fields = sorted({name for values in rows.values() for name in values})
    existing = {r[key]: r for r in model._default_manager.values("id", key, *fields)}
    to_create = []
    to_update = []
    skipped = 0
    for k, values in rows.items():
        old = existing.get(k)
        if old is None:
            if create:
                to_create.append(model(**{key: k, **values}))
            else:
                skipped += 1
        elif any(old[name] != value for name, value in values.items()):
            to_update.append(model(id=old["id"], **{key: k, **values}))
    model._default_manager.bulk_create(to_create, batch_size=2000)
    if to_update and fields:
        model._default_manager.bulk_update(to_update, fields, batch_size=500)
    ids = dict(model._default_manager.values_list(key, "id"))
    return ids, len(to_create), len(to_update), skipped


def _sync_relations(
    rows: Iterable[dict[str, str]],
    occupation_ids: dict[str, int],
    skill_ids: dict[str, int],
    stats: LoadStats,
) -> None:
    existing = {
        (occ, skill): (pk, relation)
        for pk, occ, skill, relation in OccupationSkill.objects.values_list(
            "id", "occupation_id", "skill_id", "relation"
        )
    }
    to_create: list[OccupationSkill] = []
    to_update: list[OccupationSkill] = []
    skipped = 0
    seen: set[tuple[int, int]] = set()
    for row in rows:
        occ = occupation_ids.get(row["occupation_uri"])
        skill = skill_ids.get(row["skill_uri"])
        relation = row["relation"]
        if occ is None or skill is None or relation not in Relation.values:
            skipped += 1
            continue
        pair = (occ, skill)
        if pair in seen:
            continue
        seen.add(pair)
        old = existing.get(pair)
        if old is None:
            to_create.append(OccupationSkill(occupation_id=occ, skill_id=skill, relation=relation))
        elif old[1] != relation:
            to_update.append(OccupationSkill(id=old[0], relation=relation))
    # ignore_conflicts: a concurrent or partial earlier load must not abort this one.
    OccupationSkill.objects.bulk_create(to_create, batch_size=5000, ignore_conflicts=True)
    OccupationSkill.objects.bulk_update(to_update, ["relation"], batch_size=500)
    stats.created["occupation skills"] = len(to_create)
    stats.updated["occupation skills"] = len(to_update)
    stats.skipped["occupation skills"] = skipped


def _sync_isco(rows: list[dict[str, str]], stats: LoadStats, *, create: bool = True) -> None:
    values: dict[str, dict[str, Any]] = {
        r["uri"]: {k: r[k] for k in ("code", "label_en", "label_da") if k in r} for r in rows
    }
    _ids, created, updated, skipped = _sync(IscoGroup, values, create=create)
    parents = {r["code"]: r.get("parent_code", "") for r in rows if "code" in r}
    if parents:
        by_code = dict(IscoGroup.objects.values_list("code", "id"))
        current = dict(IscoGroup.objects.values_list("code", "parent_id"))
        to_update = []
        for code, parent_code in parents.items():
            parent_id = by_code.get(parent_code) if parent_code else None
            if code in by_code and current.get(code) != parent_id:
                to_update.append(IscoGroup(id=by_code[code], parent_id=parent_id))
        IscoGroup.objects.bulk_update(to_update, ["parent_id"], batch_size=500)
    stats.created["isco groups"] = created
    stats.updated["isco groups"] = updated
    stats.skipped["isco groups"] = skipped


def _occupation_values(rows: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    isco_ids = dict(IscoGroup.objects.values_list("code", "id"))
    values: dict[str, dict[str, Any]] = {}
    for r in rows:
        item: dict[str, Any] = {k: r[k] for k in OCCUPATION_COLUMNS[1:] if k in r}
        isco_code = item.pop("isco_code", None)
        if isco_code is not None:
            if isco_code not in isco_ids:
                raise EscoError(f"Occupation {r['uri']} names unknown ISCO group {isco_code!r}.")
            item["isco_group_id"] = isco_ids[isco_code]
        values[r["uri"]] = item
    return values


def load_compact(directory: Path) -> LoadStats:
    """Load the compact copy; creates what is missing, updates what changed."""
    for name in (ISCO_FILE, OCCUPATION_FILE, SKILL_FILE, RELATION_FILE):
        if not (directory / name).exists():
            raise EscoError(f"Missing compact ESCO file: {directory / name}")
    stats = LoadStats()
    with transaction.atomic():
        _sync_isco(list(_rows_from_file(directory / ISCO_FILE)), stats)
        occupation_rows = list(_rows_from_file(directory / OCCUPATION_FILE))
        occ_ids, c, u, _s = _sync(Occupation, _occupation_values(occupation_rows))
        stats.created["occupations"], stats.updated["occupations"] = c, u
        skill_values = {
            r["uri"]: {k: r[k] for k in ("kind", "label_en", "alt_labels_en")}
            for r in _rows_from_file(directory / SKILL_FILE)
        }
        skill_ids, c, u, _s = _sync(Skill, skill_values)
        stats.created["skills"], stats.updated["skills"] = c, u
        _sync_relations(_rows_from_file(directory / RELATION_FILE), occ_ids, skill_ids, stats)
    return stats


@dataclass(frozen=True)
class _CsvFile:
    """One CSV of an official download: a file, or a member of a zip archive."""

    path: Path
    member: str = ""

    def rows(self) -> Iterator[dict[str, str]]:
        if self.member:
            return _rows_from_zip(self.path, self.member)
        return _rows_from_file(self.path)


def _csv_files(source: Path) -> dict[str, _CsvFile]:
    """Every CSV of a download by its lower-cased file name: a folder of CSV files, a zip as
    ESCO's portal serves it (files possibly in a subfolder), or a folder holding such zips."""
    found: dict[str, _CsvFile] = {}
    if source.is_file() and zipfile.is_zipfile(source):
        archives = [source]
    elif source.is_dir():
        archives = sorted(p for p in source.iterdir() if p.suffix.lower() == ".zip")
        found = {p.name.lower(): _CsvFile(p) for p in source.glob("*.csv")}
    else:
        raise EscoError(f"No ESCO download at {source}: give a folder or a zip file.")
    for archive in archives:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.namelist():
                name = member.rsplit("/", 1)[-1].lower()
                if name.endswith(".csv"):
                    found.setdefault(name, _CsvFile(archive, member))
    return found


def _find(files: dict[str, _CsvFile], *names: str) -> _CsvFile | None:
    for name in names:
        if name.lower() in files:
            return files[name.lower()]
    return None


def import_official(directory: Path, language: str) -> LoadStats:
    """Import an official ESCO CSV download (any version) in one language.

    `directory` is the unpacked download, the zip itself, or a folder with the zips (the
    classification and the relations come in separate zips). English creates and updates
    concepts and relations; Danish sets the Danish labels of concepts already present (load
    English or the compact copy first).
    """
    if language not in SUPPORTED_LANGUAGES:
        raise EscoError(
            f"Labels can be stored in {', '.join(SUPPORTED_LANGUAGES)} only, not {language!r}."
        )
    files = _csv_files(directory)
    occupations_path = _find(files, f"occupations_{language}.csv")
    skills_path = _find(files, f"skills_{language}.csv")
    isco_path = _find(files, f"ISCOGroups_{language}.csv")
    if occupations_path is None and skills_path is None:
        raise EscoError(f"No occupations_{language}.csv or skills_{language}.csv in {directory}.")
    label, alt = f"label_{language}", f"alt_labels_{language}"
    create = language == "en"
    stats = LoadStats()

    with transaction.atomic():
        isco_rows: list[dict[str, str]] = []
        occupation_rows: list[dict[str, str]] = []
        if isco_path is not None:
            for row in isco_path.rows():
                item = {"uri": row["conceptUri"], label: row["preferredLabel"].strip()}
                if create:
                    code = row["code"].strip()
                    item |= {"code": code, "parent_code": code[:-1] if len(code) > 1 else ""}
                isco_rows.append(item)
        if occupations_path is not None:
            for row in occupations_path.rows():
                # Some exports put the ISCO groups into the occupations file.
                if row.get("conceptType") == "ISCOGroup":
                    isco_label = row["preferredLabel"].strip()
                    isco_rows.append({"uri": row["conceptUri"], label: isco_label})
                    continue
                item = {
                    "uri": row["conceptUri"],
                    label: row["preferredLabel"].strip(),
                    alt: join_labels(row.get("altLabels", "")),
                }
                if create:
                    item |= {"code": row["code"].strip(), "isco_code": row["iscoGroup"].strip()}
                occupation_rows.append(item)
        if isco_rows:
            _sync_isco(isco_rows, stats, create=create)
        occ_ids: dict[str, int] = {}
        if occupation_rows:
            occ_ids, c, u, s = _sync(Occupation, _occupation_values(occupation_rows), create=create)
            stats.created["occupations"], stats.updated["occupations"] = c, u
            stats.skipped["occupations"] = s
        skill_ids: dict[str, int] = {}
        if skills_path is not None:
            skill_values: dict[str, dict[str, Any]] = {}
            for row in skills_path.rows():
                skill: dict[str, Any] = {
                    label: row["preferredLabel"].strip(),
                    alt: join_labels(row.get("altLabels", "")),
                }
                if create:
                    skill["kind"] = _skill_kind(row.get("skillType", ""))
                if language == "da":
                    skill["danish_source"] = DanishSource.ESCO
                skill_values[row["conceptUri"]] = skill
            skill_ids, c, u, s = _sync(Skill, skill_values, create=create)
            stats.created["skills"], stats.updated["skills"] = c, u
            stats.skipped["skills"] = s
        relations_path = _find(
            files, f"occupationSkillRelations_{language}.csv", "occupationSkillRelations.csv"
        )
        if create and relations_path is not None:
            occ_ids = occ_ids or dict(Occupation.objects.values_list("uri", "id"))
            skill_ids = skill_ids or dict(Skill.objects.values_list("uri", "id"))
            _sync_relations(
                (
                    {
                        "occupation_uri": r["occupationUri"],
                        "skill_uri": r["skillUri"],
                        "relation": r["relationType"],
                    }
                    for r in relations_path.rows()
                ),
                occ_ids,
                skill_ids,
                stats,
            )
    return stats
