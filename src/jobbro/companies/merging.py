"""Likely duplicates, and merging one company into another.

The merge moves every row that points at the duplicate to the company kept, found through
`_meta.related_objects`, so relations other apps add later (inquiries, surveys, events)
move without this module knowing them. A row that would break a unique constraint once
moved (the kept company already has its counterpart, e.g. a survey answer for the same
quarter) is dropped: the kept company's row wins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.organisations.models import Cooperation, User

from .models import Company, CompanyMerge
from .selectors import contact_consultant_choices, may_manage_company

# Legal forms say nothing about which company it is: "Hansen Byg ApS" is "Hansen Byg A/S".
LEGAL_FORMS = re.compile(r"\b(aps|a/s|i/s|ivs|k/s|p/s|amba|a\.m\.b\.a\.?|smba|fmba)(?=\W|$)")
NOT_ALNUM = re.compile(r"[\W_]+")
MAX_PAIRS = 200
# A blank field of the kept company takes the duplicate's value.
FILLED_FROM_DUPLICATE = ("p_number", "phone", "email", "website")


def normalised_name(name: str) -> str:
    name = LEGAL_FORMS.sub(" ", name.lower().replace("&", " og "))
    return NOT_ALNUM.sub("", name)


def normalised_address(street: str, postcode: str) -> str:
    street = NOT_ALNUM.sub("", street.lower())
    return f"{street}|{postcode.strip()}" if street else ""


@dataclass(frozen=True)
class DuplicatePair:
    first: Company
    second: Company
    same_name: bool
    same_address: bool


def likely_duplicates(cooperation: Cooperation) -> list[DuplicatePair]:
    """Pairs of the cooperation's companies with the same name or address (CVR differs,
    since the database allows one company per CVR), in one query plus one for display."""
    groups: dict[str, list[int]] = defaultdict(list)
    rows = Company.objects.filter(cooperation=cooperation).values_list(
        "pk", "name", "street", "postcode"
    )
    for pk, name, street, postcode in rows:
        groups[f"n:{normalised_name(name)}"].append(pk)
        address = normalised_address(street, postcode)
        if address:
            groups[f"a:{address}"].append(pk)
    reasons: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, pks in groups.items():
        for pair in combinations(sorted(pks), 2):
            reasons[pair].add(key[0])
    pairs = sorted(reasons)[:MAX_PAIRS]
    wanted = {pk for pair in pairs for pk in pair}
    companies = {
        c.pk: c
        for c in Company.objects.filter(pk__in=wanted).select_related("municipality", "industry")
    }
    return [
        DuplicatePair(companies[a], companies[b], "n" in reasons[a, b], "a" in reasons[a, b])
        for a, b in pairs
    ]


@dataclass(frozen=True)
class RelationMove:
    """What a merge does to one relation: rows moved, and rows dropped as clashes."""

    model: str  # "app_label.model_name" of the model that refers to the company
    label: str
    moved: int
    dropped: int


def _target(rel: models.ForeignObjectRel) -> tuple[type[models.Model], str] | None:
    """The model holding the foreign key, and the key's name; None if another rel moves it."""
    if rel.many_to_many:
        through = rel.through  # type: ignore[attr-defined]
        if not through._meta.auto_created:
            return None  # an explicit through model has its own foreign key relation
        return through, rel.field.m2m_reverse_field_name()  # type: ignore[attr-defined]
    return rel.related_model, rel.field.name


def _unique_sets(model: type[models.Model], key: str) -> list[tuple[tuple[str, ...], Q | None]]:
    """The field sets (with their condition) that must stay unique and include the key."""
    sets: list[tuple[tuple[str, ...], Q | None]] = []
    field = model._meta.get_field(key)
    if getattr(field, "unique", False):
        sets.append(((key,), None))
    for together in model._meta.unique_together:
        if key in together:
            sets.append((tuple(together), None))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and key in constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition))
    return sets


def _clashes(
    model: type[models.Model], key: str, source: models.Model, target: models.Model
) -> set[int]:
    """Source rows whose move would repeat a row the target already has."""
    manager = model._base_manager
    clashing: set[int] = set()
    for fields, condition in _unique_sets(model, key):
        moving = manager.filter(**{key: source})
        staying = manager.filter(**{key: target})
        if condition is not None:
            moving, staying = moving.filter(condition), staying.filter(condition)
        others = [f for f in fields if f != key]
        if not others:
            if staying.exists():
                clashing.update(moving.values_list("pk", flat=True))
            continue
        taken = {values for values in staying.values_list(*others) if None not in values}
        for pk, *values in moving.values_list("pk", *others):
            if tuple(values) in taken:
                clashing.add(pk)
    return clashing


def repoint_related(
    *, source: models.Model, target: models.Model, dry_run: bool = False
) -> list[RelationMove]:
    """Point every row that refers to `source` at `target` instead (or count what would)."""
    moves = []
    for rel in type(source)._meta.related_objects:
        found = _target(rel)
        if found is None:
            continue
        model, key = found
        rows = model._base_manager.filter(**{key: source})
        total = rows.count()
        if not total:
            continue
        clashing = _clashes(model, key, source, target)
        if not dry_run:
            if clashing:
                model._base_manager.filter(pk__in=clashing).delete()
            rows.update(**{key: target})
        meta = rel.related_model._meta
        moves.append(
            RelationMove(
                meta.label_lower,
                str(meta.verbose_name_plural),
                total - len(clashing),
                len(clashing),
            )
        )
    return moves


def _check_merge(actor: User, kept: Company, duplicate: Company) -> None:
    if kept.pk == duplicate.pk:
        raise ValidationError(_("Choose two different companies."), code="same_company")
    if kept.cooperation_id != duplicate.cooperation_id:
        raise ValidationError(_("The companies belong to different cooperations."), code="foreign")
    if not (may_manage_company(actor, kept) and may_manage_company(actor, duplicate)):
        raise ValidationError(
            _(
                "Only a business consultant of the companies' home job centre or the "
                "secretariat may merge them."
            ),
            code="not_home",
        )


def merge_preview(*, actor: User, kept: Company, duplicate: Company) -> list[RelationMove]:
    """What `company_merge` would move, without writing."""
    _check_merge(actor, kept, duplicate)
    return repoint_related(source=duplicate, target=kept, dry_run=True)


@transaction.atomic
def company_merge(*, actor: User, kept: Company, duplicate: Company) -> CompanyMerge:
    """Move everything of the duplicate to the company kept, log it, delete the duplicate."""
    kept = Company.objects.select_for_update().get(pk=kept.pk)
    duplicate = Company.objects.select_for_update().get(pk=duplicate.pk)
    _check_merge(actor, kept, duplicate)
    if kept.contacts.filter(is_primary=True).exists():
        # One primary contact per company: the kept company's stays the one.
        duplicate.contacts.update(is_primary=False)
    try:
        with transaction.atomic():
            moves = repoint_related(source=duplicate, target=kept)
    except IntegrityError as error:
        # A constraint this module cannot read (an expression) refused a row; nothing moves.
        raise ValidationError(
            _("The companies cannot be merged automatically; ask the administrator."),
            code="constraint",
        ) from error
    for field in FILLED_FROM_DUPLICATE:
        if not getattr(kept, field) and getattr(duplicate, field):
            setattr(kept, field, getattr(duplicate, field))
    if kept.contact_consultant is None and duplicate.contact_consultant is not None:
        # The duplicate's consultant stays the contact only if the kept company's home
        # job centre is theirs too.
        eligible = contact_consultant_choices(kept).filter(pk=duplicate.contact_consultant.pk)
        kept.contact_consultant = eligible.first()
    kept.is_ambassador = kept.is_ambassador or duplicate.is_ambassador
    kept.save()
    log = CompanyMerge.objects.create(
        company=kept,
        merged_name=duplicate.name,
        merged_cvr=duplicate.cvr,
        merged_p_number=duplicate.p_number,
        moved={m.model: {"moved": m.moved, "dropped": m.dropped} for m in moves},
        merged_by=actor,
        merged_at=timezone.now(),
    )
    duplicate.delete()
    return log
