"""Checks JSON-LD against the vendored schema.org vocabulary (schemaorg/vocabulary.json).

Every property must exist on its node's type (or a type above it) and every value must be
of a type in the property's range: a node of that class or a subclass, or a literal the
range's data types admit. Pending terms count (Google documents `directApply` and others).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

VOCABULARY = Path(__file__).with_name("schemaorg") / "vocabulary.json"

# Google's job-posting properties, remote work aside
# (developers.google.com/search/docs/appearance/structured-data/job-posting).
GOOGLE_REQUIRED = ("title", "description", "datePosted", "hiringOrganization", "jobLocation")
GOOGLE_RECOMMENDED = ("baseSalary", "directApply", "employmentType", "identifier", "validThrough")
GOOGLE_EMPLOYMENT_TYPES = {
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
}


@cache
def vocabulary() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    return data


def ancestors(name: str) -> list[str]:
    """The type and every type above it."""
    known = {**vocabulary()["classes"], **vocabulary()["dataTypes"]}
    seen: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.append(current)
            todo.extend(known.get(current, {}).get("subClassOf", []))
    return seen


def properties_of(type_name: str) -> dict[str, Any]:
    classes = vocabulary()["classes"]
    found: dict[str, Any] = {}
    for name in ancestors(type_name):
        found.update(classes.get(name, {}).get("properties", {}))
    return found


def _literal_fits(value: Any, ranges: list[str]) -> bool:
    data_types = set(ranges)
    if isinstance(value, bool):
        return "Boolean" in data_types
    if isinstance(value, int):
        return bool(data_types & {"Integer", "Number"})
    if isinstance(value, float):
        return "Number" in data_types
    if not isinstance(value, str):
        return False
    if "Text" in data_types:
        return True
    if "URL" in data_types and value.startswith(("http://", "https://")):
        return True
    if "DateTime" in data_types and "T" in value:
        dt.datetime.fromisoformat(value)
        return True
    if "Date" in data_types:
        dt.date.fromisoformat(value)
        return True
    return False


def errors_in(node: dict[str, Any], path: str = "$") -> list[str]:
    """What in the node does not fit the vocabulary; empty when it all fits."""
    type_name = node.get("@type")
    if type_name not in vocabulary()["classes"]:
        return [f"{path}: unknown type {type_name!r}"]
    known = properties_of(type_name)
    errors = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in known:
            errors.append(f"{path}.{name}: no such property on {type_name}")
            continue
        ranges = known[name]["range"]
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                inner = item.get("@type", "")
                if not set(ancestors(inner)) & set(ranges):
                    errors.append(f"{path}.{name}: {inner} is not in the range {ranges}")
                else:
                    errors += errors_in(item, f"{path}.{name}")
            elif not _literal_fits(item, ranges):
                errors.append(f"{path}.{name}: {item!r} does not fit the range {ranges}")
    return errors
