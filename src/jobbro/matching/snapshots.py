"""Where this deployment keeps the index snapshot, and what a usable one must show.

`manage.py snapshot_matching_index` (cron, and at deploy) builds the index from the database
and writes it with `engine.snapshot.write`; every web process starting on the host maps it
instead of building (see holder.py), then replays the change journal from the snapshot's
floor. A snapshot is refused, and the process builds from the database as before, when it is
missing, of another format or engine, of another database, older than the journal's
retention allows (`MAX_AGE`), or damaged.

Setting `MATCHING_INDEX_DIR`: the snapshot's directory (default `VAR_DIR/matching-index`;
None turns snapshots off).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from .engine import CandidateIndex
from .engine import snapshot as files
from .engine.snapshot import SnapshotError
from .models import CandidateChange

# A snapshot's floor is only good while the journal still holds every row above it:
# `prune_matching_journal` keeps 7 days, so refuse snapshots older than 6 (as the holder
# rebuilds a process silent for that long).
MAX_AGE = dt.timedelta(days=6)

__all__ = ["MAX_AGE", "Loaded", "SnapshotError", "load", "snapshot_root", "write"]


def snapshot_root() -> Path | None:
    configured = getattr(settings, "MATCHING_INDEX_DIR", ...)
    if configured is ...:
        return Path(settings.VAR_DIR) / "matching-index"
    return None if configured is None else Path(configured)


def database_identity() -> str:
    """Which database a snapshot was built from (vendor, host, port, name)."""
    s = connection.settings_dict
    return f"{connection.vendor}://{s.get('HOST') or ''}:{s.get('PORT') or ''}/{s.get('NAME')}"


def write(
    index: CandidateIndex,
    *,
    floor: int,
    applied: set[int],
    built_at: dt.datetime,
    today: dt.date,
    root: Path | None = None,
) -> Path:
    """Write `index` (built from every candidate read after the journal stood at `floor`
    and `applied`, at `built_at`) as the current snapshot."""
    root = root or snapshot_root()
    if root is None:
        raise SnapshotError("snapshots are turned off (MATCHING_INDEX_DIR = None)")
    extra: dict[str, Any] = {
        "database": database_identity(),
        "built_at": built_at.isoformat(),
        "today": today.isoformat(),
        "journal": {"floor": floor, "applied": sorted(applied)},
    }
    return files.write(index, root, extra=extra)


@dataclass
class Loaded:
    index: CandidateIndex
    directory: Path
    floor: int
    applied: set[int]
    age: dt.timedelta  # since the build began reading candidates


def current_directory() -> Path | None:
    root = snapshot_root()
    return None if root is None else files.current(root)


def load(*, max_age: dt.timedelta = MAX_AGE, verify: bool = True) -> Loaded:
    """The current snapshot, mapped; SnapshotError says why it cannot be used."""
    root = snapshot_root()
    if root is None:
        raise SnapshotError("snapshots are turned off (MATCHING_INDEX_DIR = None)")
    directory = files.current(root)
    if directory is None:
        raise SnapshotError(f"no snapshot in {root}")
    # Check the cheap facts before mapping anything.
    extra = files.read_manifest(directory).get("extra", {})
    try:
        database = extra["database"]
        built_at = dt.datetime.fromisoformat(extra["built_at"])
        floor = int(extra["journal"]["floor"])
        applied = {int(pk) for pk in extra["journal"]["applied"]}
    except (KeyError, TypeError, ValueError) as error:
        raise SnapshotError(
            f"{directory}: manifest without its journal facts ({error!r})"
        ) from error
    if database != database_identity():
        raise SnapshotError(f"{directory} is of another database ({database})")
    age = timezone.now() - built_at
    if age > max_age:
        raise SnapshotError(f"{directory} is {age} old (at most {max_age})")
    top = CandidateChange.objects.aggregate(top=Max("id"))["top"]
    if top is not None and top < floor:
        raise SnapshotError(f"{directory} is past the journal ({floor} > {top}): another database?")
    index, _ = files.read(directory, verify=verify)
    return Loaded(index, directory, floor, applied, max(age, dt.timedelta(0)))
