"""Placements (hires) with their follow-ups, and recording a follow-up.

Placements are read by whoever reads the job orders (the job order page shows them);
follow-ups by those who record them, on their job centres' orders and candidates. As on
the pages, the candidates concerned are written to the access log.
"""

import datetime as dt
from collections.abc import Iterable
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
    note: str | None = Field(
        description="Null when the caller may not read the hired candidate (as on the pages)."
    )


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


class PlacementPage(Page):
    items: list[PlacementOut]


class FollowUpPage(Page):
    items: list[FollowUpOut]


class FollowUpIn(Schema):
    still_employed: bool
    ordinary_hours: bool | None = None
    note: Text(5000) = ""  # type: ignore[valid-type]


def follow_up_out(follow_up: FollowUp, named: set[int]) -> dict[str, Any]:
    """The follow-up; its free-text note only if the caller may read the candidate (the
    pages' rule, `named_candidates`): "a candidate at <job centre>" has no notes."""
    return {
        "id": follow_up.pk,
        "placement": follow_up.placement_id,
        "step": follow_up.step,
        "due_on": follow_up.due_on,
        "done_at": follow_up.done_at,
        "still_employed": follow_up.still_employed,
        "ordinary_hours": follow_up.ordinary_hours,
        "note": follow_up.note if follow_up.placement.referral.candidate_id in named else None,
    }


def placement_out(placement: Placement, named: set[int]) -> dict[str, Any]:
    return {
        "id": placement.pk,
        "referral": placement.referral_id,
        "job_order": placement.referral.job_order_id,
        "start_date": placement.start_date,
        "hours_per_week": placement.hours_per_week,
        "ordinary_hours": placement.ordinary_hours,
        "onboarding_consultant": placement.onboarding_consultant_id,
        "created_at": placement.created_at,
        "follow_ups": [follow_up_out(f, named) for f in placement.follow_ups.all()],
    }


def _named(request: HttpRequest, candidate_ids: Iterable[int]) -> set[int]:
    return selectors.named_candidates(actor(request), candidate_ids)


def placement_rows(request: HttpRequest) -> QuerySet[Placement]:
    user = actor(request)
    return (
        Placement.objects.filter(referral__job_order__in=selectors.job_orders_visible_to(user))
        .select_related("referral")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("due_on")))
    )


def placements_shown(request: HttpRequest, placements: list[Placement]) -> list[dict[str, Any]]:
    """The placements as the caller may see them; the named candidates' reads are logged."""
    named = _named(request, (p.referral.candidate_id for p in placements))
    log_access(
        user=actor(request), candidates=sorted(named), purpose=Purpose.REFERRALS, request=request
    )
    return [placement_out(p, named) for p in placements]


@router.get("/", response={200: PlacementPage, **problems(400)}, url_name="placements")
@roles(*access.JOB_ORDER_READERS)
@transaction.atomic
def list_placements(request: HttpRequest, page: Annotated[PageQuery, Query()]) -> Any:
    """The hires on the job orders of the caller's cooperation, by id."""
    items, cursor = paginate("placements", placement_rows(request), page)
    return {"items": placements_shown(request, items), "next_cursor": cursor}


@router.get("/{placement_id}", response={200: PlacementOut, **problems(404)}, url_name="placement")
@roles(*access.JOB_ORDER_READERS)
@transaction.atomic
def get_placement(request: HttpRequest, placement_id: int) -> Any:
    placement = visible_or_404(placement_rows(request), placement_id)
    return placements_shown(request, [placement])[0]


def _follow_up_rows(request: HttpRequest) -> QuerySet[FollowUp]:
    # By primary key, so the OR across relations never repeats a row (as the page's list).
    visible = selectors.follow_ups_visible_to(actor(request)).values("pk")
    return FollowUp.objects.filter(pk__in=visible).select_related("placement__referral")


def _follow_ups_shown(request: HttpRequest, follow_ups: list[FollowUp]) -> list[dict[str, Any]]:
    """The follow-ups (logged as the follow-up list logs them), notes only of named
    candidates."""
    shown = [f.placement.referral.candidate_id for f in follow_ups]
    log_access(user=actor(request), candidates=shown, purpose=Purpose.FOLLOW_UPS, request=request)
    named = _named(request, shown)
    return [follow_up_out(f, named) for f in follow_ups]


@follow_ups_router.get("/", response={200: FollowUpPage, **problems(400)}, url_name="follow_ups")
@roles(*access.FOLLOW_UP_RECORDERS)
@transaction.atomic
def list_follow_ups(request: HttpRequest, page: Annotated[PageQuery, Query()]) -> Any:
    """The follow-ups the caller does or that concern its job centres, by id."""
    items, cursor = paginate("follow-ups", _follow_up_rows(request), page)
    return {"items": _follow_ups_shown(request, items), "next_cursor": cursor}


@follow_ups_router.get(
    "/{follow_up_id}", response={200: FollowUpOut, **problems(404)}, url_name="follow_up"
)
@roles(*access.FOLLOW_UP_RECORDERS)
@transaction.atomic
def get_follow_up(request: HttpRequest, follow_up_id: int) -> Any:
    follow_up = visible_or_404(_follow_up_rows(request), follow_up_id)
    return _follow_ups_shown(request, [follow_up])[0]


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

    def write() -> dict[str, Any]:
        services.follow_up_record(
            actor=user,
            follow_up=follow_up,
            still_employed=payload.still_employed,
            ordinary_hours=payload.ordinary_hours,
            note=payload.note,
        )
        return _follow_ups_shown(request, [_follow_up_rows(request).get(pk=follow_up.pk)])[0]

    return once(request, 200, FollowUpOut, write)
