"""Likely duplicates, and merging one company into another.

The merge moves every row that points at the duplicate to the company kept, found through
`_meta.related_objects`, so relations other apps add later (inquiries, surveys, events)
move without this module knowing them. A row that would break a unique constraint once
moved (both companies were invited to the same survey round or event) clashes with its
counterpart: of the two, the row without data (`CARRIES_DATA`) is deleted and the other
kept. When both carry data, or the model is not known here, the merge is refused and the
clashes are listed, so nothing anyone recorded is lost.
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
# Which rows of a model hold something a person recorded (an answer, an outcome); a clash
# deletes the other row. A model missing here counts every row as data.
CARRIES_DATA: dict[str, Q] = {
    "surveys.surveyinvitation": Q(answered_at__isnull=False),
    "events.eventcompany": ~Q(status="invited") | Q(answered_at__isnull=False),
}
# A clash these models settle by changing the duplicate's row so it leaves the constraint's
# condition: the kept company's primary contact stays primary, the duplicate's joins as an
# ordinary contact.
DEMOTED_ON_CLASH: dict[str, dict[str, object]] = {
    "companies.contactperson": {"is_primary": False},
}
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
    """What a merge does to one relation: rows moved, rows deleted, clashes that block it."""

    model: str  # "app_label.model_name" of the model that refers to the company
    label: str
    moved: int
    deleted: int
    conflicts: tuple[str, ...] = ()  # both rows of a clash carry data: the merge is refused


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
) -> dict[int, set[int]]:
    """Source rows whose move would repeat a row the target has: source pk -> target pks."""
    manager = model._base_manager
    clashing: dict[int, set[int]] = defaultdict(set)
    for fields, condition in _unique_sets(model, key):
        moving = manager.filter(**{key: source})
        staying = manager.filter(**{key: target})
        if condition is not None:
            moving, staying = moving.filter(condition), staying.filter(condition)
        others = [f for f in fields if f != key]
        taken: dict[tuple[object, ...], set[int]] = defaultdict(set)
        for pk, *values in staying.values_list("pk", *others):
            if None not in values:
                taken[tuple(values)].add(pk)
        for pk, *values in moving.values_list("pk", *others):
            if tuple(values) in taken:
                clashing[pk] |= taken[tuple(values)]
    return clashing


def _with_data(model: type[models.Model], pks: set[int]) -> set[int]:
    """Those of the rows that carry data: none of a many-to-many link (it is only the link),
    all of them for any other model `CARRIES_DATA` lacks."""
    if model._meta.auto_created or not pks:
        return set()
    condition = CARRIES_DATA.get(model._meta.label_lower)
    if condition is None:
        return set(pks)
    return set(model._base_manager.filter(condition, pk__in=pks).values_list("pk", flat=True))


def repoint_related(
    *, source: models.Model, target: models.Model, dry_run: bool = False
) -> list[RelationMove]:
    """Point every row that refers to `source` at `target` instead (or say what would).

    Of two clashing rows the one without data is deleted; when both carry data the
    relation reports the conflicts and nothing of it is written."""
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
        demote = DEMOTED_ON_CLASH.get(model._meta.label_lower)
        demoted = set(clashing) if demote is not None else set()
        if demoted:
            clashing = {}
        with_data = _with_data(model, set(clashing) | {t for ts in clashing.values() for t in ts})
        doomed: set[int] = set()
        conflicts: list[int] = []
        for pk, counterparts in clashing.items():
            if pk not in with_data:
                doomed.add(pk)  # the duplicate's empty row; the kept company's stays
            elif not counterparts & with_data:
                doomed |= counterparts  # the kept company's empty rows give way
            else:
                conflicts.append(pk)
        meta = rel.related_model._meta
        if conflicts:
            labels = tuple(str(row) for row in model._base_manager.filter(pk__in=conflicts))
            moves.append(
                RelationMove(meta.label_lower, str(meta.verbose_name_plural), 0, 0, labels)
            )
            continue
        if not dry_run:
            if doomed:
                model._base_manager.filter(pk__in=doomed).delete()
            if demote is not None and demoted:
                model._base_manager.filter(pk__in=demoted).update(**demote)
            rows.update(**{key: target})
        moved = total - len(doomed & set(clashing))
        moves.append(
            RelationMove(meta.label_lower, str(meta.verbose_name_plural), moved, len(doomed))
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


def _conflict_error(moves: list[RelationMove]) -> ValidationError:
    return ValidationError(
        [
            ValidationError(
                _("Both companies have %(what)s with data: %(rows)s. Settle them first."),
                code="conflict",
                params={"what": move.label, "rows": "; ".join(move.conflicts)},
            )
            for move in moves
            if move.conflicts
        ]
    )


def merge_preview(*, actor: User, kept: Company, duplicate: Company) -> list[RelationMove]:
    """What `company_merge` would move, without writing."""
    _check_merge(actor, kept, duplicate)
    return repoint_related(source=duplicate, target=kept, dry_run=True)


@transaction.atomic
def company_merge(*, actor: User, kept: Company, duplicate: Company) -> CompanyMerge:
    """Move everything of the duplicate to the company kept, log it, delete the duplicate."""
    # Both rows locked in one query in pk order, so opposite merges cannot deadlock.
    locked = {
        c.pk: c
        for c in Company.objects.select_for_update()
        .filter(pk__in=[kept.pk, duplicate.pk])
        .order_by("pk")
    }
    if len(locked) < 2:
        raise ValidationError(_("One of the companies no longer exists."), code="gone")
    kept, duplicate = locked[kept.pk], locked[duplicate.pk]
    _check_merge(actor, kept, duplicate)
    try:
        with transaction.atomic():
            moves = repoint_related(source=duplicate, target=kept)
            if any(m.conflicts for m in moves):
                raise _conflict_error(moves)
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
        moved={m.model: {"moved": m.moved, "deleted": m.deleted} for m in moves},
        merged_by=actor,
        merged_at=timezone.now(),
    )
    duplicate.delete()
    return log
