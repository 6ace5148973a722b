"""The candidate index: columns of numbers in memory, searched with whole-array operations.

Layout (one "slot" per candidate version; a changed candidate gets a new slot, the old one
dies):

- dense per slot: candidate id, profile group, available-from day, total years;
- profile groups: the few thousand distinct (municipality, job centre, consent, active,
  maximum commute) combinations. Visibility, the job-centre facet, distance, the distance
  facet and proximity are worked out once per group and spread to candidates with a single
  array lookup; slot group 0 means "dead";
- sparse stores (`sparse.SparseStore`): skills, certificates/licences (with expiry day),
  languages (with CEFR level), experience (with years and experience factor), wished
  occupations.

A query: hard filter as a boolean vector, then the score only for the candidates left,
top k with `argpartition` on (score, −id), and an explanation for those k only, from the same
plain-Python rules as `evaluate.evaluate` (which tests compare against the whole index).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise, repeat
from typing import Any

import numpy as np
import numpy.typing as npt

from . import scoring
from .evaluate import Context, Prepared
from .features import (
    CandidateFeatures,
    HeldQualification,
    OccupationCode,
    SpokenLanguage,
    normalised,
)
from .query import FacetRequest, Order, Query, Requirement, RequirementKind
from .results import FacetCounts, RankedCandidate, SearchResult
from .sparse import Buffers, Entries, SparseStore

NO_EXPIRY = int(np.iinfo(np.int32).max)
NOT_HELD = int(np.iinfo(np.int32).min)
_EPOCH = dt.date(1970, 1, 1).toordinal()
_ID_BITS = 32  # ranking key: score units above, (2**32 − 1 − id) below
_MAX_ID = (1 << _ID_BITS) - 1
DENSE_SHARE = 0.05  # certificates and languages held by 5 % or more get a dense column
DEAD = 0  # the profile group of a slot whose candidate changed or left
WISHED_FACTOR = scoring.experience_factor(0.0)


def _has_duplicates(f: CandidateFeatures) -> bool:
    """Whether an occupation, skill, qualification or language is listed twice."""
    return (
        len(f.skills) != len(set(f.skills))
        or len(f.wished_occupations) != len(set(f.wished_occupations))
        or len(f.experience) != len({o for o, _ in f.experience})
        or len(f.qualifications) != len({q.qualification_id for q in f.qualifications})
        or len(f.languages) != len({s.language_id for s in f.languages})
    )


def _best_factors(
    experience: Entries,
    wished: Entries,
    n_concepts: int,
) -> Entries:
    """Entries of experience (factor of the years) and wishes (0.5), one per slot and
    occupation with the larger factor."""
    rows = np.concatenate([experience[0], wished[0]])
    concepts = np.concatenate([experience[1], wished[1]])
    factors = np.concatenate([experience[2][1], np.full(len(wished[0]), WISHED_FACTOR)])
    order = np.lexsort((factors, concepts, rows))
    key = rows[order].astype(np.int64) * (n_concepts + 1) + concepts[order]
    last = np.ones(len(key), dtype=bool)
    last[:-1] = key[1:] != key[:-1]
    chosen = order[last]
    return rows[chosen], concepts[chosen], [factors[chosen]]


def day_number(day: dt.date) -> int:
    return day.toordinal() - _EPOCH


def from_day_number(number: int) -> dt.date:
    return dt.date.fromordinal(number + _EPOCH)


class _Columns:
    """External ids (skill, job centre, …) ↔ dense column numbers."""

    def __init__(self) -> None:
        self.of: dict[int, int] = {}
        self.ids: list[int] = []

    def add(self, key: int) -> int:
        column = self.of.get(key)
        if column is None:
            column = self.of[key] = len(self.ids)
            self.ids.append(key)
        return column

    def known(self, keys: Iterable[int]) -> list[int]:
        return [self.of[k] for k in keys if k in self.of]

    def __len__(self) -> int:
        return len(self.ids)


class _SlotMap:
    """Candidate id → slot, as a dict would: a sorted base of (id, slot) arrays (a
    snapshot's, shared between processes when mapped) under a dict of the changes since.
    A dict of 300,000 Python ints alone costs about 28 MiB in every process."""

    __slots__ = ("_changed", "_ids", "_size", "_slots")

    def __init__(self, ids: np.ndarray | None = None, slots: np.ndarray | None = None) -> None:
        self._ids = np.zeros(0, dtype=np.int64) if ids is None else ids  # sorted
        self._slots = np.zeros(0, dtype=np.int32) if slots is None else slots
        self._changed: dict[int, int | None] = {}  # None: removed
        self._size = len(self._ids)

    @classmethod
    def of_slots(cls, ids: npt.NDArray[np.int64]) -> _SlotMap:
        """The map of slot i → ids[i] (ids unique)."""
        order = np.argsort(ids, kind="stable")
        return cls(np.ascontiguousarray(ids[order]), order.astype(np.int32))

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        assert not self._changed, "only an unchanged map"
        return self._ids, self._slots

    def get(self, key: object, default: int | None = None) -> int | None:
        if key in self._changed:
            slot = self._changed[key]
        elif isinstance(key, int | np.integer) and len(self._ids):
            i = int(np.searchsorted(self._ids, key))
            found = i < len(self._ids) and int(self._ids[i]) == key
            slot = int(self._slots[i]) if found else None
        else:
            slot = None
        return default if slot is None else slot

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: int) -> int:
        slot = self.get(key)
        if slot is None:
            raise KeyError(key)
        return slot

    def __setitem__(self, key: int, slot: int) -> None:
        if self.get(key) is None:
            self._size += 1
        self._changed[key] = slot

    def pop(self, key: int, default: int | None = None) -> int | None:
        slot = self.get(key)
        if slot is None:
            return default
        self._changed[key] = None
        self._size -= 1
        return slot

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[int]:
        changed = self._changed
        for key in self._ids.tolist():
            if key not in changed:
                yield key
        for key, slot in changed.items():
            if slot is not None:
                yield key


@dataclass
class _Plan:
    """A query's verdicts per profile group, and the km per municipality id."""

    visible: npt.NDArray[np.bool_]  # active and visible to the searcher
    centre: npt.NDArray[np.bool_]  # passes the job-centre facet
    distance: npt.NDArray[np.bool_]  # passes the distance facet
    km: npt.NDArray[np.float64]  # from the workplace (NaN: unknown)
    near: npt.NDArray[np.float64]  # proximity, 0–1
    km_of: dict[int, float | None]


@dataclass
class _Groups:
    municipality: npt.NDArray[np.int64]
    job_centre: npt.NDArray[np.int64]
    shared: npt.NDArray[np.bool_]
    active: npt.NDArray[np.bool_]
    commute: npt.NDArray[np.float64]


class CandidateIndex:
    """Candidates in memory for ranked search. Not thread-safe: hold a lock around use.

    Build with `CandidateIndex.build(features, occupations=…, municipalities=…)`, keep it
    current with `upsert` / `delete`, search with `search(query)`.
    """

    def __init__(
        self,
        *,
        occupations: Mapping[int, OccupationCode] | None = None,
        municipalities: Mapping[int, tuple[float, float]] | None = None,
        compact_ratio: float = 0.125,
        compact_minimum: int = 1024,
        compact_maximum: int = 20_000,
    ) -> None:
        # Changed candidates pile up in a delta recompiled (vectorised) after every change;
        # past min(ratio × base, maximum) slots, but never below minimum, all is compacted.
        self.compact_ratio = compact_ratio
        self.compact_minimum = compact_minimum
        self.compact_maximum = compact_maximum
        self._capacity = 0
        self._n = 0
        self._ids = np.zeros(0, dtype=np.int64)
        self._group = np.zeros(0, dtype=np.int32)
        self._available = np.zeros(0, dtype=np.int32)
        self._total_years = np.zeros(0, dtype=np.float64)
        self._slot_of = _SlotMap()
        self._flags = np.zeros(0, dtype=bool)
        self._distance_cache: dict[
            object, tuple[npt.NDArray[np.float64], dict[int, float | None]]
        ] = {}

        self._group_of: dict[tuple[int, int, bool, bool, float], int] = {}
        self._group_rows: list[tuple[int, int, bool, bool, float]] = [(-1, -1, False, False, 0.0)]
        self._groups: _Groups | None = None

        self._municipalities = _Columns()
        self._coordinates: dict[int, tuple[float, float]] = {}
        self._job_centres = _Columns()
        self._occupations = _Columns()
        self._paths: dict[int, tuple[str, ...]] = {}
        self._path_codes: dict[str, int] = {}
        self._occupation_levels: npt.NDArray[np.int64] | None = None
        self._skill_columns = _Columns()
        self._qualification_columns = _Columns()
        self._language_columns = _Columns()

        self._skills = SparseStore()
        # Expiry day (NOT_HELD in the dense columns) and CEFR level (0: not spoken).
        self._qualifications = SparseStore([np.int32], dense_share=DENSE_SHARE, missing=NOT_HELD)
        self._languages = SparseStore([np.int8], dense_share=DENSE_SHARE, missing=0)
        self._experience = SparseStore([np.float64, np.float64])  # years, experience factor
        self._wished = SparseStore()
        # Per slot and occupation, experienced or wished: the experience factor (0.5 for a
        # wish only). Every occupation search reads it, so it is padded.
        self._occupation_factor = SparseStore([np.float64], pad=3)
        self._stores = (
            self._skills,
            self._qualifications,
            self._languages,
            self._experience,
            self._wished,
            self._occupation_factor,
        )
        self.add_occupations(occupations or {})
        self.add_municipalities(municipalities or {})

    # --- reference data ------------------------------------------------------------------

    def add_occupations(self, occupations: Mapping[int, OccupationCode]) -> None:
        """Register (or update) occupations' ISCO/ESCO codes for similarity."""
        for occupation_id, code in occupations.items():
            self._occupations.add(occupation_id)
            self._paths[occupation_id] = code.path()
        self._occupation_levels = None

    def add_municipalities(self, coordinates: Mapping[int, tuple[float, float]]) -> None:
        for municipality_id, (latitude, longitude) in coordinates.items():
            self._municipalities.add(municipality_id)
            self._coordinates[municipality_id] = (float(latitude), float(longitude))
        self._distance_cache.clear()

    @property
    def occupation_ids(self) -> frozenset[int]:
        return frozenset(self._paths)

    @property
    def context(self) -> Context:
        return Context(self._paths, self._coordinates)

    # --- building and changing -----------------------------------------------------------

    @classmethod
    def build(
        cls,
        candidates: Iterable[CandidateFeatures],
        *,
        occupations: Mapping[int, OccupationCode] | None = None,
        municipalities: Mapping[int, tuple[float, float]] | None = None,
    ) -> CandidateIndex:
        index = cls(occupations=occupations, municipalities=municipalities)
        index._bulk_load(candidates)
        return index

    def _bulk_load(self, candidates: Iterable[CandidateFeatures]) -> None:
        """One pass in Python appending to compact arrays; the rest is NumPy/SciPy.

        Entries keep the order they come in (the index needs no sorting); only a candidate
        listing something twice is normalised first.
        """
        ids, groups, available = array("q"), array("i"), array("i")
        skills, wished = Buffers(), Buffers()
        qualifications, languages = Buffers(["i"]), Buffers(["b"])
        experience = Buffers(["d", "d"])
        skill_col, qual_col = self._skill_columns.add, self._qualification_columns.add
        lang_col, occ_col = self._language_columns.add, self._occupations.add
        factors: dict[float, float] = {}
        seen: set[int] = set()
        group_for = self._group_for
        epoch = _EPOCH
        slot = self._n
        assert slot == 0, "bulk load only into an empty index"
        for f in candidates:
            if _has_duplicates(f):
                f = normalised(f)
            if f.id in seen:
                raise ValueError(f"candidate {f.id} appears twice")
            if not 0 < f.id <= _MAX_ID:
                raise ValueError(f"candidate id {f.id} out of range")
            seen.add(f.id)
            ids.append(f.id)
            groups.append(group_for(f))
            available.append(f.available_from.toordinal() - epoch)
            if f.skills:
                skills.slots.extend(repeat(slot, len(f.skills)))
                skills.concepts.extend(map(skill_col, f.skills))
            if f.wished_occupations:
                wished.slots.extend(repeat(slot, len(f.wished_occupations)))
                wished.concepts.extend(map(occ_col, f.wished_occupations))
            for occupation_id, years in f.experience:
                experience.slots.append(slot)
                experience.concepts.append(occ_col(occupation_id))
                experience.data[0].append(years)
                factor = factors.get(years)
                if factor is None:
                    factor = factors[years] = scoring.experience_factor(years)
                experience.data[1].append(factor)
            for held in f.qualifications:
                qualifications.slots.append(slot)
                qualifications.concepts.append(qual_col(held.qualification_id))
                expires = held.expires_on
                qualifications.data[0].append(
                    NO_EXPIRY if expires is None else expires.toordinal() - epoch
                )
            for spoken in f.languages:
                languages.slots.append(slot)
                languages.concepts.append(lang_col(spoken.language_id))
                languages.data[0].append(spoken.level)
            slot += 1
        self._n = slot
        self._capacity = slot
        stores: list[tuple[SparseStore, Entries, _Columns]] = [
            (self._skills, skills.arrays(), self._skill_columns),
            (self._wished, wished.arrays(), self._occupations),
            (self._experience, experience.arrays(), self._occupations),
            (self._qualifications, qualifications.arrays(), self._qualification_columns),
            (self._languages, languages.arrays(), self._language_columns),
        ]
        stores.append(
            (
                self._occupation_factor,
                _best_factors(stores[2][1], stores[1][1], len(self._occupations)),
                self._occupations,
            )
        )
        # Slots in the order of each candidate's main occupation code: a query's candidates
        # (same ISCO group) then sit close together and are read with few cache misses.
        new_slot = self._clustered_order(stores[2][1], stores[1][1], slot)
        old_slot = np.argsort(new_slot)
        self._ids = np.frombuffer(ids, dtype=np.int64)[old_slot]
        self._group = np.frombuffer(groups, dtype=np.int32)[old_slot]
        self._available = np.frombuffer(available, dtype=np.int32)[old_slot]
        seen.clear()
        self._slot_of = _SlotMap.of_slots(self._ids)
        for store, (old_rows, concepts, data), columns in stores:
            rows = new_slot[old_rows]
            if store is self._experience:
                sums = np.bincount(rows, weights=data[0], minlength=slot)[:slot]
                self._total_years = sums.astype(np.float64)
            store.set_base(rows, concepts, data, slot, len(columns))
        self._occupation_levels = None

    def _clustered_order(
        self,
        experience: Entries,
        wished: Entries,
        n: int,
    ) -> npt.NDArray[np.int32]:
        """New slot of each slot: sorted by the code of the occupation with the most years
        (else the first wish), then by the order of arrival."""
        paths = [self._paths.get(o) for o in self._occupations.ids]
        codes = [(p[4] or p[3]) if p else "~" for p in paths]
        rank = np.empty(len(codes) + 1, dtype=np.int64)
        keys = np.array([*codes, "~~"], dtype=object)
        rank[np.argsort(keys, kind="stable")] = np.arange(len(codes) + 1)
        main = np.full(n, len(codes), dtype=np.int64)  # nothing known: last
        rows, concepts, _ = wished
        main[rows[::-1]] = concepts[::-1]  # the first wish wins (only the order depends on it)
        rows, concepts, (years, _) = experience
        order = np.lexsort((years, rows))  # per slot, most years last
        main[rows[order]] = concepts[order]
        position = np.argsort(rank[main], kind="stable")
        new_slot = np.empty(n, dtype=np.int32)
        new_slot[position] = np.arange(n, dtype=np.int32)
        return new_slot

    def _group_for(self, f: CandidateFeatures) -> int:
        municipality = self._municipalities.add(f.municipality_id)
        key = (
            municipality,
            self._job_centres.add(f.job_centre_id),
            bool(f.shared_with_cooperation),
            bool(f.active),
            float(f.max_commute_km),
        )
        group = self._group_of.get(key)
        if group is None:
            group = self._group_of[key] = len(self._group_rows)
            self._group_rows.append(key)
            self._groups = None
        return group

    def _grow(self, needed: int) -> None:
        if needed <= self._capacity:
            return
        # An eighth more: enough for the edits until the next compaction (at most
        # `compact_maximum` slots), and a snapshot's mapped columns are copied into the
        # process once at a small size, not doubled.
        capacity = max(needed, self._capacity + max(self._capacity // 8, 1024))
        for name in ("_ids", "_group", "_available", "_total_years"):
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: self._n] = old[: self._n]
            setattr(self, name, new)
        self._capacity = capacity

    def upsert(self, raw: CandidateFeatures) -> None:
        """Add a candidate or replace what the index knows about them."""
        f = normalised(raw)
        if not 0 < f.id <= _MAX_ID:
            raise ValueError(f"candidate id {f.id} out of range")
        self._kill(f.id)
        slot = self._n
        self._grow(slot + 1)
        self._n += 1
        self._slot_of[f.id] = slot
        self._ids[slot] = f.id
        self._group[slot] = self._group_for(f)
        self._available[slot] = day_number(f.available_from)
        self._total_years[slot] = f.total_years
        occ = self._occupations.add
        self._skills.put(slot, [self._skill_columns.add(s) for s in f.skills], [])
        self._wished.put(slot, [occ(o) for o in f.wished_occupations], [])
        factors = [scoring.experience_factor(y) for _, y in f.experience]
        self._experience.put(
            slot, [occ(o) for o, _ in f.experience], [[y for _, y in f.experience], factors]
        )
        best = {o: factor for (o, _), factor in zip(f.experience, factors, strict=True)}
        for o in f.wished_occupations:
            best[o] = max(best.get(o, 0.0), WISHED_FACTOR)
        self._occupation_factor.put(slot, [occ(o) for o in best], [list(best.values())])
        self._qualifications.put(
            slot,
            [self._qualification_columns.add(q.qualification_id) for q in f.qualifications],
            [
                [
                    NO_EXPIRY if q.expires_on is None else day_number(q.expires_on)
                    for q in f.qualifications
                ]
            ],
        )
        self._languages.put(
            slot,
            [self._language_columns.add(s.language_id) for s in f.languages],
            [[s.level for s in f.languages]],
        )
        self._maybe_compact()

    def delete(self, candidate_id: int) -> bool:
        """Remove a candidate; False if the index did not hold them."""
        return self._kill(candidate_id)

    def _kill(self, candidate_id: int) -> bool:
        slot = self._slot_of.pop(candidate_id, None)
        if slot is None:
            return False
        self._group[slot] = DEAD
        for store in self._stores:
            store.drop(slot)
        return True

    def _maybe_compact(self) -> None:
        delta = self._skills.delta_slots
        limit = min(self.compact_ratio * self._skills.base_slots, self.compact_maximum)
        if delta > max(self.compact_minimum, limit):
            self.compact()

    def compact(self) -> None:
        """Fold changed candidates into a new base and drop dead slots (no data source read)."""
        live = np.flatnonzero(self._group[: self._n] != DEAD)
        new_slot = np.full(self._n, -1, dtype=np.int64)
        new_slot[live] = np.arange(len(live))
        for store, columns in (
            (self._skills, self._skill_columns),
            (self._wished, self._occupations),
            (self._experience, self._occupations),
            (self._qualifications, self._qualification_columns),
            (self._languages, self._language_columns),
            (self._occupation_factor, self._occupations),
        ):
            slots, concepts, data = store.all_entries()
            keep = new_slot[slots] >= 0
            store.set_base(
                new_slot[slots[keep]],
                concepts[keep],
                [d[keep] for d in data],
                len(live),
                len(columns),
            )
        self._ids = self._ids[live].copy()
        self._group = self._group[live].copy()
        self._available = self._available[live].copy()
        self._total_years = self._total_years[live].copy()
        self._n = self._capacity = len(live)
        self._slot_of = _SlotMap.of_slots(self._ids)

    # --- snapshots (see snapshot.py for the files) ----------------------------------------

    _STORE_NAMES = ("skills", "qualifications", "languages", "experience", "wished", "factor")

    def snapshot_parts(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """The index as named arrays and JSON-able lookup tables. Compacts first if
        candidates changed since the build (the parts hold bases only)."""
        if len(self._slot_of) != self._n or any(s.delta_slots for s in self._stores):
            self.compact()
        n = self._n
        arrays: dict[str, np.ndarray] = {
            "ids": self._ids[:n],
            "group": self._group[:n],
            "available": self._available[:n],
            "total_years": self._total_years[:n],
            "slot_map.ids": self._slot_of.arrays()[0],
            "slot_map.slots": self._slot_of.arrays()[1],
            "municipalities": np.array(self._municipalities.ids, dtype=np.int64),
            "job_centres": np.array(self._job_centres.ids, dtype=np.int64),
            "occupations": np.array(self._occupations.ids, dtype=np.int64),
            "skill_columns": np.array(self._skill_columns.ids, dtype=np.int64),
            "qualification_columns": np.array(self._qualification_columns.ids, dtype=np.int64),
            "language_columns": np.array(self._language_columns.ids, dtype=np.int64),
        }
        rows = self._group_rows
        arrays["groups.municipality"] = np.array([r[0] for r in rows], dtype=np.int64)
        arrays["groups.job_centre"] = np.array([r[1] for r in rows], dtype=np.int64)
        arrays["groups.shared"] = np.array([r[2] for r in rows], dtype=bool)
        arrays["groups.active"] = np.array([r[3] for r in rows], dtype=bool)
        arrays["groups.commute"] = np.array([r[4] for r in rows], dtype=np.float64)
        coordinates = sorted(self._coordinates.items())
        arrays["coordinates.id"] = np.array([c for c, _ in coordinates], dtype=np.int64)
        arrays["coordinates.lat_lon"] = np.array(
            [xy for _, xy in coordinates], dtype=np.float64
        ).reshape(-1, 2)
        stores = {}
        for name, store in zip(self._STORE_NAMES, self._stores, strict=True):
            store_arrays, stores[name] = store.base_arrays()
            arrays.update({f"{name}.{key}": a for key, a in store_arrays.items()})
        tables = {
            "slots": n,
            "paths": [[o, list(path)] for o, path in sorted(self._paths.items())],
            "stores": stores,
            "compaction": [self.compact_ratio, self.compact_minimum, self.compact_maximum],
        }
        return arrays, tables

    @classmethod
    def from_snapshot_parts(
        cls, arrays: Mapping[str, np.ndarray], tables: Mapping[str, Any]
    ) -> CandidateIndex:
        """The index `snapshot_parts` described, over the given arrays (not copied: maps
        opened copy-on-write stay shared until a change writes to a page)."""
        ratio, minimum, maximum = tables["compaction"]
        index = cls(compact_ratio=ratio, compact_minimum=minimum, compact_maximum=maximum)
        n = int(tables["slots"])
        index._n = index._capacity = n
        index._ids, index._group = arrays["ids"], arrays["group"]
        index._available, index._total_years = arrays["available"], arrays["total_years"]
        if not (len(index._ids) == len(index._group) == len(index._available) == n):
            raise ValueError("the snapshot's columns differ in length")
        index._slot_of = _SlotMap(arrays["slot_map.ids"], arrays["slot_map.slots"])
        if len(index._slot_of) != n:
            raise ValueError("the snapshot's id map differs in length")
        for columns, name in (
            (index._municipalities, "municipalities"),
            (index._job_centres, "job_centres"),
            (index._occupations, "occupations"),
            (index._skill_columns, "skill_columns"),
            (index._qualification_columns, "qualification_columns"),
            (index._language_columns, "language_columns"),
        ):
            for key in arrays[name].tolist():
                columns.add(key)
        index._group_rows = list(
            zip(
                arrays["groups.municipality"].tolist(),
                arrays["groups.job_centre"].tolist(),
                arrays["groups.shared"].tolist(),
                arrays["groups.active"].tolist(),
                arrays["groups.commute"].tolist(),
                strict=True,
            )
        )
        index._group_of = {row: g for g, row in enumerate(index._group_rows) if g != DEAD}
        index._coordinates = {
            int(m): (float(lat), float(lon))
            for m, (lat, lon) in zip(
                arrays["coordinates.id"].tolist(),
                arrays["coordinates.lat_lon"].tolist(),
                strict=True,
            )
        }
        index._paths = {int(o): tuple(path) for o, path in tables["paths"]}
        for name, store in zip(cls._STORE_NAMES, index._stores, strict=True):
            prefix = f"{name}."
            store.restore_base(
                {k[len(prefix) :]: a for k, a in arrays.items() if k.startswith(prefix)},
                tables["stores"][name],
            )
            if store.base_slots != n:
                raise ValueError(f"the snapshot's {name} cover {store.base_slots} of {n} slots")
        return index

    # --- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, candidate_id: object) -> bool:
        return candidate_id in self._slot_of

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(self._slot_of)

    @property
    def nbytes(self) -> int:
        """Bytes held in NumPy arrays (the id → slot dict and column maps come on top)."""
        dense = sum(a.nbytes for a in (self._ids, self._group, self._available, self._total_years))
        return dense + sum(store.nbytes for store in self._stores)

    def features(self, candidate_id: int) -> CandidateFeatures | None:
        """What the index holds about a candidate (normalised), or None."""
        slot = self._slot_of.get(candidate_id)
        if slot is None:
            return None
        return normalised(self._features_of(np.array([slot], dtype=np.int64))[0])

    def _features_of(self, slots: npt.NDArray[np.int64]) -> list[CandidateFeatures]:
        """Features of several slots, reading each store once (entries in column order)."""
        k = len(slots)

        def split(store: SparseStore, ids: list[int]) -> list[tuple[list[int], list[list[Any]]]]:
            position, concepts, data = store.rows(slots)
            order = np.argsort(position, kind="stable")
            bounds = np.searchsorted(position[order], np.arange(k + 1)).tolist()
            concept_list = [ids[c] for c in concepts[order].tolist()]
            data_lists = [d[order].tolist() for d in data]
            return [(concept_list[a:b], [d[a:b] for d in data_lists]) for a, b in pairwise(bounds)]

        occupation_ids = self._occupations.ids
        skills = split(self._skills, self._skill_columns.ids)
        wished = split(self._wished, occupation_ids)
        experience = split(self._experience, occupation_ids)
        qualifications = split(self._qualifications, self._qualification_columns.ids)
        languages = split(self._languages, self._language_columns.ids)
        centre_ids, municipality_ids = self._job_centres.ids, self._municipalities.ids
        result = []
        for i, slot in enumerate(slots.tolist()):
            municipality, centre, shared, active, commute = self._group_rows[int(self._group[slot])]
            held, (expiry,) = qualifications[i]
            spoken, (levels,) = languages[i]
            worked, (years, _) = experience[i]
            result.append(
                CandidateFeatures(
                    id=int(self._ids[slot]),
                    job_centre_id=centre_ids[centre],
                    municipality_id=municipality_ids[municipality],
                    active=active,
                    shared_with_cooperation=shared,
                    available_from=from_day_number(int(self._available[slot])),
                    max_commute_km=commute,
                    experience=tuple(zip(worked, years, strict=True)),
                    wished_occupations=tuple(wished[i][0]),
                    skills=tuple(skills[i][0]),
                    qualifications=tuple(
                        HeldQualification(q, None if e == NO_EXPIRY else from_day_number(e))
                        for q, e in zip(held, expiry, strict=True)
                    ),
                    languages=tuple(
                        SpokenLanguage(lang, level)
                        for lang, level in zip(spoken, levels, strict=True)
                    ),
                )
            )
        return result

    # --- searching -----------------------------------------------------------------------

    def _group_arrays(self) -> _Groups:
        if self._groups is None:
            rows = self._group_rows
            self._groups = _Groups(
                municipality=np.array([r[0] for r in rows], dtype=np.int64),
                job_centre=np.array([r[1] for r in rows], dtype=np.int64),
                shared=np.array([r[2] for r in rows], dtype=bool),
                active=np.array([r[3] for r in rows], dtype=bool),
                commute=np.array([r[4] for r in rows], dtype=np.float64),
            )
        return self._groups

    def _levels(self) -> npt.NDArray[np.int64]:
        """Occupation column × 5 path levels, as interned codes (−1: none)."""
        if self._occupation_levels is None or len(self._occupation_levels) != len(
            self._occupations
        ):
            codes = self._path_codes
            levels = np.full((len(self._occupations), 5), -1, dtype=np.int64)
            for column, occupation_id in enumerate(self._occupations.ids):
                path = self._paths.get(occupation_id)
                if path is None:
                    continue
                for level, code in enumerate(path):
                    if code:
                        levels[column, level] = codes.setdefault(code, len(codes))
            self._occupation_levels = levels
        return self._occupation_levels

    def _similarity(self, query: Query) -> npt.NDArray[np.float64]:
        """Per occupation column: the best similarity to any searched occupation."""
        levels = self._levels()
        best = np.zeros(len(levels), dtype=np.float64)
        for query_id in query.occupations:
            similarity = np.zeros(len(levels), dtype=np.float64)
            path = self._paths.get(query_id)
            if path is not None:
                same = np.ones(len(levels), dtype=bool)
                for level, code in enumerate(path):
                    number = self._path_codes.get(code) if code else None
                    if number is None:
                        break
                    same &= levels[:, level] == number
                    similarity[same] = scoring.SIMILARITY[scoring.LEVEL_KINDS[level]]
            column = self._occupations.of.get(query_id)
            if column is not None:
                similarity[column] = scoring.SIMILARITY[scoring.MatchKind.SAME]
            np.maximum(best, similarity, out=best)
        return best

    def _distances(self, query: Query) -> tuple[npt.NDArray[np.float64], dict[int, float | None]]:
        """Per municipality column: km from the workplace (NaN: unknown); and by id.

        Remembered per workplace: job orders share a few hundred workplaces at most.
        """
        key = (query.workplace, len(self._municipalities), len(self._coordinates))
        cached = self._distance_cache.get(key)
        if cached is None:
            km = np.full(len(self._municipalities), np.nan)
            by_id: dict[int, float | None] = {}
            for column, municipality_id in enumerate(self._municipalities.ids):
                where = self._coordinates.get(municipality_id)
                if query.workplace is not None and where is not None:
                    km[column] = by_id[municipality_id] = scoring.haversine_km(
                        query.workplace, where
                    )
                else:
                    by_id[municipality_id] = None
            if len(self._distance_cache) >= 512:
                self._distance_cache.clear()
            cached = self._distance_cache[key] = (km, by_id)
        return cached

    # Each store and how a requirement reads it: (store, columns, test on the entry's data).
    def _requirement_source(
        self, requirement: Requirement, query: Query
    ) -> tuple[SparseStore, int | None, Callable[[list[np.ndarray]], npt.NDArray[np.bool_]] | None]:
        target = requirement.target_id
        match requirement.kind:
            case RequirementKind.QUALIFICATION:
                valid_from = day_number(query.valid_on)
                column = self._qualification_columns.of.get(target) if target is not None else None
                return self._qualifications, column, lambda data: data[0] >= valid_from
            case RequirementKind.LANGUAGE:
                level = max(requirement.min_level, 1)  # any level means "speaks it"
                column = self._language_columns.of.get(target) if target is not None else None
                return self._languages, column, lambda data: data[0] >= level
            case RequirementKind.SKILL | RequirementKind.TASK_SKILL:
                column = self._skill_columns.of.get(target) if target is not None else None
                return self._skills, column, None
        raise ValueError(requirement.kind)

    def _meets(
        self,
        requirement: Requirement,
        query: Query,
        slots: npt.NDArray[np.int64],
        years: Callable[[], npt.NDArray[np.float64]],
    ) -> npt.NDArray[np.bool_]:
        """Per given slot: whether it meets the requirement.

        Reads the requirement's column when it is short, else the slots' own rows: a must-have
        of Danish (held by nearly everyone) costs as much as the candidates left, not all.
        """
        if requirement.kind is RequirementKind.EXPERIENCE:
            return years() + 1e-9 >= requirement.min_years
        store, column, test = self._requirement_source(requirement, query)
        if column is None:
            return np.zeros(len(slots), dtype=bool)
        dense = store.dense.get(column)
        if dense is not None and test is not None:
            return test([dense[slots]])
        if store.holder_count([column]) <= len(slots) * store.mean_row_length:
            holders, _, data = store.holders([column])
            if test is not None:
                holders = holders[test(data)]
            scratch = self._scratch_flags()
            scratch[holders] = True
            met = scratch[slots]
            scratch[holders] = False
            return met
        position, concepts, data = store.rows(slots)
        hit = concepts == column
        if test is not None:
            hit &= test(data)
        met = np.zeros(len(slots), dtype=bool)
        met[position[hit]] = True
        return met

    def _scratch_flags(self) -> npt.NDArray[np.bool_]:
        """All-False work array over slots; whoever sets entries resets them."""
        if len(self._flags) < self._n:
            self._flags = np.zeros(self._capacity, dtype=bool)
        return self._flags

    def _group_plan(self, query: Query) -> _Plan:
        """Per profile group: visible, the two facets, km and proximity; km per municipality."""
        groups = self._group_arrays()
        filters = query.filters
        visibility = query.visibility
        centre_ids = np.array(self._job_centres.ids, dtype=np.int64)
        own = np.isin(centre_ids, list(visibility.own_job_centres))
        shared = np.isin(centre_ids, list(visibility.cooperation_job_centres))
        visible = groups.active & (
            own[groups.job_centre] | (groups.shared & shared[groups.job_centre])
        )
        visible[DEAD] = False
        centre = np.ones(len(visible), dtype=bool)
        if filters.job_centres is not None:
            centre = np.isin(centre_ids, list(filters.job_centres))[groups.job_centre]
        by_municipality, km_of = self._distances(query)
        km = by_municipality[groups.municipality]
        distance = np.ones(len(visible), dtype=bool)
        if query.workplace is not None and filters.max_distance_km is not None:
            with np.errstate(invalid="ignore"):
                distance = km <= filters.max_distance_km
        with np.errstate(divide="ignore", invalid="ignore"):
            near = np.maximum(0.0, 1.0 - km / groups.commute)
        near = np.where(groups.commute > 0, near, (km <= 0).astype(np.float64))
        return _Plan(visible, centre, distance, km, np.nan_to_num(near, nan=0.0), km_of)

    def search(self, query: Query) -> SearchResult:
        """The candidates passing every hard filter, ranked by score, listed in the query's
        order from `offset`, at most `limit` of them, explained; and the facet counts if asked.

        Work grows with the candidates the query concerns, not with the index: a query naming
        an occupation or skills starts from the holders of those (ESCO relatives included),
        and score parts are read from the rows of the candidates left after the hard filter.
        """
        n = self._n
        if n == 0 or query.limit <= 0:
            request = query.facets
            empty = None
            if request is not None:
                empty = FacetCounts(
                    {},
                    dict.fromkeys(request.distances_km, 0),
                    0,
                    dict.fromkeys(request.licences, 0),
                    {key: 0 for key, _ids in request.among},
                )
            return SearchResult((), 0, empty)
        plan = self._group_plan(query)
        filters = query.filters
        # Facet counts leave out one facet at a time: filter by those two last.
        ok = plan.visible
        if query.facets is None:
            ok = ok & plan.centre & plan.distance

        # 1. The relevant: anyone with a similar occupation or a named skill (if gated).
        similarity = self._similarity(query) if query.occupations else np.zeros(0)
        named = self._skill_columns.known(query.named_skills)
        skill_holders = None
        related: npt.NDArray[np.bool_] | None = None  # per slot: has a similar occupation
        if query.gated:
            flags = np.zeros(n, dtype=bool)  # fresh: cheaper than clearing what was set
            touched = []
            if query.occupations:
                columns = np.flatnonzero(similarity > 0)
                related = np.zeros(n, dtype=bool)
                related[self._occupation_factor.holders(columns)[0]] = True
                flags |= related
            if named:
                skill_holders = self._skills.holders(named, with_concepts=True)
                touched.append(skill_holders[0])
            for slots in touched:
                flags[slots] = True
            candidates = np.flatnonzero(flags)
        else:
            candidates = np.arange(n, dtype=np.int64)

        # 2. Hard filters, cheapest first.
        keep = ok[self._group[candidates]]
        available = self._available[candidates]
        if query.start_date is not None:
            keep &= available <= day_number(query.start_date)
        if filters.available_by is not None:
            keep &= available <= day_number(filters.available_by)
        excluded = [self._slot_of[c] for c in query.exclude if c in self._slot_of]
        if excluded:
            keep &= ~np.isin(candidates, excluded)
        candidates = candidates[keep]
        # The `among` facet is counted per key below; without facets it filters here.
        if filters.among is not None and query.facets is None:
            candidates = candidates[np.isin(candidates, self._slots(filters.among))]

        years_cache: list[npt.NDArray[np.float64]] = []

        def years() -> npt.NDArray[np.float64]:
            if not years_cache or len(years_cache[0]) != len(candidates):
                years_cache[:] = [self._years(query, candidates)]
            return years_cache[0]

        licences = [Requirement.qualification(q, must=True) for q in filters.licences]
        for requirement in (*query.must_haves, *licences):
            if len(candidates) == 0:
                break
            candidates = candidates[self._meets(requirement, query, candidates, years)]
        facets = None
        if query.facets is not None:
            candidates, facets = self._facet_counts(query, query.facets, plan, candidates, years)

        # 3. Score parts, for the candidates left only (`candidates` is sorted).
        occupation = np.zeros(len(candidates))
        if query.occupations and len(candidates):
            columns = np.flatnonzero(similarity > 0)
            # Lookup tables end in a 0 that padding's −1 (no entry) reads.
            table = np.append(similarity, 0.0)
            # Only candidates with a similar occupation score here; the others are relevant
            # through their skills.
            if related is not None:
                chosen = np.flatnonzero(related[candidates])
            else:
                chosen = np.arange(len(candidates))
            occupation[chosen] = self._reduce(
                self._occupation_factor,
                columns,
                candidates[chosen],
                np.maximum,
                lambda c, d: table[c] * d,
                0,
            )
        coverage = np.zeros(len(candidates))
        essential = set(query.essential_skills)
        optional = set(query.optional_skills) - essential
        denominator = len(essential) + scoring.OPTIONAL_SKILL_WEIGHT * len(optional)
        if named and denominator > 0 and len(candidates):
            weight = np.zeros(len(self._skill_columns) + 1)
            weight[self._skill_columns.known(essential)] = 1.0
            weight[self._skill_columns.known(optional)] = scoring.OPTIONAL_SKILL_WEIGHT
            if skill_holders is not None and len(candidates) * self._skills.mean_row_length >= len(
                skill_holders[0]
            ):
                slots, concepts, _ = skill_holders  # read in step 1 already
                sums = np.bincount(slots, weights=weight[concepts], minlength=n)
                held = np.asarray(sums[candidates], dtype=np.float64)
            else:
                held = self._reduce(
                    self._skills, np.asarray(named), candidates, np.add, lambda c, d: weight[c]
                )
            coverage = held / denominator
        nice = np.zeros(len(candidates))
        if query.nice_to_haves and len(candidates):
            count = np.zeros(len(candidates), dtype=np.int64)
            for requirement in query.nice_to_haves:
                count += self._meets(requirement, query, candidates, years)
            nice = count / scoring.nice_denominator(len(query.nice_to_haves))
        proximity = plan.near[self._group[candidates]]
        if query.for_tasks:  # the tasks' skills in place of occupation and skills
            held = np.zeros(len(candidates), dtype=np.int64)
            for requirement in query.task_skills:
                if len(candidates):
                    held += self._meets(requirement, query, candidates, years)
            tasks = held / len(query.task_skills)
            score = (
                scoring.WEIGHT_TASKS * tasks
                + scoring.WEIGHT_NICE * nice
                + scoring.WEIGHT_PROXIMITY * proximity
            )
        else:
            score = (
                scoring.WEIGHT_OCCUPATION * occupation
                + scoring.WEIGHT_SKILLS * coverage
                + scoring.WEIGHT_NICE * nice
                + scoring.WEIGHT_PROXIMITY * proximity
            )
        units = np.rint(score * scoring.SCORE_UNITS).astype(np.int64)
        top = self._top(query, candidates, units, plan)
        return SearchResult(top, len(candidates), facets)

    def _facet_counts(
        self,
        query: Query,
        request: FacetRequest,
        plan: _Plan,
        candidates: npt.NDArray[np.int64],
        years: Callable[[], npt.NDArray[np.float64]],
    ) -> tuple[npt.NDArray[np.int64], FacetCounts]:
        """Count the facets over `candidates` (passed all but the job-centre, distance and
        `among` facets); return those that pass all, and the counts."""
        passed_others = candidates
        if query.filters.among is not None:
            candidates = candidates[np.isin(candidates, self._slots(query.filters.among))]
        groups = self._group[candidates]
        in_centre = plan.centre[groups]
        in_distance = plan.distance[groups]
        columns = self._group_arrays().job_centre[groups[in_distance]]
        per_centre = np.bincount(columns, minlength=len(self._job_centres))
        centre_ids = self._job_centres.ids
        job_centres = {centre_ids[c]: int(count) for c, count in enumerate(per_centre) if count}
        km = plan.km[groups[in_centre]]
        within: dict[float, int] = {}
        for limit in request.distances_km:
            if query.workplace is None:  # no workplace: the distance facet filters nobody
                within[limit] = len(km)
            else:
                with np.errstate(invalid="ignore"):
                    within[limit] = int(np.count_nonzero(km <= limit))
        candidates = candidates[in_centre & in_distance]
        held = set(query.filters.licences)
        licences = {}
        for licence in request.licences:
            if licence in held or len(candidates) == 0:
                licences[licence] = len(candidates)
                continue
            requirement = Requirement.qualification(licence, must=True)
            met = self._meets(requirement, query, candidates, years)
            licences[licence] = int(np.count_nonzero(met))
        among, any_among = {}, 0
        if request.among:
            groups = self._group[passed_others]
            others = passed_others[plan.centre[groups] & plan.distance[groups]]
            for key, ids in request.among:
                among[key] = int(np.count_nonzero(np.isin(others, self._slots(ids))))
            any_among = len(others)
        return candidates, FacetCounts(job_centres, within, len(km), licences, among, any_among)

    def _slots(self, ids: Iterable[int]) -> npt.NDArray[np.int64]:
        """The slots of these candidate ids (those in the index)."""
        slot_of = self._slot_of
        return np.array([slot_of[c] for c in ids if c in slot_of], dtype=np.int64)

    def _reduce(
        self,
        store: SparseStore,
        columns: npt.NDArray[np.integer],
        slots: npt.NDArray[np.int64],
        reduce: np.ufunc,
        value: Callable[[npt.NDArray[np.integer], Any], npt.NDArray[np.float64]],
        data: int | None = None,
    ) -> npt.NDArray[np.float64]:
        """Per slot (sorted): `reduce` (np.add or np.maximum) of `value(concepts, data)` over
        its entries in `columns`; 0 if none. `value` must give 0 for concepts outside
        `columns` and for concept −1 (a padding cell, whose data is 0), and be ≥ 0.
        `data` picks the store's data array passed to `value`.

        Padded stores read the slots' padded cells; others the slots' rows when they are
        fewer entries than the columns, else the columns (sums only).
        """
        result = np.zeros(len(slots))
        if len(slots) == 0 or len(columns) == 0:
            return result
        if store.pad is not None:
            # The base slots' padded cells, one column at a time; overflowing and delta rows
            # from the CSR.
            k = int(np.searchsorted(slots, store.base_slots))
            base = slots[:k]
            combined: npt.NDArray[np.float64] | None = None
            for j, column in enumerate(store.padded_concepts):
                values = value(
                    column[base], None if data is None else store.padded_data[data][j][base]
                )
                combined = values if combined is None else reduce(combined, values)
            if combined is not None:
                result[:k] = combined
            rest = np.concatenate([np.flatnonzero(store.overflow[base]), np.arange(k, len(slots))])
            if len(rest):
                result[rest] = self._reduce_rows(store, slots[rest], reduce, value, data)
            return result
        if reduce is not np.add or len(slots) * store.mean_row_length < store.holder_count(columns):
            return self._reduce_rows(store, slots, reduce, value, data)
        holders, concepts, arrays = store.holders(columns, with_concepts=True)
        values = value(concepts, None if data is None else arrays[data])
        sums = np.bincount(holders, weights=values, minlength=self._n)
        return np.asarray(sums[slots], dtype=np.float64)

    def _reduce_rows(
        self,
        store: SparseStore,
        slots: npt.NDArray[np.int64],
        reduce: np.ufunc,
        value: Callable[[npt.NDArray[np.integer], Any], npt.NDArray[np.float64]],
        data: int | None,
    ) -> npt.NDArray[np.float64]:
        result = np.zeros(len(slots))
        position, concepts, arrays = store.rows(slots)
        if len(position):
            values = value(concepts, None if data is None else arrays[data])
            # Sorted slots give grouped positions: base rows, then delta rows, ascending.
            starts = np.flatnonzero(np.diff(position, prepend=-1))
            result[position[starts]] = reduce.reduceat(values, starts)
        return result

    def _years(self, query: Query, slots: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Per given slot (sorted): years in the searched occupations (all experience if none)."""
        if not query.occupations:
            return self._total_years[slots]
        columns = np.asarray(self._occupations.known(query.occupations), dtype=np.int64)
        if len(columns) == 1 and self._experience.holder_count(columns) < len(slots):
            # One occupation held by fewer than the slots: find its holders among the slots.
            holders, _, (years, _) = self._experience.holders(columns)
            result = np.zeros(len(slots))
            if len(holders):
                at = np.minimum(np.searchsorted(slots, holders), len(slots) - 1)
                hit = slots[at] == holders
                result[at[hit]] = years[hit]  # one entry per slot and occupation
            return result
        wanted = np.zeros(len(self._occupations) + 1)  # ends in 0 for padding's −1
        wanted[columns] = 1.0
        return self._reduce(self._experience, columns, slots, np.add, lambda c, d: wanted[c] * d, 0)

    def _top(
        self,
        query: Query,
        slots: npt.NDArray[np.int64],
        units: npt.NDArray[np.int64],
        plan: _Plan,
    ) -> tuple[RankedCandidate, ...]:
        """The hits at offset … offset + limit in the query's order, explained."""
        # One key per candidate: higher score first, then the lower id; keys are unique.
        keys = (units << _ID_BITS) | (_MAX_ID - self._ids[slots])
        start = max(query.offset, 0)
        stop = min(start + query.limit, len(keys))
        if stop <= start:
            return ()
        if query.order is Order.SCORE:
            chosen = np.argpartition(-keys, stop - 1)[:stop] if stop < len(keys) else None
            if chosen is None:
                chosen = np.arange(len(keys))
            chosen = chosen[np.argsort(-keys[chosen])][start:stop]
            ranks = np.arange(start + 1, stop + 1)
        else:
            if query.order is Order.DISTANCE:
                primary = np.nan_to_num(plan.km[self._group[slots]], nan=np.inf)
            else:
                primary = self._available[slots].astype(np.float64)
            chosen = np.lexsort((-keys, primary))[start:stop]
            # Place by score: one more than the keys above.
            ordered = np.sort(keys)
            ranks = len(keys) - np.searchsorted(ordered, keys[chosen], side="right") + 1
        top_slots = slots[chosen]
        prepared = Prepared(query, self.context, km=plan.km_of)
        ranked = []
        for i, features in enumerate(self._features_of(top_slots)):
            evaluation = prepared.evaluate(features)
            if evaluation is None:  # the rules and the vectors disagree: a bug, never hide it
                raise AssertionError(f"candidate {features.id} ranked but fails the rules")
            ranked.append(
                RankedCandidate(
                    candidate_id=features.id,
                    rank=int(ranks[i]),
                    score=int(units[chosen[i]]) / scoring.SCORE_UNITS,
                    explanation=evaluation.explanation,
                )
            )
        return tuple(ranked)
