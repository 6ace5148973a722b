"""Reads of the requests between job centres: who sees which, what awaits an answer, and
the answers as the asking job centre may see them (consent decides names)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Max, Q, QuerySet, Value, When

from jobbro.candidates.models import Candidate
from jobbro.companies.selectors import Acting
from jobbro.joborders import selectors
from jobbro.joborders.models import JobOrder, JobOrderStatus, Referral
from jobbro.matching import selectors as matching
from jobbro.matching.engine import Visibility
from jobbro.organisations import access
from jobbro.organisations.models import JobCentre, Role, User
from jobbro.organisations.selectors import job_centres_of, staff_at
from jobbro.sharing import selectors as sharing
from jobbro.sharing.explain import requirements_met
from jobbro.sharing.models import SharingRequest
from jobbro.sharing.tokens import hit_token

from .models import (
    CandidateRequest,
    RecipientStatus,
    RequestOffer,
    RequestRecipient,
)

# How many of a job centre's own candidates are weighed when anonymous offers are explained.
EXPLAIN_LIMIT = 500


# The secretariat sits at its host centre but is not its staff: it neither answers the
# host's asks nor sends as the host; it sends its own requests (`by_secretariat`).
CENTRE_REFERRERS = tuple(role for role in access.REFERRERS if role != Role.SECRETARIAT)


def request_centres(user: User) -> QuerySet[JobCentre]:
    """The job centres for which the user sends and answers requests, as their staff."""
    return job_centres_of(user, CENTRE_REFERRERS)


def sender_for(user: User, job_order: JobOrder) -> Acting | None:
    """Who the user asks for candidates as, for this job order: its job centre (their
    staff, when the centre runs the order), or the secretariat (an order it runs, with its
    host centre on the record); None when the user asks for neither."""
    cooperation = job_order.company.cooperation_id
    centre = job_order.job_centre
    if request_centres(user).filter(pk=centre.pk).exists() and selectors.centre_runs(job_order):
        return Acting(centre, by_secretariat=False)
    if job_order.by_secretariat:
        host = job_centres_of(user, [Role.SECRETARIAT]).filter(cooperation_id=cooperation).first()
        if host is not None:
            return Acting(host, by_secretariat=True)
    return None


def askable_centres(sender: Acting) -> QuerySet[JobCentre]:
    """The member job centres a sender may ask: the others; for the secretariat, all (its
    host's candidates are not the secretariat's)."""
    members = JobCentre.objects.filter(cooperation_id=sender.job_centre.cooperation_id)
    return members if sender.by_secretariat else members.exclude(pk=sender.job_centre.pk)


def is_sender(user: User, request: CandidateRequest) -> bool:
    """Whether the user acts for the asker: its job centre's staff, or the secretariat."""
    if request.by_secretariat:
        return selectors.is_secretariat_of(user, request.job_centre.cooperation_id)
    return request_centres(user).filter(pk=request.job_centre_id).exists()


def _sent_by_q(user: User) -> Q:
    """The requests the user's job centres sent, and the secretariat's for its staff."""
    return Q(job_centre__in=request_centres(user), by_secretariat=False) | Q(
        by_secretariat=True, job_centre__cooperation__in=selectors.secretariat_cooperations(user)
    )


def staff_of(centres: Iterable[JobCentre | int]) -> QuerySet[User]:
    """Who hears of a request to these job centres: their consultants and partners (not
    the secretariat a centre hosts)."""
    return staff_at(centres, CENTRE_REFERRERS)


def _with_relations(requests: QuerySet[CandidateRequest]) -> QuerySet[CandidateRequest]:
    return requests.select_related(
        "job_order__company", "job_order__occupation", "job_centre", "sent_by", "closed_by"
    )


def requests_visible_to(user: User) -> QuerySet[CandidateRequest]:
    """Requests the user's job centres (or the secretariat they work in) sent or were asked."""
    asked = RequestRecipient.objects.filter(job_centre__in=request_centres(user))
    return _with_relations(
        CandidateRequest.objects.filter(_sent_by_q(user) | Q(pk__in=asked.values("request")))
    )


@dataclass(frozen=True)
class RequestPage:
    """A request as one user meets it: as the asker, as an asked job centre, or both."""

    request: CandidateRequest
    is_sender: bool
    recipient: RequestRecipient | None  # the answer row of the job centre the user acts for
    asked: list[RequestRecipient] = dataclasses.field(default_factory=list)  # all user's rows

    @property
    def may_answer(self) -> bool:
        return (
            self.recipient is not None
            and self.request.is_open
            and self.request.job_order.status == JobOrderStatus.OPEN
        )


def request_page(user: User, pk: int, *, centre: int | None = None) -> RequestPage | None:
    """The request as the user meets it; a user of several asked job centres answers for
    `centre` (default: the first by name)."""
    request = requests_visible_to(user).filter(pk=pk).first()
    if request is None:
        return None
    centres = list(request_centres(user).values_list("pk", flat=True))
    asked = list(
        request.recipients.select_related("job_centre", "answered_by")
        .filter(job_centre__in=centres)
        .order_by("job_centre__name", "pk")
    )
    recipient = next((r for r in asked if r.job_centre_id == centre), asked[0] if asked else None)
    return RequestPage(request, is_sender(user, request), recipient, asked)


def incoming(user: User) -> QuerySet[RequestRecipient]:
    """The asks to the user's job centres: those awaiting an answer first, newest first."""
    return (
        RequestRecipient.objects.filter(job_centre__in=request_centres(user))
        .select_related(
            "request__job_order__company",
            "request__job_centre",
            "request__sent_by",
            "job_centre",
            "answered_by",
        )
        .annotate(
            offer_count=Count("offers"),
            awaiting_first=Case(
                When(status=RecipientStatus.AWAITING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by(
            F("request__closed_at").asc(nulls_first=True),
            "awaiting_first",
            "-request__sent_at",
            "pk",
        )
    )


def awaiting_answer(user: User) -> QuerySet[RequestRecipient]:
    """Open requests that the user's job centres have not answered."""
    return incoming(user).filter(status=RecipientStatus.AWAITING, request__closed_at__isnull=True)


def sent(user: User) -> QuerySet[CandidateRequest]:
    """Requests the user's job centres sent, open ones first, with their answer counts."""
    return (
        _with_relations(CandidateRequest.objects.filter(_sent_by_q(user)))
        .annotate(
            asked_count=Count("recipients", distinct=True),
            answered_count=Count(
                "recipients",
                filter=~Q(recipients__status=RecipientStatus.AWAITING),
                distinct=True,
            ),
            offer_count=Count("offers", distinct=True),
        )
        .order_by(F("closed_at").asc(nulls_first=True), "-sent_at", "-pk")
    )


def sent_with_answers(user: User) -> QuerySet[CandidateRequest]:
    """The user's own open requests that have at least one answer (the start page)."""
    answered = RequestRecipient.objects.exclude(status=RecipientStatus.AWAITING)
    return sent(user).filter(
        sent_by=user, closed_at__isnull=True, pk__in=answered.values("request")
    )


# --- the answers, as the asking job centre sees them -------------------------------------


@dataclass(frozen=True)
class OfferedHit:
    """An offered candidate for the asker: named with consent, else anonymous (with the
    CV-request handle of jobbro.sharing, like an anonymous search hit)."""

    offer: RequestOffer
    rank: int
    job_centre: JobCentre
    candidate: Candidate | None  # None: anonymous
    requirements_met: int | None = None
    requirements_total: int | None = None
    token: str = ""
    request: SharingRequest | None = None  # the asker's latest CV request for them
    proposed: bool = False

    @property
    def anonymous(self) -> bool:
        return self.candidate is None


@dataclass(frozen=True)
class Answer:
    recipient: RequestRecipient
    hits: list[OfferedHit]


@dataclass(frozen=True)
class Answers:
    answers: list[Answer]
    fingerprint: str  # changes when anything on the panel would

    @property
    def named(self) -> list[Candidate]:
        return [h.candidate for a in self.answers for h in a.hits if h.candidate is not None]

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers if not a.recipient.is_awaiting)


def answers(request: CandidateRequest, *, viewer: User) -> Answers:
    """Every asked job centre's answer; offered candidates named only where the viewer may
    see them (consent to sharing in the cooperation, or their own job centre)."""
    job_order = request.job_order
    recipients = list(
        request.recipients.select_related("job_centre", "answered_by").order_by(
            "job_centre__name", "pk"
        )
    )
    offers = list(
        request.offers.select_related("candidate__job_centre", "offered_by").order_by(
            "offered_at", "pk"
        )
    )
    ids = [o.candidate_id for o in offers]
    visibility = matching.visibility_for(viewer, job_order.company.cooperation_id)
    seen = {o.candidate_id for o in offers if sharing.may_see(visibility, o.candidate)}
    proposed = set(
        Referral.objects.filter(job_order=job_order, candidate_id__in=ids).values_list(
            "candidate_id", flat=True
        )
    )
    hidden = [o for o in offers if o.candidate_id not in seen]
    met = _requirements_met(request, hidden, viewer=viewer)
    cv_requests = sharing.latest_requests(
        [o.candidate_id for o in hidden], searcher=viewer, job_order=job_order
    )
    by_recipient: dict[int, list[OfferedHit]] = {r.pk: [] for r in recipients}
    for rank, offer in enumerate(offers, start=1):
        named = offer.candidate_id in seen
        counts = met.get(offer.candidate_id, (None, None))
        by_recipient[offer.recipient_id].append(
            OfferedHit(
                offer=offer,
                rank=rank,
                job_centre=offer.candidate.job_centre,
                candidate=offer.candidate if named else None,
                requirements_met=counts[0],
                requirements_total=counts[1],
                token=""
                if named
                else hit_token(candidate_id=offer.candidate_id, user_id=viewer.pk),
                request=cv_requests.get(offer.candidate_id),
                proposed=offer.candidate_id in proposed,
            )
        )
    fingerprint = answers_fingerprint(request, viewer=viewer)
    return Answers([Answer(r, by_recipient[r.pk]) for r in recipients], fingerprint)


def answers_fingerprint(request: CandidateRequest, *, viewer: User) -> str:
    """What the answers panel depends on, in a few aggregates: the poll compares it before
    anything is built (ranking, consent, CV requests)."""
    answered = request.recipients.aggregate(
        count=Count("pk", filter=~Q(status=RecipientStatus.AWAITING)),
        latest=Max("answered_at"),
        reminded=Max("reminded_at"),
    )
    # Each offer's candidate as the panel weighs it: a consent or a move to another job
    # centre changes a name or a count without changing how many there are.
    offers = list(
        request.offers.order_by("pk").values_list(
            "pk",
            "offered_at",
            "candidate_id",
            "candidate__consent_scope",
            "candidate__job_centre_id",
            "candidate__status",
        )
    )
    offered = request.offers.values("candidate")
    proposed = Referral.objects.filter(
        job_order_id=request.job_order_id, candidate__in=offered
    ).count()
    cv_requests = (
        SharingRequest.objects.filter(
            job_order_id=request.job_order_id,
            candidate__in=offered,
        )
        .filter(sharing.asked_by(viewer))
        .aggregate(
            count=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            created=Max("created_at"),
            latest=Max("answered_at"),
        )
    )
    parts = (
        *answered.values(),
        *offers,
        proposed,
        *cv_requests.values(),
        request.closed_at,
        request.job_order.status,
    )
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _requirements_met(
    request: CandidateRequest, offers: list[RequestOffer], *, viewer: User
) -> dict[int, tuple[int, int]]:
    """How many of the job order's requirements each hidden offered candidate meets.

    The engine weighs the offering job centres' candidates as if they were the viewer's
    own; only the counts leave this function, never who they are.
    """
    if not offers:
        return {}
    centres = frozenset(o.candidate.job_centre_id for o in offers)
    query = matching.job_order_query(
        request.job_order, searcher=viewer, limit=EXPLAIN_LIMIT, exclude_referred=False
    )
    query = dataclasses.replace(
        query,
        visibility=Visibility(centres),
        filters=dataclasses.replace(query.filters, job_centres=centres),
    )
    wanted = {o.candidate_id for o in offers}
    return {
        hit.candidate_id: requirements_met(hit)
        for hit in matching.search_index(query)
        if hit.candidate_id in wanted
    }


def own_ranked(
    request: CandidateRequest, recipient: RequestRecipient, *, user: User
) -> sharing.Ranked:
    """The asked job centre's own candidates ranked for the job order (none proposed yet)."""
    return sharing.ranked_for_job_order(
        request.job_order,
        searcher=user,
        filters=matching.SearchFilters(job_centres=[recipient.job_centre]),
    )
