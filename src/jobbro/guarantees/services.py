"""Writes of job guarantees: creating and changing one, and proposing those who completed
the team to the guarantee's job orders (rules in docs/upskilling.md, "Job guarantees")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jobbro.candidates.models import Candidate
from jobbro.companies.models import RecruitmentAgreement
from jobbro.joborders import services as joborder_services
from jobbro.joborders.models import JobOrder, JobOrderStatus, Referral
from jobbro.organisations.models import User
from jobbro.updates import model_update, refuse_stale
from jobbro.upskilling.models import EnrolmentStatus, Team

from . import selectors
from .models import JobGuarantee

EDITABLE_FIELDS = ("job_orders", "jobs_promised", "note")


def _check(
    agreement: RecruitmentAgreement,
    team: Team,
    job_orders: Iterable[JobOrder],
    kept: Iterable[int] = (),
) -> None:
    """What the model cannot check: the agreement promises jobs, the team is the same
    cooperation's, and the job orders are the company's and open (one it has may stay)."""
    errors: dict[str, list[str]] = {}
    if not agreement.job_guarantee:
        errors.setdefault("agreement", []).append(
            _(
                "The recruitment agreement has no job guarantee. Mark it as a job guarantee "
                "and write its terms on the agreement first."
            )
        )
    if team.course.provider.cooperation_id != agreement.company.cooperation_id:
        errors.setdefault("team", []).append(_("Choose a course team of your own cooperation."))
    orders = list(job_orders)
    if not orders:
        errors.setdefault("job_orders", []).append(
            _("Choose at least one of the company's job orders to propose the participants to.")
        )
    others = [o for o in orders if o.company_id != agreement.company_id]
    if others:
        errors.setdefault("job_orders", []).append(
            _("Only the company's own job orders can be part of its guarantee: %(titles)s.")
            % {"titles": ", ".join(o.title for o in others)}
        )
    closed = [o for o in orders if o.status != JobOrderStatus.OPEN and o.pk not in set(kept)]
    if closed:
        errors.setdefault("job_orders", []).append(
            _("Only open job orders can be added: %(titles)s.")
            % {"titles": ", ".join(o.title for o in closed)}
        )
    if errors:
        raise ValidationError(errors)


def _duplicate() -> ValidationError:
    return ValidationError(
        {"team": _("The agreement already has a job guarantee for this course team.")},
        code="duplicate",
    )


@transaction.atomic
def guarantee_create(
    *,
    actor: User,
    agreement: RecruitmentAgreement,
    team: Team,
    job_orders: Iterable[JobOrder],
    jobs_promised: int,
    note: str = "",
) -> JobGuarantee:
    if not selectors.may_edit(actor, agreement, team):
        raise PermissionDenied
    orders = list(job_orders)
    _check(agreement, team, orders)
    guarantee = JobGuarantee(
        agreement=agreement,
        team=team,
        jobs_promised=jobs_promised,
        note=note.strip(),
        created_by=actor,
    )
    guarantee.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            guarantee.save()
    except IntegrityError as error:
        raise _duplicate() from error
    guarantee.job_orders.set(orders)
    return guarantee


@transaction.atomic
def guarantee_update(
    *, actor: User, guarantee: JobGuarantee, expected_version: int | None, **fields: Any
) -> tuple[JobGuarantee, bool]:
    """Change the job orders, the jobs promised and the note; an edit of an older version
    is refused, and one that changes nothing writes nothing. Returns whether it changed."""
    locked = (
        JobGuarantee.objects.select_for_update()
        .select_related("agreement__company", "team__course__provider")
        .get(pk=guarantee.pk)
    )
    if not selectors.may_edit(actor, locked.agreement, locked.team):
        raise PermissionDenied
    refuse_stale(
        locked,
        expected_version,
        _(
            "Someone else changed this job guarantee while you were editing it. Reload "
            "the page to see their changes, then make yours again."
        ),
    )
    kept = set(locked.job_orders.values_list("pk", flat=True))
    if "job_orders" in fields:
        _check(locked.agreement, locked.team, fields["job_orders"], kept=kept)
    changed = model_update(instance=locked, fields=EDITABLE_FIELDS, data=fields)[1]
    if changed:
        locked.version += 1
        locked.updated_by = actor
        locked.save(update_fields=["version", "updated_by", "updated_at"])
    return locked, changed


def _motivation(guarantee: JobGuarantee) -> str:
    return _(
        "Completed %(course)s, the course team of the job guarantee in the recruitment "
        "agreement with %(company)s."
    ) % {"course": guarantee.team.course.title, "company": guarantee.agreement.company.name}


@transaction.atomic
def propose_participant(
    *, actor: User, guarantee: JobGuarantee, candidate: Candidate
) -> list[Referral]:
    """Propose one who completed the team to each of the guarantee's open job orders they
    are not proposed to yet: as often as it runs, each pair is proposed once.

    A candidate goes to a job order another job centre runs only with consent to sharing
    (`selectors.proposal_allowed`); one the actor may not propose (not looking for work,
    not visible to them) is left out. Each proposal is its own savepoint."""
    orders = guarantee.job_orders.filter(status=JobOrderStatus.OPEN).exclude(
        referrals__candidate=candidate
    )
    made: list[Referral] = []
    for order in orders.select_related("company"):
        if not selectors.proposal_allowed(candidate, order):
            continue
        try:
            referral = joborder_services.referral_propose(
                actor=actor, job_order=order, candidate=candidate, motivation=_motivation(guarantee)
            )
        except ValidationError:
            continue
        made.append(referral)
    return made


@dataclass(frozen=True)
class Proposed:
    referrals: int  # proposals made now
    candidates: int  # participants proposed now to at least one job order


@transaction.atomic
def propose_completed(*, actor: User, guarantee: JobGuarantee) -> Proposed:
    """Propose everyone who completed the team and is not proposed yet (a guarantee made,
    or a job order added, after they completed); idempotent like `propose_participant`."""
    if not selectors.may_edit(actor, guarantee.agreement, guarantee.team):
        raise PermissionDenied
    completed = Candidate.objects.filter(
        pk__in=guarantee.team.enrolments.filter(status=EnrolmentStatus.COMPLETED).values(
            "candidate_id"
        )
    ).order_by("pk")
    referrals = candidates = 0
    for candidate in completed:
        made = propose_participant(actor=actor, guarantee=guarantee, candidate=candidate)
        referrals += len(made)
        candidates += bool(made)
    return Proposed(referrals=referrals, candidates=candidates)
