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
        # SciPy does the sort; the entry number rides along as the value to reorder the data.
        order = np.arange(1, len(major) + 1, dtype=np.int64)
        matrix = sp.coo_array((order, (major, minor)), shape=shape).tocsr()
        permutation = matrix.data - 1
        self.indptr: IntArray = matrix.indptr.astype(np.int64)
        self.indices: npt.NDArray[np.int32] = matrix.indices.astype(np.int32)
        self.data: list[np.ndarray] = [d[permutation] for d in data]

    @property
    def nbytes(self) -> int:
        return self.indptr.nbytes + self.indices.nbytes + sum(d.nbytes for d in self.data)

    def take(self, majors: npt.NDArray[np.integer]) -> tuple[IntArray, IntArray, list[np.ndarray]]:
        """Entries of the given rows (CSR) / columns (CSC): (which major, minor, data…)."""
        majors = majors[majors < len(self.indptr) - 1]
        starts, ends = self.indptr[majors], self.indptr[majors + 1]
        positions = concatenated_ranges(starts, ends)
        owner = np.repeat(majors.astype(np.int64), (ends - starts).astype(np.int64))
        minor = self.indices[positions].astype(np.int64)
        return owner, minor, [d[positions] for d in self.data]


class SparseStore:
    """Entries per candidate slot, each with `len(dtypes)` data values."""

    def __init__(self, dtypes: Sequence[npt.DTypeLike] = ()) -> None:
        self.dtypes = [np.dtype(t) for t in dtypes]
        self.base_slots = 0
        self._csc: _Compressed | None = None  # concept-major: who holds a concept
        self._csr: _Compressed | None = None  # slot-major: what a slot holds
        self._delta: dict[int, tuple[IntArray, list[np.ndarray]]] = {}
        self._delta_csc: _Compressed | None = None
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
        self._delta.clear()
        self._delta_csc = None
        self._delta_dirty = False

    def put(self, slot: int, concepts: Sequence[int], data: Sequence[Sequence[object]]) -> None:
        """The entries of a new slot past the base."""
        assert slot >= self.base_slots
        self._delta[slot] = (
            np.asarray(concepts, dtype=np.int64),
            [np.asarray(d, dtype=t) for d, t in zip(data, self.dtypes, strict=True)],
        )
        self._delta_dirty = True

    def drop(self, slot: int) -> None:
        """Forget a delta slot's entries (a base slot just dies with its group)."""
        if self._delta.pop(slot, None) is not None:
            self._delta_dirty = True

    @property
    def delta_slots(self) -> int:
        return len(self._delta)

    # --- reading -------------------------------------------------------------------------

    def _compiled_delta(self) -> _Compressed | None:
        if self._delta_dirty:
            if self._delta:
                slots = np.concatenate(
                    [np.full(len(c), s, dtype=np.int64) for s, (c, _) in self._delta.items()]
                )
                concepts = np.concatenate([c for c, _ in self._delta.values()])
                data = [
                    np.concatenate([d[i] for _, d in self._delta.values()])
                    for i in range(len(self.dtypes))
                ]
                n_concepts = int(concepts.max()) + 1 if len(concepts) else 1
                n_slots = int(slots.max()) + 1 if len(slots) else 1
                self._delta_csc = _Compressed(concepts, slots, data, (n_concepts, n_slots))
            else:
                self._delta_csc = None
            self._delta_dirty = False
        return self._delta_csc

    def holders(
        self, concepts: Sequence[int] | npt.NDArray[np.integer]
    ) -> tuple[IntArray, IntArray, list[np.ndarray]]:
        """(slots, concept of each entry, data…) of every entry of the given concepts."""
        wanted = np.asarray(concepts, dtype=np.int64)
        parts = [c.take(wanted) for c in (self._csc, self._compiled_delta()) if c is not None]
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, [np.zeros(0, dtype=t) for t in self.dtypes]
        concept = np.concatenate([p[0] for p in parts])
        slots = np.concatenate([p[1] for p in parts])
        data = [np.concatenate([p[2][i] for p in parts]) for i in range(len(self.dtypes))]
        return slots, concept, data

    def row(self, slot: int) -> tuple[IntArray, list[np.ndarray]]:
        """(concepts, data…) of one slot."""
        if slot in self._delta:
            return self._delta[slot]
        if self._csr is None or slot >= self.base_slots:
            return np.zeros(0, dtype=np.int64), [np.zeros(0, dtype=t) for t in self.dtypes]
        _, concepts, data = self._csr.take(np.array([slot], dtype=np.int64))
        return concepts, data

    def all_entries(self) -> tuple[IntArray, IntArray, list[np.ndarray]]:
        """(slots, concepts, data…) of base and delta, for compaction."""
        parts: list[tuple[IntArray, IntArray, list[np.ndarray]]] = []
        if self._csr is not None:
            csr = self._csr
            lengths = np.diff(csr.indptr)
            slots = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
            parts.append((slots, csr.indices.astype(np.int64), list(csr.data)))
        for slot, (concepts, data) in self._delta.items():
            parts.append((np.full(len(concepts), slot, dtype=np.int64), concepts, data))
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
        total = sum(c.nbytes for c in (self._csc, self._csr, self._delta_csc) if c is not None)
        return total + sum(c.nbytes + sum(d.nbytes for d in ds) for c, ds in self._delta.values())


class Buffers:
    """Growing COO buffers for the bulk build: compact `array`s, not Python lists."""

    def __init__(self, typecodes: Sequence[str] = ()) -> None:
        self.slots = array("i")
        self.concepts = array("i")
        self.data: list[array[Any]] = [array(t) for t in typecodes]

    def arrays(self) -> tuple[IntArray, IntArray, list[np.ndarray]]:
        return (
            np.frombuffer(self.slots, dtype=np.int32).astype(np.int64),
            np.frombuffer(self.concepts, dtype=np.int32).astype(np.int64),
            [np.frombuffer(d, dtype=np.dtype(d.typecode)) for d in self.data],
        )
