"""Services: job orders with requirements, proposals, the referral state machine, hires."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobbro.candidates.models import CandidateStatus
from jobbro.joborders import services
from jobbro.joborders.models import (
    FollowUp,
    FollowUpStep,
    JobOrder,
    JobOrderStatus,
    Placement,
    Referral,
    ReferralState,
    ReferralTransition,
    Requirement,
)
from jobbro.matching.models import CandidateChange
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    JobCentreFactory,
    LanguageFactory,
    MunicipalityFactory,
    QualificationFactory,
    ReferralFactory,
    RequirementFactory,
    SkillFactory,
    staff,
)

from .conftest import future, make_candidate

pytestmark = pytest.mark.django_db


def order_fields(**overrides):
    fields = {
        "title": "Tømrer til letbanen",
        "workplace_address": "Ring 3, Glostrup",
        "start_date": future(30),
        "deadline": future(14),
        "positions": 2,
    }
    fields.update(overrides)
    return fields


# --- job orders --------------------------------------------------------------------------


def test_job_order_create_with_requirements_and_home_job_centre(
    consultant, company, job_centre, occupation
):
    licence = QualificationFactory(code="b", kind="driving_licence", label_da="Kørekort B")
    danish = LanguageFactory()
    skill = SkillFactory()
    order = services.job_order_create(
        actor=consultant,
        company=company,
        occupation=occupation,
        workplace_municipality=company.municipality,
        requirements=[
            {"importance": "must", "kind": "qualification", "qualification": licence},
            # Leftovers from other kinds are dropped: the check constraint needs one target.
            {
                "importance": "must",
                "kind": "language",
                "language": danish,
                "language_level": "B2",
                "min_years": 3,
            },
            {"importance": "nice", "kind": "skill", "skill": skill},
            {"importance": "must", "kind": "experience", "min_years": 2},
        ],
        **order_fields(),
    )
    assert order.job_centre == job_centre  # the company's home job centre owns it
    assert order.created_by == consultant
    assert order.status == JobOrderStatus.OPEN
    kinds = sorted(order.requirements.values_list("kind", "importance"))
    assert kinds == [
        ("experience", "must"),
        ("language", "must"),
        ("qualification", "must"),
        ("skill", "nice"),
    ]
    language = order.requirements.get(kind="language")
    assert language.min_years is None and language.language_level == "B2"


def test_job_order_create_falls_back_to_the_actors_job_centre(consultant, job_centre, occupation):
    elsewhere = CompanyFactory(
        cooperation=job_centre.cooperation, municipality=MunicipalityFactory()
    )
    order = services.job_order_create(
        actor=consultant,
        company=elsewhere,
        occupation=occupation,
        workplace_municipality=elsewhere.municipality,
        **order_fields(),
    )
    assert order.job_centre == job_centre


def test_job_order_create_is_all_or_nothing(consultant, company, occupation):
    with pytest.raises(ValidationError) as caught:
        services.job_order_create(
            actor=consultant,
            company=company,
            occupation=occupation,
            workplace_municipality=company.municipality,
            requirements=[
                {"importance": "must", "kind": "experience", "min_years": 2},
                {"importance": "must", "kind": "language", "language": LanguageFactory()},
            ],
            **order_fields(),
        )
    assert "Choose the language and the minimum level." in caught.value.messages
    assert not JobOrder.objects.exists()
    assert not Requirement.objects.exists()


def test_job_order_create_refuses_a_deadline_after_the_start(consultant, company, occupation):
    with pytest.raises(ValidationError) as caught:
        services.job_order_create(
            actor=consultant,
            company=company,
            occupation=occupation,
            workplace_municipality=company.municipality,
            **order_fields(start_date=future(10), deadline=future(20)),
        )
    assert "deadline" in caught.value.message_dict
    assert not JobOrder.objects.exists()


def test_job_order_update_replaces_requirements(consultant, job_order):
    RequirementFactory(job_order=job_order, importance="must", kind="experience", min_years=1)
    skill = SkillFactory()
    updated = services.job_order_update(
        actor=consultant,
        job_order=job_order,
        title="Tømrer, 2 stillinger",
        requirements=[{"importance": "nice", "kind": "skill", "skill": skill}],
    )
    assert updated.title == "Tømrer, 2 stillinger"
    assert list(job_order.requirements.values_list("kind", flat=True)) == ["skill"]


def test_job_order_update_refuses_fewer_positions_than_hires(consultant, job_order):
    JobOrder.objects.filter(pk=job_order.pk).update(hires=2)
    job_order.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.job_order_update(actor=consultant, job_order=job_order, positions=1)
    assert "positions" in caught.value.message_dict


def test_job_order_update_reopens_when_positions_grow(consultant, job_order):
    JobOrder.objects.filter(pk=job_order.pk).update(hires=2, status=JobOrderStatus.FILLED)
    job_order.refresh_from_db()
    updated = services.job_order_update(actor=consultant, job_order=job_order, positions=3)
    assert updated.status == JobOrderStatus.OPEN


def test_job_order_update_rejects_unknown_fields(consultant, job_order):
    with pytest.raises(TypeError):
        services.job_order_update(actor=consultant, job_order=job_order, hires=5)


# --- proposals ---------------------------------------------------------------------------


def test_propose_writes_the_referral_and_its_first_transition(partner, job_order, candidate):
    referral = services.referral_propose(
        actor=partner, job_order=job_order, candidate=candidate, motivation="  Stærk profil "
    )
    assert referral.state == ReferralState.PROPOSED
    assert referral.motivation == "Stærk profil"
    (transition,) = referral.transitions.all()
    assert (transition.from_state, transition.to_state, transition.by) == ("", "proposed", partner)


def test_propose_consenting_candidate_of_another_job_centre(partner, job_order, other_job_centre):
    other = make_candidate(other_job_centre, consent=True)
    referral = services.referral_propose(actor=partner, job_order=job_order, candidate=other)
    assert referral.pk


def test_propose_refuses_non_consenting_candidate_of_another_job_centre(
    partner, job_order, other_job_centre
):
    private = make_candidate(other_job_centre, consent=False)
    with pytest.raises(ValidationError) as caught:
        services.referral_propose(actor=partner, job_order=job_order, candidate=private)
    assert caught.value.code == "no_consent"
    assert not Referral.objects.exists()


def test_propose_own_non_consenting_candidate(partner, job_order, job_centre):
    own = make_candidate(job_centre, consent=False)
    assert services.referral_propose(actor=partner, job_order=job_order, candidate=own).pk


def test_propose_refuses_candidate_of_another_cooperation(partner, job_order, foreign_job_centre):
    foreign = make_candidate(foreign_job_centre, consent=True)
    with pytest.raises(ValidationError):
        services.referral_propose(actor=partner, job_order=job_order, candidate=foreign)


def test_propose_refuses_a_duplicate_with_a_clear_message(partner, job_order, candidate):
    services.referral_propose(actor=partner, job_order=job_order, candidate=candidate)
    with pytest.raises(ValidationError) as caught:
        services.referral_propose(actor=partner, job_order=job_order, candidate=candidate)
    assert caught.value.messages == [
        f"{candidate.full_name} is already proposed for this job order."
    ]
    assert Referral.objects.count() == 1
    assert ReferralTransition.objects.count() == 1


def test_propose_refuses_closed_job_order_and_inactive_candidate(partner, job_order, candidate):
    candidate.status = CandidateStatus.PAUSED
    candidate.save()
    with pytest.raises(ValidationError) as caught:
        services.referral_propose(actor=partner, job_order=job_order, candidate=candidate)
    assert caught.value.code == "not_active"
    JobOrder.objects.filter(pk=job_order.pk).update(status=JobOrderStatus.CLOSED)
    job_order.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.referral_propose(actor=partner, job_order=job_order, candidate=candidate)
    assert caught.value.code == "not_open"


# --- the state machine -------------------------------------------------------------------

LEGAL = [
    ("proposed", "interview"),
    ("proposed", "declined"),
    ("interview", "declined"),
    ("proposed", "withdrawn"),
    ("interview", "withdrawn"),
]
STATES = [s.value for s in ReferralState]
ILLEGAL = [(a, b) for a in STATES for b in STATES if (a, b) not in LEGAL]


@pytest.mark.parametrize(("from_state", "to_state"), LEGAL)
def test_legal_transition_is_logged(partner, job_order, from_state, to_state):
    referral = ReferralFactory(job_order=job_order, state=from_state)
    services.referral_transition(
        actor=partner, referral=referral, to_state=to_state, reason="Svar fra virksomheden"
    )
    referral.refresh_from_db()
    assert referral.state == to_state
    log = referral.transitions.get()
    assert (log.from_state, log.to_state, log.by, log.reason) == (
        from_state,
        to_state,
        partner,
        "Svar fra virksomheden",
    )
    assert log.at is not None


@pytest.mark.parametrize(("from_state", "to_state"), ILLEGAL)
def test_illegal_transition_is_refused(partner, job_order, from_state, to_state):
    referral = ReferralFactory(job_order=job_order, state=from_state)
    with pytest.raises(ValidationError) as caught:
        services.referral_transition(actor=partner, referral=referral, to_state=to_state)
    assert caught.value.code in {"illegal_transition", "hire_via_form"}
    referral.refresh_from_db()
    assert referral.state == from_state
    assert not referral.transitions.exists()


def test_illegal_transition_message_names_the_states(partner, job_order):
    referral = ReferralFactory(job_order=job_order, state=ReferralState.DECLINED)
    with pytest.raises(ValidationError) as caught:
        services.referral_transition(actor=partner, referral=referral, to_state="interview")
    assert caught.value.messages == [
        "A referral cannot go from “declined by the company” to “invited to interview”."
    ]


# --- hires -------------------------------------------------------------------------------


# A Monday after the referrals the tests make today.
START = dt.date(timezone.localdate().year + 1, 3, 2)


def hire(actor, referral, start=None, **kwargs):
    return services.referral_hire(
        actor=actor,
        referral=referral,
        start_date=start or START,
        hours_per_week=37,
        **kwargs,
    )


@pytest.mark.parametrize("from_state", ["proposed", "interview"])
def test_hire_creates_placement_follow_ups_and_counts(partner, onboarding, job_order, from_state):
    referral = ReferralFactory(job_order=job_order, state=from_state)
    placement = hire(partner, referral, onboarding_consultant=onboarding, ordinary_hours=False)
    job_order.refresh_from_db()
    referral.refresh_from_db()
    referral.candidate.refresh_from_db()
    assert job_order.hires == 1
    assert job_order.status == JobOrderStatus.OPEN  # one of two positions
    assert referral.state == ReferralState.HIRED
    assert referral.candidate.status == CandidateStatus.HIRED
    assert placement.onboarding_consultant == onboarding
    assert placement.ordinary_hours is False
    assert placement.recorded_by == partner
    log = referral.transitions.get()
    assert (log.from_state, log.to_state) == (from_state, "hired")
    due = dict(placement.follow_ups.values_list("step", "due_on"))
    assert due == {
        FollowUpStep.WEEK: START + dt.timedelta(days=7),
        FollowUpStep.MONTH: START + dt.timedelta(days=30),
        FollowUpStep.QUARTER: START + dt.timedelta(days=90),
    }


def test_last_hire_fills_the_job_order_and_one_more_is_refused(partner, job_order):
    first, second, third = (ReferralFactory(job_order=job_order) for _ in range(3))
    hire(partner, first)
    hire(partner, second)
    job_order.refresh_from_db()
    assert (job_order.hires, job_order.status) == (2, JobOrderStatus.FILLED)
    with pytest.raises(ValidationError) as caught:
        hire(partner, third)
    assert caught.value.messages == ["All positions are filled."]
    third.refresh_from_db()
    job_order.refresh_from_db()
    assert third.state == ReferralState.PROPOSED
    assert job_order.hires == 2
    assert Placement.objects.count() == 2
    assert FollowUp.objects.count() == 6


def test_database_refuses_more_hires_than_positions(job_order):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobOrder.objects.filter(pk=job_order.pk).update(hires=job_order.positions + 1)


def test_hire_refuses_declined_referral_and_closed_job_order(partner, job_order):
    declined = ReferralFactory(job_order=job_order, state=ReferralState.DECLINED)
    with pytest.raises(ValidationError):
        hire(partner, declined)
    open_one = ReferralFactory(job_order=job_order)
    JobOrder.objects.filter(pk=job_order.pk).update(status=JobOrderStatus.CANCELLED)
    with pytest.raises(ValidationError) as caught:
        hire(partner, open_one)
    assert caught.value.code == "closed"
    assert not Placement.objects.exists()


def test_the_first_working_day_is_not_before_the_proposal(partner, job_order):
    referral = ReferralFactory(job_order=job_order, state="interview")
    with pytest.raises(ValidationError) as caught:
        hire(partner, referral, start=timezone.localdate() - dt.timedelta(days=1))
    assert "start_date" in caught.value.message_dict
    referral.refresh_from_db()
    assert referral.state == "interview" and not Placement.objects.exists()


def test_transition_to_hired_goes_through_the_hire(partner, job_order):
    referral = ReferralFactory(job_order=job_order)
    with pytest.raises(ValidationError) as caught:
        services.referral_transition(actor=partner, referral=referral, to_state="hired")
    assert caught.value.code == "hire_via_form"


# --- follow-ups --------------------------------------------------------------------------


@pytest.fixture
def follow_up(partner, job_order):
    placement = hire(partner, ReferralFactory(job_order=job_order))
    return placement.follow_ups.get(step=FollowUpStep.WEEK)


def test_follow_up_record(onboarding, follow_up):
    done = services.follow_up_record(
        actor=onboarding,
        follow_up=follow_up,
        still_employed=True,
        ordinary_hours=True,
        note=" Godt ",
    )
    assert done.done_by == onboarding and done.done_at is not None
    assert (done.still_employed, done.ordinary_hours, done.note) == (True, True, "Godt")


def test_follow_up_record_no_longer_employed_drops_hours(onboarding, follow_up):
    done = services.follow_up_record(
        actor=onboarding, follow_up=follow_up, still_employed=False, ordinary_hours=True
    )
    assert done.still_employed is False and done.ordinary_hours is None


def test_follow_up_is_recorded_once(onboarding, follow_up):
    services.follow_up_record(
        actor=onboarding, follow_up=follow_up, still_employed=True, ordinary_hours=False
    )
    with pytest.raises(ValidationError):
        services.follow_up_record(
            actor=onboarding, follow_up=follow_up, still_employed=False, ordinary_hours=None
        )


def test_other_job_centre_consultant_may_not_propose_private_candidates(job_order, job_centre):
    other = JobCentreFactory(cooperation=job_centre.cooperation)
    outsider = staff(Role.JOB_CONSULTANT, other)
    private = make_candidate(job_centre, consent=False)
    with pytest.raises(ValidationError):
        services.referral_propose(actor=outsider, job_order=job_order, candidate=private)


def test_hire_tells_the_search_index_the_candidate_changed(partner, job_order):
    referral = ReferralFactory(job_order=job_order)
    CandidateChange.objects.all().delete()

    hire(partner, referral)

    assert CandidateChange.objects.filter(candidate_id=referral.candidate_id).exists()
