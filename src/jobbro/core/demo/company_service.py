"""The company service on top of the companies: follow-ups for the demo consultant (some
due today, some overdue), agreements that show progress, alliance commitments, and one
company registered twice.

Runs after `seed_history`: agreements are drawn around the job orders that led to hires.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min

from jobbro.companies.models import (
    AllianceCommitment,
    Company,
    Interaction,
    InteractionKind,
    InteractionOutcome,
    RecruitmentAgreement,
)
from jobbro.joborders.models import JobOrder

from .companies import demo_cvr
from .context import Demo

# Days from today of the demo consultant's open follow-ups: overdue, today, the next two weeks.
FOLLOW_UP_DAYS = (-6, -2, 0, 0, 2, 5, 9, 13)
FOLLOW_UP_NOTES = (
    "Ring og hør, om jobordren er klar.",
    "Send kandidatprofiler til formanden.",
    "Aftal besøg om lærlinge.",
    "Følg op på samtalerne i sidste uge.",
)
ALLIANCES = {
    "Byggeriets Joballiance": "Tager to lærlinge om året og melder ledige stillinger først.",
    "Partnerskab for flere i job": "Tilbyder praktik til ledige fra kanten af arbejdsmarkedet.",
    "Grøn Omstilling Hovedstaden": "Opkvalificerer medarbejdere til grønne job sammen med VEU.",
}
GUARANTEE_TERMS = (
    "Virksomheden ansætter de kandidater, der består forløbet og certifikatprøverne; "
    "jobcentrene betaler uddannelsen."
)


def seed_company_service(demo: Demo) -> None:
    _seed_follow_ups(demo)
    _seed_agreements_with_progress(demo)
    _seed_alliances(demo)
    _seed_duplicate(demo)


def _seed_follow_ups(demo: Demo) -> None:
    rng = demo.rng
    konsulent = demo.users["konsulent"]
    own = [c for c in demo.companies if c.contact_consultant_id == konsulent.pk]
    if not own:
        return
    centre = demo.centre_of_municipality[own[0].municipality.code]
    kinds = list(InteractionKind)
    interactions = []
    for offset in FOLLOW_UP_DAYS:
        occurred = demo.days_ago(rng.randint(7, 30))
        interactions.append(
            Interaction(
                company=rng.choice(own),
                kind=rng.choice(kinds),
                occurred_at=occurred,
                consultant=konsulent,
                job_centre=centre,
                summary=rng.choice(FOLLOW_UP_NOTES),
                outcome_code=rng.choice(InteractionOutcome.values),
                follow_up_on=demo.today + dt.timedelta(days=offset),
            )
        )
    for _ in range(3):  # done lately
        occurred = demo.days_ago(rng.randint(10, 20))
        done_at = occurred + dt.timedelta(days=rng.randint(3, 7))
        interactions.append(
            Interaction(
                company=rng.choice(own),
                kind=InteractionKind.CALL,
                occurred_at=occurred,
                consultant=konsulent,
                job_centre=centre,
                summary=rng.choice(FOLLOW_UP_NOTES),
                outcome_code=InteractionOutcome.NEW_CONTACT,
                follow_up_on=done_at.date(),
                follow_up_done_at=done_at,
                follow_up_done_by=konsulent,
            )
        )
    Interaction.objects.bulk_create(interactions)


def _seed_agreements_with_progress(demo: Demo) -> None:
    """Agreements around companies' hiring, so the progress bars have something to show."""
    rng = demo.rng
    hiring = (
        JobOrder.objects.filter(company__cooperation=demo.cooperation, hires__gt=0)
        .values("company")
        .annotate(orders=Count("pk"), first=Min("created_at"))
        .order_by("-orders", "company")[: demo.count(12, minimum=2)]
    )
    companies = Company.objects.in_bulk([row["company"] for row in hiring])
    occupations_of: dict[int, set[int]] = {}
    for company_id, occupation_id in JobOrder.objects.filter(company__in=companies).values_list(
        "company_id", "occupation_id"
    ):
        occupations_of.setdefault(company_id, set()).add(occupation_id)
    agreements = []
    for row in hiring:
        company = companies[row["company"]]
        start = max(
            row["first"].date() - dt.timedelta(days=14), demo.today - dt.timedelta(days=500)
        )
        guarantee = rng.random() < 0.4
        centre = demo.centre_of_municipality[company.municipality.code]
        agreements.append(
            RecruitmentAgreement(
                company=company,
                job_centre=centre,
                signed_by=company.contact_consultant or demo.consultants[centre.pk][0],
                start_date=start,
                end_date=demo.today + dt.timedelta(days=rng.randint(60, 300)),
                expected_hires=row["orders"] + rng.randint(1, 6),
                job_guarantee=guarantee,
                guarantee_terms=GUARANTEE_TERMS if guarantee else "",
                terms="Virksomheden melder stillinger til rekrutteringsservicen først.",
            )
        )
    agreements = RecruitmentAgreement.objects.bulk_create(agreements)
    through = RecruitmentAgreement.occupations.through
    links = [
        through(recruitmentagreement_id=a.pk, occupation_id=occupation_id)
        for a in agreements
        if rng.random() < 0.7  # the others cover every occupation
        for occupation_id in sorted(occupations_of.get(a.company_id, ()))
    ]
    through.objects.bulk_create(links)


def _seed_alliances(demo: Demo) -> None:
    rng = demo.rng
    recorder = demo.users["sekretariat"]
    chosen = rng.sample(demo.companies, min(len(demo.companies), demo.count(24, minimum=3)))
    names = list(ALLIANCES)
    marks = []
    for i, company in enumerate(chosen):
        alliance = names[i % len(names)]
        start = demo.today - dt.timedelta(days=rng.randint(30, 600))
        ended = i % 8 == 2  # a few have run out
        marks.append(
            AllianceCommitment(
                company=company,
                alliance=alliance,
                commitment=ALLIANCES[alliance],
                start_date=start,
                end_date=demo.today - dt.timedelta(days=5) if ended else None,
                recorded_by=recorder,
            )
        )
    AllianceCommitment.objects.bulk_create(marks)


def _seed_duplicate(demo: Demo) -> None:
    """The demo consultant's company registered again by a colleague, as an A/S at the same
    address: the likely-duplicates page finds it."""
    rng = demo.rng
    konsulent = demo.users["konsulent"]
    original = next(
        (c for c in demo.companies if c.contact_consultant_id == konsulent.pk and " ApS" in c.name),
        None,
    )
    if original is None:
        return
    taken = set(Company.objects.values_list("cvr", flat=True))
    cvr = None
    while cvr is None or cvr in taken:
        cvr = demo_cvr(rng.randrange(9_000_000, 10_000_000))
    Company.objects.create(
        cooperation=original.cooperation,
        cvr=cvr,
        name=original.name.replace(" ApS", " A/S"),
        street=original.street,
        postcode=original.postcode,
        city=original.city,
        municipality=original.municipality,
        industry=original.industry,
        phone=original.phone,
        contact_consultant=None,
    )
