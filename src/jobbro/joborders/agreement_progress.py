"""How far a recruitment agreement has come: its company's job orders and hires in its period.

An agreement counts the job orders created in its period for its occupations (all
occupations when it names none), their positions, and the hires (placements starting in
the period) on the company's job orders for those occupations. A page of agreements costs
three queries, however many agreements it shows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from jobbro.companies.models import RecruitmentAgreement
from jobbro.companies.selectors import SECRETARIAT, Signer
from jobbro.organisations.models import User
from jobbro.organisations.selectors import cooperation_of

from .models import JobOrder, Placement


@dataclass(frozen=True)
class AgreementProgress:
    agreement: RecruitmentAgreement
    job_orders: int
    positions: int
    hires: int

    @property
    def has_target(self) -> bool:
        """Zero expected hires means the agreement names no target, not one reached."""
        return self.agreement.expected_hires > 0

    @property
    def percent(self) -> int:
        """Hires against the expected number, capped at 100 for the bar's width."""
        if not self.has_target:
            return 0
        return min(100, round(100 * self.hires / self.agreement.expected_hires))

    @property
    def reached(self) -> bool:
        return self.has_target and self.hires >= self.agreement.expected_hires


def _covers(
    agreement: RecruitmentAgreement, occupations: set[int], occupation_id: int, day: dt.date
) -> bool:
    in_period = agreement.start_date <= day <= agreement.end_date
    return in_period and (not occupations or occupation_id in occupations)


def progress_of(agreements: Iterable[RecruitmentAgreement]) -> list[AgreementProgress]:
    """Progress for agreements fetched with `prefetch_related("occupations")`."""
    agreements = list(agreements)
    company_ids = {a.company_id for a in agreements}
    if not company_ids:
        return []
    orders: dict[int, list[tuple[int, dt.date, int]]] = defaultdict(list)
    for company_id, occupation_id, created_at, positions in JobOrder.objects.filter(
        company_id__in=company_ids
    ).values_list("company_id", "occupation_id", "created_at", "positions"):
        orders[company_id].append((occupation_id, timezone.localdate(created_at), positions))
    hires: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for company_id, occupation_id, start in Placement.objects.filter(
        referral__job_order__company_id__in=company_ids
    ).values_list(
        "referral__job_order__company_id", "referral__job_order__occupation_id", "start_date"
    ):
        hires[company_id].append((occupation_id, start))
    result = []
    for agreement in agreements:
        occupations = {o.pk for o in agreement.occupations.all()}
        counted = [
            positions
            for occupation_id, day, positions in orders[agreement.company_id]
            if _covers(agreement, occupations, occupation_id, day)
        ]
        hired = sum(
            1
            for occupation_id, day in hires[agreement.company_id]
            if _covers(agreement, occupations, occupation_id, day)
        )
        result.append(AgreementProgress(agreement, len(counted), sum(counted), hired))
    return result


def active_agreements(
    user: User, *, signer: Signer | None = None, today: dt.date | None = None
) -> QuerySet[RecruitmentAgreement]:
    """The cooperation's agreements running today, optionally those one job centre, or
    the secretariat, signed (the secretariat's are not its host centre's)."""
    cooperation = cooperation_of(user)
    if cooperation is None:
        return RecruitmentAgreement.objects.none()
    today = today or timezone.localdate()
    agreements = RecruitmentAgreement.objects.filter(
        company__cooperation=cooperation, start_date__lte=today, end_date__gte=today
    )
    if signer == SECRETARIAT:
        agreements = agreements.filter(by_secretariat=True)
    elif signer is not None:
        agreements = agreements.filter(job_centre=signer, by_secretariat=False)
    return (
        agreements.select_related("company", "job_centre", "signed_by")
        .prefetch_related("occupations")
        .order_by("end_date", "company__name", "pk")
    )
