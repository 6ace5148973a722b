"""Job guarantees: who creates and changes them, proposing those who complete (once, with
the consent rule), and the outcome counted on data with known answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobbro.candidates.models import ConsentScope
from jobbro.guarantees import selectors, services
from jobbro.guarantees.models import JobGuarantee
from jobbro.joborders.models import JobOrderStatus, Referral, ReferralState
from jobbro.organisations.models import Role
from jobbro.upskilling import services as upskilling_services
from jobbro.upskilling.models import EnrolmentStatus
from tests.clock import on
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    EnrolmentFactory,
    JobCentreFactory,
    JobGuaranteeFactory,
    JobOrderFactory,
    RecruitmentAgreementFactory,
    ReferralFactory,
    TeamFactory,
    staff,
)

pytestmark = pytest.mark.django_db

FINISHED = dt.date(2027, 5, 21)


@pytest.fixture
def world():
    """Centre A signed the agreement and runs the job order; B is another member centre."""
    guarantee = JobGuaranteeFactory(jobs_promised=3)
    agreement = guarantee.agreement
    a = agreement.job_centre
    b = JobCentreFactory(cooperation=a.cooperation)
    order = JobOrderFactory(
        company=agreement.company, job_centre=a, title="Social- og sundhedshjælper"
    )
    guarantee.job_orders.set([order])
    return {"guarantee": guarantee, "a": a, "b": b, "order": order}


def complete(candidate, team):
    enrolment = EnrolmentFactory(team=team, candidate=candidate)
    consultant = staff(Role.JOB_CONSULTANT, candidate.job_centre)
    with on(FINISHED):
        upskilling_services.complete(actor=consultant, enrolment=enrolment, finished_on=FINISHED)
    return consultant


def referred(order) -> set[int]:
    return set(order.referrals.values_list("candidate_id", flat=True))


# --- proposing those who complete ------------------------------------------------------


def test_completing_proposes_the_participant_to_the_job_orders_once(world):
    guarantee, order = world["guarantee"], world["order"]
    candidate = CandidateFactory(
        job_centre=world["a"], consent_scope=ConsentScope.NONE, consent_given_on=None
    )
    consultant = complete(candidate, guarantee.team)
    referral = Referral.objects.get(job_order=order, candidate=candidate)
    assert referral.state == ReferralState.PROPOSED
    assert referral.proposed_by == consultant
    assert "SOSU-klar" in referral.motivation
    # Proposing again, as the page's button does, proposes nobody twice.
    secretariat = staff(Role.SECRETARIAT, world["a"])
    assert services.propose_completed(actor=secretariat, guarantee=guarantee) == services.Proposed(
        0, 0
    )
    assert (
        services.propose_participant(actor=consultant, guarantee=guarantee, candidate=candidate)
        == []
    )
    assert Referral.objects.filter(candidate=candidate).count() == 1


def test_another_centres_candidate_is_proposed_only_with_consent(world):
    guarantee, order = world["guarantee"], world["order"]
    consenting = CandidateFactory(job_centre=world["b"])
    private = CandidateFactory(
        job_centre=world["b"], consent_scope=ConsentScope.NONE, consent_given_on=None
    )
    complete(consenting, guarantee.team)
    complete(private, guarantee.team)
    assert referred(order) == {consenting.pk}


def test_a_job_order_the_secretariat_runs_gets_only_consenting_candidates(world):
    guarantee, order = world["guarantee"], world["order"]
    order.by_secretariat = True
    order.save()
    private = CandidateFactory(
        job_centre=world["a"], consent_scope=ConsentScope.NONE, consent_given_on=None
    )
    complete(private, guarantee.team)
    assert referred(order) == set()


def test_a_closed_job_order_and_another_teams_completion_propose_nobody(world):
    guarantee, order = world["guarantee"], world["order"]
    closed = JobOrderFactory(company=guarantee.agreement.company, job_centre=world["a"])
    guarantee.job_orders.add(closed)
    JobOrderFactory._meta.model.objects.filter(pk=closed.pk).update(status=JobOrderStatus.CLOSED)
    other_team = TeamFactory(course=guarantee.team.course, host=world["a"])
    elsewhere = CandidateFactory(job_centre=world["a"])
    complete(elsewhere, other_team)
    here = CandidateFactory(job_centre=world["a"])
    complete(here, guarantee.team)
    assert referred(order) == {here.pk}
    assert referred(closed) == set()


def test_propose_completed_catches_up_those_who_completed_before_a_job_order(world):
    guarantee, order = world["guarantee"], world["order"]
    candidate = CandidateFactory(job_centre=world["a"])
    complete(candidate, guarantee.team)
    assert referred(order) == {candidate.pk}
    later = JobOrderFactory(company=guarantee.agreement.company, job_centre=world["a"])
    guarantee.job_orders.add(later)
    consultant = staff(Role.BUSINESS_CONSULTANT, world["a"])
    assert services.propose_completed(actor=consultant, guarantee=guarantee) == services.Proposed(
        1, 1
    )
    assert referred(later) == {candidate.pk}
    assert services.propose_completed(actor=consultant, guarantee=guarantee) == services.Proposed(
        0, 0
    )
    outsider = staff(Role.BUSINESS_CONSULTANT, world["b"])
    with pytest.raises(PermissionDenied):
        services.propose_completed(actor=outsider, guarantee=guarantee)


# --- creating and changing ------------------------------------------------------------------


@pytest.fixture
def setting():
    agreement = RecruitmentAgreementFactory(job_guarantee=True, guarantee_terms="5 job til holdet")
    a = agreement.job_centre
    host = JobCentreFactory(cooperation=a.cooperation)
    team = TeamFactory(host=host, course__provider__cooperation=a.cooperation)
    order = JobOrderFactory(company=agreement.company, job_centre=a)
    return {"agreement": agreement, "a": a, "host": host, "team": team, "order": order}


def create(actor, s, **kwargs):
    data = {
        "agreement": s["agreement"],
        "team": s["team"],
        "job_orders": [s["order"]],
        "jobs_promised": 5,
    }
    return services.guarantee_create(actor=actor, **(data | kwargs))


@pytest.mark.parametrize(
    ("role", "where", "allowed"),
    [
        (Role.SECRETARIAT, "other", True),
        (Role.BUSINESS_CONSULTANT, "a", True),
        (Role.MANAGER, "a", True),
        (Role.MANAGER, "host", True),
        (Role.BUSINESS_CONSULTANT, "host", False),
        (Role.BUSINESS_CONSULTANT, "other", False),
        (Role.MANAGER, "other", False),
        (Role.JOB_CONSULTANT, "a", False),
        (Role.TEAM_LEADER, "a", False),
    ],
)
def test_who_creates_a_guarantee(setting, role, where, allowed):
    centre = setting.get(where) or JobCentreFactory(cooperation=setting["a"].cooperation)
    actor = staff(role, centre)
    if allowed:
        assert create(actor, setting).jobs_promised == 5
    else:
        with pytest.raises(PermissionDenied):
            create(actor, setting)
        assert not JobGuarantee.objects.exists()


def test_the_secretariat_alone_writes_for_an_agreement_it_signed(setting):
    agreement = setting["agreement"]
    agreement.by_secretariat = True
    agreement.save()
    with pytest.raises(PermissionDenied):
        create(staff(Role.BUSINESS_CONSULTANT, setting["a"]), setting)
    assert create(staff(Role.SECRETARIAT, setting["a"]), setting)


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return {field: [str(m) for m in errors] for field, errors in error.message_dict.items()}


def test_what_a_guarantee_refuses(setting):
    actor = staff(Role.SECRETARIAT, setting["a"])
    other_company = JobOrderFactory(
        company=CompanyFactory(cooperation=setting["a"].cooperation), title="Kok"
    )
    closed = JobOrderFactory(
        company=setting["agreement"].company, status=JobOrderStatus.CLOSED, title="Portør"
    )
    with pytest.raises(ValidationError) as caught:
        create(actor, setting, job_orders=[other_company, closed])
    assert messages_of(caught.value) == {
        "job_orders": [
            "Only the company's own job orders can be part of its guarantee: Kok.",
            "Only open job orders can be added: Portør.",
        ]
    }
    with pytest.raises(ValidationError) as caught:
        create(actor, setting, job_orders=[])
    assert "job_orders" in caught.value.message_dict
    plain = RecruitmentAgreementFactory(
        company=setting["agreement"].company, job_centre=setting["a"]
    )
    with pytest.raises(ValidationError) as caught:
        create(actor, setting, agreement=plain)
    assert list(caught.value.message_dict) == ["agreement"]
    jrs = CooperationFactory(name="Jobcentrenes Rekrutteringsservice Sjælland", short_name="JRS")
    foreign_team = TeamFactory(course__provider__cooperation=jrs)
    with pytest.raises(ValidationError) as caught:
        create(actor, setting, team=foreign_team)
    assert caught.value.message_dict["team"] == ["Choose a course team of your own cooperation."]
    create(actor, setting)
    with pytest.raises(ValidationError) as caught:
        create(actor, setting)
    assert caught.value.message_dict["team"] == [
        "The agreement already has a job guarantee for this course team."
    ]
    assert JobGuarantee.objects.count() == 1


def test_an_unchanged_save_writes_nothing_and_a_stale_one_is_refused(setting):
    actor = staff(Role.SECRETARIAT, setting["a"])
    guarantee = create(actor, setting, note="Aftalt med HR")
    # The job order is filled meanwhile: it stays on the guarantee when the form is resent.
    JobOrderFactory._meta.model.objects.filter(pk=setting["order"].pk).update(
        status=JobOrderStatus.FILLED
    )
    stamp = JobGuarantee.objects.get().updated_at
    same = {"job_orders": [setting["order"]], "jobs_promised": 5, "note": " Aftalt med HR "}
    saved, changed = services.guarantee_update(
        actor=actor, guarantee=guarantee, expected_version=1, **same
    )
    assert not changed
    stored = JobGuarantee.objects.get()
    assert (stored.version, stored.updated_at, stored.updated_by) == (1, stamp, None)
    saved, changed = services.guarantee_update(
        actor=actor, guarantee=guarantee, expected_version=1, **(same | {"jobs_promised": 6})
    )
    assert changed
    assert (saved.version, saved.jobs_promised, saved.updated_by) == (2, 6, actor)
    with pytest.raises(ValidationError) as caught:
        services.guarantee_update(actor=actor, guarantee=guarantee, expected_version=1, **same)
    assert caught.value.code == "stale_version"
    assert JobGuarantee.objects.get().jobs_promised == 6
    outsider = staff(
        Role.BUSINESS_CONSULTANT, JobCentreFactory(cooperation=setting["a"].cooperation)
    )
    with pytest.raises(PermissionDenied):
        services.guarantee_update(actor=outsider, guarantee=guarantee, expected_version=2, **same)


# --- the outcome ------------------------------------------------------------------------


def test_the_outcome_counts_each_participant_once_at_their_furthest_step(
    world, django_assert_num_queries
):
    guarantee, order = world["guarantee"], world["order"]
    second = JobOrderFactory(company=guarantee.agreement.company, job_centre=world["a"])
    guarantee.job_orders.add(second)
    team = guarantee.team
    done = [
        EnrolmentFactory(
            team=team, status=EnrolmentStatus.COMPLETED, finished_on=FINISHED
        ).candidate
        for _ in range(4)
    ]
    dropped = EnrolmentFactory(team=team, status=EnrolmentStatus.DROPPED_OUT, finished_on=FINISHED)
    EnrolmentFactory(team=team)  # still on the course
    ReferralFactory(job_order=order, candidate=done[0], state=ReferralState.PROPOSED)
    ReferralFactory(job_order=second, candidate=done[0], state=ReferralState.HIRED)
    ReferralFactory(job_order=order, candidate=done[1], state=ReferralState.INTERVIEW)
    ReferralFactory(job_order=second, candidate=done[2], state=ReferralState.DECLINED)
    # Not counted: a drop-out hired, a hire from outside the team, the team's completer
    # hired on a job order outside the guarantee.
    ReferralFactory(job_order=order, candidate=dropped.candidate, state=ReferralState.HIRED)
    ReferralFactory(job_order=order, state=ReferralState.HIRED)
    ReferralFactory(candidate=done[3], state=ReferralState.HIRED)
    # Another guarantee in the same call, on another team: nobody completed it yet.
    empty = JobGuaranteeFactory(jobs_promised=2)
    with django_assert_num_queries(3):
        outcomes = selectors.outcomes([guarantee, empty])
    mine = outcomes[guarantee.pk]
    assert (mine.promised, mine.completed, mine.proposed, mine.interview, mine.hired) == (
        3,
        4,
        3,
        2,
        1,
    )
    assert (mine.missing, mine.kept) == (2, False)
    assert [p.step for p in mine.participants] == ["hired", "interview", "proposed", "completed"]
    other = outcomes[empty.pk]
    assert (other.completed, other.proposed, other.hired, other.missing) == (0, 0, 0, 2)


def test_names_only_for_those_who_may_see_the_candidate(world):
    guarantee = world["guarantee"]
    own = EnrolmentFactory(
        team=guarantee.team,
        candidate=CandidateFactory(
            job_centre=world["a"], consent_scope=ConsentScope.NONE, consent_given_on=None
        ),
        status=EnrolmentStatus.COMPLETED,
        finished_on=FINISHED,
    )
    outcome = selectors.outcomes([guarantee])[guarantee.pk]
    at_a = selectors.participants_for(staff(Role.JOB_CONSULTANT, world["a"]), outcome)
    at_b = selectors.participants_for(staff(Role.JOB_CONSULTANT, world["b"]), outcome)
    manager = selectors.participants_for(staff(Role.MANAGER, world["a"]), outcome)
    assert [p.candidate for p in at_a] == [own.candidate]
    assert [p.candidate for p in at_b] == [None]
    assert [p.candidate for p in manager] == [None]


def test_a_new_guarantee_is_offered_only_agreements_that_have_not_ended(world):
    agreement = world["guarantee"].agreement
    secretariat = staff(Role.SECRETARIAT, world["a"])
    assert agreement in selectors.agreements_to_offer(secretariat)
    agreement.start_date = dt.date(2025, 1, 1)
    agreement.end_date = dt.date(2025, 12, 31)
    agreement.save()
    assert agreement not in selectors.agreements_to_offer(secretariat)
    assert agreement in selectors.agreement_choices(secretariat)  # its guarantee stays editable
