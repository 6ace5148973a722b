"""A constructed quarter with known answers: the first quarter of 2027 in HRS.

Job orders (4, with 7 positions) and their referrals and hires:

    o1  company A (home Herlev), Herlev, carpenter, project P, 2 positions, 5 Jan 10:00
        r1  c1 (Herlev, born 10 Mar 2000)            hired, starts 15 Jan  (10 days)
        r2  c2 (Gladsaxe, born 1960, mark "senior")  hired, starts  4 Feb  (30 days)
        r3  c3 (Herlev, born 1985)                   declined
    o2  company A, Herlev, carpenter, 1 position, 31 Mar 23:30 (the last evening)
        r4  c4 (Gladsaxe, mark "academic")           withdrawn, 31 Mar 23:45
    o3  company B (home Gladsaxe), Gladsaxe, cleaner, 3 positions, 1 Feb
        r5  c5 (Herlev, born 15 Feb 1997)            proposed 14 Feb (29 years old),
                                                     hired, starts 15 Feb (30 that day; 14 days)
    o4  company B, the secretariat, cleaner, 1 position, 1 Jan 00:30 (still 31 Dec in UTC)

Outside the quarter: o5 (company A, 5 positions) on 31 Dec 2026 23:30, and another
cooperation (NRS) with an order, a hire, a visit, an inquiry, an agreement and a survey answer
in the same quarter, which must never be counted.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from jobbro.candidates.models import TargetGroup
from jobbro.companies.models import InteractionKind
from jobbro.intake.models import InquiryStatus
from jobbro.joborders.models import (
    FollowUpStep,
    JobOrder,
    JobOrderStatus,
    ReferralState,
)
from jobbro.kpis.periods import quarter
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    FollowUpFactory,
    IndustryFactory,
    InquiryFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    MunicipalityFactory,
    OccupationFactory,
    PlacementFactory,
    ProjectFactory,
    RecruitmentAgreementFactory,
    ReferralFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
    UserFactory,
)

Q1 = quarter(dt.date(2027, 1, 1))
NOW = dt.datetime(2027, 4, 1, 8, 0)


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A moment in Danish local time."""
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def order(created: dt.datetime, **fields: object) -> JobOrder:
    """A job order that arrived at `created` (created_at is set on save, so moved after)."""
    job_order = JobOrderFactory(**fields)
    JobOrder.objects.filter(pk=job_order.pk).update(created_at=created)
    job_order.refresh_from_db()
    return job_order


def hire(job_order: JobOrder, candidate: object, proposed: dt.datetime, start: dt.date, **kw):
    referral = ReferralFactory(
        job_order=job_order, candidate=candidate, created_at=proposed, state=ReferralState.HIRED
    )
    return PlacementFactory(referral=referral, start_date=start, created_at=proposed, **kw)


def done(placement: object, step: FollowUpStep, *, still: bool, ordinary: bool | None = None):
    return FollowUpFactory(
        placement=placement,
        step=step,
        done_at=local(2027, 3, 1),
        done_by=UserFactory(),
        still_employed=still,
        ordinary_hours=ordinary,
    )


def mark(code: str) -> TargetGroup:
    return TargetGroup.objects.get(code=code)


@pytest.fixture
def world(db) -> SimpleNamespace:
    w = SimpleNamespace(period=Q1, now=timezone.make_aware(NOW))
    w.coop = CooperationFactory(name="Hovedstadens Rekrutteringsservice", short_name="HRS")
    w.herlev_m = MunicipalityFactory(code="163", name="Herlev")
    w.gladsaxe_m = MunicipalityFactory(code="159", name="Gladsaxe")
    w.herlev = JobCentreFactory(
        cooperation=w.coop, name="Jobcenter Herlev", municipalities=[w.herlev_m]
    )
    w.gladsaxe = JobCentreFactory(
        cooperation=w.coop, name="Jobcenter Gladsaxe", municipalities=[w.gladsaxe_m]
    )
    w.building = IndustryFactory(version="DB25", code="412000", label_da="Opførelse af bygninger")
    w.cleaning = IndustryFactory(version="DB25", code="812100", label_da="Rengøring")
    w.carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    w.cleaner = OccupationFactory(label_da="rengøringsassistent", label_en="cleaner")
    w.project = ProjectFactory(cooperation=w.coop, name="Metro Sydhavn")
    w.a = CompanyFactory(cooperation=w.coop, municipality=w.herlev_m, industry=w.building)
    w.b = CompanyFactory(cooperation=w.coop, municipality=w.gladsaxe_m, industry=w.cleaning)

    w.o1 = order(
        local(2027, 1, 5, 10),
        company=w.a,
        job_centre=w.herlev,
        occupation=w.carpenter,
        project=w.project,
        positions=2,
    )
    w.o2 = order(
        local(2027, 3, 31, 23, 30),
        company=w.a,
        job_centre=w.herlev,
        occupation=w.carpenter,
        positions=1,
    )
    w.o3 = order(
        local(2027, 2, 1, 9), company=w.b, job_centre=w.gladsaxe, occupation=w.cleaner, positions=3
    )
    w.o4 = order(
        local(2027, 1, 1, 0, 30),
        company=w.b,
        job_centre=w.gladsaxe,
        by_secretariat=True,
        occupation=w.cleaner,
        positions=1,
    )
    w.o5 = order(
        local(2026, 12, 31, 23, 30),
        company=w.a,
        job_centre=w.herlev,
        occupation=w.carpenter,
        positions=5,
    )

    w.c1 = CandidateFactory(job_centre=w.herlev, birth_date=dt.date(2000, 3, 10))
    w.c2 = CandidateFactory(job_centre=w.gladsaxe, birth_date=dt.date(1960, 5, 1))
    w.c2.target_groups.set([mark("senior")])
    w.c3 = CandidateFactory(job_centre=w.herlev, birth_date=dt.date(1985, 1, 1))
    w.c4 = CandidateFactory(job_centre=w.gladsaxe, birth_date=dt.date(1980, 1, 1))
    w.c4.target_groups.set([mark("academic")])
    w.c5 = CandidateFactory(job_centre=w.herlev, birth_date=dt.date(1997, 2, 15))

    w.p1 = hire(w.o1, w.c1, local(2027, 1, 6), dt.date(2027, 1, 15))
    w.p2 = hire(w.o1, w.c2, local(2027, 1, 6), dt.date(2027, 2, 4))
    ReferralFactory(
        job_order=w.o1, candidate=w.c3, created_at=local(2027, 1, 7), state=ReferralState.DECLINED
    )
    ReferralFactory(
        job_order=w.o2,
        candidate=w.c4,
        created_at=local(2027, 3, 31, 23, 45),
        state=ReferralState.WITHDRAWN,
    )
    w.p3 = hire(w.o3, w.c5, local(2027, 2, 14), dt.date(2027, 2, 15), ordinary_hours=False)

    done(w.p1, FollowUpStep.WEEK, still=True)
    done(w.p1, FollowUpStep.MONTH, still=True)
    done(w.p1, FollowUpStep.QUARTER, still=True, ordinary=True)
    done(w.p2, FollowUpStep.WEEK, still=True)
    done(w.p2, FollowUpStep.MONTH, still=False)
    done(w.p2, FollowUpStep.QUARTER, still=False, ordinary=False)
    done(w.p3, FollowUpStep.WEEK, still=True)
    FollowUpFactory(placement=w.p3, step=FollowUpStep.MONTH)  # not done yet

    # Company contact: two visits and a call in the quarter; one visit the minute after.
    InteractionFactory(company=w.a, job_centre=w.herlev, occurred_at=local(2027, 1, 10))
    InteractionFactory(
        company=w.a, job_centre=w.herlev, kind=InteractionKind.CALL, occurred_at=local(2027, 2, 10)
    )
    InteractionFactory(
        company=w.b,
        job_centre=w.herlev,
        by_secretariat=True,
        occurred_at=local(2027, 3, 31, 23, 59),
    )
    InteractionFactory(company=w.b, job_centre=w.gladsaxe, occurred_at=local(2027, 4, 1, 0, 0))

    # Agreements: X reached (p1, p2 are A's carpenter hires), Y not (p3 starts after its end),
    # Z not yet running; only X is new in the quarter.
    w.x = RecruitmentAgreementFactory(
        company=w.a,
        job_centre=w.herlev,
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 12, 31),
        expected_hires=2,
    )
    w.x.occupations.set([w.carpenter])
    w.y = RecruitmentAgreementFactory(
        company=w.b,
        job_centre=w.gladsaxe,
        start_date=dt.date(2026, 6, 1),
        end_date=dt.date(2027, 1, 31),
        expected_hires=4,
    )
    RecruitmentAgreementFactory(
        company=w.a, job_centre=w.herlev, start_date=dt.date(2027, 4, 1), expected_hires=1
    )

    # The shared line: 4 received, 3 due by NOW, 1 of them answered in time.
    received = local(2027, 1, 10, 10)
    InquiryFactory(
        routed_to=w.herlev,
        company=w.a,
        received_at=received,
        respond_by=received + dt.timedelta(hours=24),
        first_response_at=received + dt.timedelta(hours=2),
        status=InquiryStatus.ANSWERED,
    )
    received = local(2027, 2, 10, 10)
    InquiryFactory(
        routed_to=w.gladsaxe,
        company=w.b,
        received_at=received,
        respond_by=received + dt.timedelta(hours=24),
        first_response_at=received + dt.timedelta(hours=30),
        status=InquiryStatus.ANSWERED,
    )
    received = local(2027, 3, 1, 10)
    InquiryFactory(
        routed_to=w.herlev,
        at_secretariat=True,
        received_at=received,
        respond_by=received + dt.timedelta(hours=24),
    )
    received = local(2027, 3, 31, 22)
    InquiryFactory(routed_to=w.herlev, received_at=received, respond_by=local(2027, 4, 1, 14))

    # Surveys: two invited, A answered (overall 5, the rest 4).
    survey_round = SurveyRoundFactory(cooperation=w.coop, year=2027, quarter=1)
    answered = SurveyInvitationFactory(
        survey_round=survey_round,
        company=w.a,
        job_centre=w.herlev,
        sent_at=local(2027, 2, 1),
        answered_at=local(2027, 2, 3),
    )
    SurveyResponseFactory(invitation=answered, overall=5, created_at=local(2027, 2, 3))
    SurveyInvitationFactory(
        survey_round=survey_round, company=w.b, job_centre=w.gladsaxe, sent_at=local(2027, 2, 1)
    )

    _another_cooperation()
    return w


def _another_cooperation() -> None:
    """NRS: one of everything in the same quarter, never counted for HRS."""
    coop = CooperationFactory(name="Nordsjællands Rekrutteringsservice", short_name="NRS")
    municipality = MunicipalityFactory(code="217", name="Helsingør")
    centre = JobCentreFactory(
        cooperation=coop, name="Jobcenter Helsingør", municipalities=[municipality]
    )
    company = CompanyFactory(cooperation=coop, municipality=municipality)
    job_order = order(local(2027, 2, 2), company=company, job_centre=centre, positions=4)
    placement = hire(
        job_order, CandidateFactory(job_centre=centre), local(2027, 2, 3), dt.date(2027, 2, 5)
    )
    done(placement, FollowUpStep.WEEK, still=False)
    InteractionFactory(company=company, job_centre=centre, occurred_at=local(2027, 2, 2))
    RecruitmentAgreementFactory(company=company, job_centre=centre, start_date=dt.date(2027, 1, 1))
    InquiryFactory(routed_to=centre, received_at=local(2027, 2, 2), status=InquiryStatus.CLOSED)
    invitation = SurveyInvitationFactory(
        survey_round=SurveyRoundFactory(cooperation=coop, year=2027, quarter=1),
        company=company,
        job_centre=centre,
        sent_at=local(2027, 2, 1),
        answered_at=local(2027, 2, 2),
    )
    SurveyResponseFactory(invitation=invitation, overall=1, created_at=local(2027, 2, 2))
    JobOrder.objects.filter(pk=job_order.pk).update(status=JobOrderStatus.OPEN)
