"""The formulas of the score, as docs/matching.md states them."""

import datetime as dt

import pytest

from jobbro.matching.engine import (
    CandidateFeatures,
    CandidateIndex,
    HeldQualification,
    MatchKind,
    OccupationCode,
    Query,
    Requirement,
    SpokenLanguage,
    Visibility,
    scoring,
)

CARPENTER = OccupationCode("7115", "7115.1")


@pytest.mark.parametrize(
    ("other", "kind"),
    [
        (OccupationCode("7115", "7115.1.2"), MatchKind.ESCO_BRANCH),
        (OccupationCode("7115", "7115.3"), MatchKind.ISCO_UNIT),
        (OccupationCode("7112", "7112.1"), MatchKind.ISCO_MINOR),
        (OccupationCode("7126", "7126.1"), MatchKind.ISCO_SUB_MAJOR),
        (OccupationCode("7411", "7411.1"), MatchKind.NONE),  # only the major group
        (OccupationCode("9112", "9112.1"), MatchKind.NONE),
    ],
)
def test_match_kind_by_the_narrowest_shared_level(other, kind):
    assert scoring.match_kind(1, CARPENTER.path(), 2, other.path()) is kind
    assert scoring.match_kind(1, CARPENTER.path(), 1, other.path()) is MatchKind.SAME
    assert scoring.match_kind(1, None, 2, other.path()) is MatchKind.NONE


def test_experience_factor_table():
    table = {0: 0.5, 1: 0.6464, 2: 0.75, 4: 0.875, 6: 0.9375, 10: 0.9844}
    for years, factor in table.items():
        assert scoring.experience_factor(years) == pytest.approx(factor, abs=1e-4)


def test_skill_coverage_and_proximity():
    assert scoring.skill_coverage(12, 20, 6, 18) == pytest.approx(15 / 29)
    assert scoring.skill_coverage(0, 0, 0, 0) == 0
    assert scoring.proximity(0, 30) == 1
    assert scoring.proximity(15, 30) == 0.5
    assert scoring.proximity(45, 30) == 0
    assert scoring.proximity(None, 30) == 0
    assert scoring.proximity(0, 0) == 1 and scoring.proximity(1, 0) == 0


def test_worked_example_of_the_documentation():
    """docs/matching.md §4: Bo 54.7 points, Amira 53.8 points."""
    essential, optional = tuple(range(100, 120)), tuple(range(200, 218))
    safety, forklift, danish, english = 1, 2, 10, 11
    amira = CandidateFeatures(
        1, 5, 151, True, True, dt.date(2026, 3, 1), 30.0,
        experience=((2, 4.0),),
        skills=essential[:12] + optional[:6],
        qualifications=(HeldQualification(safety), HeldQualification(forklift)),
        languages=(SpokenLanguage(danish, 4), SpokenLanguage(english, 2)),
    )  # fmt: skip
    bo = CandidateFeatures(
        2, 5, 101, True, True, dt.date(2026, 3, 1), 25.0,
        experience=((1, 1.0),),
        wished_occupations=(1,),
        skills=essential[:15] + optional[:2],
        qualifications=(HeldQualification(safety, dt.date(2027, 1, 1)),),
        languages=(SpokenLanguage(danish, 6),),
    )  # fmt: skip
    index = CandidateIndex.build(
        [amira, bo],
        occupations={1: CARPENTER, 2: OccupationCode("7115", "7115.1.2")},
        municipalities={101: (55.6756, 12.5698), 151: (55.7314, 12.3633)},
    )
    result = index.search(
        Query(
            Visibility(frozenset({5})),
            dt.date(2026, 3, 2),
            occupations=(1,),
            essential_skills=essential,
            optional_skills=optional,
            requirements=(
                Requirement.qualification(safety, must=True),
                Requirement.language(danish, 3, must=True),
                Requirement.qualification(forklift, must=False),
                Requirement.language(english, 3, must=False),
            ),
            workplace=(55.6756, 12.5698),
            start_date=dt.date(2026, 4, 1),
        )
    )
    assert [(h.candidate_id, round(h.score * 100, 1)) for h in result] == [(2, 54.7), (1, 53.8)]
    amira = {c.name: round(c.points, 4) for c in result[1].explanation.components}
    assert amira == {
        "occupation": 0.28, "skills": 0.1293, "nice_to_have": 0.05, "proximity": 0.0783
    }  # fmt: skip


@pytest.mark.parametrize("total", [1, 2, 3, 4, 8])
def test_one_nice_to_have_weighs_at_most_five_points(total):
    """docs/matching.md §2: one nice-to-have adds at most 0.20 / 4 to the score."""
    one = scoring.WEIGHT_NICE * scoring.nice_share(1, total)
    assert one == pytest.approx(0.05 if total <= 4 else 0.20 / total)
    assert scoring.nice_share(total, total) == pytest.approx(min(1.0, total / 4))
    assert scoring.nice_share(0, 0) == 0


def test_a_skill_picked_by_mistake_does_not_outrank_the_trade():
    """A nice-to-have skill only a joiner holds (a mis-click) leaves the carpenter first."""
    mistake, essential = 900, tuple(range(100, 110))
    carpenter = CandidateFeatures(
        1, 5, 101, True, True, dt.date(2026, 3, 1), 30.0,
        experience=((1, 2.0),), skills=essential[:5],
    )  # fmt: skip
    joiner = CandidateFeatures(
        2, 5, 101, True, True, dt.date(2026, 3, 1), 30.0,
        experience=((2, 2.0),), skills=(*essential[:5], mistake),
    )  # fmt: skip
    index = CandidateIndex.build(
        [carpenter, joiner],
        occupations={1: CARPENTER, 2: OccupationCode("7115", "7115.3")},
        municipalities={101: (55.6756, 12.5698)},
    )
    query = Query(
        Visibility(frozenset({5})),
        dt.date(2026, 3, 2),
        occupations=(1,),
        essential_skills=essential,
        requirements=(Requirement.skill(mistake, must=False),),
        workplace=(55.6756, 12.5698),
        start_date=dt.date(2026, 4, 1),
    )
    first, second = index.search(query)
    assert (first.candidate_id, second.candidate_id) == (1, 2)
    nice = {c.name: c.points for c in second.explanation.components}["nice_to_have"]
    assert nice == pytest.approx(0.05)
