"""Writes of candidates and their CV; each user action is one transaction."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.crypto import hash_cpr
from jobbro.organisations import access
from jobbro.organisations.models import (
    JobCentre,
    Municipality,
    PartnerKind,
    PartnerOrganisation,
    Role,
    User,
)
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
    TargetGroup,
)
from .selectors import can_edit_candidate
from .validators import cpr_birth_date, normalise_cpr, validate_cpr


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


class _Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


# Leaves a field of `candidate_update` as it is (None means "none" for the fund).
UNCHANGED = _Unchanged.UNCHANGED


def _check_unemployment_fund(fund: PartnerOrganisation | None, job_centre: JobCentre) -> None:
    """Only an unemployment fund (a-kasse) among the partners of the job centre's cooperation."""
    if fund is None:
        return
    in_cooperation = fund.cooperation_id == job_centre.cooperation_id
    if fund.kind != PartnerKind.UNEMPLOYMENT_FUND or not in_cooperation:
        raise ValidationError(
            {
                "unemployment_fund": ValidationError(
                    _("Choose an unemployment fund (a-kasse) among the cooperation's partners."),
                    code="not_unemployment_fund",
                )
            }
        )


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
    target_groups: Iterable[TargetGroup] | _Unchanged = UNCHANGED,
    unemployment_fund: PartnerOrganisation | _Unchanged | None = UNCHANGED,
    first_name: str | _Unchanged = UNCHANGED,
    last_name: str | _Unchanged = UNCHANGED,
) -> Candidate:
    """Name, contact data, availability, status, consent, target groups and unemployment fund.

    The name, target groups and the fund stay as they are when not given (UNCHANGED)."""
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
    if not isinstance(unemployment_fund, _Unchanged):
        stored = Candidate.objects.filter(pk=candidate.pk).values_list(
            "unemployment_fund_id", flat=True
        )
        # A fund kept as it is passes, even one the admin set before this check existed.
        if unemployment_fund is not None and unemployment_fund.pk != stored.get():
            _check_unemployment_fund(unemployment_fund, candidate.job_centre)
        candidate.unemployment_fund = unemployment_fund
    if not isinstance(first_name, _Unchanged):
        candidate.first_name = first_name
    if not isinstance(last_name, _Unchanged):
        candidate.last_name = last_name
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
    if not isinstance(target_groups, _Unchanged):
        candidate.target_groups.set(list(target_groups))
    return candidate


def _duplicate_cpr_error(existing: Candidate, job_centre: JobCentre) -> ValidationError:
    """The CPR number is taken: at the job centre itself the person is named (the editor
    may open them); elsewhere only the job centre is, nothing about its candidate."""
    if existing.job_centre_id == job_centre.pk:
        error = ValidationError(
            _("This person is already a candidate at your job centre: %(name)s."),
            code="duplicate_cpr_own",
            params={"name": existing.full_name, "pk": existing.pk},
        )
    else:
        error = ValidationError(
            _(
                "This person is already a candidate at %(centre)s. A candidate belongs to one "
                "job centre; contact %(centre)s if the person has moved."
            ),
            code="duplicate_cpr_elsewhere",
            params={"centre": existing.job_centre.name},
        )
    return ValidationError({"cpr": error})


def _existing_by_cpr(cpr_hash: str) -> Candidate | None:
    return Candidate.objects.select_related("job_centre").filter(cpr_hash=cpr_hash).first()


@transaction.atomic
def candidate_create(
    *,
    actor: User,
    job_centre: JobCentre,
    cpr: str,
    first_name: str,
    last_name: str,
    municipality: Municipality,
    email: str = "",
    phone: str = "",
    street: str = "",
    postcode: str = "",
    available_from: dt.date | None = None,
    target_groups: Iterable[TargetGroup] = (),
    unemployment_fund: PartnerOrganisation | None = None,
    wished_occupations: Iterable[Occupation] = (),
) -> Candidate:
    """Register a person as a candidate of the job centre: active, with an empty CV.

    Only a candidate editor (job consultant) of that job centre. The CPR number is
    validated and must be new: its keyed hash finds the person at any job centre. Consent
    to sharing is not asked here (it is recorded on the edit page), so other job centres
    of the cooperation find the candidate in their ranked lists only anonymously.
    """
    if not actor.memberships.filter(
        job_centre=job_centre, role__in=list(access.CANDIDATE_EDITORS)
    ).exists():
        raise PermissionDenied
    cpr = normalise_cpr(cpr)
    try:
        validate_cpr(cpr)
    except ValidationError as error:
        raise ValidationError({"cpr": error.error_list}) from error
    cpr_hash = hash_cpr(cpr)
    existing = _existing_by_cpr(cpr_hash)
    if existing is not None:
        raise _duplicate_cpr_error(existing, job_centre)
    _check_unemployment_fund(unemployment_fund, job_centre)
    today = timezone.localdate()
    birth_date = cpr_birth_date(cpr)
    assert birth_date is not None  # validated above
    candidate = Candidate(
        job_centre=job_centre,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=birth_date,
        email=email,
        phone=phone,
        street=street,
        postcode=postcode,
        municipality=municipality,
        unemployment_fund=unemployment_fund,
        consent_scope=ConsentScope.NONE,
        available_from=available_from or today,
        status=CandidateStatus.ACTIVE,
        registered_on=today,
    )
    candidate.cpr = cpr
    candidate.full_clean(validate_unique=False)
    try:
        # A savepoint, so a concurrent registration of the same person is the same message.
        with transaction.atomic():
            candidate.save()
    except IntegrityError as error:
        existing = _existing_by_cpr(cpr_hash)
        if existing is None:
            raise
        raise _duplicate_cpr_error(existing, job_centre) from error
    candidate.target_groups.set(list(target_groups))
    # The empty CV the matching reads; wished occupations already make the person findable.
    cv = Cv.objects.create(candidate=candidate)
    cv.wished_occupations.set(list(wished_occupations))
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


@transaction.atomic
def cv_add_gains(
    *,
    actor: User,
    candidate: Candidate,
    qualifications: Iterable[Qualification],
    skills: Iterable[Skill],
    obtained_on: dt.date,
) -> Cv:
    """Add certificates and skills the candidate gained (a completed course) to the CV.

    Rows the CV holds already stay as they are. Each write goes through the model, so the
    matching journal is written in this transaction and the next search counts them."""
    _require_editor(actor, candidate)
    cv, _created = Cv.objects.get_or_create(candidate=candidate)
    held = set(cv.qualifications.values_list("qualification_id", flat=True))
    for qualification in qualifications:
        if qualification.pk not in held:
            HeldQualification.objects.create(
                cv=cv, qualification=qualification, obtained_on=obtained_on
            )
    cv.skills.add(*skills)
    return cv
