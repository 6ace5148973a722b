"""Shortage signals on constructed data with known answers (docs/foresight.md).

In HRS, job orders received within the last twelve months:

    jo1  carpenter, 3 positions, 1 hired, deadline passed 5 days ago     → 2 unfilled after it
         must: forklift certificate
    jo2  carpenter, 2 positions, none hired, deadline in 14 days        must: forklift certificate
    jo6  carpenter, 1 position, 1 hired, received 100 days ago, deadline passed
    jo3  care helper, 1 position; a centre answered its candidate request "no candidate"
         must: the skill "personal care"; nice: the skill "cooking" (not a must: not counted)
    jo4  driver, 4 positions, cancelled (not counted)
    jo5  carpenter, 5 positions, received 400 days ago (outside the span)
and a carpenter job order of another cooperation (never counted).

Active HRS candidates: two with carpenter experience (one also wishes it), one who only
wishes it, four care helpers; an inactive carpenter and another cooperation's carpenter do
not count. One carpenter holds a valid forklift certificate, another an expired one.
A course of HRS gives the forklift certificate; another cooperation's course gives the skill.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from types import SimpleNamespace

from django.utils import timezone

from jobbro.candidate_requests.models import RecipientStatus
from jobbro.candidates.models import CandidateStatus
from jobbro.foresight import selectors
from jobbro.joborders.models import Importance, JobOrder, JobOrderStatus, RequirementKind
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    CourseFactory,
    ExperienceFactory,
    HeldQualificationFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    ProviderFactory,
    QualificationFactory,
    RequestRecipientFactory,
    RequirementFactory,
    SkillFactory,
)
from tests.factories.companies import new_company


def _received(order: JobOrder, days_ago: int) -> None:
    at = timezone.now() - dt.timedelta(days=days_ago)
    JobOrder.objects.filter(pk=order.pk).update(created_at=at)


def build() -> SimpleNamespace:
    today = timezone.localdate()
    hrs = CooperationFactory(short_name="HRS")
    herlev, gladsaxe = JobCentreFactory(cooperation=hrs), JobCentreFactory(cooperation=hrs)
    nrs_centre = JobCentreFactory(cooperation=CooperationFactory(short_name="NRS", name="NRS"))
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    care = OccupationFactory(label_da="social- og sundhedshjælper", label_en="care helper")
    driver = OccupationFactory(label_da="chauffør", label_en="driver")
    forklift = QualificationFactory(code="truck-b")
    personal_care = SkillFactory(label_da="personlig pleje", label_en="personal care")
    cooking = SkillFactory(label_da="madlavning", label_en="cooking")
    passed = today - dt.timedelta(days=5)
    order = partial(JobOrderFactory, company=CompanyFactory(cooperation=hrs))

    jo1 = order(job_centre=herlev, occupation=carpenter, positions=3, hires=1,
                          deadline=passed)  # fmt: skip
    jo2 = order(job_centre=gladsaxe, occupation=carpenter, positions=2)
    jo6 = order(job_centre=herlev, occupation=carpenter, positions=1, hires=1,
                          deadline=passed, status=JobOrderStatus.FILLED)  # fmt: skip
    _received(jo6, 100)
    jo3 = order(job_centre=gladsaxe, occupation=care, positions=1)
    order(job_centre=herlev, occupation=driver, positions=4,
                    status=JobOrderStatus.CANCELLED)  # fmt: skip
    _received(order(job_centre=herlev, occupation=carpenter, positions=5), 400)
    JobOrderFactory(
        company=new_company(cooperation=nrs_centre.cooperation),
        job_centre=nrs_centre,
        occupation=carpenter,
        positions=9,
    )
    for order in (jo1, jo2):
        RequirementFactory(job_order=order, kind=RequirementKind.QUALIFICATION,
                           qualification=forklift)  # fmt: skip
    RequirementFactory(job_order=jo3, kind=RequirementKind.SKILL, skill=personal_care)
    RequirementFactory(job_order=jo3, kind=RequirementKind.SKILL, skill=cooking,
                       importance=Importance.NICE)  # fmt: skip
    RequestRecipientFactory(request__job_order=jo3, answered=True, status=RecipientStatus.NONE)

    first = CandidateFactory(job_centre=herlev)
    ExperienceFactory(cv=first.cv, occupation=carpenter)
    first.cv.wished_occupations.add(carpenter)
    HeldQualificationFactory(cv=first.cv, qualification=forklift)
    second = CandidateFactory(job_centre=gladsaxe)
    ExperienceFactory(cv=second.cv, occupation=carpenter)
    HeldQualificationFactory(cv=second.cv, qualification=forklift,
                             expires_on=today - dt.timedelta(days=1))  # fmt: skip
    CandidateFactory(job_centre=herlev).cv.wished_occupations.add(carpenter)
    for _ in range(4):
        ExperienceFactory(cv=CandidateFactory(job_centre=gladsaxe).cv, occupation=care)
    inactive = CandidateFactory(job_centre=herlev, status=CandidateStatus.INACTIVE)
    ExperienceFactory(cv=inactive.cv, occupation=carpenter)
    ExperienceFactory(cv=CandidateFactory(job_centre=nrs_centre).cv, occupation=carpenter)

    truck_course = CourseFactory(provider=ProviderFactory(cooperation=hrs), title="Truck B")
    truck_course.qualifications.add(forklift)
    CourseFactory(provider=ProviderFactory(cooperation=nrs_centre.cooperation),
                  title="Pleje").skills.add(personal_care)  # fmt: skip
    return SimpleNamespace(
        hrs=hrs, herlev=herlev, today=today, carpenter=carpenter, care=care, driver=driver,
        forklift=forklift, personal_care=personal_care, truck_course=truck_course,
        span=selectors.last_months(today, 12),
    )  # fmt: skip
