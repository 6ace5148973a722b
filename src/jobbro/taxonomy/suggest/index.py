"""The database side of suggestions: build engine indexes from the taxonomy, cached per process.

An index is rebuilt when its version key changes: count, highest id and total label length of
the rows it is built from, so added, removed and relabelled concepts are all seen. The key is
checked at most every `CHECK_SECONDS` per process (one aggregate query), so queries stay fast.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Model, QuerySet, Sum
from django.db.models.functions import Coalesce, Length

from jobbro.tabular import read_csv

from ..models import Occupation, Qualification, Skill
from ..reference import DATA_DIR
from .engine import Entry, SuggestIndex, concept_entries

CHECK_SECONDS = 10.0
QUALIFICATION_PREFIX = "qualification:"
# Job-centre titles that ESCO lacks or gives to the wrong occupation first (data/README.md).
OCCUPATION_TITLES = DATA_DIR / "occupation_titles.csv"

Version = tuple[tuple[int, int, int], ...]


@dataclass
class _Cached:
    version: Version
    index: SuggestIndex
    checked: float
    serial: int  # unique per build in this process


_lock = threading.Lock()
_cache: dict[str, _Cached] = {}
_serials = itertools.count(1)


def _version(queryset: QuerySet[Model], label_fields: Iterable[str]) -> tuple[int, int, int]:
    lengths = {f"length_{f}": Coalesce(Sum(Length(f)), 0) for f in label_fields}
    row = queryset.aggregate(count=Count("id"), max_id=Max("id"), **lengths)
    return (row["count"], row["max_id"] or 0, sum(row[name] for name in lengths))


def _occupation_version() -> Version:
    fields = ("label_da", "label_en", "alt_labels_da", "alt_labels_en")
    return (_version(Occupation.objects.all(), fields),)


def _skill_version() -> Version:
    return (
        _version(Skill.objects.all(), ("label_da", "label_en", "alt_labels_da", "alt_labels_en")),
        _version(Qualification.objects.all(), ("label_da", "label_en", "synonyms")),
    )


def _occupation_entries() -> list[Entry]:
    entries: list[Entry] = []
    rows = Occupation.objects.order_by("id").values_list(
        "uri", "label_da", "label_en", "alt_labels_da", "alt_labels_en"
    )
    loaded: set[str] = set()
    for uri, label_da, label_en, alt_da, alt_en in rows:
        entries += concept_entries(uri, [label_da, label_en], f"{alt_da}|{alt_en}")
        loaded.add(uri)
    # Counted as preferred labels: the title's own occupation wins over others that share it.
    for row in read_csv(OCCUPATION_TITLES):
        if row["occupation_uri"] in loaded:
            entries += concept_entries(row["occupation_uri"], [row["title"]])
    return entries


def _skill_entries() -> list[Entry]:
    entries: list[Entry] = []
    rows = Qualification.objects.order_by("id").values_list(
        "code", "label_da", "label_en", "synonyms"
    )
    for code, label_da, label_en, synonyms in rows:
        key = QUALIFICATION_PREFIX + code
        entries += concept_entries(key, [label_da, label_en], synonyms)
    skills = Skill.objects.order_by("id").values_list(
        "uri", "label_da", "label_en", "alt_labels_da", "alt_labels_en"
    )
    for uri, label_da, label_en, alt_da, alt_en in skills:
        entries += concept_entries(uri, [label_da, label_en], f"{alt_da}|{alt_en}")
    return entries


_SOURCES: dict[str, tuple[Callable[[], Version], Callable[[], list[Entry]]]] = {
    "occupations": (_occupation_version, _occupation_entries),
    "skills": (_skill_version, _skill_entries),
}


def get_index(name: str) -> SuggestIndex:
    """The index `occupations` or `skills`, built on first use and after taxonomy changes."""
    version_of, entries_of = _SOURCES[name]
    now = time.monotonic()
    cached = _cache.get(name)
    if cached is not None and now - cached.checked < CHECK_SECONDS:
        return cached.index
    with _lock:
        version = version_of()
        cached = _cache.get(name)
        if cached is None or cached.version != version:
            cached = _Cached(version, SuggestIndex(entries_of()), now, next(_serials))
            _cache[name] = cached
        cached.checked = now
        return cached.index


def index_serial(name: str) -> int:
    """A number that changes whenever the index `name` is built again (for callers that keep
    what they derived from it)."""
    get_index(name)
    return _cache[name].serial


def clear_cache() -> None:
    """Forget the built indexes (tests; a process that just loaded the taxonomy)."""
    with _lock:
        _cache.clear()
