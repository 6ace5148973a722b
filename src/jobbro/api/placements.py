"""Placements (hires) with their follow-ups, and recording a follow-up.

Placements are read by whoever reads the job orders (the job order page shows them);
follow-ups by those who record them, on their job centres' orders and candidates. As on
the pages, the candidates concerned are written to the access log.
"""

import datetime as dt
from typing import Annotated, Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.joborders import selectors, services
from jobbro.joborders.models import FollowUp, FollowUpStep, Placement
from jobbro.organisations import access

from .auth import actor, roles
from .common import Page, Text, problems, visible_or_404
from .idempotency import once
from .pagination import PageQuery, paginate

router = Router(tags=["placements"])
follow_ups_router = Router(tags=["follow-ups"])


class FollowUpOut(Schema):
    id: int
    placement: int
    step: FollowUpStep
    due_on: dt.date
    done_at: dt.datetime | None
    still_employed: bool | None
    ordinary_hours: bool | None
    note: str

    @staticmethod
    def resolve_placement(obj: FollowUp) -> int:
        return obj.placement_id


class PlacementOut(Schema):
    id: int
    referral: int
    job_order: int
    start_date: dt.date
    hours_per_week: int
    ordinary_hours: bool
    onboarding_consultant: int | None = Field(description="User id.")
    created_at: dt.datetime
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_referral(obj: Placement) -> int:
        return obj.referral_id

    @staticmethod
    def resolve_job_order(obj: Placement) -> int:
        return obj.referral.job_order_id

    @staticmethod
    def resolve_onboarding_consultant(obj: Placement) -> int | None:
        return obj.onboarding_consultant_id

    @staticmethod
    def resolve_follow_ups(obj: Placement) -> list[FollowUp]:
        return list(obj.follow_ups.all())


class PlacementPage(Page):
    items: list[PlacementOut]


class FollowUpPage(Page):
    items: list[FollowUpOut]


class FollowUpIn(Schema):
    still_employed: bool
    ordinary_hours: bool | None = None
    note: Text(5000) = ""  # type: ignore[valid-type]


def placement_rows(request: HttpRequest) -> QuerySet[Placement]:
    user = actor(request)
    return (
        Placement.objects.filter(referral__job_order__in=selectors.job_orders_visible_to(user))
        .select_related("referral")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("due_on")))
    )


def _log_placements(request: HttpRequest, placements: list[Placement]) -> None:
    user = actor(request)
    named = selectors.named_candidates(user, (p.referral.candidate_id for p in placements))
    log_access(user=user, candidates=sorted(named), purpose=Purpose.REFERRALS, request=request)


@router.get("/", response={200: PlacementPage, **problems(400)}, url_name="placements")
@roles(*access.JOB_ORDER_READERS)
@transaction.atomic
def list_placements(request: HttpRequest, page: Annotated[PageQuery, Query()]) -> Any:
    """The hires on the job orders of the caller's cooperation, by id."""
    items, cursor = paginate("placements", placement_rows(request), page)
    _log_placements(request, items)
    return {"items": items, "next_cursor": cursor}


@router.get("/{placement_id}", response={200: PlacementOut, **problems(404)}, url_name="placement")
@roles(*access.JOB_ORDER_READERS)
@transaction.atomic
def get_placement(request: HttpRequest, placement_id: int) -> Any:
    placement = visible_or_404(placement_rows(request), placement_id)
    _log_placements(request, [placement])
    return placement


def _follow_up_rows(request: HttpRequest) -> QuerySet[FollowUp]:
    # By primary key, so the OR across relations never repeats a row (as the page's list).
    visible = selectors.follow_ups_visible_to(actor(request)).values("pk")
    return FollowUp.objects.filter(pk__in=visible).select_related("placement__referral")


def _log_follow_ups(request: HttpRequest, follow_ups: list[FollowUp]) -> None:
    shown = [f.placement.referral.candidate_id for f in follow_ups]
    log_access(user=actor(request), candidates=shown, purpose=Purpose.FOLLOW_UPS, request=request)


@follow_ups_router.get("/", response={200: FollowUpPage, **problems(400)}, url_name="follow_ups")
@roles(*access.FOLLOW_UP_RECORDERS)
@transaction.atomic
def list_follow_ups(request: HttpRequest, page: Annotated[PageQuery, Query()]) -> Any:
    """The follow-ups the caller does or that concern its job centres, by id."""
    items, cursor = paginate("follow-ups", _follow_up_rows(request), page)
    _log_follow_ups(request, items)
    return {"items": items, "next_cursor": cursor}


@follow_ups_router.get(
    "/{follow_up_id}", response={200: FollowUpOut, **problems(404)}, url_name="follow_up"
)
@roles(*access.FOLLOW_UP_RECORDERS)
@transaction.atomic
def get_follow_up(request: HttpRequest, follow_up_id: int) -> Any:
    follow_up = visible_or_404(_follow_up_rows(request), follow_up_id)
    _log_follow_ups(request, [follow_up])
    return follow_up


@follow_ups_router.post(
    "/{follow_up_id}/record",
    response={200: FollowUpOut, **problems(404, 422)},
    url_name="follow_up_record",
)
@roles(*access.FOLLOW_UP_RECORDERS, write=True)
def record_follow_up(request: HttpRequest, follow_up_id: int, payload: FollowUpIn) -> Any:
    """How the hired candidate is doing; a follow-up is recorded once (then 422)."""
    user = actor(request)
    follow_up = visible_or_404(_follow_up_rows(request), follow_up_id)

    def write() -> FollowUp:
        services.follow_up_record(
            actor=user,
            follow_up=follow_up,
            still_employed=payload.still_employed,
            ordinary_hours=payload.ordinary_hours,
            note=payload.note,
        )
        _log_follow_ups(request, [follow_up])
        return _follow_up_rows(request).get(pk=follow_up.pk)

    return once(request, 200, FollowUpOut, write)
