"""Writes of the common screening checklists and of a referral's screening answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobbro.candidates.models import Candidate
from jobbro.joborders import services as joborder_services
from jobbro.joborders.models import JobOrder, JobOrderKind, Referral
from jobbro.organisations.models import Cooperation, Role, User
from jobbro.organisations.selectors import job_centres_of

from . import selectors
from .models import ScreeningAnswer, ScreeningItem, ScreeningValue


@dataclass(frozen=True)
class ChecklistItem:
    """One question as the secretariat edits it; `pk` None for a new question."""

    text_da: str
    text_en: str
    pk: int | None = None


@dataclass(frozen=True)
class ScreeningResponse:
    value: str  # a ScreeningValue
    note: str = ""


NOTE_MAX_LENGTH = 500


def _may_edit_checklists(actor: User, cooperation: Cooperation) -> bool:
    return job_centres_of(actor, [Role.SECRETARIAT]).filter(cooperation=cooperation).exists()


@transaction.atomic
def checklist_save(
    *, actor: User, cooperation: Cooperation, kind: str, items: Sequence[ChecklistItem]
) -> list[ScreeningItem]:
    """Replace a kind's checklist with `items`, in their order, all or nothing.

    Questions left out are deleted; referrals screened by them keep their copied texts.
    """
    if not _may_edit_checklists(actor, cooperation):
        raise ValidationError(
            _("Only the cooperation's secretariat edits the screening checklists."),
            code="not_secretariat",
        )
    if kind not in JobOrderKind.values:
        raise ValidationError(_("Unknown kind of job order."), code="kind")
    existing = {
        item.pk: item
        for item in ScreeningItem.objects.select_for_update().filter(
            cooperation=cooperation, kind=kind
        )
    }
    now = timezone.now()
    kept: list[ScreeningItem] = []
    for position, data in enumerate(items, start=1):
        if data.pk is not None and data.pk not in existing:
            raise ValidationError(
                _("A question was removed by someone else meanwhile. Reload the page."),
                code="stale",
            )
        item = (
            existing.pop(data.pk)
            if data.pk is not None
            else ScreeningItem(cooperation=cooperation, kind=kind)
        )
        changed = (
            item.pk is None
            or item.position != position
            or item.text_da != data.text_da.strip()
            or item.text_en != data.text_en.strip()
        )
        item.position = position
        item.text_da = data.text_da.strip()
        item.text_en = data.text_en.strip()
        if changed:
            item.updated_by = actor
            item.updated_at = now
            item.full_clean()
            item.save()
        kept.append(item)
    ScreeningItem.objects.filter(pk__in=list(existing)).delete()
    return kept


@transaction.atomic
def screening_record(
    *,
    referral: Referral,
    questions: Sequence[ScreeningItem],
    responses: Mapping[int, ScreeningResponse],
) -> list[ScreeningAnswer]:
    """Store an answer to every question with the question's text; refuse a partial one.

    `referral_propose_screened` calls it in its own transaction, so a refusal writes no
    referral.
    """
    missing = [q for q in questions if q.pk not in responses]
    if missing:
        raise ValidationError(
            ngettext(
                "Answer every screening question: %(count)s is not answered.",
                "Answer every screening question: %(count)s are not answered.",
                len(missing),
            )
            % {"count": len(missing)},
            code="screening_incomplete",
        )
    answers = []
    for question in questions:
        response = responses[question.pk]
        if response.value not in ScreeningValue.values:
            raise ValidationError(_("Answer yes, no or not relevant."), code="screening_value")
        if len(response.note) > NOTE_MAX_LENGTH:
            raise ValidationError(
                _("Keep each screening note within %(max)s characters.") % {"max": NOTE_MAX_LENGTH},
                code="screening_note",
            )
        answers.append(
            ScreeningAnswer(
                referral=referral,
                item=question,
                position=question.position,
                text_da=question.text_da,
                text_en=question.text_en,
                value=response.value,
                note=response.note.strip(),
            )
        )
    return ScreeningAnswer.objects.bulk_create(answers)


@transaction.atomic
def referral_propose_screened(
    *,
    actor: User,
    job_order: JobOrder,
    candidate: Candidate,
    motivation: str = "",
    responses: Mapping[int, ScreeningResponse] | None = None,
) -> Referral:
    """Propose a candidate and answer the cooperation's checklist for the job order's kind
    (by question id): every question is answered, or nothing is written."""
    referral = joborder_services.referral_propose(
        actor=actor, job_order=job_order, candidate=candidate, motivation=motivation
    )
    screening_record(
        referral=referral,
        questions=selectors.checklist_for(job_order),
        responses=responses or {},
    )
    return referral
