"""The index as a file set that processes map instead of building: no Django here.

A snapshot is a directory of `.npy` arrays and a `manifest.json` (format, the lookup tables,
each array's dtype, shape and CRC-32, and whatever the caller adds, e.g. the journal floor).
No pickle anywhere: arrays are loaded with `allow_pickle=False`, the rest is JSON.

    snapshots/<name>/manifest.json, <array>.npy …
    current -> snapshots/<name>        (a symlink, swapped atomically)

`write` builds the directory under a temporary name, syncs it, renames it into `snapshots/`
and then swaps the `current` link, so a reader sees the old snapshot or the new one, never a
half-written one. `read` maps the arrays with `mmap_mode="c"` (copy-on-write): every process
on the host shares the same pages of the page cache until it writes to one, and a write (the
index marking a changed candidate's old slot dead) copies that one page into the process.
Unlinking an old snapshot is safe while processes still map it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from . import scoring
from .index import DENSE_SHARE, CandidateIndex

FORMAT = 1  # bump when the layout of the parts changes
KIND = "jobbro-matching-index"
MANIFEST = "manifest.json"
CURRENT = "current"
SNAPSHOTS = "snapshots"
KEEP = 3  # snapshots kept on disk (processes may still map the older ones)


class SnapshotError(Exception):
    """The snapshot cannot be used (missing, another format, damaged); the message says why."""


def engine_fingerprint() -> dict[str, Any]:
    """What the stored numbers depend on besides the data: a snapshot written by code that
    computes them differently (another experience factor, dense share) is not used."""
    return {
        "format": FORMAT,
        "dense_share": DENSE_SHARE,
        "experience_factor": [scoring.experience_factor(y) for y in (0.0, 1.0, 2.5, 10.0)],
    }


def _crc(array: np.ndarray) -> int:
    if array.size == 0:
        return 0
    return zlib.crc32(np.ascontiguousarray(array).data)


def _file_name(name: str) -> str:
    return f"{name}.npy"


def write(index: CandidateIndex, root: Path, *, extra: Mapping[str, Any]) -> Path:
    """Write a snapshot of `index` under `root` and make it current; returns its directory.

    `extra` (JSON-able) is stored in the manifest as it is. Keeps the newest `KEEP`.
    """
    arrays, tables = index.snapshot_parts()
    snapshots = root / SNAPSHOTS
    snapshots.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    work = Path(tempfile.mkdtemp(prefix=f".{stamp}-", dir=snapshots))
    try:
        described = {}
        for name, array in arrays.items():
            path = work / _file_name(name)
            with path.open("wb") as out:
                np.save(out, np.ascontiguousarray(array), allow_pickle=False)
                out.flush()
                os.fsync(out.fileno())
            described[name] = {
                "dtype": array.dtype.str,
                "shape": list(array.shape),
                "crc32": _crc(array),
            }
        manifest = {
            "kind": KIND,
            "engine": engine_fingerprint(),
            "written_at": dt.datetime.now(dt.UTC).isoformat(),
            "candidates": len(index),
            "arrays": described,
            "tables": tables,
            "extra": dict(extra),
        }
        with (work / MANIFEST).open("w", encoding="utf-8") as out:
            json.dump(manifest, out)
            out.flush()
            os.fsync(out.fileno())
        final = snapshots / f"{stamp}-{os.getpid()}"
        work.chmod(0o755)
        os.replace(work, final)
        _fsync_dir(snapshots)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    link = root / f".{CURRENT}-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(SNAPSHOTS) / final.name)
    os.replace(link, root / CURRENT)  # atomic: readers see the old or the new one
    _fsync_dir(root)
    _prune(snapshots, keep=final.name)
    return final


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(snapshots: Path, *, keep: str) -> None:
    """Delete all but the newest `KEEP` snapshots, and temporary directories over a day old."""
    done = sorted((p for p in snapshots.iterdir() if not p.name.startswith(".")), reverse=True)
    for old in done[KEEP:]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
    cutoff = dt.datetime.now(dt.UTC).timestamp() - 24 * 3600
    for partial in snapshots.glob(".*"):
        if partial.stat().st_mtime < cutoff:
            shutil.rmtree(partial, ignore_errors=True)


def current(root: Path) -> Path | None:
    """The directory the `current` link points to, or None."""
    try:
        return (root / CURRENT).resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        return None


def read_manifest(directory: Path) -> dict[str, Any]:
    try:
        with (directory / MANIFEST).open(encoding="utf-8") as source:
            manifest = json.load(source)
    except FileNotFoundError as error:
        raise SnapshotError(f"no manifest in {directory}") from error
    except (OSError, ValueError) as error:
        raise SnapshotError(f"unreadable manifest in {directory}: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise SnapshotError(f"{directory} is not a matching index snapshot")
    if manifest.get("engine") != engine_fingerprint():
        raise SnapshotError(
            f"{directory} was written by another engine version "
            f"({manifest.get('engine')}, this one {engine_fingerprint()})"
        )
    return manifest


def read(directory: Path, *, verify: bool = True) -> tuple[CandidateIndex, dict[str, Any]]:
    """The index stored in `directory`, its arrays mapped copy-on-write, and the manifest.

    `verify` compares each array's CRC-32 with the manifest's (reads every page once; they
    are shared page-cache pages). Raises SnapshotError when anything does not fit.
    """
    manifest = read_manifest(directory)
    arrays: dict[str, np.ndarray] = {}
    for name, described in manifest["arrays"].items():
        path = directory / _file_name(name)
        try:
            mapped = np.load(path, mmap_mode="c", allow_pickle=False)
        except (OSError, ValueError) as error:
            raise SnapshotError(f"{path.name}: {error}") from error
        # A plain ndarray view of the map: no memmap subclass overhead in every operation.
        array = mapped.view(np.ndarray)
        if array.dtype.str != described["dtype"] or list(array.shape) != described["shape"]:
            raise SnapshotError(f"{path.name}: dtype or shape differ from the manifest")
        if verify and _crc(array) != described["crc32"]:
            raise SnapshotError(f"{path.name}: checksum differs from the manifest")
        arrays[name] = array
    try:
        index = CandidateIndex.from_snapshot_parts(arrays, manifest["tables"])
    except (KeyError, TypeError, ValueError) as error:
        raise SnapshotError(f"{directory}: inconsistent snapshot ({error!r})") from error
    return index, manifest
