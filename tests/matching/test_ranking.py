"""Ranking through the Django layer: scoring rules, hard filters, explanations, visibility."""

import datetime as dt

import pytest
from django.utils import timezone

from jobbro.candidates.models import CandidateStatus, Cv
from jobbro.joborders.models import RequirementKind
from jobbro.matching.engine import MatchKind
from jobbro.matching.selectors import (
    FreeSearch,
    LanguageWish,
    SearchFilters,
    candidates_by_id,
    free_search,
    rank_for_job_order,
)
from tests.factories import (
    CandidateFactory,
    CooperationFactory,
    ExperienceFactory,
    JobCentreFactory,
    ReferralFactory,
)

from .helpers import make_candidate, make_job_order, require

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def ids(result):
    return [hit.candidate_id for hit in result]


def test_occupation_similarity_follows_the_esco_and_isco_hierarchy(world):
    by_kind = {
        MatchKind.SAME: make_candidate(world, occupation=world.carpenter),
        MatchKind.ESCO_BRANCH: make_candidate(world, occupation=world.roof_carpenter),
        MatchKind.ISCO_UNIT: make_candidate(world, occupation=world.joiner),
        MatchKind.ISCO_MINOR: make_candidate(world, occupation=world.bricklayer),
        MatchKind.ISCO_SUB_MAJOR: make_candidate(world, occupation=world.plumber),
    }
    make_candidate(world, occupation=world.cleaner)  # unrelated, no skills: not relevant
    result = rank_for_job_order(make_job_order(world), searcher=world.consultant)
    assert ids(result) == [c.pk for c in by_kind.values()]
    assert [hit.explanation.occupation.kind for hit in result] == list(by_kind)
    assert [hit.explanation.occupation.similarity for hit in result] == [1.0, 0.8, 0.6, 0.4, 0.2]
    assert result.total == 5


def test_experience_counts_but_saturates_and_a_wish_counts_half(world):
    novice = make_candidate(world, occupation=world.carpenter, years=0.5)
    veteran = make_candidate(world, occupation=world.carpenter, years=20)
    expert = make_candidate(world, occupation=world.carpenter, years=30)
    wisher = make_candidate(world, wished=(world.carpenter,))
    result = rank_for_job_order(make_job_order(world), searcher=world.consultant)
    by_id = {hit.candidate_id: hit.explanation.occupation for hit in result}
    assert ids(result) == [expert.pk, veteran.pk, novice.pk, wisher.pk]
    assert by_id[wisher.pk].by_experience is False
    assert by_id[wisher.pk].value == 0.5
    assert by_id[veteran.pk].value > 0.99
    assert by_id[expert.pk].value - by_id[veteran.pk].value < 0.01  # saturated


def test_skills_without_the_occupation_still_rank_below_the_occupation(world):
    trained = make_candidate(world, occupation=world.cleaner, skills=tuple(world.skills))
    carpenter = make_candidate(world, occupation=world.carpenter)
    result = rank_for_job_order(make_job_order(world), searcher=world.consultant)
    assert ids(result) == [carpenter.pk, trained.pk]
    skilled = result[1].explanation
    assert skilled.occupation.kind is MatchKind.NONE
    assert skilled.occupation.similarity == 0
    assert (skilled.skills.essential_held, skilled.skills.essential_total) == (4, 4)
    assert (skilled.skills.optional_held, skilled.skills.optional_total) == (2, 2)


def test_must_haves_are_hard_filters(world):
    order = make_job_order(world)
    start = order.start_date
    require(order, RequirementKind.QUALIFICATION, qualification=world.forklift)
    require(order, RequirementKind.LANGUAGE, language=world.danish, language_level="B1")
    require(order, RequirementKind.EXPERIENCE, min_years=2)
    valid = ((world.forklift, start),)  # expiring on the start day is still valid
    danish = ((world.danish, "B1"),)
    fits = make_candidate(world, occupation=world.carpenter, qualifications=valid, languages=danish)
    for misfit in (
        {"qualifications": ((world.forklift, start - dt.timedelta(days=1)),)},  # expired by then
        {"qualifications": ()},
        {"languages": ((world.danish, "A2"),)},
        {"languages": ((world.english, "C2"),)},
        {"years": 1.5},
        {"available_from": start + dt.timedelta(days=1)},
        {"status": CandidateStatus.PAUSED},
        {"status": CandidateStatus.HIRED},
    ):
        make_candidate(
            world,
            **{
                "occupation": world.carpenter,
                "qualifications": valid,
                "languages": danish,
                **misfit,
            },
        )
    result = rank_for_job_order(order, searcher=world.consultant)
    assert ids(result) == [fits.pk]
    assert all(r.met for r in result[0].explanation.must_haves)
    assert len(result[0].explanation.must_haves) == 3


def test_visibility_own_job_centre_and_consenting_colleagues_only(world):
    own_no_consent = make_candidate(world, occupation=world.carpenter, consent=False)
    shared = make_candidate(world, occupation=world.carpenter, job_centre=world.gladsaxe)
    private = make_candidate(
        world, occupation=world.carpenter, job_centre=world.gladsaxe, consent=False
    )
    elsewhere = JobCentreFactory(cooperation=CooperationFactory(name="Job7", short_name="J7"))
    make_candidate(world, occupation=world.carpenter, job_centre=elsewhere)
    result = rank_for_job_order(make_job_order(world), searcher=world.consultant)
    assert set(ids(result)) == {own_no_consent.pk, shared.pk}
    # The Gladsaxe colleague sees all of Gladsaxe's and none of Herlev's without consent.
    result = rank_for_job_order(make_job_order(world), searcher=world.other_consultant)
    assert set(ids(result)) == {shared.pk, private.pk}


def test_already_proposed_candidates_are_left_out(world):
    order = make_job_order(world)
    proposed = make_candidate(world, occupation=world.carpenter)
    other = make_candidate(world, occupation=world.carpenter)
    ReferralFactory(job_order=order, candidate=proposed, proposed_by=world.consultant)
    assert ids(rank_for_job_order(order, searcher=world.consultant)) == [other.pk]
    both = rank_for_job_order(order, searcher=world.consultant, exclude_referred=False)
    assert set(ids(both)) == {proposed.pk, other.pk}


def test_explanation_of_nice_to_haves_distance_and_score(world):
    order = make_job_order(world)
    require(order, RequirementKind.QUALIFICATION, must=False, qualification=world.first_aid)
    require(
        order, RequirementKind.LANGUAGE, must=False, language=world.english, language_level="B2"
    )
    candidate = make_candidate(
        world,
        occupation=world.carpenter,
        years=2,
        skills=(world.skills[0], world.skills[1], world.skills[4]),
        languages=((world.english, "B1"),),
        qualifications=((world.first_aid, None),),
        municipality=world.ballerup,
        commute=20,
    )
    [hit] = rank_for_job_order(order, searcher=world.consultant)
    explanation = hit.explanation
    assert hit.candidate_id == candidate.pk and hit.rank == 1
    nice = {r.requirement.kind: r for r in explanation.nice_to_haves}
    assert nice["qualification"].met is True
    assert nice["language"].met is False
    assert nice["language"].held_level == 3  # B1 held, B2 wanted
    assert (explanation.nice_to_have_met, explanation.nice_to_have_total) == (1, 2)
    assert explanation.occupation.years == pytest.approx(2, abs=0.01)
    assert explanation.skills.essential_held == 2 and explanation.skills.optional_held == 1
    assert explanation.skills.value == pytest.approx((2 + 0.5) / (4 + 0.5 * 2))
    assert explanation.distance.km == pytest.approx(14.3, abs=0.2)  # Ballerup–København
    assert explanation.distance.within_commute is True
    assert explanation.distance.value == pytest.approx(1 - explanation.distance.km / 20)
    assert explanation.available_from == candidate.available_from
    points = {c.name: c.points for c in explanation.components}
    assert sum(points.values()) == pytest.approx(hit.score, abs=1e-6)
    assert points["nice_to_have"] == pytest.approx(0.2 * 1 / 4)  # 1 met, counted against 4
    # Each explained requirement points back to the job order's requirement.
    assert {r.requirement.key for r in explanation.requirements} == set(
        order.requirements.values_list("pk", flat=True)
    )


def test_outside_the_commute_ranks_lower_and_the_distance_facet_filters(world):
    near = make_candidate(world, occupation=world.carpenter)
    far = make_candidate(world, occupation=world.carpenter, municipality=world.aarhus, commute=50)
    order = make_job_order(world)
    result = rank_for_job_order(order, searcher=world.consultant)
    assert ids(result) == [near.pk, far.pk]
    assert result[1].explanation.distance.within_commute is False
    assert result[1].explanation.distance.value == 0
    filtered = rank_for_job_order(
        order, searcher=world.consultant, filters=SearchFilters(max_distance_km=100)
    )
    assert ids(filtered) == [near.pk]


def test_facets_job_centre_licence_and_availability(world):
    order = make_job_order(world)
    licensed = make_candidate(
        world, occupation=world.carpenter, qualifications=((world.forklift, None),)
    )
    late = make_candidate(
        world,
        occupation=world.carpenter,
        qualifications=((world.forklift, None),),
        available_from=timezone.localdate() + dt.timedelta(days=20),
    )
    gladsaxe = make_candidate(world, occupation=world.carpenter, job_centre=world.gladsaxe)

    def search(**filters):
        return set(
            ids(
                rank_for_job_order(
                    order, searcher=world.consultant, filters=SearchFilters(**filters)
                )
            )
        )

    assert search() == {licensed.pk, late.pk, gladsaxe.pk}
    assert search(licences=[world.forklift]) == {licensed.pk, late.pk}
    assert search(available_by=timezone.localdate()) == {licensed.pk, gladsaxe.pk}
    assert search(job_centres=[world.gladsaxe]) == {gladsaxe.pk}


def test_ties_are_broken_by_the_lower_candidate_id(world):
    twins = [make_candidate(world, occupation=world.carpenter, years=4) for _ in range(4)]
    result = rank_for_job_order(make_job_order(world), searcher=world.consultant, limit=3)
    assert ids(result) == [c.pk for c in twins[:3]]
    assert len({hit.score for hit in result}) == 1
    assert result.total == 4


def test_a_danish_job_order_finds_an_english_cv(world):
    """Matching is on taxonomy concepts, not words: the language of the texts is irrelevant."""
    candidate = CandidateFactory(job_centre=world.herlev, municipality=world.copenhagen)
    Cv.objects.filter(pk=candidate.cv.pk).update(profile_da="", profile_en="")
    cv = Cv.objects.get(pk=candidate.cv.pk)
    cv.profile_en = "Carpenter with ten years on building sites; formwork and roofing."
    cv.save()
    ExperienceFactory(
        cv=cv,
        occupation=world.carpenter,
        title="Carpenter",
        employer="Skanska UK",
        description="Formwork, roof trusses and interior fit-out.",
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2025, 1, 1),
    )
    cv.skills.set(world.skills[:2])
    order = make_job_order(
        world,
        title="Tømrer til metrobyggeri",
        tasks="Forskalling og tagkonstruktioner i Sydhavnen.",
    )
    result = rank_for_job_order(order, searcher=world.consultant)
    assert ids(result) == [candidate.pk]
    assert cv.profile_da == "" and result[0].explanation.occupation.kind is MatchKind.SAME


def test_free_search_without_a_job_order(world):
    carpenter = make_candidate(
        world,
        occupation=world.carpenter,
        skills=(world.skills[0],),
        languages=((world.danish, "C1"),),
    )
    make_candidate(world, occupation=world.carpenter, languages=((world.danish, "C1"),))  # no skill
    joiner = make_candidate(
        world, occupation=world.joiner, skills=(world.skills[0],), languages=((world.danish, "B2"),)
    )
    search = FreeSearch(
        occupations=[world.carpenter],
        skills=[world.skills[0]],
        languages=[LanguageWish(world.danish, "B2")],
        near=world.copenhagen,
    )
    result = free_search(search, searcher=world.consultant)
    assert ids(result) == [carpenter.pk, joiner.pk]
    assert result[0].explanation.distance.km == 0
    # Without occupation or skills every visible active candidate qualifies.
    everyone = free_search(FreeSearch(), searcher=world.consultant)
    assert everyone.total == 3


def test_nice_to_have_skills_alone_cut_nobody(world):
    # The free search's skills read from text ("rengøring") only order the list: alone they
    # must not leave out everyone who lacks them.
    holder = make_candidate(world, occupation=world.cleaner, skills=(world.skills[0],))
    others = [make_candidate(world, occupation=world.cleaner) for _ in range(2)]
    result = free_search(FreeSearch(nice_skills=[world.skills[0]]), searcher=world.consultant)
    assert result.total == 3
    assert ids(result)[0] == holder.pk and set(ids(result)[1:]) == {c.pk for c in others}
    # A required skill still is a hard filter.
    required = free_search(FreeSearch(skills=[world.skills[0]]), searcher=world.consultant)
    assert ids(required) == [holder.pk]


def test_candidates_by_id_fetches_a_page_in_one_query(world, django_assert_num_queries):
    people = [make_candidate(world, occupation=world.carpenter) for _ in range(3)]
    with django_assert_num_queries(1):
        found = candidates_by_id(c.pk for c in people)
        names = [found[c.pk].job_centre.name for c in people]
    assert len(names) == 3
