"""Requests between job centres: a few open ones with answers arriving, one awaiting the
demo consultant's job centre, one closed. Runs after the history (referrals exist)."""

from __future__ import annotations

import datetime as dt

from jobbro.candidate_requests.models import (
    CandidateRequest,
    RecipientStatus,
    RequestOffer,
    RequestRecipient,
)
from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.joborders.models import JobOrder, JobOrderStatus, Referral
from jobbro.organisations.models import JobCentre, User

from .context import Demo

MESSAGES = (
    "Vi har ikke selv ledige med den rette erfaring. Har I kandidater, der kan starte snart?",
    "Virksomheden har brug for flere hænder end vi kan finde lokalt. Send gerne jeres bedste bud.",
    "Vi mangler kandidater med certifikat. Har I nogen, der kan komme til samtale i næste uge?",
)
NONE_NOTES = (
    "Ingen med den profil lige nu.",
    "Vores kandidater inden for faget er i job eller på kursus.",
    "",
)
OFFER_NOTES = ("Kan starte med kort varsel.", "Har været i praktik i faget.", "")


def seed_requests(demo: Demo) -> None:
    rng = demo.rng
    centres = list(demo.job_centres.values())
    copenhagen = demo.job_centres["København"]
    konsulent = demo.users["konsulent"]
    open_orders = sorted(
        (o for o in demo.job_orders if o.status == JobOrderStatus.OPEN),
        key=lambda o: o.pk,
    )
    pool = _pool(demo)
    referred = set(
        Referral.objects.filter(job_order__in=open_orders).values_list(
            "job_order_id", "candidate_id"
        )
    )
    own = [o for o in open_orders if o.job_centre_id == copenhagen.pk]
    others = [o for o in open_orders if o.job_centre_id != copenhagen.pk]
    plans: list[
        tuple[JobOrder, User, int, float, bool]
    ] = []  # order, sender, hours ago, answered share, closed
    if own:
        plans.append((own[0], konsulent, 30, 0.5, False))  # answers arriving for the demo user
    if len(own) > 1:
        plans.append((own[1], konsulent, 24 * 20, 1.0, True))  # answered and closed
    for order, hours, share in zip(others[:3], (6, 60, 96), (0.0, 0.3, 0.6), strict=False):
        sender = rng.choice(demo.consultants[order.job_centre_id])
        plans.append((order, sender, hours, share, False))  # København among the asked

    for order, sender, hours, share, closed in plans:
        sent_at = _ago(demo, hours)
        request = CandidateRequest.objects.create(
            job_order=order,
            job_centre_id=order.job_centre_id,
            sent_by=sender,
            sent_at=sent_at,
            message=rng.choice(MESSAGES),
            closed_at=sent_at + dt.timedelta(days=6) if closed else None,
            closed_by=sender if closed else None,
        )
        asked = [c for c in centres if c.pk != order.job_centre_id]
        answering = set(rng.sample([c.pk for c in asked], round(len(asked) * share)))
        answering.discard(copenhagen.pk)  # what awaits København stays for the demo user
        reminder_due = hours > 48
        for centre in asked:
            _answer(
                demo, request, order, centre, centre.pk in answering, pool, referred, reminder_due
            )


def _ago(demo: Demo, hours: int) -> dt.datetime:
    return demo.at(demo.today, 16) - dt.timedelta(hours=hours)


def _pool(demo: Demo) -> dict[tuple[int, int], list[Candidate]]:
    """Active candidates by (job centre, occupation) of the trade they were trained for."""
    pool: dict[tuple[int, int], list[Candidate]] = {}
    for candidate in demo.candidates:
        if candidate.status != CandidateStatus.ACTIVE:
            continue
        occupation = demo.trades[demo.candidate_trade[candidate.pk]].occupation_id
        pool.setdefault((candidate.job_centre_id, occupation), []).append(candidate)
    return pool


def _answer(
    demo: Demo,
    request: CandidateRequest,
    order: JobOrder,
    centre: JobCentre,
    answers: bool,
    pool: dict[tuple[int, int], list[Candidate]],
    referred: set[tuple[int, int]],
    reminder_due: bool,
) -> None:
    rng = demo.rng
    recipient = RequestRecipient(request=request, job_centre=centre)
    if not answers:
        if reminder_due and request.closed_at is None:
            recipient.reminded_at = request.sent_at + dt.timedelta(hours=48)
        recipient.save()
        return
    answered_by = rng.choice(demo.job_consultants[centre.pk])
    answered_at = request.sent_at + dt.timedelta(hours=rng.randint(2, 20))
    fits = [
        c
        for c in pool.get((centre.pk, order.occupation_id), [])
        if (order.pk, c.pk) not in referred
    ]
    offered = rng.sample(fits, min(len(fits), rng.randint(1, 2)))
    recipient.status = RecipientStatus.CANDIDATES if offered else RecipientStatus.NONE
    recipient.answered_by = answered_by
    recipient.answered_at = answered_at
    recipient.note = rng.choice(OFFER_NOTES if offered else NONE_NOTES)
    recipient.save()
    RequestOffer.objects.bulk_create(
        RequestOffer(
            request=request,
            recipient=recipient,
            candidate=candidate,
            offered_by=answered_by,
            offered_at=answered_at,
        )
        for candidate in offered
    )
