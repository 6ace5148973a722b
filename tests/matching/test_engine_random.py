# ruff: noqa: S311
"""Property-style check: the vectorised index ranks exactly like the plain-Python rules.

Random small worlds with many ties and edge cases (certificates expiring on the start date,
languages exactly at the level, zero commute, unknown municipalities, inactive and
non-consenting candidates), random queries, and random upserts/deletes between queries.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from jobbro.matching.engine import (
    CandidateFeatures,
    CandidateIndex,
    FacetRequest,
    Filters,
    HeldQualification,
    OccupationCode,
    Order,
    Query,
    Requirement,
    SpokenLanguage,
    Visibility,
    evaluate,
    normalised,
    reference_search,
    snapshot,
)

TODAY = dt.date(2026, 3, 1)
OCCUPATIONS = {
    1: OccupationCode("7115", "7115.1"),
    2: OccupationCode("7115", "7115.1.2"),
    3: OccupationCode("7115", "7115.2"),
    4: OccupationCode("7112", "7112.1"),
    5: OccupationCode("7126", "7126.1"),
    6: OccupationCode("7411", "7411.1"),
    7: OccupationCode("9112", "9112.1"),
    8: OccupationCode("5322", "5322.1"),
}
MUNICIPALITIES = {
    10: (55.676, 12.568),
    11: (55.731, 12.363),
    12: (56.157, 10.211),
    13: (55.4, 10.38),
}
SKILLS = list(range(100, 112))
QUALIFICATIONS = [200, 201, 202, 203]
LANGUAGES = [300, 301, 302]
JOB_CENTRES = [400, 401, 402, 403]


def random_day(rng: random.Random) -> dt.date:
    return TODAY + dt.timedelta(days=rng.choice([-30, 0, 10, 20, 30, 31, 60]))


def random_candidate(rng: random.Random, candidate_id: int) -> CandidateFeatures:
    return CandidateFeatures(
        id=candidate_id,
        job_centre_id=rng.choice(JOB_CENTRES),
        municipality_id=rng.choice([*MUNICIPALITIES, 14]),  # 14 has no coordinates
        active=rng.random() < 0.85,
        shared_with_cooperation=rng.random() < 0.7,
        available_from=random_day(rng),
        max_commute_km=rng.choice([0, 10, 30, 30, 60, 250]),
        experience=tuple(
            (rng.choice(list(OCCUPATIONS)), rng.choice([0.0, 0.5, 1.0, 2.0, 2.75, 5.0]))
            for _ in range(rng.choice([0, 1, 1, 2, 3, 6]))  # more than 4: past the padding
        ),
        wished_occupations=tuple(rng.sample(list(OCCUPATIONS), rng.choice([0, 1, 2, 3]))),
        skills=tuple(rng.sample(SKILLS, rng.randint(0, 6))),
        qualifications=tuple(
            HeldQualification(q, rng.choice([None, random_day(rng)]))
            for q in rng.sample(QUALIFICATIONS, rng.randint(0, 3))
        ),
        languages=tuple(
            SpokenLanguage(lang, rng.randint(1, 6))
            for lang in rng.sample(LANGUAGES, rng.randint(0, 3))
        ),
    )


def random_requirement(rng: random.Random, must: bool) -> Requirement:
    kind = rng.choice(["qualification", "language", "skill", "experience"])
    if kind == "qualification":
        return Requirement.qualification(rng.choice(QUALIFICATIONS), must=must)
    if kind == "language":
        return Requirement.language(rng.choice(LANGUAGES), rng.randint(1, 6), must=must)
    if kind == "skill":
        return Requirement.skill(rng.choice([*SKILLS, 999]), must=must)
    return Requirement.experience(rng.choice([1, 2, 2.75, 3]), must=must)


def random_query(rng: random.Random) -> Query:
    centres = rng.sample(JOB_CENTRES, rng.choice([0, 1, 3, 4, 4]))
    with_job_order = rng.random() < 0.6
    requirements = tuple(
        random_requirement(rng, must=rng.random() < 0.25) for _ in range(rng.randint(0, 4))
    )
    if rng.random() < 0.3:  # the search for a job order's tasks without the trade
        occupations: tuple[int, ...] = ()
        essential: tuple[int, ...] = ()
        optional: tuple[int, ...] = ()
        tasks = rng.sample([*SKILLS, 999], rng.randint(1, 6))  # 999: held by nobody
        requirements += tuple(Requirement.task_skill(skill, key=skill) for skill in tasks)
    else:
        occupations = tuple(rng.sample([*OCCUPATIONS, 77], rng.randint(0, 2)))
        essential = tuple(rng.sample(SKILLS, rng.randint(0, 5)))
        optional = tuple(rng.sample(SKILLS, rng.randint(0, 4)))
    return Query(
        visibility=Visibility(frozenset(centres[:1]), frozenset(centres)),
        today=TODAY,
        occupations=occupations,
        essential_skills=essential,
        optional_skills=optional,
        requirements=requirements,
        workplace=rng.choice([None, *MUNICIPALITIES.values()]),
        start_date=random_day(rng) if with_job_order else None,
        filters=Filters(
            job_centres=frozenset(rng.sample(JOB_CENTRES, 2)) if rng.random() < 0.2 else None,
            max_distance_km=rng.choice([None, None, None, 0, 20, 100]),
            licences=tuple(rng.sample(QUALIFICATIONS, rng.random() < 0.15)),
            available_by=rng.choice([None, None, TODAY]),
            among=frozenset(rng.sample(range(1, 60), 20)) if rng.random() < 0.2 else None,
        ),
        exclude=frozenset(rng.sample(range(1, 60), rng.randint(0, 3))),
        limit=rng.choice([1, 5, 20, 200]),
        offset=rng.choice([0, 0, 0, 1, 7, 30]),
        order=rng.choice(list(Order)),
        facets=rng.choice(
            [
                None,
                FacetRequest(
                    (0, 20, 100),
                    (*rng.sample(QUALIFICATIONS, 2), 999),
                    ((1, frozenset(rng.sample(range(1, 60), 15))), (2, frozenset())),
                ),
            ]
        ),
    )


def assert_same(index: CandidateIndex, people: dict[int, CandidateFeatures], query: Query) -> None:
    fast = index.search(query)
    slow = reference_search(people.values(), query, index.context)
    assert [(h.candidate_id, h.rank, h.score) for h in fast] == [
        (h.candidate_id, h.rank, h.score) for h in slow
    ]
    assert fast.total == slow.total
    assert fast.facets == slow.facets
    for hit in fast:  # never a candidate who misses a hard requirement
        features = normalised(people[hit.candidate_id])
        assert evaluate(features, query, index.context) is not None
        assert all(r.met for r in hit.explanation.must_haves)
        if query.for_tasks:  # relevant by a skill named; every task skill explained
            explained = [r.requirement for r in hit.explanation.task_skills]
            assert explained == list(query.task_skills)
            assert set(features.skills) & query.named_skills
            assert hit.explanation.components[0].name == "tasks"
        points = sum(c.points for c in hit.explanation.components)
        assert points == pytest.approx(hit.score, abs=1e-6)


@pytest.mark.parametrize("seed", range(40))
def test_index_ranks_like_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    people = {i: random_candidate(rng, i) for i in range(1, rng.randint(2, 120))}
    index = CandidateIndex.build(
        people.values(), occupations=OCCUPATIONS, municipalities=MUNICIPALITIES
    )
    index.compact_minimum = 8  # compact now and then during the edits below
    next_id = max(people) + 1
    for _ in range(15):
        assert_same(index, people, random_query(rng))
        for _ in range(rng.randint(0, 6)):
            action = rng.random()
            if action < 0.5 and people:
                changed = random_candidate(rng, rng.choice(list(people)))
                people[changed.id] = changed
                index.upsert(changed)
            elif action < 0.75 and people:
                gone = rng.choice(list(people))
                del people[gone]
                assert index.delete(gone)
            else:
                people[next_id] = random_candidate(rng, next_id)
                index.upsert(people[next_id])
                next_id += 1
        assert index.ids == frozenset(people)
        for candidate_id in rng.sample(list(people), min(3, len(people))):
            assert index.features(candidate_id) == normalised(people[candidate_id])


def test_task_skills_only_in_a_search_without_occupations() -> None:
    """The search for the tasks without the trade names no occupation, each skill once."""
    visibility = Visibility(frozenset({400}))
    task = Requirement.task_skill(100)
    with pytest.raises(ValueError, match="no occupation"):
        Query(visibility, TODAY, occupations=(1,), requirements=(task,))
    with pytest.raises(ValueError, match="no occupation"):
        Query(visibility, TODAY, essential_skills=(101,), requirements=(task,))
    with pytest.raises(ValueError, match="once"):
        Query(visibility, TODAY, requirements=(task, Requirement.task_skill(100, key=7)))
    query = Query(visibility, TODAY, requirements=(task, Requirement.skill(101, must=False)))
    assert query.for_tasks and query.gated
    assert query.task_skills == (task,)
    assert query.nice_to_haves == (Requirement.skill(101, must=False),)


def test_an_empty_index_finds_nobody() -> None:
    index = CandidateIndex.build([], occupations=OCCUPATIONS, municipalities=MUNICIPALITIES)
    result = index.search(Query(Visibility(frozenset({400})), TODAY, occupations=(1,)))
    assert list(result) == []
    assert result.total == 0
    index.upsert(random_candidate(random.Random(1), 5))
    assert 5 in index


@pytest.mark.parametrize("seed", range(12))
def test_an_index_read_back_from_a_snapshot_ranks_like_the_reference(seed: int, tmp_path) -> None:
    """Edited, written, mapped copy-on-write, edited again: still the reference's answers,
    and the files stay as written."""
    rng = random.Random(100 + seed)
    people = {i: random_candidate(rng, i) for i in range(1, rng.randint(1, 120))}
    index = CandidateIndex.build(
        people.values(), occupations=OCCUPATIONS, municipalities=MUNICIPALITIES
    )
    next_id = max(people) + 1
    for _ in range(rng.randint(0, 10)):  # edits before the snapshot: it compacts them
        changed = random_candidate(rng, rng.choice([*people, next_id]))
        next_id = max(next_id, changed.id + 1)
        people[changed.id] = changed
        index.upsert(changed)
    if len(people) > 1 and rng.random() < 0.5:
        gone = rng.choice(list(people))
        del people[gone]
        index.delete(gone)
    directory = snapshot.write(index, tmp_path, extra={})
    loaded, _ = snapshot.read(directory)
    loaded.compact_minimum = 8
    for _ in range(8):
        assert_same(loaded, people, random_query(rng))
        for _ in range(rng.randint(0, 6)):
            if rng.random() < 0.3 and len(people) > 1:
                gone = rng.choice(list(people))
                del people[gone]
                assert loaded.delete(gone)
            else:
                changed = random_candidate(rng, rng.choice([*people, next_id]))
                next_id = max(next_id, changed.id + 1)
                people[changed.id] = changed
                loaded.upsert(changed)
        assert loaded.ids == frozenset(people)
    snapshot.read(directory, verify=True)  # the edits never reached the files


def test_an_empty_index_survives_a_snapshot(tmp_path) -> None:
    index = CandidateIndex.build([], occupations=OCCUPATIONS, municipalities=MUNICIPALITIES)
    loaded, _ = snapshot.read(snapshot.write(index, tmp_path, extra={}))
    assert len(loaded) == 0
    loaded.upsert(random_candidate(random.Random(1), 5))
    assert 5 in loaded and loaded.features(5) is not None
