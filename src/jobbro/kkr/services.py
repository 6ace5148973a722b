"""Writes of the KKR progress scheme: the secretariat's recommendations and a job centre's
yearly report for a municipality.

A report is saved whole or not at all. What stands is never overwritten unseen: each row
of the form names the version it showed, and a row someone else has changed since is
refused (the user reloads and sees theirs). Every saved version is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobbro.organisations.models import Cooperation, Municipality, Role, User
from jobbro.updates import bump_version, model_update, refuse_stale

from . import selectors
from .models import REMARK_MAX_LENGTH, Assessment, AssessmentChange, Recommendation, Status

RECOMMENDATION_FIELDS = ("number", "area", "text", "obligation", "order", "first_year", "last_year")
# Yellow and red say something is behind; the scheme's remark is where the municipality
# says what and why, so those colours are refused without one. Green may stand alone.
NEEDS_REMARK = (Status.YELLOW, Status.RED)


def field_name(kind: str, recommendation: Recommendation) -> str:
    """The name of a report row's field ("status", "remark", "version"): errors are keyed
    by it, and the report form names its fields so."""
    return f"{kind}_{recommendation.pk}"


def _check_maintainer(actor: User, cooperation: Cooperation) -> None:
    if not actor.memberships.filter(
        role=Role.SECRETARIAT, job_centre__cooperation=cooperation
    ).exists():
        raise PermissionDenied


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


@transaction.atomic
def recommendation_create(
    *, actor: User, cooperation: Cooperation, **fields: Any
) -> Recommendation:
    _check_maintainer(actor, cooperation)
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise TypeError(f"Recommendation cannot have {sorted(unknown)} set here")
    recommendation = Recommendation(cooperation=cooperation, **_clean_fields(fields))
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    actor: User,
    recommendation: Recommendation,
    expected_version: int | None = None,
    **fields: Any,
) -> tuple[Recommendation, bool]:
    """Change a recommendation; its years may not leave out a year already reported on. An
    edit made on a version someone else has changed since is refused."""
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    _check_maintainer(actor, locked.cooperation)
    refuse_stale(
        locked,
        expected_version,
        _(
            "Someone else changed this recommendation while you were editing it. Reload the "
            "page to see their changes, then make yours again."
        ),
    )

    def keep_reported_years(edited: Recommendation) -> None:
        reported = locked.assessments.exclude(
            year__gte=edited.first_year,
            year__lte=edited.last_year if edited.last_year is not None else 9999,
        )
        outside = sorted(set(reported.values_list("year", flat=True)))
        if outside:
            raise ValidationError(
                _(
                    "The municipalities have reported on this recommendation for %(years)s. "
                    "It must stay in force in those years."
                )
                % {"years": ", ".join(str(y) for y in outside)},
                code="reported_years",
            )

    updated, changed = model_update(
        instance=locked,
        fields=RECOMMENDATION_FIELDS,
        data=fields,
        before_save=keep_reported_years,
    )
    if changed:
        bump_version(updated)
    return updated, changed


@dataclass(frozen=True)
class Entry:
    """One row of a municipality's yearly report as the form sent it."""

    recommendation: Recommendation
    status: str  # "" while not assessed
    remark: str
    version: int  # the version the form showed; 0 when there was none


def entry_errors(entry: Entry) -> dict[str, str]:
    """What is wrong with one row by itself, by field name (shared with the form)."""
    errors: dict[str, str] = {}
    remark = entry.remark.strip()
    if entry.status and entry.status not in Status.values:
        errors[field_name("status", entry.recommendation)] = _("Choose green, yellow or red.")
    elif entry.status in NEEDS_REMARK and not remark:
        errors[field_name("remark", entry.recommendation)] = _(
            "Write a remark: a yellow or red assessment says what is missing and why."
        )
    elif remark and not entry.status:
        errors[field_name("status", entry.recommendation)] = _(
            "Choose green, yellow or red for the remark."
        )
    if len(remark) > REMARK_MAX_LENGTH:
        errors[field_name("remark", entry.recommendation)] = _(
            "Keep the remark to %(max)d characters."
        ) % {"max": REMARK_MAX_LENGTH}
    return errors


def _stale(recommendations: Sequence[Recommendation]) -> ValidationError:
    numbers = ", ".join(r.number for r in recommendations)
    return ValidationError(
        ngettext(
            "Someone else changed the assessment of recommendation %(numbers)s while you "
            "were entering yours. Nothing was saved. Reload the page to see their change, "
            "then enter yours again.",
            "Someone else changed the assessments of recommendations %(numbers)s while you "
            "were entering yours. Nothing was saved. Reload the page to see their changes, "
            "then enter yours again.",
            len(recommendations),
        )
        % {"numbers": numbers},
        code="stale_version",
    )


def closed_message(year: int) -> str:
    """Why a past year's report cannot be changed, with the day it closed."""
    return _(
        "The report for %(year)d closed on %(day)s and can no longer be changed. Its "
        "assessments and their history are kept as they were."
    ) % {"year": year, "day": date_format(selectors.closing_day(year), "DATE_FORMAT")}


@transaction.atomic
def year_report(
    *,
    actor: User,
    cooperation: Cooperation,
    municipality: Municipality,
    year: int,
    entries: Sequence[Entry],
    today: dt.date | None = None,
) -> int:
    """Save a municipality's report for a year, all rows or none; return how many
    assessments changed. A row as it stands changes nothing (no new version). A closed
    year (`selectors.open_years`, as on `today`) is refused whole."""
    centre = selectors.reporting_centre(actor, municipality, cooperation)
    if centre is None:
        raise PermissionDenied
    if not selectors.is_open(year, today):
        raise ValidationError(closed_message(year), code="closed_year")
    in_force = {r.pk for r in selectors.in_force(cooperation, year)}
    if any(e.recommendation.pk not in in_force for e in entries):
        raise ValidationError(
            _("A recommendation on the form is not in force in %(year)d.") % {"year": year},
            code="not_in_force",
        )
    # One report for a municipality at a time: a second waits here and then sees the first.
    Municipality.objects.select_for_update().get(pk=municipality.pk)
    current = {
        a.recommendation_id: a
        for a in Assessment.objects.select_for_update().filter(
            municipality=municipality, year=year, recommendation_id__in=in_force
        )
    }
    errors: dict[str, str] = {}
    stale: list[Recommendation] = []
    writes: list[tuple[Entry, Assessment | None]] = []
    for entry in entries:
        errors.update(entry_errors(entry))
        standing = current.get(entry.recommendation.pk)
        remark = entry.remark.strip()
        if standing is None:
            if entry.version:
                stale.append(entry.recommendation)  # cannot vanish; refuse rather than guess
            elif entry.status:
                writes.append((entry, None))
            continue
        if standing.status == entry.status and standing.remark == remark:
            continue
        if standing.version != entry.version:
            stale.append(entry.recommendation)
        elif not entry.status:
            errors[field_name("status", entry.recommendation)] = _(
                "An assessment that was reported cannot be removed; choose its colour now."
            )
        else:
            writes.append((entry, standing))
    if stale:
        raise _stale(stale)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for entry, standing in writes:
        remark = entry.remark.strip()
        if standing is None:
            try:
                with transaction.atomic():
                    standing = Assessment.objects.create(
                        recommendation=entry.recommendation,
                        municipality=municipality,
                        year=year,
                        status=entry.status,
                        remark=remark,
                        job_centre=centre,
                        updated_by=actor,
                        updated_at=now,
                    )
            except IntegrityError:
                # Another report created it a moment ago (no row lock to wait on yet).
                raise _stale([entry.recommendation]) from None
        else:
            standing.status = entry.status
            standing.remark = remark
            standing.version += 1
            standing.job_centre = centre
            standing.updated_by = actor
            standing.updated_at = now
            standing.save(
                update_fields=[
                    "status",
                    "remark",
                    "version",
                    "job_centre",
                    "updated_by",
                    "updated_at",
                ]
            )
        AssessmentChange.objects.create(
            assessment=standing,
            version=standing.version,
            status=standing.status,
            remark=standing.remark,
            job_centre=centre,
            changed_by=actor,
            changed_at=now,
        )
    return len(writes)
