"""Keeping the summary (kpis.summary) up to date: a write to a row the KPIs count marks the
days whose summary rows it changes – before the write (where the row was) and after (where
it is) – and when its transaction commits those days are recorded as stale (`StaleDays`,
the dashboard reads them raw meanwhile) and the worker is asked once to rebuild them
(`tasks.refresh_kpi_summary`). A change to the job centres' municipalities (the home-centre
rule) makes every day stale. Nothing is marked while no cooperation has a summary.

What each write touches (docs/kpis.md): a job order its own day, its referrals' and its
hires' (the order's centre, occupation, project); a referral its day and its order's
(referral rate); a hire its first working day, its order's day (fill rate) and the days of
the candidate's other hires (internships that became jobs); a follow-up its hire's day; a
company contact its day; a candidate or a company every day of their rows; an agreement
(or its occupations) its first day, so that the worker's run counts every agreement's
progress afresh (`models.AgreementFigures`, rebuilt with any stale day).

Writes that send no signals (QuerySet.update, bulk_create, bulk_update: the candidate
import, the seed commands) are not seen: the nightly `rebuild_kpi_summary` puts them right.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from jobbro.candidates.models import Candidate
from jobbro.companies.models import Company, Interaction, RecruitmentAgreement
from jobbro.joborders.models import FollowUp, JobOrder, Placement, Referral
from jobbro.organisations.models import JobCentre

from .models import StaleDays, SummaryState
from .sources import AGREEMENTS, INTERACTIONS, JOB_ORDERS, PLACEMENTS, REFERRALS, Source
from .summary import _day

ALL = None  # every day of the cooperation


class _Marks:
    """The days a transaction touched, per cooperation; flushed once when it commits."""

    def __init__(self) -> None:
        self.days: dict[int, set[dt.date | None]] = defaultdict(set)

    def __call__(self) -> None:
        from .tasks import refresh_kpi_summary

        built = set(
            SummaryState.objects.filter(cooperation__in=list(self.days)).values_list(
                "cooperation", flat=True
            )
        )
        stale = [
            StaleDays(cooperation_id=cooperation, first=day, last=day)
            for cooperation, days in self.days.items()
            if cooperation in built
            for day in ([ALL] if ALL in days else sorted(days))  # type: ignore[type-var]
        ]
        StaleDays.objects.bulk_create(stale)
        for cooperation in sorted(built):
            refresh_kpi_summary.enqueue(cooperation)


def _mark(days: dict[int, set[dt.date | None]]) -> None:
    """Add the days to this transaction's marks (the first mark registers the flush)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _sids, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Marks):
                for cooperation, found in days.items():
                    callback.days[cooperation] |= found
                return
    marks = _Marks()
    marks.days.update(days)
    transaction.on_commit(marks)  # outside a transaction: at once


def touch(*rows: tuple[Source, Q]) -> None:
    """Mark the days of the sources' rows the conditions select (as they are now)."""
    if not SummaryState.objects.exists():
        return
    found: set[tuple[int, dt.date]] = set()
    for source, condition in rows:
        days = (
            source.model._default_manager.filter(condition)
            .values_list(source.cooperation, _day(source))
            .distinct()
        )
        found.update(days)
    marked: dict[int, set[dt.date | None]] = defaultdict(set)
    for cooperation, day in found:
        marked[cooperation].add(day)
    if marked:
        _mark(marked)


def touch_all(cooperation_id: int) -> None:
    if SummaryState.objects.filter(cooperation=cooperation_id).exists():
        _mark({cooperation_id: {ALL}})


def _touched(instance: Model) -> list[tuple[Source, Q]]:
    pk = instance.pk
    match instance:
        case JobOrder():
            return [
                (JOB_ORDERS, Q(pk=pk)),
                (REFERRALS, Q(job_order=pk)),
                (PLACEMENTS, Q(referral__job_order=pk)),
            ]
        case Referral():
            return [
                (REFERRALS, Q(pk=pk)),
                (JOB_ORDERS, Q(referrals=pk)),
                (PLACEMENTS, Q(referral=pk)),
            ]
        case Placement():
            return [
                (PLACEMENTS, Q(pk=pk)),
                (JOB_ORDERS, Q(referrals=instance.referral_id)),
                (PLACEMENTS, Q(referral__candidate__referrals=instance.referral_id)),
            ]
        case FollowUp():
            return [(PLACEMENTS, Q(pk=instance.placement_id))]
        case Interaction():
            return [(INTERACTIONS, Q(pk=pk))]
        case Candidate():
            return [(REFERRALS, Q(candidate=pk)), (PLACEMENTS, Q(referral__candidate=pk))]
        case RecruitmentAgreement():  # its progress, refreshed with any stale day
            return [(AGREEMENTS, Q(pk=pk))]
        case Company():
            return [
                (JOB_ORDERS, Q(company=pk)),
                (REFERRALS, Q(job_order__company=pk)),
                (PLACEMENTS, Q(referral__job_order__company=pk)),
                (INTERACTIONS, Q(company=pk)),
            ]
    return []


WATCHED: tuple[type[Model], ...] = (
    JobOrder,
    Referral,
    Placement,
    FollowUp,
    Interaction,
    Candidate,
    Company,
    RecruitmentAgreement,
)
MOVABLE: tuple[type[Model], ...] = (
    Referral,
    Placement,
    Interaction,
)  # whose edits may move the row to another day


def _before(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw"):
        touch(*_touched(instance))


def _after(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        touch(*_touched(instance))


def _target_groups(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "pre_clear"):
        if isinstance(instance, Candidate):
            touch(*_touched(instance))
        else:  # a target group's candidates, from the group's side
            ids = kwargs.get("pk_set") or []
            touch((REFERRALS, Q(candidate__in=ids)), (PLACEMENTS, Q(referral__candidate__in=ids)))


def _agreement_occupations(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        if isinstance(instance, RecruitmentAgreement):
            touch(*_touched(instance))
        else:  # an occupation's agreements
            touch((AGREEMENTS, Q(pk__in=kwargs.get("pk_set") or [])))


def _municipalities(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        if isinstance(instance, JobCentre):
            touch_all(instance.cooperation_id)
        else:  # a municipality's centres
            centres = JobCentre.objects.filter(pk__in=kwargs.get("pk_set") or [])
            for cooperation in set(centres.values_list("cooperation", flat=True)):
                touch_all(cooperation)


def connect() -> None:
    for model in MOVABLE:
        pre_save.connect(_before, sender=model, dispatch_uid=f"kpi-summary-before-{model}")
    for model in WATCHED:
        post_save.connect(_after, sender=model, dispatch_uid=f"kpi-summary-after-{model}")
        pre_delete.connect(_before, sender=model, dispatch_uid=f"kpi-summary-delete-{model}")
    m2m_changed.connect(
        _target_groups,
        sender=Candidate.target_groups.through,
        dispatch_uid="kpi-summary-target-groups",
    )
    m2m_changed.connect(
        _agreement_occupations,
        sender=RecruitmentAgreement.occupations.through,
        dispatch_uid="kpi-summary-agreement-occupations",
    )
    m2m_changed.connect(
        _municipalities,
        sender=JobCentre.municipalities.through,
        dispatch_uid="kpi-summary-municipalities",
    )
