"""Referrals: list, read, propose (with the screening checklist), the company's answers
(the transitions the referral allows) and the hire, through the pages' services.

A referral names its candidate only to whom may read the candidate (as on the job order
page: "a candidate at <job centre>" for the rest), and those reads are logged (purpose:
referrals). Only those responsible for the job order record answers and hires.
"""

import datetime as dt
from typing import Annotated, Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.joborders import selectors, services
from jobbro.joborders.models import Referral, ReferralState
from jobbro.organisations import access
from jobbro.screening.models import ScreeningValue
from jobbro.screening.services import ScreeningResponse, referral_propose_screened

from .auth import actor, roles
from .common import Page, Text, by_key, problems, visible_or_404
from .errors import ApiProblem
from .idempotency import once
from .pagination import PageQuery, paginate
from .placements import PlacementOut, placement_rows, placements_shown

router = Router(tags=["referrals"])


class TransitionOut(Schema):
    from_state: str = Field(description="Empty for the proposal.")
    to_state: ReferralState
    at: dt.datetime
    reason: str | None = Field(
        description="Null when the caller may not read the candidate (as on the page)."
    )


class ReferralOut(Schema):
    id: int
    job_order: int
    candidate: int | None = Field(description="Null when the caller may not read the candidate.")
    candidate_name: str | None
    candidate_job_centre: int
    state: ReferralState
    motivation: str | None = Field(
        description="Null when the caller may not read the candidate (as on the page)."
    )
    created_at: dt.datetime
    transitions: list[TransitionOut]


class ReferralPage(Page):
    items: list[ReferralOut]


class ScreeningIn(Schema):
    question: int = Field(ge=1, le=2**31 - 1, description="The checklist question's id.")
    value: ScreeningValue
    note: Text(500) = ""  # type: ignore[valid-type]


class ProposalIn(Schema):
    job_order: int = Field(ge=1, le=2**31 - 1)
    candidate: int = Field(ge=1, le=2**31 - 1)
    motivation: Text(5000) = ""  # type: ignore[valid-type]
    screening: list[ScreeningIn] = Field(
        [], max_length=100, description="An answer to every question of the checklist."
    )


class TransitionIn(Schema):
    to_state: ReferralState
    reason: Text(5000) = ""  # type: ignore[valid-type]


class HireIn(Schema):
    start_date: dt.date
    hours_per_week: int = Field(ge=1, le=80)
    ordinary_hours: bool = True
    onboarding_consultant: int | None = Field(None, ge=1, le=2**31 - 1)
    reason: Text(5000) = ""  # type: ignore[valid-type]


def referral_out(referral: Referral, named: set[int]) -> dict[str, Any]:
    """The referral as the job order page shows it: of a candidate the caller may not read
    only the job centre, state and dates, no free text (motivation, reasons)."""
    shown = referral.candidate_id in named
    return {
        "id": referral.pk,
        "job_order": referral.job_order_id,
        "candidate": referral.candidate_id if shown else None,
        "candidate_name": referral.candidate.full_name if shown else None,
        "candidate_job_centre": referral.candidate.job_centre_id,
        "state": referral.state,
        "motivation": referral.motivation if shown else None,
        "created_at": referral.created_at,
        "transitions": [
            {
                "from_state": t.from_state,
                "to_state": t.to_state,
                "at": t.at,
                "reason": t.reason if shown else None,
            }
            for t in referral.transitions.all()
        ],
    }


def _rows(request: HttpRequest) -> QuerySet[Referral]:
    return selectors.referrals_visible_to(actor(request))


def _shown(request: HttpRequest, referrals: list[Referral]) -> list[dict[str, Any]]:
    """The referrals as the caller may see them; the named candidates' reads are logged."""
    user = actor(request)
    named = selectors.named_candidates(user, (r.candidate_id for r in referrals))
    log_access(user=user, candidates=sorted(named), purpose=Purpose.REFERRALS, request=request)
    return [referral_out(r, named) for r in referrals]


@router.get("/", response={200: ReferralPage, **problems(400)}, url_name="referrals")
@roles(*access.JOB_ORDER_READERS)
@transaction.atomic
def list_referrals(request: HttpRequest, page: Annotated[PageQuery, Query()]) -> Any:
    """The referrals on the job orders of the caller's cooperation, by id."""
    items, cursor = paginate("referrals", _rows(request), page)
    return {"items": _shown(request, items), "next_cursor": cursor}


@router.get("/{referral_id}", response={200: ReferralOut, **problems(404)}, url_name="referral")
@roles(*access.JOB_ORDER_READERS)
@transaction.atomic
def get_referral(request: HttpRequest, referral_id: int) -> Any:
    return _shown(request, [visible_or_404(_rows(request), referral_id)])[0]


def _fresh(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _shown(request, [_rows(request).get(pk=pk)])[0]


@router.post("/", response={201: ReferralOut, **problems(422)}, url_name="referral_propose")
@roles(*access.REFERRERS, write=True)
def propose(request: HttpRequest, payload: ProposalIn) -> Any:
    """Propose a candidate the caller may read for an open job order, answering the
    cooperation's screening checklist for its kind (as the page does)."""
    user = actor(request)
    job_order = by_key(
        selectors.job_orders_visible_to(user), "pk", payload.job_order, name="job_order"
    )
    candidate = by_key(
        selectors.candidates_visible_to(user), "pk", payload.candidate, name="candidate"
    )
    responses = {
        s.question: ScreeningResponse(value=s.value, note=s.note) for s in payload.screening
    }

    def write() -> dict[str, Any]:
        referral = referral_propose_screened(
            actor=user,
            job_order=job_order,
            candidate=candidate,
            motivation=payload.motivation,
            responses=responses,
        )
        return _fresh(request, referral.pk)

    return once(request, 201, ReferralOut, write)


def _answerable(request: HttpRequest, referral_id: int) -> Referral:
    referral = visible_or_404(_rows(request), referral_id)
    if not selectors.may_answer_for(actor(request), referral.job_order):
        raise ApiProblem(
            403, _("Only those responsible for the job order record the company's answers.")
        )
    return referral


@router.post(
    "/{referral_id}/transitions",
    response={200: ReferralOut, **problems(404, 422)},
    url_name="referral_transition",
)
@roles(*access.REFERRERS, write=True)
def transition(request: HttpRequest, referral_id: int, payload: TransitionIn) -> Any:
    """Record the company's answer or a withdrawal: proposed → interview, declined or
    withdrawn; interview → declined or withdrawn. A hire has its own operation."""
    user = actor(request)
    referral = _answerable(request, referral_id)

    def write() -> dict[str, Any]:
        services.referral_transition(
            actor=user, referral=referral, to_state=payload.to_state, reason=payload.reason
        )
        return _fresh(request, referral.pk)

    return once(request, 200, ReferralOut, write)


@router.post(
    "/{referral_id}/hire",
    response={201: PlacementOut, **problems(404, 422)},
    url_name="referral_hire",
)
@roles(*access.REFERRERS, write=True)
def hire(request: HttpRequest, referral_id: int, payload: HireIn) -> Any:
    """Hire the candidate: the placement, one more hire on the order, three follow-ups."""
    user = actor(request)
    referral = _answerable(request, referral_id)
    consultant = None
    if payload.onboarding_consultant is not None:
        consultant = by_key(
            selectors.onboarding_consultants_of(referral.job_order.company.cooperation),
            "pk",
            payload.onboarding_consultant,
            name="onboarding_consultant",
        )

    def write() -> Any:
        placement = services.referral_hire(
            actor=user,
            referral=referral,
            start_date=payload.start_date,
            hours_per_week=payload.hours_per_week,
            ordinary_hours=payload.ordinary_hours,
            onboarding_consultant=consultant,
            reason=payload.reason,
        )
        return placements_shown(request, [placement_rows(request).get(pk=placement.pk)])[0]

    return once(request, 201, PlacementOut, write)
