"""Selectors: the cross-municipal search, its filters, the job order list, follow-ups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobbro.candidates.models import CandidateStatus, Experience, HeldQualification, SpokenLanguage
from jobbro.joborders import selectors
from jobbro.joborders.models import (
    FollowUp,
    FollowUpStep,
    JobOrderKind,
    JobOrderStatus,
    Placement,
    Requirement,
)
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    JobCentreFactory,
    JobOrderFactory,
    LanguageFactory,
    MunicipalityFactory,
    OccupationFactory,
    QualificationFactory,
    ReferralFactory,
    SkillFactory,
    staff,
)

from .conftest import make_candidate

pytestmark = pytest.mark.django_db


def names(candidates) -> set[str]:
    return {c.first_name for c in candidates}


@pytest.fixture
def people(job_centre, other_job_centre, foreign_job_centre, occupation):
    """One candidate of each kind, all wishing the job order's occupation."""
    return {
        "own": make_candidate(job_centre, first_name="Own", occupation=occupation),
        "own_private": make_candidate(
            job_centre, consent=False, first_name="OwnPrivate", occupation=occupation
        ),
        "other": make_candidate(other_job_centre, first_name="Other", occupation=occupation),
        "other_private": make_candidate(
            other_job_centre, consent=False, first_name="OtherPrivate", occupation=occupation
        ),
        "foreign": make_candidate(foreign_job_centre, first_name="Foreign", occupation=occupation),
    }


def test_search_spans_the_cooperation_within_consent(partner, job_order, people):
    found = selectors.candidates_for_job_order(partner, job_order)
    assert names(found) == {"Own", "OwnPrivate", "Other"}


def test_search_from_the_other_job_centre_sees_its_own_private_candidates(
    other_job_centre, job_order, people
):
    colleague = staff(Role.RECRUITMENT_PARTNER, other_job_centre)
    found = selectors.candidates_for_job_order(colleague, job_order)
    assert names(found) == {"Own", "Other", "OtherPrivate"}


def test_search_excludes_referred_and_inactive(partner, job_order, people):
    ReferralFactory(job_order=job_order, candidate=people["own"])
    people["other"].status = CandidateStatus.HIRED
    people["other"].save()
    assert names(selectors.candidates_for_job_order(partner, job_order)) == {"OwnPrivate"}


def test_search_occupation_by_experience_wish_or_any(partner, job_order, job_centre, occupation):
    welder = OccupationFactory(label_da="svejser", label_en="welder")
    experienced = make_candidate(job_centre, first_name="Experienced")
    Experience.objects.create(
        cv=experienced.cv, occupation=occupation, title="Tømrer", start_date=dt.date(2015, 1, 1)
    )
    make_candidate(job_centre, first_name="Welder", occupation=welder)
    assert names(selectors.candidates_for_job_order(partner, job_order)) == {"Experienced"}
    assert names(selectors.candidates_for_job_order(partner, job_order, occupation=welder)) == {
        "Welder"
    }
    assert names(selectors.candidates_for_job_order(partner, job_order, occupation=None)) == {
        "Experienced",
        "Welder",
    }


def test_search_filters_skills_certificates_licences(partner, job_order, job_centre, occupation):
    saw, roof = SkillFactory(), SkillFactory()
    certificate = QualificationFactory(code="stillads", kind="certificate", label_da="Stillads")
    licence = QualificationFactory(code="b", kind="driving_licence", label_da="Kørekort B")
    both = make_candidate(job_centre, first_name="Both", occupation=occupation)
    both.cv.skills.add(saw, roof)
    one = make_candidate(job_centre, first_name="One", occupation=occupation)
    one.cv.skills.add(saw)
    HeldQualification.objects.create(cv=both.cv, qualification=certificate)
    HeldQualification.objects.create(cv=both.cv, qualification=licence)
    HeldQualification.objects.create(
        cv=one.cv, qualification=certificate, expires_on=timezone.localdate() - dt.timedelta(days=1)
    )

    def search(**filters):
        return names(selectors.candidates_for_job_order(partner, job_order, **filters))

    assert search(skills=[saw]) == {"Both", "One"}
    assert search(skills=[saw, roof]) == {"Both"}
    assert search(qualifications=[certificate]) == {"Both"}  # One's has expired
    assert search(licences=[licence]) == {"Both"}


def test_search_filters_municipality_job_centre_and_profile_text(
    partner, job_order, job_centre, other_job_centre, occupation
):
    town = MunicipalityFactory()
    here = make_candidate(job_centre, first_name="Here", municipality=town, occupation=occupation)
    here.cv.profile_da = "Erfaren TØMRER med stilladskursus"
    here.cv.save()
    there = make_candidate(other_job_centre, first_name="There", occupation=occupation)
    there.cv.profile_da = ""
    there.cv.profile_en = "Roofing and timber frames"
    there.cv.save()

    def search(**filters):
        return names(selectors.candidates_for_job_order(partner, job_order, **filters))

    assert search(municipality=town) == {"Here"}
    assert search(job_centre=other_job_centre) == {"There"}
    assert search(text="tømrer") == {"Here"}  # case folded beyond ASCII
    assert search(text="TIMBER") == {"There"}


def test_candidate_hits_count_must_haves_without_extra_queries(
    partner, job_order, job_centre, occupation, django_assert_max_num_queries
):
    licence = QualificationFactory(code="b", kind="driving_licence", label_da="Kørekort B")
    danish = LanguageFactory()
    skill = SkillFactory()
    for fields in (
        {"kind": "qualification", "qualification": licence},
        {"kind": "language", "language": danish, "language_level": "B2"},
        {"kind": "skill", "skill": skill},
        {"kind": "experience", "min_years": 3},
    ):
        Requirement.objects.create(job_order=job_order, importance="must", **fields)
    Requirement.objects.create(job_order=job_order, importance="nice", kind="skill", skill=skill)
    strong = make_candidate(job_centre, first_name="Strong", occupation=occupation)
    HeldQualification.objects.create(cv=strong.cv, qualification=licence)
    SpokenLanguage.objects.create(cv=strong.cv, language=danish, level="C1")
    Experience.objects.create(
        cv=strong.cv,
        occupation=occupation,
        title="Tømrer",
        start_date=dt.date(2010, 1, 1),
        end_date=dt.date(2020, 1, 1),
    )
    weak = make_candidate(job_centre, first_name="Weak", occupation=occupation)
    SpokenLanguage.objects.create(cv=weak.cv, language=danish, level="A2")
    for n in range(5):
        make_candidate(job_centre, first_name=f"Extra{n}", occupation=occupation)

    with django_assert_max_num_queries(12):
        page = list(selectors.candidates_for_job_order(partner, job_order))
        hits = {h.candidate.first_name: h for h in selectors.candidate_hits(page, job_order)}
    assert (hits["Strong"].must_haves_met, hits["Strong"].must_haves_total) == (3, 4)
    assert hits["Weak"].must_haves_met == 0
    assert [o.pk for o in hits["Strong"].occupations] == [occupation.pk]


def test_job_order_list_filters(consultant, job_order, job_centre, other_job_centre, company):
    other_order = JobOrderFactory(
        company=company,
        job_centre=other_job_centre,
        title="Lagermedarbejder",
        kind=JobOrderKind.SMALL_JOB,
        status=JobOrderStatus.CLOSED,
    )
    foreign = JobCentreFactory(cooperation__name="Job7", cooperation__short_name="J7")
    JobOrderFactory(company=CompanyFactory(cooperation=foreign.cooperation), job_centre=foreign)

    def listed(**filters):
        return set(selectors.job_order_list(consultant, **filters))

    assert listed() == {job_order, other_order}
    assert listed(status="closed") == {other_order}
    assert listed(kind=JobOrderKind.SMALL_JOB) == {other_order}
    assert listed(job_centre=other_job_centre) == {other_order}
    assert listed(text="LAGER") == {other_order}
    assert listed(text=company.name.upper()) == {job_order, other_order}
    assert listed(mine=True) == {job_order}


def _follow_up(job_order, due_on, done=False, user=None):
    referral = ReferralFactory(job_order=job_order)
    placement = Placement.objects.create(
        referral=referral,
        start_date=due_on,
        hours_per_week=37,
        recorded_by=referral.proposed_by,
        created_at=timezone.now(),
    )
    return FollowUp.objects.create(
        placement=placement,
        step=FollowUpStep.WEEK,
        due_on=due_on,
        done_at=timezone.now() if done else None,
        done_by=user if done else None,
        still_employed=True if done else None,
    )


def test_follow_up_list_due_overdue_done(onboarding, job_order):
    today = timezone.localdate()
    late = _follow_up(job_order, today - dt.timedelta(days=3))
    soon = _follow_up(job_order, today + dt.timedelta(days=3))
    done = _follow_up(job_order, today - dt.timedelta(days=10), done=True, user=onboarding)
    show = selectors.FollowUpFilter
    assert list(selectors.follow_up_list(onboarding)) == [late, soon]
    assert list(selectors.follow_up_list(onboarding, show=show.OVERDUE)) == [late]
    assert list(selectors.follow_up_list(onboarding, show=show.DONE)) == [done]
    stranger = staff(Role.ONBOARDING_CONSULTANT, JobCentreFactory())
    assert not selectors.follow_up_list(stranger).exists()
