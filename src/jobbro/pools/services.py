"""Creating and editing pools, adding and removing members, telling owners of new job
orders. Every function checks the actor's right itself (the rules: docs/pools.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.companies.models import Company, Industry
from jobbro.joborders.models import JobOrder
from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import notify
from jobbro.organisations.models import JobCentre, User
from jobbro.taxonomy.models import Occupation
from jobbro.updates import bump_version, model_update, refuse_stale

from . import selectors
from .models import Pool, PoolKind, PoolMember

POOL_EDITABLE_FIELDS = ("name", "kind", "industries", "company", "occupations", "shared")


def _check_field(
    *, kind: str, company: Company | None, industries: Iterable[Industry], cooperation_id: int
) -> None:
    """A company pool names a company of the cooperation; an industry pool an industry."""
    if kind == PoolKind.COMPANY:
        if company is None:
            message = _("Choose the company the pool recruits for.")
            raise ValidationError({"company": ValidationError(message, code="required")})
        if company.cooperation_id != cooperation_id:
            message = _("The company is not one of the cooperation's.")
            raise ValidationError({"company": ValidationError(message, code="invalid")})
    elif not list(industries):
        message = _("Choose at least one industry for an industry pool.")
        raise ValidationError({"industries": ValidationError(message, code="required")})


@transaction.atomic
def pool_create(
    *,
    actor: User,
    job_centre: JobCentre,
    name: str,
    kind: str,
    industries: Iterable[Industry] = (),
    company: Company | None = None,
    occupations: Iterable[Occupation] = (),
    shared: bool = True,
) -> Pool:
    """A new pool owned by `job_centre`, where the actor must be one of its consultants."""
    if not selectors.job_centres_to_own(actor).filter(pk=job_centre.pk).exists():
        raise PermissionDenied
    industries, occupations = list(industries), list(occupations)
    if kind != PoolKind.COMPANY:
        company = None
    else:
        industries = []
    _check_field(
        kind=kind, company=company, industries=industries, cooperation_id=job_centre.cooperation_id
    )
    pool = Pool(
        cooperation_id=job_centre.cooperation_id,
        job_centre=job_centre,
        name=name.strip(),
        kind=kind,
        company=company,
        shared=shared,
        created_by=actor,
    )
    pool.full_clean()
    pool.save()
    pool.industries.set(industries)
    pool.occupations.set(occupations)
    return pool


def _members_without_consent(pool: Pool) -> bool:
    return pool.members.exclude(candidate__consent_scope=ConsentScope.COOPERATION).exists()


@transaction.atomic
def pool_update(
    *, actor: User, pool: Pool, expected_version: int | None = None, **fields: Any
) -> tuple[Pool, bool]:
    """Change a pool (its owners only); return it and whether anything changed.

    An edit made on a version someone else has changed since (`expected_version`, the
    version the form showed) is refused; a save with nothing changed writes nothing.
    """
    locked = Pool.objects.select_for_update().get(pk=pool.pk)
    if not selectors.is_owner(actor, locked):
        raise PermissionDenied
    refuse_stale(
        locked,
        expected_version,
        _(
            "Someone else changed this pool while you were editing it. Reload the page "
            "to see their changes, then make yours again."
        ),
    )
    data: dict[str, Any] = dict(fields)
    if data.get("kind", locked.kind) == PoolKind.COMPANY:
        data["industries"] = []
    else:
        data["company"] = None

    was_shared = locked.shared

    def check(edited: Pool) -> None:
        if edited.shared and not was_shared and _members_without_consent(edited):
            message = _(
                "The pool holds candidates who have not consented to sharing in the "
                "cooperation: take them out before sharing the pool."
            )
            raise ValidationError({"shared": ValidationError(message, code="consent")})
        industries = data.get("industries", edited.industries.all())
        _check_field(
            kind=edited.kind,
            company=edited.company,
            industries=industries,
            cooperation_id=edited.cooperation_id,
        )

    updated, changed = model_update(
        instance=locked, fields=POOL_EDITABLE_FIELDS, data=data, before_save=check
    )
    if changed:
        bump_version(updated)
    return updated, changed


def member_add(*, actor: User, pool: Pool, candidate: Candidate, note: str = "") -> PoolMember:
    """Put a candidate in the pool: one the actor may see and may add (`selectors.addable`)."""
    if not selectors.may_add_members(actor, pool):
        raise PermissionDenied
    if not selectors.addable(actor, pool).filter(pk=candidate.pk).exists():
        if pool.shared:
            message = _(
                "Only active candidates you may see who consent to sharing in the "
                "cooperation can be in a shared pool."
            )
        else:
            message = _("Only active candidates you may see can be in the pool.")
        raise ValidationError({"candidate": ValidationError(message, code="not_addable")})
    member = PoolMember(pool=pool, candidate=candidate, added_by=actor, note=note.strip())
    member.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        duplicate = ValidationError(_("The candidate is in the pool already."), code="duplicate")
        raise ValidationError({"candidate": duplicate}) from None
    return member


def member_remove(*, actor: User, member: PoolMember) -> None:
    """Take a candidate out: the pool's owners, or the one who added them."""
    owner = selectors.is_owner(actor, member.pool)
    if not selectors.may_remove(actor, member, owner=owner):
        raise PermissionDenied
    member.delete()


def _mail_context(pool: Pool, job_order: JobOrder) -> Mapping[str, Any]:
    return {
        "pool": pool.name,
        "title": job_order.title,
        "company": job_order.company.name,
        "deadline": job_order.deadline.isoformat(),
    }


def notify_pool_owners(job_order: JobOrder) -> int:
    """Tell the owners of every pool whose field the new job order falls in; once per pool
    and job order. Returns how many mails were queued."""
    sent = 0
    for pool in selectors.pools_of_job_order(job_order):
        sent += notify(
            kind=NotificationKind.POOL_JOB_ORDER,
            users=selectors.owners_of(pool),
            template="pools/mail/new_job_order",
            context=_mail_context(pool, job_order),
            link=reverse("sharing:ranked", args=[job_order.pk]) + f"?among={pool.pk}",
            key=f"pool:{pool.pk}:job-order:{job_order.pk}",
        )
    return sent
