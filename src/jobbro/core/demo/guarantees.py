"""A job guarantee: a warehouse company promises to hire four of those who complete the
forklift team. Made after the team finished, so its business consultant proposes those who
completed with "propose all who completed" (a guarantee made before the completions proposes
them as they complete); two are then invited to interview and one hired."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from jobbro.companies.models import RecruitmentAgreement
from jobbro.guarantees import services
from jobbro.guarantees.models import JobGuarantee
from jobbro.joborders import services as joborder_services
from jobbro.joborders.models import JobOrder, JobOrderStatus, Referral, ReferralState
from jobbro.upskilling.models import EnrolmentStatus, Team

from .context import Demo


def _job_orders(demo: Demo, team: Team) -> list[JobOrder]:
    """Open job orders a job centre runs, of one company: a warehouse's if there is one,
    preferably one the team's host runs (its participants are proposed without consent)."""
    open_orders = JobOrder.objects.filter(
        company__cooperation=demo.cooperation, status=JobOrderStatus.OPEN, by_secretariat=False
    ).order_by("pk")
    warehouse = Q(title__icontains="lager") | Q(occupation__label_da__icontains="lager")
    first = (
        open_orders.filter(warehouse, job_centre=team.host).first()
        or open_orders.filter(job_centre=team.host).first()
        or open_orders.first()
    )
    if first is None:
        return []
    return list(open_orders.filter(company=first.company_id, job_centre=first.job_centre_id)[:2])


def seed_guarantees(demo: Demo) -> None:
    team = (
        Team.objects.filter(
            course__provider__cooperation=demo.cooperation,
            course__title="Truckcertifikat A",
            ends_on__lt=demo.today,
        )
        .order_by("pk")
        .first()
    )
    if team is None:
        return
    guarantee = seed_guarantee(demo, team)
    if guarantee is None:
        return
    consultant = demo.consultants[guarantee.agreement.job_centre_id][0]
    services.propose_completed(actor=consultant, guarantee=guarantee)
    seed_guarantee_answers(demo, guarantee)


def seed_guarantee(demo: Demo, team: Team) -> JobGuarantee | None:
    orders = _job_orders(demo, team)
    if not orders:
        return None
    centre = orders[0].job_centre
    consultant = demo.consultants[centre.pk][0]
    agreement = RecruitmentAgreement.objects.create(
        company=orders[0].company,
        job_centre=centre,
        signed_by=consultant,
        start_date=demo.today - dt.timedelta(days=150),
        end_date=demo.today + dt.timedelta(days=215),
        expected_hires=6,
        job_guarantee=True,
        guarantee_terms=(
            "Virksomheden ansætter mindst 4 af dem, der gennemfører truckholdet, i ordinære "
            "stillinger på lageret."
        ),
        terms="Jobcentret målretter et AMU-truckhold efter virksomhedens behov.",
    )
    return services.guarantee_create(
        actor=consultant,
        agreement=agreement,
        team=team,
        job_orders=orders,
        jobs_promised=4,
        note="Aftalt på virksomhedsbesøget; lagerchefen holder oplæg på holdets sidste dag.",
    )


def seed_guarantee_answers(demo: Demo, guarantee: JobGuarantee) -> None:
    """The company's answers to the proposals: two invited to interview, one of them hired."""
    completed = guarantee.team.enrolments.filter(status=EnrolmentStatus.COMPLETED)
    referrals = list(
        Referral.objects.filter(
            job_order__in=guarantee.job_orders.all(),
            candidate__in=completed.values("candidate_id"),
            state=ReferralState.PROPOSED,
        ).order_by("pk")[:2]
    )
    if not referrals:
        return
    consultant = demo.consultants[referrals[0].job_order.job_centre_id][0]
    for referral in referrals:
        joborder_services.referral_transition(
            actor=consultant, referral=referral, to_state=ReferralState.INTERVIEW
        )
    joborder_services.referral_hire(
        actor=consultant,
        referral=referrals[0],
        start_date=demo.today + dt.timedelta(days=14),
        hours_per_week=37,
    )
