"""Reads of the common screening checklists and of how each proposed candidate was screened."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from jobbro.candidates.selectors import candidates_visible_to
from jobbro.joborders.models import JobOrder, JobOrderKind, Referral, ReferralState
from jobbro.joborders.selectors import referrals_visible_to
from jobbro.organisations.models import Cooperation, User

from .models import ScreeningAnswer, ScreeningItem

# The candidates the company is (still) considering; withdrawn and declined ones are not sent.
SHEET_STATES = (ReferralState.PROPOSED, ReferralState.INTERVIEW, ReferralState.HIRED)


def checklist(cooperation: Cooperation | int, kind: str) -> list[ScreeningItem]:
    """The questions every candidate for a job order of this kind is screened by, in order."""
    return list(
        ScreeningItem.objects.filter(cooperation=cooperation, kind=kind).order_by("position", "pk")
    )


def checklist_for(job_order: JobOrder) -> list[ScreeningItem]:
    return checklist(job_order.company.cooperation_id, job_order.kind)


def checklist_counts(cooperation: Cooperation) -> dict[str, int]:
    """How many questions each kind of job order has (the tabs of the editing page)."""
    counts = dict.fromkeys(JobOrderKind.values, 0)
    for kind in ScreeningItem.objects.filter(cooperation=cooperation).values_list(
        "kind", flat=True
    ):
        counts[kind] += 1
    return counts


@dataclass(frozen=True)
class SheetEntry:
    """A proposed candidate on the sheet; `named` says whether the user may name them."""

    referral: Referral
    named: bool


@dataclass(frozen=True)
class CompanySheet:
    """The proposed candidates of a job order, each with the same checklist and its answers."""

    job_order: JobOrder
    questions: list[ScreeningItem]  # today's checklist; each referral keeps its own copy
    entries: list[SheetEntry]

    @property
    def named(self) -> list[Referral]:
        """The referrals whose candidates the sheet names: the reads to log."""
        return [entry.referral for entry in self.entries if entry.named]


def with_answers(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """The referrals with their screening answers in the checklist's order, in one query."""
    answers = ScreeningAnswer.objects.order_by("position", "pk")
    return referrals.prefetch_related(Prefetch("screening_answers", queryset=answers))


def referrals_with_answers(job_order: JobOrder) -> QuerySet[Referral]:
    return with_answers(
        Referral.objects.filter(job_order=job_order, state__in=SHEET_STATES)
        .select_related("candidate__job_centre", "proposed_by")
        .order_by("created_at", "pk")
    )


def company_sheet(job_order: JobOrder, *, user: User) -> CompanySheet:
    """What the company receives: names and screening of the proposed the user may open
    (the view logs the read); the others only as a candidate at their job centre."""
    referrals = list(referrals_with_answers(job_order))
    visible = set(
        candidates_visible_to(user)
        .filter(pk__in=[r.candidate_id for r in referrals])
        .values_list("pk", flat=True)
    )
    entries = [SheetEntry(r, r.candidate_id in visible) for r in referrals]
    return CompanySheet(job_order, checklist_for(job_order), entries)


def sheet_referral(user: User, pk: int) -> Referral | None:
    """A referral on a company sheet the user may open (its job order is visible)."""
    return (
        referrals_visible_to(user)
        .filter(pk=pk, state__in=SHEET_STATES)
        .select_related("candidate__job_centre")
        .first()
    )
