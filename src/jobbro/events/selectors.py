"""Reads of recruitment events. Candidates' names only through `event_page` and
`candidate_search`, which write the access log for every name they return."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from jobbro.candidates.models import Candidate, Experience
from jobbro.candidates.models import CandidateStatus as PersonStatus
from jobbro.candidates.selectors import candidate_list, candidates_visible_to
from jobbro.companies.models import Company
from jobbro.companies.selectors import company_list, mail_address_of, with_mail_contacts
from jobbro.notifications.models import Notification
from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, User
from jobbro.organisations.selectors import cooperation_of, job_centres_of
from jobbro.taxonomy.models import Occupation

from .models import CandidateStatus, CompanyStatus, Event, EventCandidate, EventCompany

SEARCH_ROWS = 20


def events_visible_to(user: User) -> QuerySet[Event]:
    cooperation = cooperation_of(user)
    if cooperation is None:
        return Event.objects.none()
    return Event.objects.filter(cooperation=cooperation)


def event_for(user: User, pk: int) -> Event | None:
    """The event, if the user's cooperation holds it."""
    return events_visible_to(user).select_related("job_centre", "cooperation").filter(pk=pk).first()


def may_edit_events(user: User, cooperation: Cooperation) -> bool:
    return job_centres_of(user, access.COMPANY_EDITORS).filter(cooperation=cooperation).exists()


def own_candidate_centres(user: User, cooperation: Cooperation) -> QuerySet[JobCentre]:
    """The job centres of the cooperation whose candidates the user may invite."""
    return job_centres_of(user, access.CANDIDATE_EDITORS).filter(cooperation=cooperation)


def company_invitation(token: str) -> EventCompany | None:
    """The company's invitation by its personal link (no login: the token is the key)."""
    return (
        EventCompany.objects.select_related("event__job_centre", "event__cooperation", "company")
        .filter(token=token)
        .first()
    )


@dataclass(frozen=True)
class EventListing:
    upcoming: list[Event]
    past: list[Event]


def event_list(user: User) -> EventListing:
    """Upcoming events soonest first, past ones latest first, with registration counts."""
    registered = [CompanyStatus.REGISTERED, CompanyStatus.ATTENDED]
    events = (
        events_visible_to(user)
        .select_related("job_centre")
        .annotate(
            companies_registered=Count(
                "companies", filter=Q(companies__status__in=registered), distinct=True
            ),
            candidates_registered=Count(
                "candidates",
                filter=Q(
                    candidates__status__in=[CandidateStatus.REGISTERED, CandidateStatus.ATTENDED]
                ),
                distinct=True,
            ),
        )
    )
    now = timezone.now()
    return EventListing(
        upcoming=list(events.filter(ends_at__gte=now).order_by("starts_at", "pk")),
        past=list(events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")),
    )


@dataclass(frozen=True)
class CentreCount:
    """Candidates of a job centre whose names the reader may not see."""

    job_centre: JobCentre
    invited: int = 0
    registered: int = 0
    attended: int = 0


@dataclass(frozen=True)
class Summary:
    companies_registered: int
    companies_attended: int
    candidates_registered: int
    candidates_attended: int
    interviews: int  # as the companies report them
    hires: int
    candidates_interviewed: int
    candidates_hired: int


class MailState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class InvitationMail:
    """The invitation mail as the notifications app knows it, not as it was meant."""

    address: str
    state: MailState
    sent_at: dt.datetime | None


@dataclass(frozen=True)
class CompanyRow:
    entry: EventCompany
    mail: InvitationMail | None  # None: no invitation was mailed


def invitation_key(entry: EventCompany) -> str:
    return f"event-invitation:{entry.pk}"


def invitation_mails(entries: list[EventCompany]) -> dict[int, InvitationMail]:
    """Each entry's invitation mail by entry pk, in one query."""
    by_key = {invitation_key(entry): entry.pk for entry in entries}
    found = Notification.objects.filter(user=None, key__in=by_key).values_list(
        "key", "address", "sent_at", "error"
    )
    mails = {}
    for key, address, sent_at, error in found:
        state = MailState.SENT if sent_at else MailState.FAILED if error else MailState.QUEUED
        mails[by_key[key]] = InvitationMail(address, state, sent_at)
    return mails


@dataclass(frozen=True)
class EventPage:
    event: Event
    companies: list[CompanyRow]
    named: list[EventCandidate]  # candidates the reader may see
    counted: list[CentreCount] = field(default_factory=list)  # the others, per job centre
    summary: Summary | None = None


def _summary(event: Event) -> Summary:
    registered = [CompanyStatus.REGISTERED, CompanyStatus.ATTENDED]
    companies = event.companies.aggregate(
        registered=Count("pk", filter=Q(status__in=registered)),
        attended=Count("pk", filter=Q(status=CompanyStatus.ATTENDED)),
        interviews=Sum("interviews", default=0),
        hires=Sum("hires", default=0),
    )
    candidates = event.candidates.aggregate(
        registered=Count(
            "pk", filter=Q(status__in=[CandidateStatus.REGISTERED, CandidateStatus.ATTENDED])
        ),
        attended=Count("pk", filter=Q(status=CandidateStatus.ATTENDED)),
        interviewed=Count("pk", filter=Q(interviewed=True)),
        hired=Count("pk", filter=Q(hired=True)),
    )
    return Summary(
        companies_registered=companies["registered"],
        companies_attended=companies["attended"],
        candidates_registered=candidates["registered"],
        candidates_attended=candidates["attended"],
        interviews=companies["interviews"],
        hires=companies["hires"],
        candidates_interviewed=candidates["interviewed"],
        candidates_hired=candidates["hired"],
    )


def event_page(user: User, event: Event) -> EventPage:
    """The event with its companies and candidates; names only of candidates the user may
    see (the view logs them), the others counted per job centre."""
    entries = list(
        event.companies.select_related("company", "changed_by").order_by("company__name")
    )
    mails = invitation_mails(entries)
    companies = [CompanyRow(entry, mails.get(entry.pk)) for entry in entries]
    invited = list(
        event.candidates.select_related("candidate", "job_centre", "invited_by", "changed_by")
    )
    visible = set(
        candidates_visible_to(user)
        .filter(pk__in=[entry.candidate_id for entry in invited])
        .values_list("pk", flat=True)
    )
    named = sorted(
        (entry for entry in invited if entry.candidate_id in visible),
        key=lambda entry: (entry.candidate.last_name, entry.candidate.first_name, entry.pk),
    )
    tallies: dict[int, Counter[str]] = {}
    centres: dict[int, JobCentre] = {}
    for entry in invited:
        if entry.candidate_id not in visible:
            centres[entry.job_centre_id] = entry.job_centre
            tallies.setdefault(entry.job_centre_id, Counter())[entry.status] += 1
    counted = [
        CentreCount(
            centres[pk],
            invited=tally[CandidateStatus.INVITED],
            registered=tally[CandidateStatus.REGISTERED],
            attended=tally[CandidateStatus.ATTENDED],
        )
        for pk, tally in sorted(tallies.items(), key=lambda item: centres[item[0]].name)
    ]
    return EventPage(event, companies, named, counted, _summary(event))


@dataclass(frozen=True)
class CompanyHit:
    """A company to invite, and where its invitation would be mailed ("" for nowhere)."""

    company: Company
    email: str


def company_search(user: User, event: Event, query: str) -> list[CompanyHit]:
    """The cooperation's companies matching the query that are not on the event yet."""
    if not query.strip():
        return []
    found = with_mail_contacts(company_list(user, query=query).exclude(events__event=event))
    return [CompanyHit(company, mail_address_of(company)) for company in found[:SEARCH_ROWS]]


@dataclass(frozen=True)
class CandidateHit:
    """A candidate found to invite, with what tells two of the same name apart: the birth
    year, the CV's occupation and the candidate's number. Only the user's own job centre's
    candidates are found, whose whole record the user may see anyway."""

    candidate: Candidate
    occupation: Occupation | None  # of the latest job in the CV, else the first wished one


def _cv_occupation(candidate: Candidate) -> Occupation | None:
    cv = getattr(candidate, "cv", None)  # a candidate without a CV has none to show
    if cv is None:
        return None
    experiences = list(cv.experiences.all())  # prefetched, latest first
    if experiences:
        return experiences[0].occupation
    wished = list(cv.wished_occupations.all())
    return wished[0] if wished else None


def candidate_search(user: User, event: Event, query: str) -> list[CandidateHit]:
    """The user's own job centre's active candidates matching the name (the view logs
    them)."""
    if not query.strip():
        return []
    centres = own_candidate_centres(user, event.cooperation)
    found = list(
        candidate_list(user, query=query, status=PersonStatus.ACTIVE)
        .filter(job_centre__in=centres)
        .exclude(events__event=event)
        .prefetch_related(
            Prefetch(
                "cv__experiences",
                queryset=Experience.objects.select_related("occupation").order_by(
                    "-start_date", "-pk"
                ),
            ),
            Prefetch("cv__wished_occupations", queryset=Occupation.objects.order_by("pk")),
        )[:SEARCH_ROWS]
    )
    return [CandidateHit(candidate, _cv_occupation(candidate)) for candidate in found]
