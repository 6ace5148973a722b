"""The per-process candidate index, kept current through the change journal.

Every process (gunicorn worker, runserver thread pool) holds one `CandidateIndex`. Before a
search it reads the journal rows it has not applied (one query on the primary key), re-reads
only those candidates and upserts or deletes them, so an edit committed in any process is
searchable in every process at its next search, without rebuilding.

Ids drawn by concurrent transactions may become visible out of order, so the holder does not
just remember the highest id: it keeps a floor below which every id has been seen or can
never appear, and re-reads the rows above it. A missing id is given up once a row with a
larger id is older than `GRACE` (ids are drawn at insert, and `changed_at` is the insert
time): its transaction rolled back, or is older than any web request.

A cold process does not build from the database when the host has a usable snapshot
(`snapshots.py`, written by `manage.py snapshot_matching_index`): it maps the snapshot's
arrays copy-on-write, so the processes of a host share those pages, and replays the journal
from the snapshot's floor. It also checks once a minute for a newer snapshot and swaps to it
in the background (which shares memory again after its edits piled up), and refreshes daily
from a snapshot or, without one, by building.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Max, Q
from django.db.models.functions import Now
from django.utils import timezone

from . import snapshots
from .engine import CandidateIndex, Query, SearchResult
from .features import all_features, features_of, municipality_coordinates, occupation_codes
from .models import CandidateChange

logger = logging.getLogger(__name__)

GRACE = dt.timedelta(seconds=60)
REBUILD_AFTER = 24 * 3600.0  # seconds: refresh ongoing jobs' years and drop dead slots
# A process silent for this long may have missed pruned journal rows: rebuild before use.
# Keep it below the retention of `prune_matching_journal` (7 days by default).
SILENCE_LIMIT = 6 * 24 * 3600.0
SNAPSHOT_POLL = 60.0  # seconds between looks for a newer snapshot


@dataclass
class _State:
    index: CandidateIndex
    floor: int  # every journal id ≤ floor is applied or can never appear
    applied: set[int] = field(default_factory=set)  # applied ids above the floor
    built_at: float = field(default_factory=time.monotonic)  # when its data was read
    polled_at: float = field(default_factory=time.monotonic)
    snapshot: Path | None = None  # the snapshot it was loaded from
    looked_at: float = field(default_factory=time.monotonic)  # for a newer snapshot


class IndexHolder:
    """One process's index. Thread-safe: searches and refreshes take turns."""

    def __init__(self, *, today: Callable[[], dt.date] = timezone.localdate) -> None:
        self._today = today
        self._lock = threading.RLock()
        self._state: _State | None = None
        self._rebuilding = False
        self._refused: Path | None = None  # a newer snapshot that could not be used

    # --- public ------------------------------------------------------------------------

    def search(self, query: Query) -> SearchResult:
        with self._lock:
            return self._current().index.search(query)

    def index(self) -> CandidateIndex:
        """The index, brought up to date (hold no reference across requests)."""
        with self._lock:
            return self._current().index

    def refresh_candidates(self, candidate_ids: Iterable[int]) -> None:
        """Re-read these candidates now, journal or not."""
        with self._lock:
            self._apply(self._current(), set(candidate_ids))

    def rebuild(self) -> None:
        """Build the index from the database now (blocking)."""
        with self._lock:
            self._state = self._build()

    def warm(self) -> bool:
        """Map the host's snapshot now if it is usable (a web worker's start), so that no
        user's first search waits for it; whether the index is loaded. Never builds: that
        takes minutes at national scale, past the server's start-up timeout."""
        with self._lock:
            if self._state is None:
                self._state = self._load_snapshot(max_age=snapshots.MAX_AGE)
            return self._state is not None

    def write_snapshot(self) -> Path:
        """Build the index from the database and write it as the host's current snapshot
        (what `manage.py snapshot_matching_index` runs); this holder is left as it was."""
        started = timezone.now()
        state = self._build(catch_up=False)
        return snapshots.write(
            state.index,
            floor=state.floor,
            applied=state.applied,
            built_at=started,
            today=self._today(),
        )

    def clear(self) -> None:
        """Forget the index; the next search builds it (tests)."""
        with self._lock:
            self._state = None

    # --- keeping current ---------------------------------------------------------------

    def _current(self) -> _State:
        state = self._state
        now = time.monotonic()
        if state is None or now - state.polled_at > SILENCE_LIMIT:
            state = self._state = self._start()
        else:
            self._catch_up(state)
        if not self._rebuilding:
            if now - state.built_at > REBUILD_AFTER:
                self._rebuild_in_background(build=True)
            elif self._newer_snapshot(state, now):
                self._rebuild_in_background(build=False)
        return state

    def _start(self) -> _State:
        """A cold start: map the snapshot if it is usable, else build."""
        state = self._load_snapshot(max_age=snapshots.MAX_AGE)
        if state is None:
            logger.warning("matching index: building from the database")
            state = self._build()
        return state

    def _newer_snapshot(self, state: _State, now: float) -> bool:
        if now - state.looked_at < SNAPSHOT_POLL:
            return False
        state.looked_at = now
        directory = snapshots.current_directory()
        return directory is not None and directory not in (state.snapshot, self._refused)

    def _load_snapshot(self, *, max_age: dt.timedelta) -> _State | None:
        """The current snapshot, caught up with the journal; None (and why, in the log) if
        it cannot be used."""
        if snapshots.snapshot_root() is None:
            return None  # turned off
        started = time.monotonic()
        try:
            loaded = snapshots.load(max_age=max_age)
        except snapshots.SnapshotError as error:
            self._refused = snapshots.current_directory()
            logger.warning("matching index snapshot not used: %s", error)
            return None
        built_at = started - loaded.age.total_seconds()
        state = _State(
            loaded.index, loaded.floor, loaded.applied, built_at=built_at, snapshot=loaded.directory
        )
        self._catch_up(state)
        logger.info(
            "matching index loaded from snapshot %s: %d candidates in %.2f s (%s old)",
            loaded.directory.name,
            len(state.index),
            time.monotonic() - started,
            loaded.age,
        )
        return state

    def _journal_start(self) -> tuple[int, set[int]]:
        """Floor and already-reflected ids for an index about to read every candidate."""
        settled = CandidateChange.objects.filter(changed_at__lt=Now() - GRACE)
        floor = settled.aggregate(top=Max("id"))["top"] or 0
        recent = set(CandidateChange.objects.filter(id__gt=floor).values_list("id", flat=True))
        return floor, recent

    def _build(self, *, catch_up: bool = True) -> _State:
        started = time.monotonic()
        floor, applied = self._journal_start()
        index = CandidateIndex.build(
            all_features(today=self._today()),
            occupations=occupation_codes(),
            municipalities=municipality_coordinates(),
        )
        state = _State(index, floor, applied, built_at=started)
        if catch_up:
            self._catch_up(state)
        logger.info(
            "matching index built: %d candidates in %.2f s", len(index), time.monotonic() - started
        )
        return state

    def _catch_up(self, state: _State) -> None:
        settled = ExpressionWrapper(Q(changed_at__lt=Now() - GRACE), output_field=BooleanField())
        rows = list(
            CandidateChange.objects.filter(id__gt=state.floor)
            .annotate(settled=settled)
            .order_by("id")
            .values_list("id", "candidate_id", "settled")
        )
        state.polled_at = time.monotonic()
        fresh = [(pk, candidate) for pk, candidate, _ in rows if pk not in state.applied]
        if fresh:
            self._apply(state, {candidate for _, candidate in fresh})
            state.applied.update(pk for pk, _ in fresh)
        # Below a settled row every id was drawn over GRACE ago: seen by now, or never.
        settled_ids = [pk for pk, _, is_settled in rows if is_settled]
        if settled_ids:
            state.floor = max(state.floor, max(settled_ids))
        for pk, _, _ in rows:
            if pk > state.floor + 1:
                break
            state.floor = max(state.floor, pk)
        state.applied = {pk for pk in state.applied if pk > state.floor}

    def _apply(self, state: _State, candidate_ids: set[int]) -> None:
        index = state.index
        found = features_of(sorted(candidate_ids), today=self._today())
        occupations = {
            o
            for f in found.values()
            for o in (*(o for o, _ in f.experience), *f.wished_occupations)
        }
        if occupations - index.occupation_ids:
            index.add_occupations(occupation_codes())
        if any(f.municipality_id not in index.context.coordinates for f in found.values()):
            index.add_municipalities(municipality_coordinates())
        for candidate_id in candidate_ids:
            features = found.get(candidate_id)
            if features is None:
                index.delete(candidate_id)
            else:
                index.upsert(features)

    def refresh(self, *, build: bool) -> None:
        """Swap to the current snapshot if it is younger than a day (processes share its
        memory again); else, if `build`, to a build from the database; else keep the index."""
        state = self._load_snapshot(max_age=dt.timedelta(seconds=REBUILD_AFTER))
        if state is None and build:
            state = self._build()
        if state is not None:
            with self._lock:
                self._catch_up(state)
                self._state = state

    def _rebuild_in_background(self, *, build: bool) -> None:
        self._rebuilding = True

        def work() -> None:
            try:
                self.refresh(build=build)
            except Exception:
                logger.exception("matching index rebuild failed; keeping the old one")
            finally:
                self._rebuilding = False
                connection.close()  # this thread's own connection

        threading.Thread(target=work, name="matching-rebuild", daemon=True).start()


_default = IndexHolder()


def get_holder() -> IndexHolder:
    """This process's index holder."""
    return _default
