"""A process started from the host's index snapshot answers exactly like one that built from
the database, sees edits made after the snapshot at its next search, and builds when the
snapshot cannot be used (saying why in the log)."""

import dataclasses
import datetime as dt
import json
import logging
import random
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.utils import timezone

from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.matching.engine import CandidateIndex, FacetRequest, Filters, Order
from jobbro.matching.engine import snapshot as files
from jobbro.matching.holder import IndexHolder
from jobbro.matching.models import CandidateChange
from jobbro.matching.selectors import job_order_query
from tests.factories import CandidateChangeFactory, ExperienceFactory

from .helpers import make_candidate, make_job_order

pytestmark = pytest.mark.django_db
N = 100


@pytest.fixture(autouse=True)
def snapshot_dir(settings, tmp_path) -> Path:
    settings.MATCHING_INDEX_DIR = tmp_path / "matching-index"
    return settings.MATCHING_INDEX_DIR


@pytest.fixture
def builds(monkeypatch):
    """Counts full index builds from the database."""
    calls = []
    original = CandidateIndex.build.__func__

    def counting(cls, *args, **kwargs):
        calls.append(1)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(CandidateIndex, "build", classmethod(counting))
    return calls


@pytest.fixture
def crowd(world):
    return make_crowd(world, N)


@pytest.fixture
def small_crowd(world):
    return make_crowd(world, 30)


def make_crowd(world, n):
    """n candidates of related and unrelated trades, places, centres and CVs (seeded); each
    with `.trade`, their occupation."""
    rng = random.Random(16)  # noqa: S311
    today = timezone.localdate()
    trades = [
        world.carpenter,
        world.roof_carpenter,
        world.joiner,
        world.bricklayer,
        world.plumber,
        world.cleaner,
    ]
    people = []
    for _ in range(n):
        trade = rng.choice(trades)
        qualifications = []
        if rng.random() < 0.4:
            expiry = rng.choice([None, today + dt.timedelta(days=rng.randint(-30, 400))])
            qualifications.append((world.forklift, expiry))
        if rng.random() < 0.3:
            qualifications.append((world.first_aid, None))
        languages = [(world.danish, rng.choice(["B1", "B2", "C2"]))]
        if rng.random() < 0.5:
            languages.append((world.english, rng.choice(["A2", "B1", "C1"])))
        people.append(
            make_candidate(
                world,
                occupation=trade,
                years=rng.choice([0.5, 1, 3, 8, 15]),
                wished=tuple(rng.sample(trades, rng.randint(0, 2))),
                skills=tuple(rng.sample(world.skills, rng.randint(0, 5))),
                qualifications=tuple(qualifications),
                languages=tuple(languages),
                job_centre=rng.choice([world.herlev, world.gladsaxe]),
                municipality=rng.choice([world.copenhagen, world.ballerup, world.aarhus]),
                consent=rng.random() < 0.8,
                status=CandidateStatus.ACTIVE if rng.random() < 0.9 else CandidateStatus.PAUSED,
                available_from=today + dt.timedelta(days=rng.randint(-200, 60)),
                commute=rng.choice([10, 20, 30, 60, 200]),
            )
        )
        people[-1].trade = trade
    return people


def queries(world):
    """The job order's query in several orders, pages and facets."""
    order = make_job_order(world)
    base = job_order_query(order, searcher=world.consultant)
    facets = FacetRequest(distances_km=(5, 20, 300), licences=(world.forklift.pk,))
    wide = dataclasses.replace(base, start_date=None)
    return [
        base,
        dataclasses.replace(base, limit=10, offset=5),
        dataclasses.replace(wide, facets=facets, limit=200),
        dataclasses.replace(wide, order=Order.DISTANCE, facets=facets, limit=200),
        dataclasses.replace(wide, order=Order.AVAILABLE, limit=30, offset=3),
        dataclasses.replace(
            wide,
            filters=Filters(
                job_centres=frozenset({world.gladsaxe.pk}),
                max_distance_km=25.0,
                licences=(world.forklift.pk,),
            ),
            facets=facets,
            limit=200,
        ),
        dataclasses.replace(wide, occupations=(world.cleaner.pk,), limit=200),
    ]


def answers(holder, batch):
    out = []
    for query in batch:
        result = holder.search(query)
        out.append(
            (
                [(h.candidate_id, h.rank, h.score, h.explanation) for h in result],
                result.total,
                result.facets,
            )
        )
    return out


def snapshot(snapshot_dir) -> Path:
    out = StringIO()
    call_command("snapshot_matching_index", stdout=out)
    assert "Wrote" in out.getvalue()
    directory = files.current(snapshot_dir)
    assert directory is not None
    return directory


def test_a_process_from_the_snapshot_answers_exactly_like_one_built(
    world, crowd, snapshot_dir, builds, caplog
):
    directory = snapshot(snapshot_dir)
    assert len(builds) == 1  # the command's
    batch = queries(world)
    built = IndexHolder()
    built.rebuild()
    caplog.set_level(logging.INFO, logger="jobbro.matching.holder")
    mapped = IndexHolder()
    expected = answers(built, batch)
    assert answers(mapped, batch) == expected
    assert len(builds) == 2  # the rebuild; the mapped process built nothing
    assert f"loaded from snapshot {directory.name}: {N} candidates" in caplog.text
    assert sum(total for _, total, _ in expected) > N  # the queries find people
    assert any(facets and facets.licences for _, _, facets in expected)
    assert isinstance(mapped.index()._ids.base, np.memmap)  # mapped, not read into memory


def test_an_edit_after_the_snapshot_is_searchable_at_the_next_search(
    world, crowd, snapshot_dir, builds
):
    directory = snapshot(snapshot_dir)
    batch = queries(world)
    early = IndexHolder()
    early.index()  # started before the edits
    # After the snapshot: a cleaner retrains as a carpenter, a carpenter is hired, one leaves.
    cleaner = next(c for c in crowd if c.trade == world.cleaner)
    ExperienceFactory(
        cv=cleaner.cv,
        occupation=world.carpenter,
        title="Tømrer",
        start_date=timezone.localdate() - dt.timedelta(days=4000),
        end_date=timezone.localdate(),
    )
    carpenters = [c for c in crowd if c.trade == world.carpenter]
    Candidate.objects.filter(pk=carpenters[0].pk).update(status=CandidateStatus.HIRED)
    CandidateChangeFactory(candidate_id=carpenters[0].pk)
    carpenters[1].delete()
    late = IndexHolder()  # started after the edits, from the same snapshot
    built = IndexHolder()
    built.rebuild()
    expected = answers(built, batch)
    assert answers(late, batch) == expected
    assert answers(early, batch) == expected
    assert len(builds) == 2  # the command's and `built`; both others mapped the snapshot
    first = [hit.candidate_id for hit in early.search(batch[0])]
    assert cleaner.pk in first[:5]
    assert carpenters[0].pk not in first and carpenters[1].pk not in first
    # The edits went to the processes' private copies: the files are as written.
    files.read(directory, verify=True)


def test_a_newer_snapshot_is_taken_up_and_matches(world, small_crowd, snapshot_dir):
    first = snapshot(snapshot_dir)
    holder = IndexHolder()
    holder.index()
    make_candidate(world, occupation=world.carpenter, years=20)
    second = snapshot(snapshot_dir)
    assert second != first
    holder.refresh(build=False)
    assert holder._state is not None and holder._state.snapshot == second
    built = IndexHolder()
    built.rebuild()
    batch = queries(world)
    assert answers(holder, batch) == answers(built, batch)


def _rewrite_manifest(directory: Path, change) -> None:
    path = directory / files.MANIFEST
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def _corrupt_array(directory: Path, _=None) -> None:
    path = directory / "skills.csc.indices.npy"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate_array(directory: Path, _=None) -> None:
    path = directory / "ids.npy"
    path.write_bytes(path.read_bytes()[:-16])


def _older(manifest):
    then = timezone.now() - dt.timedelta(days=7)
    manifest["extra"]["built_at"] = then.isoformat()


def _other_format(manifest):
    manifest["engine"]["format"] += 1


def _other_database(manifest):
    manifest["extra"]["database"] = "postgresql://elsewhere:5432/jobbro"


def _past_the_journal(manifest):
    manifest["extra"]["journal"]["floor"] = 10**9


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (None, "no snapshot in"),
        (_corrupt_array, "skills.csc.indices.npy: checksum differs"),
        (_truncate_array, "ids.npy"),
        (_older, "old (at most 6 days"),
        (_other_format, "written by another engine version"),
        (_other_database, "is of another database"),
        (_past_the_journal, "is past the journal"),
    ],
)
def test_an_unusable_snapshot_falls_back_to_the_build(
    world, small_crowd, snapshot_dir, builds, caplog, spoil, reason
):
    if spoil is not None:
        directory = snapshot(snapshot_dir)
        if spoil in (_corrupt_array, _truncate_array):
            spoil(directory)
        else:
            _rewrite_manifest(directory, spoil)
    CandidateChange.objects.create(candidate_id=small_crowd[0].pk)
    builds.clear()
    batch = queries(world)
    built = IndexHolder()
    built.rebuild()
    caplog.set_level(logging.INFO, logger="jobbro.matching.holder")
    holder = IndexHolder()
    assert answers(holder, batch) == answers(built, batch)
    assert len(builds) == 2  # it built
    assert "matching index snapshot not used" in caplog.text
    assert reason in caplog.text
    assert "building from the database" in caplog.text


def test_snapshots_turned_off_build_quietly(world, small_crowd, settings, builds, caplog):
    settings.MATCHING_INDEX_DIR = None
    caplog.set_level(logging.INFO, logger="jobbro.matching.holder")
    assert IndexHolder().index().ids == {c.pk for c in small_crowd}
    assert len(builds) == 1
    assert "snapshot not used" not in caplog.text


def test_old_snapshots_are_pruned_and_the_current_one_kept(world, snapshot_dir):
    made = [snapshot(snapshot_dir) for _ in range(files.KEEP + 2)]
    left = sorted(p.name for p in (snapshot_dir / files.SNAPSHOTS).iterdir())
    assert left == sorted(p.name for p in made[-files.KEEP :])
    assert files.current(snapshot_dir) == made[-1]


def test_an_unusable_newer_snapshot_keeps_the_index_and_is_not_retried(
    world, small_crowd, snapshot_dir, builds, caplog
):
    first = snapshot(snapshot_dir)
    holder = IndexHolder()
    holder.index()
    second = snapshot(snapshot_dir)
    _corrupt_array(second)
    builds.clear()
    holder.refresh(build=False)
    assert holder._state is not None and holder._state.snapshot == first
    assert builds == []
    assert "checksum differs" in caplog.text
    # Looked at again a minute later: the same damaged snapshot is not taken up again.
    assert not holder._newer_snapshot(holder._state, holder._state.looked_at + 3600)
    third = snapshot(snapshot_dir)
    assert holder._newer_snapshot(holder._state, holder._state.looked_at + 3600)
    holder.refresh(build=False)
    assert holder._state.snapshot == third
