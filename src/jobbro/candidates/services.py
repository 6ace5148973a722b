"""Writes of candidates and their CV; each user action is one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.organisations import access
from jobbro.organisations.models import JobCentre, Municipality, Role, User
from jobbro.taxonomy.models import Language, Occupation, Qualification, Skill

from .models import (
    Candidate,
    CandidateStatus,
    ConsentScope,
    Cv,
    Education,
    Experience,
    HeldQualification,
    SpokenLanguage,
)
from .selectors import can_edit_candidate


@dataclass(frozen=True, kw_only=True)
class ExperienceRow:
    occupation: Occupation
    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    employer: str = ""
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class EducationRow:
    title: str
    level: str
    institution: str = ""
    completed_year: int | None = None


@dataclass(frozen=True, kw_only=True)
class QualificationRow:
    qualification: Qualification
    obtained_on: dt.date | None = None
    expires_on: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class LanguageRow:
    language: Language
    level: str


def _require_editor(actor: User, candidate: Candidate) -> None:
    if not can_edit_candidate(actor, candidate):
        raise PermissionDenied


def _check_constraints(instance: models.Model) -> None:
    """The model's check constraints, without unique checks against rows being replaced."""
    for constraint in instance._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            constraint.validate(type(instance), instance)


def _describe(model: type[models.Model], error: ValidationError) -> str:
    """One line naming each field's problem, for a message about a whole row."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for field, messages in error.message_dict.items():
        text = " ".join(messages)
        if field != NON_FIELD_ERRORS:
            label = getattr(model._meta.get_field(field), "verbose_name", field)
            text = f"{str(label).capitalize()}: {text}"
        parts.append(text)
    return " ".join(parts)


def _build_rows(
    cv: Cv,
    model: type[models.Model],
    rows: Sequence[Any],
    section: str,
    *,
    unique_by: str | None = None,
) -> tuple[list[models.Model], list[ValidationError]]:
    """Unsaved instances for one CV section, and the errors of each invalid row."""
    instances: list[models.Model] = []
    errors: list[ValidationError] = []
    seen: set[int] = set()
    for number, row in enumerate(rows, start=1):
        instance = model(cv=cv, **asdict(row))
        try:
            instance.full_clean(exclude=["cv"], validate_unique=False, validate_constraints=False)
            _check_constraints(instance)
        except ValidationError as error:
            errors.append(
                ValidationError(
                    _("%(section)s, row %(number)s: %(problem)s"),
                    params={
                        "section": section,
                        "number": number,
                        "problem": _describe(model, error),
                    },
                    code="invalid_row",
                )
            )
            continue
        if unique_by is not None:
            key = getattr(instance, f"{unique_by}_id")
            if key in seen:
                errors.append(
                    ValidationError(
                        _("%(section)s, row %(number)s: %(item)s is listed twice."),
                        params={
                            "section": section,
                            "number": number,
                            "item": getattr(instance, unique_by),
                        },
                        code="duplicate_row",
                    )
                )
                continue
            seen.add(key)
        instances.append(instance)
    return instances, errors


@transaction.atomic
def cv_update(
    *,
    actor: User,
    cv: Cv,
    profile_da: str,
    profile_en: str,
    max_commute_km: int,
    wished_occupations: Iterable[Occupation],
    skills: Iterable[Skill],
    experiences: Sequence[ExperienceRow],
    educations: Sequence[EducationRow],
    qualifications: Sequence[QualificationRow],
    languages: Sequence[LanguageRow],
) -> Cv:
    """Replace the whole CV with what the editor submitted: all of it is saved, or nothing.

    The row lists are the complete new state of each section; rows not in them are
    removed. Every row is validated before anything is written.
    """
    _require_editor(actor, cv.candidate)
    cv.profile_da = profile_da
    cv.profile_en = profile_en
    cv.max_commute_km = max_commute_km
    errors: dict[str, list[ValidationError]] = {}
    try:
        cv.full_clean(exclude=["candidate"])
    except ValidationError as error:
        errors.update(error.update_error_dict({}))
    sections: list[tuple[str, type[models.Model], Sequence[Any], str | None, str]] = [
        ("experiences", Experience, experiences, None, str(_("Experience"))),
        ("educations", Education, educations, None, str(_("Education"))),
        (
            "qualifications",
            HeldQualification,
            qualifications,
            "qualification",
            str(_("Certificates and licences")),
        ),
        ("languages", SpokenLanguage, languages, "language", str(_("Languages"))),
    ]
    built: dict[str, list[models.Model]] = {}
    for key, model, rows, unique_by, title in sections:
        instances, row_errors = _build_rows(cv, model, rows, title, unique_by=unique_by)
        built[key] = instances
        if row_errors:
            errors[key] = row_errors
    if errors:
        raise ValidationError(errors)

    cv.save()
    cv.wished_occupations.set(list(wished_occupations))
    cv.skills.set(list(skills))
    for key, model, _rows, _unique, _title in sections:
        model._default_manager.filter(cv=cv).delete()
        for instance in built[key]:
            instance.cv = cv  # type: ignore[attr-defined]  # the CV may have been new
        model._default_manager.bulk_create(built[key])
    return cv


@transaction.atomic
def candidate_update(
    *,
    actor: User,
    candidate: Candidate,
    email: str,
    phone: str,
    street: str,
    postcode: str,
    municipality: Municipality,
    available_from: dt.date,
    status: str,
    consent_scope: str,
    consent_given_on: dt.date | None = None,
) -> Candidate:
    """Contact data, availability, status and consent of a candidate."""
    _require_editor(actor, candidate)
    if consent_scope == ConsentScope.COOPERATION:
        # Consent is recorded the day it is given unless the editor says otherwise.
        consent_given_on = consent_given_on or timezone.localdate()
        if consent_given_on > timezone.localdate():
            raise ValidationError(
                {"consent_given_on": _("Consent cannot be given in the future.")},
                code="consent_in_future",
            )
    else:
        # Withdrawn or never given: no date that would suggest otherwise.
        consent_given_on = None
    candidate.email = email
    candidate.phone = phone
    candidate.street = street
    candidate.postcode = postcode
    candidate.municipality = municipality
    candidate.available_from = available_from
    candidate.status = status
    if (consent_scope, consent_given_on) != (candidate.consent_scope, candidate.consent_given_on):
        candidate.consent_recorded_by = actor  # given, withdrawn or redated: who said so
    candidate.consent_scope = consent_scope
    candidate.consent_given_on = consent_given_on
    candidate.full_clean()
    candidate.save()
    return candidate


@transaction.atomic
def candidate_hired(*, actor: User, candidate: Candidate, hiring_centre: JobCentre) -> Candidate:
    """A hire puts the candidate in work; only someone who acts for the hiring job centre
    (its recruiting staff, or the cooperation's secretariat) of the candidate's cooperation.

    The job order's hire checks who answers for the order; this is the candidate's side, so
    no other path can set a candidate's status without holding a hiring job centre."""
    acts_for_centre = actor.memberships.filter(
        Q(job_centre=hiring_centre, role__in=list(access.REFERRERS))
        | Q(role=Role.SECRETARIAT, job_centre__cooperation_id=hiring_centre.cooperation_id)
    ).exists()
    locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
    same_cooperation = locked.job_centre.cooperation_id == hiring_centre.cooperation_id
    if not (acts_for_centre and same_cooperation):
        raise PermissionDenied
    if locked.anonymised_at is not None:
        raise ValidationError(_("The candidate's data has been erased."), code="anonymised")
    locked.status = CandidateStatus.HIRED
    locked.save(update_fields=["status", "updated_at"])  # the save journals it for matching
    candidate.status = locked.status
    return locked
