"""Two recruitment events: a past construction job fair with its outcome, and an upcoming
logistics recruitment day with companies and candidates invited."""

from __future__ import annotations

import datetime as dt

from jobbro.candidates.models import Candidate
from jobbro.candidates.models import CandidateStatus as PersonStatus
from jobbro.companies.models import Company
from jobbro.companies.selectors import mail_address_of
from jobbro.events.models import (
    CandidateStatus,
    CompanyStatus,
    Event,
    EventCandidate,
    EventCompany,
)
from jobbro.organisations.models import JobCentre, User

from .context import Demo


def _event(
    demo: Demo, *, centre: JobCentre, title: str, day: dt.date, location: str, description: str
) -> Event:
    assert demo.cooperation is not None
    organiser = demo.consultants[centre.pk][0]
    starts = demo.at(day, hour=10).replace(minute=0)
    created = demo.at(day - dt.timedelta(days=40))
    return Event.objects.create(
        cooperation=demo.cooperation,
        job_centre=centre,
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=4),
        location=location,
        description=description,
        created_by=organiser,
        created_at=created,
        updated_by=organiser,
        updated_at=created,
    )


def _companies(demo: Demo, sector: str, count: int) -> list[Company]:
    pool = [c for c in demo.companies if demo.company_sector.get(c.pk) == sector]
    return demo.rng.sample(pool, min(count, len(pool)))


def _candidates(demo: Demo, centres: list[JobCentre], per_centre: int) -> list[Candidate]:
    chosen: list[Candidate] = []
    for centre in centres:
        pool = [
            c
            for c in demo.candidates
            if c.job_centre_id == centre.pk and c.status == PersonStatus.ACTIVE
        ]
        chosen += demo.rng.sample(pool, min(per_centre, len(pool)))
    return chosen


def _inviter(demo: Demo, candidate: Candidate) -> User:
    return demo.job_consultants[candidate.job_centre_id][0]


def _token(demo: Demo) -> str:
    return f"demo{demo.rng.getrandbits(160):040x}"


JOBS = (
    "2 truckførere",
    "Lagermedarbejdere til pluk og pak, 3-4 stillinger",
    "Chauffører med C/CE-kort",
    "",
)


def seed_events(demo: Demo) -> None:
    rng = demo.rng
    copenhagen, ballerup = demo.job_centres["København"], demo.job_centres["Ballerup"]
    herlev, hvidovre = demo.job_centres["Herlev"], demo.job_centres["Hvidovre"]

    past = _event(
        demo,
        centre=copenhagen,
        title="Jobmesse: Byggeri og anlæg",
        day=demo.today - dt.timedelta(days=45),
        location="Øksnehallen, Halmtorvet 11, 1700 København V",
        description="Entreprenører og håndværksvirksomheder møder ledige med og uden "
        "fagbrev. Fokus på metro- og hospitalsbyggerierne.",
    )
    changed = past.ends_at + dt.timedelta(days=2)
    rows = []
    for index, company in enumerate(_companies(demo, "construction", 8)):
        status = (
            CompanyStatus.DECLINED
            if index == 0
            else CompanyStatus.REGISTERED
            if index == 1
            else CompanyStatus.ATTENDED
        )
        interviews = rng.randint(2, 9) if status == CompanyStatus.ATTENDED else 0
        rows.append(
            EventCompany(
                event=past,
                company=company,
                token=_token(demo),
                email=mail_address_of(company),
                status=status,
                interviews=interviews,
                hires=rng.randint(0, min(3, interviews)),
                invited_by=past.created_by,
                invited_at=past.created_at,
                changed_by=past.created_by,
                changed_at=changed,
            )
        )
    EventCompany.objects.bulk_create(rows)
    people = []
    for candidate in _candidates(demo, [copenhagen, herlev, hvidovre], 5):
        attended = rng.random() < 0.75
        interviewed = attended and rng.random() < 0.6
        inviter = _inviter(demo, candidate)
        people.append(
            EventCandidate(
                event=past,
                candidate=candidate,
                job_centre_id=candidate.job_centre_id,
                status=CandidateStatus.ATTENDED if attended else CandidateStatus.REGISTERED,
                interviewed=interviewed,
                hired=interviewed and rng.random() < 0.35,
                invited_by=inviter,
                invited_at=past.created_at + dt.timedelta(days=7),
                changed_by=inviter,
                changed_at=changed,
            )
        )
    EventCandidate.objects.bulk_create(people)

    upcoming = _event(
        demo,
        centre=ballerup,
        title="Rekrutteringsdag: Lager og logistik",
        day=demo.today + dt.timedelta(days=20),
        location="Ballerup Super Arena, Ballerup Idrætsby 4, 2750 Ballerup",
        description="Lager-, transport- og distributionsvirksomheder søger truckførere, "
        "lagermedarbejdere og chauffører. Kandidaterne kan tage CV med.",
    )
    invited = upcoming.created_at + dt.timedelta(days=3)
    answered = invited + dt.timedelta(days=2)
    invitations = []
    for company in _companies(demo, "logistics", 6):
        # Most answer by their personal link; the others have not answered yet.
        by_link = rng.random() < 0.6
        coming = by_link and rng.random() < 0.8
        invitations.append(
            EventCompany(
                event=upcoming,
                company=company,
                token=_token(demo),
                email=mail_address_of(company),
                status=(
                    CompanyStatus.INVITED
                    if not by_link
                    else CompanyStatus.REGISTERED
                    if coming
                    else CompanyStatus.DECLINED
                ),
                coming=coming if by_link else None,
                participants=rng.randint(1, 4) if coming else None,
                recruiting_for=rng.choice(JOBS) if coming else "",
                answered_at=answered if by_link else None,
                invited_by=upcoming.created_by,
                invited_at=invited,
                changed_by=None if by_link else upcoming.created_by,
                changed_at=answered if by_link else invited,
            )
        )
    EventCompany.objects.bulk_create(invitations)
    EventCandidate.objects.bulk_create(
        EventCandidate(
            event=upcoming,
            candidate=candidate,
            job_centre_id=candidate.job_centre_id,
            status=rng.choice((CandidateStatus.INVITED, CandidateStatus.REGISTERED)),
            invited_by=_inviter(demo, candidate),
            invited_at=invited,
            changed_by=_inviter(demo, candidate),
            changed_at=invited,
        )
        for candidate in _candidates(demo, [ballerup, herlev, copenhagen], 4)
    )
