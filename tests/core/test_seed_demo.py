"""seed_demo at a twentieth of the full size, on a small ESCO subset."""

import datetime as dt
import itertools
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from jobbro.candidate_requests.models import CandidateRequest
from jobbro.candidates.models import Candidate, Cv, HeldQualification
from jobbro.candidates.validators import cpr_birth_date
from jobbro.companies.models import Company, Industry, Interaction, RecruitmentAgreement
from jobbro.companies.validators import cvr_is_valid
from jobbro.core.demo.occupations import TRADES
from jobbro.events.models import Event
from jobbro.intake.models import Inquiry
from jobbro.joborders.models import (
    FollowUp,
    JobOrder,
    JobOrderStatus,
    Placement,
    Referral,
    ReferralState,
    ReferralTransition,
)
from jobbro.joborders.selectors import open_job_orders_for, referrals_awaiting_answer_for
from jobbro.kkr.models import Assessment, AssessmentChange, Recommendation
from jobbro.organisations.models import JobCentre, User
from jobbro.surveys.models import SurveyResponse
from jobbro.taxonomy.models import Occupation
from tests.taxonomy.esco_subset import write_subset

pytestmark = pytest.mark.django_db

SCALE = "0.05"


@pytest.fixture(scope="module")
def esco_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_subset(tmp_path_factory.mktemp("esco"), [t.label_en for t in TRADES])


@pytest.fixture
def seeded(esco_dir) -> str:
    call_command("load_taxonomy", "--dir", str(esco_dir), stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", "--scale", SCALE, stdout=out)
    return out.getvalue()


def test_counts_and_logins(seeded):
    assert "Demo data created" in seeded
    assert "konsulent" in seeded and "jobbro-demo" in seeded
    assert JobCentre.objects.count() == 16
    assert Company.objects.count() == 15 + 1  # one likely duplicate, to merge
    assert Candidate.objects.count() == 150
    assert Cv.objects.count() == 150
    assert JobOrder.objects.count() == 20
    assert RecruitmentAgreement.objects.count() >= 2
    assert Interaction.objects.count() >= 2 * 15
    assert Industry.objects.filter(code="412000", version="DB07").exists()
    assert Referral.objects.exists()
    # The company service: the shared line, requests, surveys and events have something.
    assert Inquiry.objects.exists()
    assert CandidateRequest.objects.exists()
    assert SurveyResponse.objects.exists()
    assert Event.objects.exists()


def test_second_run_changes_nothing(seeded):
    before = (Company.objects.count(), Candidate.objects.count(), Referral.objects.count())
    out = StringIO()
    call_command("seed_demo", "--scale", SCALE, stdout=out)
    assert "exists already" in out.getvalue()
    assert "konsulent" in out.getvalue()
    after = (Company.objects.count(), Candidate.objects.count(), Referral.objects.count())
    assert after == before


def test_identifiers_are_valid(seeded):
    assert all(cvr_is_valid(cvr) for cvr in Company.objects.values_list("cvr", flat=True))
    assert all(c.startswith("9") for c in Company.objects.values_list("cvr", flat=True))
    for candidate in Candidate.objects.only("cpr_encrypted", "birth_date"):
        assert cpr_birth_date(candidate.cpr) == candidate.birth_date


def test_target_groups_fit_the_age(seeded):
    today = dt.date.today()
    for candidate in Candidate.objects.prefetch_related("target_groups"):
        age = (today - candidate.birth_date).days // 365
        codes = {g.code for g in candidate.target_groups.all()}
        assert ("youth" in codes) == (age < 30), candidate
        assert ("senior" in codes) == (age >= 55), candidate


def test_job_order_hires_match_placements(seeded):
    orders = JobOrder.objects.annotate(
        placed=Count("referrals__placement"),
        hired=Count("referrals", filter=Q(referrals__state=ReferralState.HIRED)),
    )
    for order in orders:
        assert order.hires <= order.positions
        assert order.hires == order.placed == order.hired
        assert (order.status == JobOrderStatus.FILLED) == (order.hires == order.positions)


def test_job_orders_save_unchanged(seeded):
    """What the demo made, the job order form accepts as it is (deadline not after start)."""
    assert not JobOrder.objects.filter(deadline__gt=F("start_date")).exists()


def test_every_hired_referral_has_a_placement_and_follow_ups(seeded):
    hired = Referral.objects.filter(state=ReferralState.HIRED)
    assert hired.count() == Placement.objects.count()
    for placement in Placement.objects.prefetch_related("follow_ups"):
        assert placement.referral.state == ReferralState.HIRED
        steps = {f.step: f.due_on for f in placement.follow_ups.all()}
        start = placement.start_date
        assert steps == {
            "week": start + dt.timedelta(days=7),
            "month": start + dt.timedelta(days=30),
            "quarter": start + dt.timedelta(days=90),
        }
    done = FollowUp.objects.filter(done_at__isnull=False)
    assert not done.filter(Q(done_by__isnull=True) | Q(still_employed__isnull=True)).exists()


def test_transitions_replay_to_the_referral_state(seeded):
    referrals = Referral.objects.prefetch_related("transitions")
    assert referrals.exists()
    for referral in referrals:
        steps = list(referral.transitions.all())
        assert steps[0].from_state == "" and steps[0].to_state == ReferralState.PROPOSED
        assert steps[0].at == referral.created_at
        for before, after in itertools.pairwise(steps):
            assert after.from_state == before.to_state
            assert after.at >= before.at
        assert steps[-1].to_state == referral.state
    assert ReferralTransition.objects.count() >= Referral.objects.count()


def test_cvs_carry_esco_occupations_and_fitting_qualifications(seeded):
    cv = Cv.objects.filter(experiences__isnull=False).first()
    assert cv.profile_da and cv.profile_en
    assert "erfaring" in cv.profile_da and "experience" in cv.profile_en
    assert cv.skills.exists()
    assert 10 <= cv.max_commute_km <= 60
    for held in HeldQualification.objects.filter(qualification__code="licence-ce"):
        assert held.cv.qualifications.filter(qualification__code="licence-c").exists()


def test_demo_consultant_has_work_on_the_start_page(seeded):
    konsulent = User.objects.get(username="konsulent")
    assert open_job_orders_for(konsulent).exists()
    assert referrals_awaiting_answer_for(konsulent)


def test_loads_the_taxonomy_when_empty(esco_dir, monkeypatch):
    calls = []

    def fake_call_command(name, **kwargs):
        calls.append(name)
        call_command("load_taxonomy", "--dir", str(esco_dir), stdout=StringIO())

    monkeypatch.setattr("jobbro.core.management.commands.seed_demo.call_command", fake_call_command)
    assert not Occupation.objects.exists()
    call_command("seed_demo", "--scale", "0.02", stdout=StringIO())
    assert calls == ["load_taxonomy"]
    assert Candidate.objects.exists()


def test_the_kkr_scheme_is_seed_003s_with_two_years_reported(seeded):
    recommendations = Recommendation.objects.all()
    assert recommendations.count() == 16
    assert recommendations.filter(obligation="must").count() == 8
    assert sorted(set(recommendations.values_list("area", flat=True))) == [
        "Borgerrettede indsatser",
        "Dokumentation af effekt af indsats",
        "Opkvalificering af medarbejdere",
        "Virksomhedsrettede indsatser",
    ]
    this_year = timezone.localdate().year
    assert set(Assessment.objects.values_list("year", flat=True)) == {this_year - 2, this_year - 1}
    # Every assessment has its versions in the history; yellow and red have their remark.
    for assessment in Assessment.objects.all():
        assert assessment.changes.count() == assessment.version
        if assessment.status != "green":
            assert assessment.remark
    assert AssessmentChange.objects.filter(version=2).exists()


def test_the_steering_group_aims_at_construction_hires_this_year(seeded):
    """The demo's construction target counts the hires of every company in group F."""
    from jobbro.kpis import targets
    from jobbro.kpis.models import Target

    target = Target.objects.get(kpi="hires")
    assert target.industry_section == "F" and target.start.year == timezone.localdate().year
    progress = targets.progress_of(target)  # so far: up to today
    construction = Placement.objects.filter(
        referral__job_order__company__industry__in=targets.section_industries("F"),
        start_date__range=(target.start, min(target.end, timezone.localdate())),
    )
    assert progress.total.value == construction.count()


def test_a_shared_course_team_ran_and_its_certificates_are_on_the_cvs(seeded):
    from jobbro.upskilling.models import Course, Enrolment, EnrolmentStatus
    from jobbro.upskilling.selectors import course_results

    course = Course.objects.get(title="Truckcertifikat A")
    results = course_results(course)
    assert results.participants > 0
    assert Enrolment.objects.values("job_centre").distinct().count() == 3
    for enrolment in Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED):
        assert HeldQualification.objects.filter(
            cv__candidate=enrolment.candidate, qualification__code="truck-a"
        ).exists()


def test_a_job_guarantee_proposed_those_who_completed_the_team(seeded):
    from jobbro.guarantees.models import JobGuarantee
    from jobbro.guarantees.selectors import outcomes

    guarantee = JobGuarantee.objects.get()
    assert guarantee.team.course.title == "Truckcertifikat A"
    outcome = outcomes([guarantee])[guarantee.pk]
    assert outcome.completed > 0
    # The host's own participants at least were proposed at completion; one is hired.
    assert outcome.proposed >= 2
    assert (outcome.interview, outcome.hired) == (2, 1)


def test_a_construction_pool_and_a_company_pool_with_consenting_members(seeded):
    from jobbro.pools.models import Pool, PoolKind, PoolMember

    pools = {pool.kind: pool for pool in Pool.objects.all()}
    assert set(pools) == {PoolKind.INDUSTRY, PoolKind.COMPANY}
    assert pools[PoolKind.INDUSTRY].industries.exists()
    assert pools[PoolKind.COMPANY].company is not None
    members = PoolMember.objects.select_related("candidate")
    assert members.filter(pool=pools[PoolKind.INDUSTRY]).exists()
    assert all(m.candidate.consent_scope == "cooperation" for m in members)


def test_two_open_job_orders_are_broken_into_tasks(seeded):
    """The trade's own work and the cleaning a building cleaner can take (how the search
    for the tasks ranks is tests/matching/test_substitution.py's)."""
    from jobbro.candidates.models import Cv
    from jobbro.joborders.models import JobOrderTask

    tasks = JobOrderTask.objects.select_related("job_order")
    assert tasks.count() == 4
    clearing = tasks.filter(needs_trade=False)
    assert {t.job_order.status for t in tasks} == {"open"}
    assert {t.job_order_id for t in clearing} == {t.job_order_id for t in tasks}
    for task in clearing:
        skills = task.skills.all()
        assert skills.exists()
        assert Cv.objects.filter(skills__in=skills).exists()  # someone holds one
