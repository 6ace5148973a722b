"""The shared line's last six months: inquiries by phone, mail and the web form.

Most get a first response within a few hours and well inside the 24-hour target; a tail is
slow. A few are still open today, and a couple are overdue for the demo users' job centres
(København, where "konsulent" works, and the secretariat in Ballerup, where "sekretariat"
works), so the start page and the list have something to show.
"""

from __future__ import annotations

import datetime as dt
import math

from django.utils import timezone

from jobbro.companies.models import Company
from jobbro.intake.models import Action, Channel, Inquiry, InquiryStatus, InquiryTransition
from jobbro.intake.services import REFERENCE_ALPHABET
from jobbro.intake.working_hours import add_working_hours
from jobbro.organisations.models import JobCentre, User

from .context import Demo
from .names import ascii_slug, danish_name, phone

DAYS = 182
CHANNEL_WEIGHTS = {Channel.PHONE: 45, Channel.MAIL: 30, Channel.WEB: 25}

REQUESTS = {
    "construction": ("tømrere", "murere", "stilladsarbejdere", "elektrikere", "anlægsarbejdere"),
    "metal": ("svejsere", "smede", "CNC-operatører"),
    "hospitality": ("kokke", "tjenere", "opvaskere", "receptionister"),
    "care": ("social- og sundhedshjælpere", "pædagogmedhjælpere"),
    "logistics": ("lagermedarbejdere", "chauffører med kørekort C", "truckførere"),
    "cleaning": ("rengøringsassistenter", "servicemedarbejdere"),
}
SUBJECTS = (
    "Vi søger {n} {what}",
    "Behov for {n} {what} fra {month}",
    "Spørgsmål om løntilskud til {what}",
    "Praktikplads til {what}?",
    "Rekrutteringsaftale – {what}",
)
MESSAGES = (
    "Vi har fået en ny opgave og mangler {n} {what} fra {month}. Kan I hjælpe med kandidater?",
    "Vi vil gerne høre om mulighederne for virksomhedspraktik for {what}. Ring gerne.",
    "Vores faste {what} stopper, og vi skal bruge {n} nye hurtigst muligt.",
    "Kan I sende os kandidater til {n} stillinger som {what}? Arbejdstid dagtimer.",
)
UNKNOWN_COMPANIES = (
    "Nordhavn Catering ApS",
    "Amager Byggeservice ApS",
    "Sjællands Lager & Logistik A/S",
    "Kystvejens Café",
    "Valby Facility ApS",
    "Østerbro Tømrerlaug",
    "Greve Transport ApS",
    "Søborg Smedie",
)
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "august", "september")
CLOSE_AFTER_DAYS = 10


def _reference(demo: Demo, used: set[str]) -> str:
    while True:
        raw = "".join(demo.rng.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"{raw[:4]}-{raw[4:]}"
        if reference not in used:
            used.add(reference)
            return reference


def _response_hours(demo: Demo) -> float:
    """Minutes to hours for most, a slow tail of one to three days."""
    if demo.rng.random() < 0.08:
        return demo.rng.uniform(26, 72)
    return min(23.5, demo.rng.lognormvariate(math.log(3), 1.0))


def seed_intake(demo: Demo) -> None:
    assert demo.cooperation is not None
    rng = demo.rng
    cooperation = demo.cooperation
    secretariat = demo.job_centres["Ballerup"]
    secretary = demo.users["sekretariat"]
    home_by_municipality = {
        demo.municipalities[code].pk: centre for code, centre in demo.centre_of_municipality.items()
    }
    target_hours = cooperation.inquiry_response_hours
    now = timezone.now()
    used: set[str] = set()
    inquiries: list[Inquiry] = []
    # Per inquiry: (assignee, registrant, close it, first route when forwarded).
    plan: list[tuple[User | None, User | None, bool, JobCentre | None]] = []

    def handler(centre: JobCentre, at_secretariat: bool) -> User:
        if at_secretariat:
            return secretary
        return rng.choice(demo.consultants[centre.pk])

    def add(
        *,
        received: dt.datetime,
        company: Company | None,
        channel: str,
        hours: float | None,
        taken: bool = True,
        forwarded_from: JobCentre | None = None,
    ) -> None:
        sector = demo.company_sector.get(company.pk, "construction") if company else "logistics"
        words = {
            "n": rng.choice(("to", "tre", "fire", "fem", "8", "10")),
            "what": rng.choice(REQUESTS[sector]),
            "month": rng.choice(MONTHS),
        }
        first, last = danish_name(rng)
        name = company.name if company else rng.choice(UNKNOWN_COMPANIES)
        domain = company.email.split("@")[-1] if company and company.email else "firma.dk"
        centre = home_by_municipality.get(company.municipality_id) if company else None
        at_secretariat = centre is None
        centre = centre or secretariat
        responded = received + dt.timedelta(hours=hours) if hours is not None else None
        if responded is not None and responded > now:
            responded = None
        assignee = handler(centre, at_secretariat) if taken or responded is not None else None
        closed = responded is not None and (now - responded).days > CLOSE_AFTER_DAYS
        if responded is None:
            status = InquiryStatus.IN_PROGRESS if assignee else InquiryStatus.NEW
        else:
            status = InquiryStatus.CLOSED if closed else InquiryStatus.ANSWERED
        inquiries.append(
            Inquiry(
                cooperation=cooperation,
                reference=_reference(demo, used),
                channel=channel,
                received_at=received,
                respond_by=add_working_hours(received, target_hours),
                company=company,
                company_name=name,
                cvr=company.cvr if company else "",
                contact_name=f"{first} {last}",
                contact_phone=phone(rng) if channel != Channel.MAIL else "",
                contact_email=f"{ascii_slug(first)}@{domain}" if channel != Channel.PHONE else "",
                subject=rng.choice(SUBJECTS).format(**words),
                message=rng.choice(MESSAGES).format(**words),
                routed_to=centre,
                at_secretariat=at_secretariat,
                status=status,
                assigned_to=assignee,
                registered_by=None if channel == Channel.WEB else secretary,
                first_response_at=responded,
                first_response_by=assignee if responded else None,
            )
        )
        plan.append(
            (assignee, None if channel == Channel.WEB else secretary, closed, forwarded_from)
        )

    channels, weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    for _ in range(demo.count(100, minimum=12)):
        company = rng.choice(demo.companies) if rng.random() < 0.75 else None
        channel = rng.choices(channels, weights=weights)[0]
        hour = rng.randint(17, 22) if channel == Channel.WEB and rng.random() < 0.3 else None
        # Four days back at least: even the slowest of these has had its answer by now.
        received = demo.days_ago(rng.randint(4, DAYS), hour)
        # A few reached the secretariat first and were passed on to the home job centre.
        forwarded = company is not None and rng.random() < 0.07
        add(
            received=received,
            company=company,
            channel=channel,
            hours=_response_hours(demo),
            forwarded_from=secretariat if forwarded else None,
        )

    # Today's work for the demo users: open ones, and a couple past the target.
    copenhagen = demo.job_centres["København"]
    local = [c for c in demo.companies if home_by_municipality.get(c.municipality_id) == copenhagen]
    for hours_ago, company, taken in (
        # A week back holds five working days: past any usual target in working hours.
        (170, rng.choice(local), False),  # overdue, no one has taken it
        (3, rng.choice(local), False),
        (1, rng.choice(local), True),
        (180, None, True),  # overdue at the secretariat, taken but not answered
        (2, None, False),
    ):
        add(
            received=now - dt.timedelta(hours=hours_ago),
            company=company,
            channel=rng.choices(channels, weights=weights)[0],
            hours=None,
            taken=taken,
        )

    created = Inquiry.objects.bulk_create(inquiries)
    InquiryTransition.objects.bulk_create(
        step
        for inquiry, details in zip(created, plan, strict=True)
        for step in _history(inquiry, *details)
    )


def _history(
    inquiry: Inquiry,
    assignee: User | None,
    registrant: User | None,
    closed: bool,
    forwarded_from: JobCentre | None,
) -> list[InquiryTransition]:
    """The transition log the inquiry would have: registered, (forwarded,) taken, answered,
    closed, each a little after the one before."""
    at = inquiry.received_at + dt.timedelta(minutes=2)
    # Only one that ends at a job centre can have come from the secretariat.
    if inquiry.at_secretariat:
        forwarded_from = None
    first_centre = forwarded_from or inquiry.routed_to
    steps = [
        InquiryTransition(
            inquiry=inquiry,
            action=Action.REGISTERED,
            from_status="",
            to_status=InquiryStatus.NEW,
            by=registrant,
            at=at,
            to_job_centre=first_centre,
            to_secretariat=inquiry.at_secretariat or forwarded_from is not None,
        )
    ]
    if forwarded_from is not None:
        at += dt.timedelta(minutes=20)
        steps.append(
            InquiryTransition(
                inquiry=inquiry,
                action=Action.FORWARDED,
                from_status=InquiryStatus.NEW,
                to_status=InquiryStatus.NEW,
                by=registrant,
                at=at,
                note="Virksomheden hører til jeres kommune.",
                from_job_centre=forwarded_from,
                to_job_centre=inquiry.routed_to,
                from_secretariat=True,
            )
        )
    if assignee is None:
        return steps
    at += dt.timedelta(minutes=10)
    if inquiry.first_response_at is not None:
        at = min(at, inquiry.first_response_at)
    steps.append(
        InquiryTransition(
            inquiry=inquiry,
            action=Action.TAKEN,
            from_status=InquiryStatus.NEW,
            to_status=InquiryStatus.IN_PROGRESS,
            by=assignee,
            at=at,
        )
    )
    if inquiry.first_response_at is None:
        return steps
    steps.append(
        InquiryTransition(
            inquiry=inquiry,
            action=Action.ANSWERED,
            from_status=InquiryStatus.IN_PROGRESS,
            to_status=InquiryStatus.ANSWERED,
            by=assignee,
            at=inquiry.first_response_at,
            note="Ringet til virksomheden og aftalt næste skridt.",
        )
    )
    if closed:
        steps.append(
            InquiryTransition(
                inquiry=inquiry,
                action=Action.CLOSED,
                from_status=InquiryStatus.ANSWERED,
                to_status=InquiryStatus.CLOSED,
                by=assignee,
                at=inquiry.first_response_at + dt.timedelta(days=3),
            )
        )
    return steps
