"""Writes of upskilling: set-up by the secretariat and managers, seats and enrolments by the
job consultants of each job centre. Each user action is one transaction; a refused action
writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max, Min, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobbro.candidates.models import Candidate
from jobbro.candidates.selectors import can_edit_candidate
from jobbro.candidates.services import cv_add_gains
from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, Role, User
from jobbro.organisations.selectors import has_role_at, job_centres_of
from jobbro.taxonomy.models import Qualification, Skill
from jobbro.updates import bump_version, model_update, refuse_stale

from .models import (
    Attendance,
    Course,
    Enrolment,
    EnrolmentStatus,
    Provider,
    Reservation,
    Team,
    TeamGroup,
    WaitingEntry,
)
from .signals import enrolment_completed

MANAGERS = (Role.SECRETARIAT, Role.MANAGER)

M = TypeVar("M", Provider, Course, Team, TeamGroup)


def may_manage(user: User, cooperation: Cooperation | int) -> bool:
    """The secretariat and the job centres' managers set up providers, courses and teams."""
    return job_centres_of(user, MANAGERS).filter(cooperation=cooperation).exists()


def may_edit_team(user: User, team: Team) -> bool:
    """The cooperation's secretariat, and the managers of the team's host job centre: the
    host runs the team. Another job centre's managers, seats on the team or not, may not."""
    return user.memberships.filter(
        Q(role=Role.SECRETARIAT, job_centre__cooperation=team.course.provider.cooperation_id)
        | Q(role=Role.MANAGER, job_centre=team.host_id)
    ).exists()


def _require_manager(actor: User, cooperation_id: int) -> None:
    if not may_manage(actor, cooperation_id):
        raise PermissionDenied


def _cooperation_id(instance: models.Model) -> int:
    if isinstance(instance, Provider | TeamGroup):
        return instance.cooperation_id
    if isinstance(instance, Course):
        return instance.provider.cooperation_id
    if isinstance(instance, Team):
        return instance.course.provider.cooperation_id
    raise TypeError(type(instance))


@transaction.atomic
def setup_save(
    *,
    actor: User,
    instance: Provider | Course | Team | TeamGroup,
    qualifications: Iterable[Qualification] | None = None,
    skills: Iterable[Skill] | None = None,
) -> models.Model:
    """Create or change a provider, course, team or group, checked whole before it is saved."""
    cooperation_id = _cooperation_id(instance)
    _require_manager(actor, cooperation_id)
    if isinstance(instance, Team):
        if instance.host.cooperation_id != cooperation_id:
            raise ValidationError({"host": _("Choose a job centre of the cooperation.")})
        if instance.group is not None and instance.group.cooperation_id != cooperation_id:
            raise ValidationError({"group": _("Choose a group of the cooperation.")})
        if instance.pk is not None:
            taken = _reserved(instance)
            if instance.seats < taken:
                raise ValidationError(
                    {
                        "seats": _(
                            "The job centres have reserved %(taken)s seats; the team cannot "
                            "have fewer."
                        )
                        % {"taken": taken}
                    }
                )
    instance.full_clean()
    instance.save()
    if isinstance(instance, Course):
        if qualifications is not None:
            instance.qualifications.set(list(qualifications))
        if skills is not None:
            instance.skills.set(list(skills))
    if isinstance(instance, Team) and instance.pk is not None:
        _promote_waiting(instance)  # more seats may serve the waiting list
    return instance


def _reserved(team: Team) -> int:
    return team.reservations.aggregate(total=Sum("seats"))["total"] or 0


def _lock(team: Team) -> Team:
    """The team's row locked to this transaction: concurrent seat writes queue here, so the
    sum of reservations read next is the one the write is checked against."""
    return Team.objects.select_for_update().get(pk=team.pk)


def _require_consultant_at(actor: User, job_centre: JobCentre, team: Team) -> None:
    if not has_role_at(actor, job_centre, access.CANDIDATE_EDITORS):
        raise PermissionDenied
    if job_centre.cooperation_id != team.course.provider.cooperation_id:
        raise PermissionDenied


def _promote_waiting(team: Team) -> None:
    """Free seats go to the waiting list, first come first served."""
    free = team.seats - _reserved(team)
    for entry in team.waiting.order_by("created_at", "pk"):
        if free <= 0:
            break
        given = min(free, entry.seats)
        reservation, _created = Reservation.objects.get_or_create(
            team=team, job_centre=entry.job_centre, defaults={"seats": 0}
        )
        reservation.seats += given
        reservation.save(update_fields=["seats"])
        entry.seats -= given
        if entry.seats:
            entry.save(update_fields=["seats"])
        else:
            entry.delete()
        free -= given


def _require_running(team: Team) -> None:
    """Seats and participants are for a team that has not ended: they set what each job
    centre pays (upskilling.payment)."""
    if team.ends_on < timezone.localdate():
        raise ValidationError(
            _("The team ended on %(date)s: no more seats or participants.")
            % {"date": date_format(team.ends_on, "SHORT_DATE_FORMAT")}
        )


@transaction.atomic
def reserve_seats(*, actor: User, team: Team, job_centre: JobCentre, seats: int) -> tuple[int, int]:
    """Reserve seats for the job centre: what is free is reserved, the rest waits in line.

    Returns (seats reserved now, seats put on the waiting list)."""
    _require_consultant_at(actor, job_centre, team)
    if seats < 1:
        raise ValidationError({"seats": _("Give a number of seats of 1 or more.")})
    team = _lock(team)
    _require_running(team)
    free = max(0, team.seats - _reserved(team))
    if team.waiting.exists():
        free = 0  # those already waiting come first
    given = min(free, seats)
    if given:
        reservation, _created = Reservation.objects.get_or_create(
            team=team, job_centre=job_centre, defaults={"seats": 0}
        )
        reservation.seats += given
        reservation.save(update_fields=["seats"])
    waiting = seats - given
    if waiting:
        WaitingEntry.objects.create(
            team=team, job_centre=job_centre, seats=waiting, created_by=actor
        )
    return given, waiting


def _filled(team: Team, job_centre: JobCentre | int) -> int:
    return team.enrolments.filter(job_centre=job_centre).count()


@transaction.atomic
def release_seats(*, actor: User, team: Team, job_centre: JobCentre, seats: int) -> None:
    """Give back reserved seats the job centre does not fill; the first waiting gets them."""
    _require_consultant_at(actor, job_centre, team)
    team = _lock(team)
    reservation = Reservation.objects.filter(team=team, job_centre=job_centre).first()
    held = reservation.seats if reservation else 0
    if seats < 1 or reservation is None or held - seats < _filled(team, job_centre):
        raise ValidationError(
            {
                "seats": _(
                    "You can give back at most the %(free)s reserved seats your job centre "
                    "has not filled."
                )
                % {"free": max(0, held - _filled(team, job_centre))}
            }
        )
    reservation.seats -= seats
    if reservation.seats:
        reservation.save(update_fields=["seats"])
    else:
        reservation.delete()
    _promote_waiting(team)


def _overlapping_enrolment(candidate_ids: list[int], team: Team) -> Enrolment | None:
    """One of these candidates' enrolments, still running, on another team whose dates
    overlap `team`'s: nobody is on two courses at once."""
    return (
        Enrolment.objects.filter(
            candidate_id__in=candidate_ids,
            status=EnrolmentStatus.ENROLLED,
            team__starts_on__lte=team.ends_on,
            team__ends_on__gte=team.starts_on,
        )
        .exclude(team=team)
        .select_related("team__course")
        .first()
    )


@transaction.atomic
def enrol(*, actor: User, team: Team, candidate: Candidate) -> Enrolment:
    """A job consultant puts one of the own job centre's candidates on a reserved seat."""
    if not can_edit_candidate(actor, candidate):
        raise PermissionDenied
    _require_consultant_at(actor, candidate.job_centre, team)
    team = _lock(team)
    _require_running(team)
    if team.enrolments.filter(candidate=candidate).exists():
        raise ValidationError(_("The candidate is on the team already."))
    overlapping = _overlapping_enrolment([candidate.pk], team)
    if overlapping is not None:
        other = overlapping.team
        raise ValidationError(
            _(
                "The candidate is on %(course)s from %(start)s to %(end)s, which overlaps this "
                "team. Record that course's finish or drop-out first."
            )
            % {
                "course": other.course.title,
                "start": date_format(other.starts_on, "SHORT_DATE_FORMAT"),
                "end": date_format(other.ends_on, "SHORT_DATE_FORMAT"),
            }
        )
    reservation = Reservation.objects.filter(team=team, job_centre=candidate.job_centre).first()
    if reservation is None or _filled(team, candidate.job_centre) >= reservation.seats:
        raise ValidationError(
            _("Your job centre has no free reserved seat on the team. Reserve a seat first.")
        )
    return Enrolment.objects.create(
        team=team, candidate=candidate, job_centre=candidate.job_centre, enrolled_by=actor
    )


def _require_own(actor: User, enrolment: Enrolment) -> None:
    if not can_edit_candidate(actor, enrolment.candidate):
        raise PermissionDenied


# A candidate still in ordinary hours "after three months" is asked 90 days after the
# course, as the hire's follow-up after three months is.
THREE_MONTHS = dt.timedelta(days=90)


def _locked_enrolment(actor: User, enrolment: Enrolment, expected_version: int | None) -> Enrolment:
    """The enrolment's row locked to this transaction (with its team and course), for its
    job consultant; refused when the page's version has been changed since."""
    _require_own(actor, enrolment)
    locked = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("team__course", "candidate")
        .get(pk=enrolment.pk)
    )
    refuse_stale(
        locked,
        expected_version,
        _(
            "Someone else changed this enrolment while you were working on it. Reload the "
            "page to see their changes, then make yours again."
        ),
    )
    return locked


def _week_starts(team: Team, week: int) -> dt.date:
    return team.starts_on + dt.timedelta(weeks=week - 1)


@transaction.atomic
def record_attendance(
    *,
    actor: User,
    enrolment: Enrolment,
    week: int,
    attended: bool,
    expected_version: int | None = None,
) -> Attendance:
    """A week of the course attended or not: a week that has begun, and for a candidate who
    has finished, a week begun by the finish."""
    locked = _locked_enrolment(actor, enrolment, expected_version)
    team = locked.team
    weeks = team.course.weeks
    if not 1 <= week <= weeks:
        raise ValidationError({"week": _("Give a week from 1 to %(weeks)s.") % {"weeks": weeks}})
    begins = _week_starts(team, week)
    if begins > timezone.localdate():
        raise ValidationError(
            {
                "week": _("Week %(week)s begins on %(date)s: record it once it has begun.")
                % {"week": week, "date": date_format(begins, "SHORT_DATE_FORMAT")}
            }
        )
    if locked.finished_on is not None and begins > locked.finished_on:
        raise ValidationError(
            {
                "week": _(
                    "The candidate finished the course on %(date)s, before week %(week)s began."
                )
                % {"week": week, "date": date_format(locked.finished_on, "SHORT_DATE_FORMAT")}
            }
        )
    row, _created = Attendance.objects.update_or_create(
        enrolment=locked, week=week, defaults={"attended": attended}
    )
    bump_version(locked)
    return row


def _finish(enrolment: Enrolment, finished_on: dt.date) -> None:
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ValidationError(_("The course is already finished for this candidate."))
    if finished_on > timezone.localdate():
        # A completion puts the certificate on the CV and into matching at once.
        raise ValidationError(
            {"finished_on": _("The date must not be in the future: record it on the day or after.")}
        )
    if finished_on < enrolment.team.starts_on:
        raise ValidationError({"finished_on": _("The date must not be before the team starts.")})
    if finished_on > enrolment.team.ends_on:
        raise ValidationError(
            {
                "finished_on": _("The date must not be after the team ends (%(date)s).")
                % {"date": date_format(enrolment.team.ends_on, "SHORT_DATE_FORMAT")}
            }
        )
    attended_later = enrolment.attendance.filter(
        attended=True, week__gt=(finished_on - enrolment.team.starts_on).days // 7 + 1
    ).aggregate(first=Min("week"))["first"]
    if attended_later is not None:
        raise ValidationError(
            {
                "finished_on": _(
                    "The candidate attended week %(week)s, which began after this date."
                )
                % {"week": attended_later}
            }
        )


@transaction.atomic
def complete(
    *,
    actor: User,
    enrolment: Enrolment,
    finished_on: dt.date,
    expected_version: int | None = None,
) -> Enrolment:
    """The candidate completed: the course's certificates and skills go onto the CV."""
    enrolment = _locked_enrolment(actor, enrolment, expected_version)
    _finish(enrolment, finished_on)
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.finished_on = finished_on
    enrolment.version += 1
    enrolment.save(update_fields=["status", "finished_on", "version"])
    course = enrolment.team.course
    cv_add_gains(
        actor=actor,
        candidate=enrolment.candidate,
        qualifications=course.qualifications.all(),
        skills=course.skills.all(),
        obtained_on=finished_on,
    )
    enrolment_completed.send(sender=Enrolment, enrolment=enrolment, actor=actor)
    return enrolment


@transaction.atomic
def drop_out(
    *,
    actor: User,
    enrolment: Enrolment,
    finished_on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> Enrolment:
    enrolment = _locked_enrolment(actor, enrolment, expected_version)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for dropping out.")})
    _finish(enrolment, finished_on)
    enrolment.status = EnrolmentStatus.DROPPED_OUT
    enrolment.finished_on = finished_on
    enrolment.dropout_reason = reason[:300]
    enrolment.version += 1
    enrolment.save(update_fields=["status", "finished_on", "dropout_reason", "version"])
    return enrolment


@transaction.atomic
def record_outcome(
    *,
    actor: User,
    enrolment: Enrolment,
    got_job: bool,
    got_hours: bool,
    hours_after_three_months: bool | None,
    started_education: bool,
    expected_version: int | None = None,
) -> Enrolment:
    enrolment = _locked_enrolment(actor, enrolment, expected_version)
    if enrolment.status == EnrolmentStatus.ENROLLED:
        raise ValidationError(_("Record the outcome once the candidate has finished the course."))
    finished_on = enrolment.finished_on or timezone.localdate()  # set by every finish
    asked_from = finished_on + THREE_MONTHS
    if hours_after_three_months is not None and asked_from > timezone.localdate():
        raise ValidationError(
            {
                "hours_after_three_months": _(
                    "Three months after the course are up on %(date)s: answer then."
                )
                % {"date": date_format(asked_from, "SHORT_DATE_FORMAT")}
            }
        )
    if hours_after_three_months and not (got_job or got_hours):
        raise ValidationError(
            {
                "hours_after_three_months": _(
                    "Only a candidate who got a job or ordinary hours can still have them "
                    "after three months."
                )
            }
        )
    enrolment.outcome_recorded = True
    enrolment.got_job = got_job
    enrolment.got_hours = got_hours
    enrolment.hours_after_three_months = hours_after_three_months
    enrolment.started_education = started_education
    enrolment.version += 1
    enrolment.save()
    return enrolment


# What each edit page changes; the rest (the cooperation, a team's course) is fixed.
PROVIDER_FIELDS = ("name", "kind", "municipality")
COURSE_FIELDS = ("provider", "title", "weeks", "qualifications", "skills")
TEAM_FIELDS = ("group", "host", "starts_on", "ends_on", "place", "seats", "price")
GROUP_FIELDS = ("name", "average", "minimum")


def _versioned_update(
    locked: M,
    expected_version: int | None,
    fields: tuple[str, ...],
    data: dict[str, Any],
    **kw: Any,
) -> tuple[M, bool]:
    """`model_update` of a locked row, refused when the form showed an older version and
    raising the version when anything changed."""
    message = _(
        "Someone else changed this while you were editing it. Reload the page to see their "
        "changes, then make yours again."
    )
    refuse_stale(locked, expected_version, message)
    updated, changed = model_update(instance=locked, fields=fields, data=data, **kw)
    if changed:
        bump_version(updated)
    return updated, changed


@transaction.atomic
def provider_update(
    *, actor: User, provider: Provider, expected_version: int | None = None, **fields: Any
) -> tuple[Provider, bool]:
    """Change a provider: the secretariat and every manager of its cooperation, as they create
    them. Returns the provider and whether anything changed (an unchanged save writes nothing)."""
    locked = Provider.objects.select_for_update().get(pk=provider.pk)
    _require_manager(actor, locked.cooperation_id)
    return _versioned_update(locked, expected_version, PROVIDER_FIELDS, fields)


@transaction.atomic
def course_update(
    *, actor: User, course: Course, expected_version: int | None = None, **fields: Any
) -> tuple[Course, bool]:
    """Change a course, with the certificates and skills it gives (from then on: those who
    completed it before keep what they got). Weeks never fall below a week already recorded
    as attended or not on one of its teams."""
    locked = Course.objects.select_for_update().select_related("provider").get(pk=course.pk)
    cooperation_id = locked.provider.cooperation_id
    _require_manager(actor, cooperation_id)

    def check(course: Course) -> None:
        if course.provider.cooperation_id != cooperation_id:
            raise ValidationError({"provider": _("Choose a provider of the cooperation.")})
        recorded = (
            Attendance.objects.filter(enrolment__team__course=course).aggregate(last=Max("week"))[
                "last"
            ]
            or 0
        )
        if course.weeks < recorded:
            raise ValidationError(
                {
                    "weeks": _(
                        "Attendance is recorded for week %(week)s of the course; it cannot "
                        "have fewer weeks."
                    )
                    % {"week": recorded}
                }
            )

    return _versioned_update(locked, expected_version, COURSE_FIELDS, fields, before_save=check)


def team_has_finished(team: Team) -> bool:
    """A participant has completed the team, or it has ended with participants: its dates
    are history then (completion dates, attendance and payment rest on them)."""
    enrolments = team.enrolments.all()
    if enrolments.filter(status=EnrolmentStatus.COMPLETED).exists():
        return True
    return team.ends_on < timezone.localdate() and enrolments.exists()


@transaction.atomic
def team_update(
    *, actor: User, team: Team, expected_version: int | None = None, **fields: Any
) -> tuple[Team, bool]:
    """Change a team's dates, place, seats, price, host or group: the secretariat and the
    host's managers (`may_edit_team`). The row is locked as a reservation locks it, so the
    seats are checked against the reservations as they stand. Refused: fewer seats than the
    job centres have reserved (and so filled); other dates for a team that has finished; a
    start after a participant's recorded finish. More seats serve the waiting list."""
    locked = (
        Team.objects.select_for_update().select_related("course__provider", "host").get(pk=team.pk)
    )
    if not may_edit_team(actor, locked):
        raise PermissionDenied
    cooperation_id = locked.course.provider.cooperation_id
    dates = (locked.starts_on, locked.ends_on)
    price = locked.price
    finished = team_has_finished(locked)

    def check(team: Team) -> None:
        errors: dict[str, list[str]] = {}
        if team.host.cooperation_id != cooperation_id:
            errors["host"] = [_("Choose a job centre of the cooperation.")]
        if team.group is not None and team.group.cooperation_id != cooperation_id:
            errors["group"] = [_("Choose a group of the cooperation.")]
        reserved = _reserved(team)
        if team.seats < reserved:
            errors["seats"] = [
                _(
                    "The job centres have reserved %(reserved)s seats and filled %(filled)s "
                    "of them; the team cannot have fewer than %(reserved)s seats."
                )
                % {"reserved": reserved, "filled": team.enrolments.count()}
            ]
        if finished and team.price != price:
            errors["price"] = [
                _(
                    "The team has finished: its price is what the job centres' shares were "
                    "worked out from, and cannot be changed."
                )
            ]
        if finished:
            for name, before in zip(("starts_on", "ends_on"), dates, strict=True):
                if getattr(team, name) != before:
                    errors[name] = [
                        _(
                            "The team has finished (it has ended with participants, or a "
                            "participant has completed it): its dates cannot be changed."
                        )
                    ]
        if (team.starts_on, team.ends_on) != dates:
            running = list(
                team.enrolments.filter(status=EnrolmentStatus.ENROLLED).values_list(
                    "candidate_id", flat=True
                )
            )
            overlapping = _overlapping_enrolment(running, team)
            if overlapping is not None:
                errors.setdefault("starts_on", []).append(
                    _(
                        "A participant is also on %(course)s from %(start)s to %(end)s: the "
                        "team's new dates would overlap it."
                    )
                    % {
                        "course": overlapping.team.course.title,
                        "start": date_format(overlapping.team.starts_on, "SHORT_DATE_FORMAT"),
                        "end": date_format(overlapping.team.ends_on, "SHORT_DATE_FORMAT"),
                    }
                )
        if not finished and team.starts_on != dates[0]:
            first_finish = team.enrolments.aggregate(first=Min("finished_on"))["first"]
            if first_finish is not None and team.starts_on > first_finish:
                errors.setdefault("starts_on", []).extend(
                    [
                        _(
                            "A participant's course is recorded as finished on %(date)s; the "
                            "team cannot start after that."
                        )
                        % {"date": date_format(first_finish, "SHORT_DATE_FORMAT")}
                    ]
                )
        if errors:
            raise ValidationError(errors)

    updated, changed = _versioned_update(
        locked, expected_version, TEAM_FIELDS, fields, before_save=check
    )
    if changed:
        _promote_waiting(updated)  # more seats serve the waiting list
    return updated, changed


@transaction.atomic
def group_update(
    *, actor: User, group: TeamGroup, expected_version: int | None = None, **fields: Any
) -> tuple[TeamGroup, bool]:
    """Change a group of teams (name, average, minimum): as for providers."""
    locked = TeamGroup.objects.select_for_update().get(pk=group.pk)
    _require_manager(actor, locked.cooperation_id)
    return _versioned_update(locked, expected_version, GROUP_FIELDS, fields)
