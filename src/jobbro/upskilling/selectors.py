"""Reads of upskilling. Candidates' names only through `team_page`, whose caller logs them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q, QuerySet

from jobbro.candidates.selectors import candidates_visible_to
from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, User
from jobbro.organisations.selectors import cooperation_of, job_centres_of

from . import payment
from .models import Course, Enrolment, EnrolmentStatus, Provider, Team, TeamGroup


def _cooperation(user: User) -> Cooperation | None:
    return cooperation_of(user)


def providers_of(user: User) -> QuerySet[Provider]:
    return Provider.objects.filter(cooperation=_cooperation(user)).select_related("municipality")


def courses_of(user: User) -> QuerySet[Course]:
    return Course.objects.filter(provider__cooperation=_cooperation(user)).select_related(
        "provider"
    )


def groups_of(user: User) -> QuerySet[TeamGroup]:
    return TeamGroup.objects.filter(cooperation=_cooperation(user))


def teams_of(user: User) -> QuerySet[Team]:
    return (
        Team.objects.filter(course__provider__cooperation=_cooperation(user))
        .select_related("course__provider", "host", "group")
        .annotate(enrolled=Count("enrolments"))
    )


def team_for(user: User, pk: int) -> Team | None:
    return teams_of(user).filter(pk=pk).first()


def provider_for(user: User, pk: int) -> Provider | None:
    return providers_of(user).filter(pk=pk).first()


def team_to_edit(user: User, pk: int) -> Team | None:
    """The team with what its edit page and `services.may_edit_team` read, without counts."""
    return (
        Team.objects.filter(course__provider__cooperation=_cooperation(user), pk=pk)
        .select_related("course__provider", "host", "group")
        .first()
    )


def course_for(user: User, pk: int) -> Course | None:
    return courses_of(user).filter(pk=pk).first()


def group_for(user: User, pk: int) -> TeamGroup | None:
    return groups_of(user).filter(pk=pk).first()


def enrolment_for(user: User, pk: int) -> Enrolment | None:
    """An enrolment of the user's own job centres' candidates (the only ones they record)."""
    own = job_centres_of(user, access.CANDIDATE_EDITORS)
    return (
        Enrolment.objects.select_related("team__course__provider", "candidate")
        .filter(pk=pk, candidate__job_centre__in=own)
        .first()
    )


@dataclass(frozen=True)
class SeatRow:
    job_centre: JobCentre
    reserved: int
    filled: int


@dataclass(frozen=True)
class WaitingRow:
    position: int
    job_centre: JobCentre
    seats: int


@dataclass(frozen=True)
class TeamPage:
    seats: list[SeatRow]
    reserved: int
    free: int
    waiting: list[WaitingRow]
    named: list[Enrolment]  # enrolments whose candidate the reader may see
    counted: dict[str, int]  # job centre -> enrolments not named


def team_page(user: User, team: Team) -> TeamPage:
    reservations = list(team.reservations.select_related("job_centre"))
    filled = Counter(team.enrolments.values_list("job_centre_id", flat=True))
    seats = [SeatRow(r.job_centre, r.seats, filled[r.job_centre_id]) for r in reservations]
    reserved = sum(row.reserved for row in seats)
    waiting = [
        WaitingRow(position, entry.job_centre, entry.seats)
        for position, entry in enumerate(
            team.waiting.select_related("job_centre").order_by("created_at", "pk"), start=1
        )
    ]
    visible = candidates_visible_to(user).filter(anonymised_at__isnull=True)
    enrolments = list(
        team.enrolments.select_related("candidate", "job_centre").prefetch_related("attendance")
    )
    visible_ids = set(
        visible.filter(pk__in=[e.candidate_id for e in enrolments]).values_list("pk", flat=True)
    )
    named = [e for e in enrolments if e.candidate_id in visible_ids]
    counted = Counter(e.job_centre.name for e in enrolments if e.candidate_id not in visible_ids)
    return TeamPage(
        seats=seats,
        reserved=reserved,
        free=max(0, team.seats - reserved),
        waiting=waiting,
        named=named,
        counted=dict(sorted(counted.items())),
    )


def group_payment(group: TeamGroup) -> payment.GroupPayment:
    """The pooled payment of the group: participants are the teams' enrolments (a drop-out
    took a seat the school kept for them)."""
    rows = Enrolment.objects.filter(team__group=group).values_list("team_id", "job_centre__name")
    per_team: dict[int, Counter[str]] = {}
    for team_id, centre in rows:
        per_team.setdefault(team_id, Counter())[centre] += 1
    teams = []
    for team in group.teams.select_related("course").order_by("starts_on", "pk"):
        per_centre = per_team.get(team.pk, Counter())
        teams.append(
            payment.TeamCount(
                name=str(team), seats=team.seats, price=team.price, participants=dict(per_centre)
            )
        )
    return payment.group_payment(teams, average=group.average, minimum=group.minimum)


@dataclass(frozen=True)
class CourseResults:
    participants: int
    hours: int
    after_three_months: int
    education: int

    @staticmethod
    def _share(part: int, whole: int) -> int | None:
        return round(Fraction(100 * part, whole)) if whole else None

    @property
    def hours_pct(self) -> int | None:
        return self._share(self.hours, self.participants)

    @property
    def after_three_months_pct(self) -> int | None:
        return self._share(self.after_three_months, self.participants)

    @property
    def education_pct(self) -> int | None:
        return self._share(self.education, self.participants)


def course_results(course: Course) -> CourseResults:
    """As JRS reports them: of the participants who finished (completed or dropped out),
    the share who got ordinary hours (a job counts), still had them after three months,
    and went on to an education."""
    figures = Enrolment.objects.filter(
        team__course=course,
        status__in=[EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED_OUT],
    ).aggregate(
        participants=Count("pk"),
        hours=Count("pk", filter=Q(got_job=True) | Q(got_hours=True)),
        after=Count("pk", filter=Q(hours_after_three_months=True)),
        education=Count("pk", filter=Q(started_education=True)),
    )
    return CourseResults(
        participants=figures["participants"],
        hours=figures["hours"],
        after_three_months=figures["after"],
        education=figures["education"],
    )
