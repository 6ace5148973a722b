"""Candidate × concept entries (skills, certificates, …) that change one candidate at a time.

The bulk lives in a base built once: a SciPy CSC matrix (candidate slots per concept: "who
holds skill s", what a query reads) and its CSR twin (concepts per slot: what an explanation
reads). Each entry may carry data arrays (an expiry day, a CEFR level, years). A candidate
changed after the build gets a new slot whose entries live in a small delta, compiled to its
own CSC on the next query; the old slot is dead and its base entries are ignored, because
dead slots never pass the hard filter. `CandidateIndex` compacts both into a new base when
the delta grows large.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

IntArray = npt.NDArray[np.int64]
# (slots, concepts, data arrays) of a set of entries.
Entries = tuple[npt.NDArray[np.integer], npt.NDArray[np.integer], list[np.ndarray]]


def concatenated_ranges(starts: npt.NDArray[np.integer], ends: npt.NDArray[np.integer]) -> IntArray:
    """np.concatenate([np.arange(s, e) for s, e in zip(starts, ends)]) without the loop."""
    lengths = (ends - starts).astype(np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts.astype(np.int64) - offsets, lengths) + np.arange(total, dtype=np.int64)


class _Compressed:
    """A CSC (or CSR) layout of entries with any number of aligned data arrays."""

    __slots__ = ("data", "indices", "indptr")

    def __init__(
        self,
        major: npt.NDArray[np.integer],
        minor: npt.NDArray[np.integer],
        data: Sequence[np.ndarray],
        shape: tuple[int, int],
    ) -> None:
        self.indptr: IntArray
        self.indices: npt.NDArray[np.int32]
        self.data: list[np.ndarray]
        if len(major) < 100_000:
            # Small (a delta): a NumPy sort costs less than SciPy's conversion overhead.
            permutation = np.lexsort((minor, major))
            counts = np.bincount(np.asarray(major, dtype=np.int64), minlength=shape[0])
            self.indptr = np.zeros(shape[0] + 1, dtype=np.int64)
            np.cumsum(counts, out=self.indptr[1:])
            self.indices = np.asarray(minor, dtype=np.int32)[permutation]
            self.data = [d[permutation] for d in data]
            return
        # SciPy does the sort; the entry number rides along as the value to reorder the data.
        small = len(major) < np.iinfo(np.int32).max
        order = np.arange(1, len(major) + 1, dtype=np.int32 if small else np.int64)
        matrix = sp.coo_array((order, (major, minor)), shape=shape).tocsr()
        del order
        matrix.sort_indices()  # slots ascending within a concept, concepts within a slot
        permutation = matrix.data - 1
        self.indptr = matrix.indptr.astype(np.int64)
        self.indices = matrix.indices.astype(np.int32, copy=False)
        del matrix
        self.data = [d[permutation] for d in data]

    @classmethod
    def of_arrays(
        cls, indptr: np.ndarray, indices: np.ndarray, data: Sequence[np.ndarray]
    ) -> _Compressed:
        """A layout over existing arrays (a snapshot's), no copy."""
        layout = cls.__new__(cls)
        layout.indptr, layout.indices, layout.data = indptr, indices, list(data)
        return layout

    @property
    def nbytes(self) -> int:
        return self.indptr.nbytes + self.indices.nbytes + sum(d.nbytes for d in self.data)

    def size(self, major: int) -> int:
        if major >= len(self.indptr) - 1:
            return 0
        return int(self.indptr[major + 1] - self.indptr[major])

    def take(
        self, majors: npt.NDArray[np.integer], *, positions: bool = True
    ) -> tuple[IntArray, npt.NDArray[np.integer], list[np.ndarray]]:
        """Entries of the given rows (CSR) / columns (CSC): (position in `majors`, minor, data…).

        Majors past the end hold nothing. Without `positions` the first array is empty.
        """
        majors = np.asarray(majors, dtype=np.int64)
        inside = np.flatnonzero(majors < len(self.indptr) - 1)
        chosen = majors[inside] if len(inside) < len(majors) else majors
        starts, ends = self.indptr[chosen], self.indptr[chosen + 1]
        if len(chosen) <= 4 or int((ends - starts).sum()) >= 32 * len(chosen):
            # Long runs (a query's columns): copying slices beats index arithmetic.
            bounds = list(zip(starts.tolist(), ends.tolist(), strict=True))
            minor = _slices(self.indices, bounds)
            data = [_slices(d, bounds) for d in self.data]
        else:
            entries = concatenated_ranges(starts, ends)
            minor = self.indices[entries]
            data = [d[entries] for d in self.data]
        position = np.repeat(inside, ends - starts) if positions else _EMPTY
        return position, minor, data


_EMPTY = np.zeros(0, dtype=np.int64)
# array module type codes of the data dtypes the stores use
_TYPECODES = {"b": "b", "i": "i", "l": "q", "q": "q", "d": "d", "f": "f"}


def _column(layout: _Compressed | None, concept: int) -> tuple[np.ndarray, np.ndarray]:
    assert layout is not None
    a, b = int(layout.indptr[concept]), int(layout.indptr[concept + 1])
    return layout.indices[a:b], layout.data[0][a:b]


def _slices(values: np.ndarray, bounds: list[tuple[int, int]]) -> np.ndarray:
    if len(bounds) == 1:
        a, b = bounds[0]
        return values[a:b]
    if not bounds:
        return values[:0]
    return np.concatenate([values[a:b] for a, b in bounds])


class SparseStore:
    """Entries per candidate slot, each with `len(dtypes)` data values."""

    def __init__(
        self,
        dtypes: Sequence[npt.DTypeLike] = (),
        *,
        dense_share: float | None = None,
        missing: int = 0,
        pad: int | None = None,
    ) -> None:
        """`dense_share`: concepts held by at least this share of the slots (Danish, a car
        licence) also get a dense array over slots holding the first data value, `missing`
        where not held, so a test on them is one lookup per candidate.

        `pad`: the base also keeps each slot's first `pad` entries in a slots × pad matrix
        (−1: empty), so reading many candidates' rows is a block copy; longer rows are
        flagged `overflow` and read from the CSR."""
        self.dtypes = [np.dtype(t) for t in dtypes]
        self.dense_share = dense_share
        self.missing = missing
        self.dense: dict[int, np.ndarray] = {}
        self.pad = pad
        # padded_concepts[j][slot]: the slot's j-th concept (−1: none); padded_data[i][j][slot].
        self.padded_concepts: list[np.ndarray] = []
        self.padded_data: list[list[np.ndarray]] = []
        self.overflow = np.zeros(0, dtype=bool)
        self.base_slots = 0
        self._csc: _Compressed | None = None  # concept-major: who holds a concept
        self._csr: _Compressed | None = None  # slot-major: what a slot holds
        # Entries of slots past the base, appended as they come (a dropped slot's entries
        # stay: the slot is dead everywhere). Compiled to CSC and CSR on the next read.
        self._typecodes = [_TYPECODES[t.char] for t in self.dtypes]
        self._delta_live: set[int] = set()
        self._delta_slots = array("q")
        self._delta_concepts = array("q")
        self._delta_data = [array(t) for t in self._typecodes]
        self._delta_csc: _Compressed | None = None
        self._delta_csr: _Compressed | None = None  # rows are slot − base_slots
        self._delta_dirty = False

    # --- building ------------------------------------------------------------------------

    def set_base(
        self,
        slots: npt.NDArray[np.integer],
        concepts: npt.NDArray[np.integer],
        data: Sequence[np.ndarray],
        n_slots: int,
        n_concepts: int,
    ) -> None:
        data = [np.asarray(d, dtype=t) for d, t in zip(data, self.dtypes, strict=True)]
        self._csc = _Compressed(concepts, slots, data, (max(n_concepts, 1), max(n_slots, 1)))
        self._csr = _Compressed(slots, concepts, data, (max(n_slots, 1), max(n_concepts, 1)))
        self.base_slots = n_slots
        if self.pad is not None:
            self._build_padded(n_slots)
        self.dense = {}
        if self.dense_share is not None and n_slots and data:
            counts = np.bincount(concepts, minlength=max(n_concepts, 1))
            for concept in np.flatnonzero(counts >= self.dense_share * n_slots).tolist():
                column = np.full(n_slots, self.missing, dtype=self.dtypes[0])
                slots_of, values = _column(self._csc, concept)
                column[slots_of] = values
                self.dense[concept] = column
        self._delta_live = set()
        self._delta_slots = array("q")
        self._delta_concepts = array("q")
        self._delta_data = [array(t) for t in self._typecodes]
        self._delta_csc = self._delta_csr = None
        self._delta_dirty = False

    def _build_padded(self, n_slots: int) -> None:
        assert self._csr is not None and self.pad is not None
        indptr = self._csr.indptr[: n_slots + 1]
        lengths = np.diff(indptr)
        nnz = int(indptr[-1])
        rank = np.arange(nnz, dtype=np.int64) - np.repeat(indptr[:-1], lengths)
        rows = np.repeat(np.arange(n_slots, dtype=np.int64), lengths)
        self.padded_concepts = []
        self.padded_data = [[] for _ in self._csr.data]
        for j in range(self.pad):
            at = rank == j
            column = np.full(n_slots, -1, dtype=np.int32)
            column[rows[at]] = self._csr.indices[:nnz][at]
            self.padded_concepts.append(column)
            for i, d in enumerate(self._csr.data):
                values = np.zeros(n_slots, dtype=d.dtype)
                values[rows[at]] = d[:nnz][at]
                self.padded_data[i].append(values)
        self.overflow = lengths > self.pad

    # --- snapshots -----------------------------------------------------------------------

    def base_arrays(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """The base as named arrays plus JSON-able facts, for a snapshot file set.

        The delta is not included: compact the index first."""
        if self._delta_slots:
            raise ValueError("the store has a delta: compact before a snapshot")
        arrays: dict[str, np.ndarray] = {}
        for name, layout in (("csc", self._csc), ("csr", self._csr)):
            if layout is None:
                continue
            arrays[f"{name}.indptr"] = layout.indptr
            arrays[f"{name}.indices"] = layout.indices
            for i, d in enumerate(layout.data):
                arrays[f"{name}.data{i}"] = d
        for concept, column in self.dense.items():
            arrays[f"dense.{concept}"] = column
        for j, column in enumerate(self.padded_concepts):
            arrays[f"padded.concepts{j}"] = column
        for i, values in enumerate(self.padded_data):
            for j, column in enumerate(values):
                arrays[f"padded.data{i}.{j}"] = column
        if self.pad is not None:
            arrays["padded.overflow"] = self.overflow
        facts = {
            "base_slots": self.base_slots,
            "has_base": self._csc is not None,
            "dense": sorted(self.dense),
            "dtypes": [t.str for t in self.dtypes],
            "pad": self.pad,
            "dense_share": self.dense_share,
            "missing": self.missing,
        }
        return arrays, facts

    def restore_base(self, arrays: dict[str, np.ndarray], facts: dict[str, Any]) -> None:
        """Take the base from `base_arrays`' output (the arrays are used as they are, e.g.
        copy-on-write maps: nothing here writes into them)."""
        expected = {
            "dtypes": [t.str for t in self.dtypes],
            "pad": self.pad,
            "dense_share": self.dense_share,
            "missing": self.missing,
        }
        if {k: facts.get(k) for k in expected} != expected:
            raise ValueError("the snapshot's store was laid out differently")
        self._csc = self._csr = None
        if facts["has_base"]:
            n_data = len(self.dtypes)
            self._csc, self._csr = (
                _Compressed.of_arrays(
                    arrays[f"{name}.indptr"],
                    arrays[f"{name}.indices"],
                    [arrays[f"{name}.data{i}"] for i in range(n_data)],
                )
                for name in ("csc", "csr")
            )
        self.base_slots = int(facts["base_slots"])
        self.dense = {int(c): arrays[f"dense.{c}"] for c in facts["dense"]}
        if self.pad is not None and facts["has_base"]:
            self.padded_concepts = [arrays[f"padded.concepts{j}"] for j in range(self.pad)]
            self.padded_data = [
                [arrays[f"padded.data{i}.{j}"] for j in range(self.pad)]
                for i in range(len(self.dtypes))
            ]
            self.overflow = arrays["padded.overflow"]

    def put(self, slot: int, concepts: Sequence[int], data: Sequence[Sequence[object]]) -> None:
        """The entries of a new slot past the base."""
        assert slot >= self.base_slots
        concepts = list(concepts)
        self._delta_live.add(slot)
        self._delta_slots.extend([slot] * len(concepts))
        self._delta_concepts.extend(concepts)
        for buffer, values in zip(self._delta_data, data, strict=True):
            buffer.extend(values)  # type: ignore[arg-type]
        self._delta_dirty = True
        for concept, column in list(self.dense.items()):
            if slot >= len(column):
                # Grow by an eighth: a snapshot's mapped column is copied into this process
                # once, not doubled (compaction comes before a second growth).
                size = max(len(column) + max(len(column) // 8, 1024), slot + 1)
                grown = np.full(size, self.missing, dtype=column.dtype)
                grown[: len(column)] = column
                self.dense[concept] = column = grown
            column[slot] = data[0][concepts.index(concept)] if concept in concepts else self.missing

    def drop(self, slot: int) -> None:
        """A delta slot died (its entries stay, unread; a base slot just dies with its group)."""
        self._delta_live.discard(slot)

    @property
    def mean_row_length(self) -> float:
        """Entries per base slot, to guess whether rows or a column are cheaper to read."""
        if self._csr is None or self.base_slots == 0:
            return 1.0
        return max(1.0, len(self._csr.indices) / self.base_slots)

    @property
    def delta_slots(self) -> int:
        return len(self._delta_live)

    # --- reading -------------------------------------------------------------------------

    def _compile_delta(self) -> None:
        if not self._delta_dirty:
            return
        self._delta_csc = self._delta_csr = None
        if len(self._delta_slots):
            slots, concepts, data = self._delta_arrays()
            rows = slots - self.base_slots
            n_concepts = int(concepts.max()) + 1 if len(concepts) else 1
            n_rows = int(rows.max()) + 1 if len(rows) else 1
            n_slots = self.base_slots + n_rows
            self._delta_csc = _Compressed(concepts, slots, data, (n_concepts, n_slots))
            self._delta_csr = _Compressed(rows, concepts, data, (n_rows, n_concepts))
        self._delta_dirty = False

    def _delta_arrays(self) -> tuple[IntArray, IntArray, list[np.ndarray]]:
        """Copies (the buffers keep growing) of the delta entries."""
        return (
            np.array(self._delta_slots, dtype=np.int64),
            np.array(self._delta_concepts, dtype=np.int64),
            [np.array(d, dtype=t) for d, t in zip(self._delta_data, self.dtypes, strict=True)],
        )

    def holders(
        self, concepts: Sequence[int] | npt.NDArray[np.integer], *, with_concepts: bool = False
    ) -> tuple[npt.NDArray[np.integer], IntArray, list[np.ndarray]]:
        """(slots, concept of each entry or nothing, data…) of the given concepts' entries."""
        self._compile_delta()
        wanted = np.asarray(concepts, dtype=np.int64)
        slots_parts, concept_parts, data_parts = [], [], []
        for layout in (self._csc, self._delta_csc):
            if layout is None:
                continue
            position, slots, data = layout.take(wanted, positions=with_concepts)
            slots_parts.append(slots)
            concept_parts.append(wanted[position] if with_concepts else _EMPTY)
            data_parts.append(data)
        return _joined(slots_parts, concept_parts, data_parts, self.dtypes)

    def holder_count(self, concepts: Sequence[int] | npt.NDArray[np.integer]) -> int:
        """Entries of the given concepts, base and delta."""
        self._compile_delta()
        wanted = np.asarray(concepts, dtype=np.int64)
        total = 0
        for layout in (self._csc, self._delta_csc):
            if layout is not None:
                inside = wanted[wanted < len(layout.indptr) - 1]
                total += int((layout.indptr[inside + 1] - layout.indptr[inside]).sum())
        return total

    def rows(self, slots: npt.NDArray[np.integer]) -> tuple[IntArray, IntArray, list[np.ndarray]]:
        """Entries of the given slots: (position in `slots`, concept, data…)."""
        self._compile_delta()
        slots = np.asarray(slots, dtype=np.int64)
        positions, concept_parts, data_parts = [], [], []
        in_base = slots < self.base_slots
        for layout, chosen, offset in (
            (self._csr, np.flatnonzero(in_base), 0),
            (self._delta_csr, np.flatnonzero(~in_base), self.base_slots),
        ):
            if layout is None or len(chosen) == 0:
                continue
            position, concepts, data = layout.take(slots[chosen] - offset)
            positions.append(chosen[position])
            concept_parts.append(concepts)
            data_parts.append(data)
        return _joined(positions, concept_parts, data_parts, self.dtypes)

    def row(self, slot: int) -> tuple[IntArray, list[np.ndarray]]:
        """(concepts, data…) of one slot."""
        _, concepts, data = self.rows(np.array([slot], dtype=np.int64))
        return concepts, data

    def all_entries(self) -> tuple[IntArray, IntArray, list[np.ndarray]]:
        """(slots, concepts, data…) of base and delta, for compaction."""
        parts: list[tuple[IntArray, IntArray, list[np.ndarray]]] = []
        if self._csr is not None:
            csr = self._csr
            lengths = np.diff(csr.indptr)
            slots = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
            parts.append((slots, csr.indices.astype(np.int64), list(csr.data)))
        if len(self._delta_slots):
            parts.append(self._delta_arrays())
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, [np.zeros(0, dtype=t) for t in self.dtypes]
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            [np.concatenate([p[2][i] for p in parts]) for i in range(len(self.dtypes))],
        )

    @property
    def nbytes(self) -> int:
        layouts = (self._csc, self._csr, self._delta_csc, self._delta_csr)
        total = sum(c.nbytes for c in layouts if c is not None)
        total += sum(column.nbytes for column in self.dense.values())
        total += sum(c.nbytes for c in self.padded_concepts) + self.overflow.nbytes
        total += sum(v.nbytes for values in self.padded_data for v in values)
        buffers = [self._delta_slots, self._delta_concepts, *self._delta_data]
        return total + sum(b.itemsize * len(b) for b in buffers)


def _joined(
    first: list[Any],
    second: list[Any],
    data: list[list[np.ndarray]],
    dtypes: Sequence[np.dtype],
) -> tuple[Any, Any, list[np.ndarray]]:
    if not first:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, [np.zeros(0, dtype=t) for t in dtypes]
    if len(first) == 1:
        return first[0], second[0], data[0]
    return (
        np.concatenate(first),
        np.concatenate(second),
        [np.concatenate([d[i] for d in data]) for i in range(len(dtypes))],
    )


class Buffers:
    """Growing COO buffers for the bulk build: compact `array`s, not Python lists."""

    def __init__(self, typecodes: Sequence[str] = ()) -> None:
        self.slots = array("i")
        self.concepts = array("i")
        self.data: list[array[Any]] = [array(t) for t in typecodes]

    def arrays(self) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], list[np.ndarray]]:
        return (
            np.frombuffer(self.slots, dtype=np.int32),
            np.frombuffer(self.concepts, dtype=np.int32),
            [np.frombuffer(d, dtype=np.dtype(d.typecode)) for d in self.data],
        )
