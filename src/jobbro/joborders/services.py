"""Writes about job orders, referrals, hires and follow-ups; one user action, one transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.candidates.services import candidate_hired
from jobbro.companies.models import Company
from jobbro.companies.selectors import Acting, acting_for
from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, Municipality, User
from jobbro.organisations.selectors import home_job_centre
from jobbro.taxonomy.models import Occupation, Skill
from jobbro.updates import model_update, refuse_stale

from . import postings, selectors
from .models import (
    FollowUp,
    FollowUpStep,
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    JobOrderTask,
    Placement,
    Project,
    Referral,
    ReferralState,
    ReferralTransition,
    Requirement,
    RequirementKind,
)
from .signals import job_order_created

# The job posting (joborders/postings.py): whether the order is published and what the
# public reads; the same fields on create and edit.
PUBLICATION_FIELDS = (
    "published",
    "public_description",
    "how_to_apply",
    "salary_min",
    "salary_max",
    "salary_unit",
)

# What an edit may change; company, creator and hires are not the user's to set.
JOB_ORDER_EDITABLE_FIELDS = (
    "title",
    "occupation",
    "tasks",
    "positions",
    "kind",
    "hours_per_week",
    "workplace_address",
    "workplace_municipality",
    "start_date",
    "deadline",
    "project",
    "status",
    "job_centre",
    *PUBLICATION_FIELDS,
)

# The one field each requirement kind fills in; the others stay empty (a check constraint).
REQUIREMENT_TARGETS: dict[str, tuple[str, ...]] = {
    RequirementKind.QUALIFICATION: ("qualification",),
    RequirementKind.LANGUAGE: ("language", "language_level"),
    RequirementKind.SKILL: ("skill",),
    RequirementKind.EXPERIENCE: ("min_years",),
}
REQUIREMENT_TARGET_FIELDS = ("qualification", "language", "language_level", "skill", "min_years")

# The company's answers; a hire goes through referral_hire, which also writes the placement.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralState.PROPOSED: frozenset(
        {ReferralState.INTERVIEW, ReferralState.DECLINED, ReferralState.WITHDRAWN}
    ),
    ReferralState.INTERVIEW: frozenset({ReferralState.DECLINED, ReferralState.WITHDRAWN}),
}
HIREABLE_STATES = frozenset({ReferralState.PROPOSED, ReferralState.INTERVIEW})

FOLLOW_UP_OFFSETS = {
    FollowUpStep.WEEK: dt.timedelta(days=7),
    FollowUpStep.MONTH: dt.timedelta(days=30),
    FollowUpStep.QUARTER: dt.timedelta(days=90),
}


# --- job orders --------------------------------------------------------------------------


def _build_requirement(job_order: JobOrder, data: Mapping[str, Any]) -> Requirement:
    """A requirement with only the target its kind names; a missing target is the user's error."""
    kind = data.get("kind")
    if kind not in REQUIREMENT_TARGETS:
        raise ValidationError(_("Choose what kind of requirement it is."), code="kind")
    values = {name: data.get(name) for name in REQUIREMENT_TARGET_FIELDS}
    keep = REQUIREMENT_TARGETS[kind]
    for name in REQUIREMENT_TARGET_FIELDS:
        if name not in keep:
            values[name] = "" if name == "language_level" else None
    missing = {
        RequirementKind.QUALIFICATION: _("Choose the certificate or licence."),
        RequirementKind.LANGUAGE: _("Choose the language and the minimum level."),
        RequirementKind.SKILL: _("Choose the skill."),
        RequirementKind.EXPERIENCE: _("Give the minimum years of experience."),
    }
    if any(values[name] in (None, "") for name in keep):
        raise ValidationError(missing[kind], code="missing_target")
    requirement = Requirement(
        job_order=job_order,
        importance=data.get("importance") or "",
        kind=kind,
        qualification=values["qualification"],
        language=values["language"],
        language_level=values["language_level"] or "",
        skill=values["skill"],
        min_years=values["min_years"],
    )
    requirement.full_clean(exclude=["job_order"])
    return requirement


def _replace_requirements(job_order: JobOrder, requirements: Iterable[Mapping[str, Any]]) -> None:
    built = [_build_requirement(job_order, data) for data in requirements]
    job_order.requirements.all().delete()
    Requirement.objects.bulk_create(built)


def _check_job_order(job_order: JobOrder) -> None:
    errors: dict[str, str] = {}
    if job_order.deadline and job_order.start_date and job_order.deadline > job_order.start_date:
        errors["deadline"] = _("The application deadline must not be after the start date.")
    if job_order.positions is not None and job_order.positions < job_order.hires:
        errors["positions"] = _(
            "There cannot be fewer positions than the %(hires)s hires already made."
        ) % {"hires": job_order.hires}
    if job_order.project and job_order.project.cooperation_id != job_order.company.cooperation_id:
        errors["project"] = _("The project belongs to another cooperation.")
    if job_order.job_centre.cooperation_id != job_order.company.cooperation_id:
        errors["job_centre"] = _("The job centre is not a member of the company's cooperation.")
    if errors:
        raise ValidationError(errors)


def _settle_publication(job_order: JobOrder, *, was_published: bool) -> None:
    """A newly published order gets its posting key (once: its address stays) and its date
    of posting; only an open order with a description for the public is published."""
    if not job_order.published:
        return
    errors: dict[str, str] = {}
    if not job_order.public_description.strip():
        errors["public_description"] = _(
            "Write a description for the posting: the job order's own text is not published."
        )
    for field in ("public_description", "how_to_apply"):
        personal = postings.personal_data_in(getattr(job_order, field), job_order.company)
        if personal:
            errors[field] = _(
                "Nothing personal is published: remove %(what)s from the text for the public."
            ) % {"what": ", ".join(personal)}
    if not was_published and job_order.status != JobOrderStatus.OPEN:
        errors["published"] = _("Only an open job order can be published.")
    if errors:
        raise ValidationError(errors)
    if job_order.posting_key is None:
        job_order.posting_key = secrets.token_urlsafe(16)
    if not was_published or job_order.published_at is None:
        job_order.published_at = timezone.now()


def responsible_for(*, actor: User, company: Company) -> Acting:
    """Who runs a new job order for the company: a job centre, or the secretariat.

    - The company's home job centre (the member serving its municipality) holds the company
      and its job orders. When the actor acts only as the secretariat (secretariat staff,
      no business consultant in the cooperation, see `companies.selectors.acting_for`), the
      secretariat has taken the order home and runs it (`by_secretariat`); the home centre
      stays its job centre and its staff answer for it too.
    - A company outside the member municipalities has no home centre: its orders go to the
      secretariat, whoever takes them in (a business consultant too), as its inquiries do
      on the shared line. The host centre is recorded, `by_secretariat` says it is not it.
    - A cooperation without a secretariat: the actor's own job centre, as before.

    Refuses (ValidationError) an actor who neither consults nor is the secretariat in the
    company's cooperation.
    """
    acting = acting_for(actor, company)
    home = home_job_centre(company.municipality, company.cooperation)
    if home is not None:
        return Acting(home, by_secretariat=acting.by_secretariat)
    host_id = company.cooperation.secretariat_id
    if host_id is not None:
        return Acting(JobCentre.objects.get(pk=host_id), by_secretariat=True)
    return acting


@transaction.atomic
def job_order_create(
    *,
    actor: User,
    company: Company,
    title: str,
    occupation: Occupation,
    workplace_address: str,
    workplace_municipality: Municipality,
    start_date: dt.date,
    deadline: dt.date,
    positions: int = 1,
    kind: str = JobOrderKind.ORDINARY,
    hours_per_week: int = 37,
    tasks: str = "",
    project: Project | None = None,
    job_centre: JobCentre | None = None,
    requirements: Iterable[Mapping[str, Any]] = (),
    **publication: Any,
) -> JobOrder:
    """Register a job order with its requirements, all or nothing.

    It goes to the job centre or the secretariat `responsible_for` names, unless a
    `job_centre` is given (then that centre runs it).
    """
    responsible = (
        Acting(job_centre, by_secretariat=False)
        if job_centre is not None
        else responsible_for(actor=actor, company=company)
    )
    job_order = JobOrder(
        company=company,
        job_centre=responsible.job_centre,
        by_secretariat=responsible.by_secretariat,
        created_by=actor,
        title=title.strip(),
        occupation=occupation,
        tasks=tasks.strip(),
        positions=positions,
        kind=kind,
        hours_per_week=hours_per_week,
        workplace_address=workplace_address.strip(),
        workplace_municipality=workplace_municipality,
        start_date=start_date,
        deadline=deadline,
        project=project,
        status=JobOrderStatus.OPEN,
    )
    unknown = set(publication) - set(PUBLICATION_FIELDS)
    if unknown:
        raise TypeError(f"job_order_create takes no {sorted(unknown)}")
    for name, value in publication.items():
        setattr(job_order, name, value.strip() if isinstance(value, str) else value)
    _check_job_order(job_order)
    _settle_publication(job_order, was_published=False)
    job_order.full_clean()
    job_order.save()
    _replace_requirements(job_order, requirements)
    job_order_created.send(sender=JobOrder, job_order=job_order)
    return job_order


def _locked_for_edit(actor: User, job_order: JobOrder, expected_version: int | None) -> JobOrder:
    """The job order's row locked to this transaction, for an editor; refused when the
    version the editor's form showed has been changed since."""
    locked = JobOrder.objects.select_for_update().get(pk=job_order.pk)
    if not selectors.may_edit(actor, locked):
        raise PermissionDenied
    refuse_stale(
        locked,
        expected_version,
        _(
            "Someone else changed this job order while you were editing it. Reload the "
            "page to see their changes, then make yours again."
        ),
    )
    return locked


@transaction.atomic
def job_order_update(
    *,
    actor: User,
    job_order: JobOrder,
    requirements: Iterable[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> JobOrder:
    """Change a job order; given requirements replace the old ones, all or nothing.

    With `expected_version` (the version the editor's form showed), an edit made on a
    version someone else has changed since is refused rather than silently overwriting.
    """
    locked = _locked_for_edit(actor, job_order, expected_version)
    if fields.get("status") == JobOrderStatus.FILLED and locked.status != JobOrderStatus.FILLED:
        # "Filled" follows from the hires; the user opens, closes or cancels (the edit form
        # offers it only to an order filled already, and refuses it so).
        raise ValidationError(
            {
                "status": ValidationError(
                    forms.ChoiceField.default_error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": JobOrderStatus.FILLED.value},
                )
            }
        )
    was_published = locked.published

    def settle(edited: JobOrder) -> None:
        edited.version += 1
        if edited.status == JobOrderStatus.FILLED and edited.hires < edited.positions:
            # More positions than hires: the order is open again; "filled" is not the user's to set.
            edited.status = JobOrderStatus.OPEN
        elif edited.status == JobOrderStatus.OPEN and edited.hires >= edited.positions:
            edited.status = JobOrderStatus.FILLED
        _check_job_order(edited)
        _check_people_on_tasks(
            edited.job_tasks.aggregate(people=Sum("positions"))["people"],
            edited.positions,
            field="positions",
        )
        _settle_publication(edited, was_published=was_published)

    moved_from = locked.job_centre_id
    model_update(instance=locked, fields=JOB_ORDER_EDITABLE_FIELDS, data=fields, before_save=settle)
    if locked.job_centre_id != moved_from:
        # The hires' follow-ups move with the order to the centre that now runs it.
        FollowUp.objects.filter(placement__referral__job_order=locked).update(
            job_order_centre=locked.job_centre_id
        )
    if requirements is not None:
        _replace_requirements(locked, requirements)
    return locked


# --- the job order broken into tasks (substitution labour) ------------------------------

TASK_FIELDS = ("title", "description", "skills", "needs_trade", "positions", "hours_per_week")


def _check_people_on_tasks(people: int | None, positions: int, *, field: str | None) -> None:
    """The tasks share out the order's positions: together they need no more people than
    it has (fewer: the rest of the work is not broken into tasks)."""
    if people is not None and people > positions:
        # One sentence per number, so each is put in the singular or plural on its own.
        message = " ".join(
            (
                ngettext(
                    "The tasks need %(people)s person together.",
                    "The tasks need %(people)s people together.",
                    people,
                )
                % {"people": people},
                ngettext(
                    "The job order has only %(positions)s position.",
                    "The job order has only %(positions)s positions.",
                    positions,
                )
                % {"positions": positions},
                _("Give fewer people on the tasks or more positions on the job order."),
            )
        )
        raise ValidationError({field: message} if field else message, code="too_many_people")


def _task_errors(data: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not str(data.get("title") or "").strip():
        errors["title"] = _("Give the task a title.")
    if not data.get("needs_trade") and not list(data.get("skills") or []):
        errors["skills"] = _(
            "Choose at least one skill: a task without the trade is matched by its skills."
        )
    return errors


@transaction.atomic
def job_order_tasks_save(
    *,
    actor: User,
    job_order: JobOrder,
    tasks: Iterable[Mapping[str, Any]],
    expected_version: int | None = None,
) -> tuple[list[JobOrderTask], bool]:
    """Save the tasks the job order is broken into, all or nothing, in the order given;
    return them and whether anything changed.

    Each mapping holds `TASK_FIELDS` and the `id` of a task it changes (none for a new
    one); the order's tasks not given are removed, so a list saved unchanged stays as it
    was. Those who may edit the order edit its tasks (`selectors.may_edit`); the order's
    version goes up, as with any edit, and an edit on an older version is refused. A save
    that changes nothing (no task added, removed, moved or altered) writes nothing and
    leaves the version as it was, so it does not make a colleague's open edit stale.
    """
    locked = _locked_for_edit(actor, job_order, expected_version)
    existing = {task.pk: task for task in locked.job_tasks.all()}
    given = list(tasks)
    kept: set[int] = set()
    for data in given:
        pk = data.get("id")
        if pk is not None and pk not in existing:
            raise ValidationError(_("A task is not this job order's."), code="foreign_task")
        if pk is not None and pk in kept:
            raise ValidationError(_("A task is listed twice."), code="duplicate_task")
        if pk is not None:
            kept.add(pk)
        errors = _task_errors(data)
        if errors:
            raise ValidationError(errors)
    _check_people_on_tasks(
        sum(data.get("positions") or 1 for data in given), locked.positions, field=None
    )
    removed = set(existing) - kept
    changed = bool(removed)
    if removed:
        JobOrderTask.objects.filter(pk__in=removed).delete()
    saved = []
    for position, data in enumerate(given):
        values = {name: data.get(name) for name in TASK_FIELDS}
        values["description"] = values["description"] or ""
        values["needs_trade"] = bool(values["needs_trade"])
        values["positions"] = values["positions"] or 1
        skills: list[Skill] = list(values.pop("skills") or [])
        pk = data.get("id")
        if pk is None:
            task = JobOrderTask(job_order=locked, position=position)
            for name, value in values.items():
                setattr(task, name, value.strip() if isinstance(value, str) else value)
            task.full_clean(exclude=["job_order"])
            task.save()
            task.skills.set(skills)
            changed = True
        else:
            task, task_changed = model_update(
                instance=existing[pk],
                fields=(*TASK_FIELDS, "position"),
                data={**values, "skills": skills, "position": position},
            )
            changed = changed or task_changed
        saved.append(task)
    if changed:
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
    return saved, changed


# --- referrals ---------------------------------------------------------------------------


def _log_transition(
    referral: Referral,
    *,
    actor: User,
    from_state: str,
    to_state: str,
    reason: str,
    at: dt.datetime | None = None,
) -> ReferralTransition:
    return ReferralTransition.objects.create(
        referral=referral,
        from_state=from_state,
        to_state=to_state,
        by=actor,
        at=at or timezone.now(),
        reason=reason.strip(),
    )


@transaction.atomic
def referral_propose(
    *,
    actor: User,
    job_order: JobOrder,
    candidate: Candidate,
    motivation: str = "",
) -> Referral:
    """Propose a candidate the actor may see for an open job order.

    Pages propose through `screening.services.referral_propose_screened`, which answers
    the cooperation's checklist in the same transaction.
    """
    if job_order.status != JobOrderStatus.OPEN:
        raise ValidationError(_("The job order is not open for proposals."), code="not_open")
    if candidate.status != CandidateStatus.ACTIVE:
        raise ValidationError(
            _("Only candidates looking for work can be proposed."), code="not_active"
        )
    visible = selectors.candidates_visible_to(actor).filter(
        pk=candidate.pk, job_centre__cooperation=job_order.company.cooperation_id
    )
    if not visible.exists():
        raise ValidationError(
            _(
                "You cannot propose this candidate: they have not consented to sharing "
                "with other job centres in the cooperation."
            ),
            code="no_consent",
        )
    now = timezone.now()
    referral = Referral(
        job_order=job_order,
        candidate=candidate,
        proposed_by=actor,
        state=ReferralState.PROPOSED,
        motivation=motivation.strip(),
        created_at=now,
    )
    try:
        # A savepoint: the unique constraint decides, even when two people propose at once.
        with transaction.atomic():
            referral.save()
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s is already proposed for this job order.") % {"name": candidate.full_name},
            code="duplicate",
        ) from error
    # The first step is the proposal itself: at the referral's own time.
    _log_transition(
        referral, actor=actor, from_state="", to_state=ReferralState.PROPOSED, reason="", at=now
    )
    return referral


def _illegal_transition(from_state: str, to_state: str) -> ValidationError:
    labels = dict(ReferralState.choices)
    return ValidationError(
        _("A referral cannot go from “%(from)s” to “%(to)s”.")
        % {"from": labels.get(from_state, from_state), "to": labels.get(to_state, to_state)},
        code="illegal_transition",
    )


@transaction.atomic
def referral_transition(
    *, actor: User, referral: Referral, to_state: str, reason: str = ""
) -> Referral:
    """Record the company's answer or a withdrawal; the row is locked so answers do not cross."""
    locked = Referral.objects.select_for_update().select_related("job_order").get(pk=referral.pk)
    if not selectors.may_answer_for(actor, locked.job_order):
        raise PermissionDenied
    if to_state == ReferralState.HIRED:
        raise ValidationError(
            _("Record a hire with the hire form, so the placement is registered too."),
            code="hire_via_form",
        )
    if to_state not in ALLOWED_TRANSITIONS.get(locked.state, frozenset()):
        raise _illegal_transition(locked.state, to_state)
    from_state = locked.state
    locked.state = to_state
    locked.save(update_fields=["state", "updated_at"])
    _log_transition(locked, actor=actor, from_state=from_state, to_state=to_state, reason=reason)
    referral.state = locked.state
    return locked


@transaction.atomic
def referral_hire(
    *,
    actor: User,
    referral: Referral,
    start_date: dt.date,
    hours_per_week: int,
    ordinary_hours: bool = True,
    onboarding_consultant: User | None = None,
    reason: str = "",
) -> Placement:
    """Hire the candidate: placement, one more hire on the order, follow-ups, candidate in work."""
    locked = (
        Referral.objects.select_for_update()
        .select_related("job_order", "candidate")
        .get(pk=referral.pk)
    )
    if not selectors.may_answer_for(actor, locked.job_order):
        raise PermissionDenied
    if locked.state not in HIREABLE_STATES:
        raise _illegal_transition(locked.state, ReferralState.HIRED)
    if locked.job_order.status in (JobOrderStatus.CLOSED, JobOrderStatus.CANCELLED):
        raise ValidationError(_("The job order is closed."), code="closed")
    if not 1 <= hours_per_week <= 80:
        raise ValidationError(
            {"hours_per_week": _("Give the weekly hours, between 1 and 80.")}, code="hours"
        )
    # Nobody starts before being proposed; a typo years back would make every follow-up due.
    proposed_on = timezone.localtime(locked.created_at).date()
    if start_date < proposed_on:
        raise ValidationError(
            {
                "start_date": _(
                    "The first working day cannot be before the candidate was proposed (%(date)s)."
                )
                % {"date": formats.date_format(proposed_on, "SHORT_DATE_FORMAT")}
            },
            code="start_before_proposal",
        )
    try:
        # The database's hires <= positions check is what stops over-filling, even in a race.
        with transaction.atomic():
            JobOrder.objects.filter(pk=locked.job_order_id).update(
                hires=F("hires") + 1, updated_at=timezone.now()
            )
    except IntegrityError as error:
        raise ValidationError(_("All positions are filled."), code="filled") from error
    job_order = JobOrder.objects.get(pk=locked.job_order_id)
    if job_order.hires >= job_order.positions and job_order.status == JobOrderStatus.OPEN:
        job_order.status = JobOrderStatus.FILLED
        job_order.save(update_fields=["status", "updated_at"])

    placement = Placement.objects.create(
        referral=locked,
        start_date=start_date,
        hours_per_week=hours_per_week,
        ordinary_hours=ordinary_hours,
        recorded_by=actor,
        onboarding_consultant=onboarding_consultant,
        created_at=timezone.now(),
    )
    FollowUp.objects.bulk_create(
        FollowUp(
            placement=placement,
            step=step,
            due_on=start_date + offset,
            job_order_centre_id=locked.job_order.job_centre_id,
            candidate_centre_id=locked.candidate.job_centre_id,
        )
        for step, offset in FOLLOW_UP_OFFSETS.items()
    )
    from_state = locked.state
    locked.state = ReferralState.HIRED
    locked.save(update_fields=["state", "updated_at"])
    _log_transition(
        locked, actor=actor, from_state=from_state, to_state=ReferralState.HIRED, reason=reason
    )
    candidate_hired(
        actor=actor,
        candidate=locked.candidate,
        hiring_centre=locked.job_order.job_centre,
    )
    referral.state = locked.state
    return placement


# --- follow-ups --------------------------------------------------------------------------


@transaction.atomic
def follow_up_record(
    *,
    actor: User,
    follow_up: FollowUp,
    still_employed: bool,
    ordinary_hours: bool | None,
    note: str = "",
) -> FollowUp:
    """Record how the hired candidate is doing; a follow-up is recorded once."""
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if locked.done_at is not None:
        raise ValidationError(_("This follow-up is already recorded."), code="done")
    locked.done_at = timezone.now()
    locked.done_by = actor
    locked.still_employed = still_employed
    # Hours only mean something while the person is still in the job.
    locked.ordinary_hours = ordinary_hours if still_employed else None
    locked.note = note.strip()
    # "Ordinary hours" is empty when the person has left; the check constraint covers the rest.
    locked.full_clean(exclude=["ordinary_hours"])
    locked.save()
    return locked


# --- projects ----------------------------------------------------------------------------

PROJECT_FIELDS = ("name", "description", "start_date", "end_date")


def _check_project(project: Project) -> None:
    errors: dict[str, str] = {}
    if project.start_date and project.end_date and project.end_date < project.start_date:
        errors["end_date"] = _("The project cannot end before it starts.")
    same_name = Project.objects.filter(
        cooperation_id=project.cooperation_id, name__iexact=project.name.strip()
    ).exclude(pk=project.pk)
    if same_name.exists():
        errors["name"] = _("The cooperation has a project of that name already.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def project_create(
    *,
    actor: User,
    cooperation: Cooperation,
    name: str,
    description: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Project:
    """A new project of the cooperation, set up by its secretariat or a manager."""
    if not actor.memberships.filter(
        job_centre__cooperation=cooperation, role__in=access.PROJECT_EDITORS
    ).exists():
        raise PermissionDenied
    project = Project(
        cooperation=cooperation,
        name=name.strip(),
        description=description.strip(),
        start_date=start_date,
        end_date=end_date,
    )
    _check_project(project)
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_update(*, actor: User, project: Project, **fields: Any) -> Project:
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if not selectors.may_edit_project(actor, locked):
        raise PermissionDenied
    model_update(instance=locked, fields=PROJECT_FIELDS, data=fields, before_save=_check_project)
    return locked
