"""Reads of job orders, referrals, the candidates one may propose, and follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final, Literal, TypeAlias, TypeVar

from django.db.models import (
    Count,
    Exists,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from jobbro.candidates import selectors as candidate_selectors
from jobbro.candidates.models import (
    Candidate,
)
from jobbro.companies.models import Company
from jobbro.db import Lower
from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, Role, User
from jobbro.organisations.selectors import cooperation_of, has_role_at, job_centres_of

from .models import (
    FollowUp,
    Importance,
    JobOrder,
    JobOrderStatus,
    JobOrderTask,
    Placement,
    Project,
    Referral,
    ReferralState,
    ReferralTransition,
    Requirement,
)

_Row = TypeVar("_Row", bound=Model)

AWAITING_ANSWER = (ReferralState.PROPOSED, ReferralState.INTERVIEW)

# Who runs job orders, as the list filters them: a job centre, or the secretariat.
SECRETARIAT: Final = "secretariat"
Runner: TypeAlias = JobCentre | Literal["secretariat"]


def _serves_company(to_order: str = "") -> QuerySet[Any]:
    """Whether the order's job centre serves its company's municipality (for `Exists`)."""
    return JobCentre.municipalities.through.objects.filter(
        jobcentre=OuterRef(f"{to_order}job_centre"),
        municipality=OuterRef(f"{to_order}company__municipality"),
    )


def _runs(user: User, to_order: str = "") -> Q:
    """The job orders (through `to_order`, e.g. "job_order__") the user took in or whose
    runners they are among: their job centres' orders, and the secretariat's for its staff.

    A secretariat order of a company outside the member municipalities is not its host
    centre's (see `centre_runs`)."""
    centres = job_centres_of(user, [role for role in Role if role != Role.SECRETARIAT])
    serves_company = _serves_company(to_order)
    return (
        Q(**{f"{to_order}created_by": user})
        | (
            Q(**{f"{to_order}job_centre__in": centres})
            & (Q(**{f"{to_order}by_secretariat": False}) | Exists(serves_company))
        )
        | Q(
            **{
                f"{to_order}by_secretariat": True,
                f"{to_order}company__cooperation__in": secretariat_cooperations(user),
            }
        )
    )


def secretariat_cooperations(user: User) -> QuerySet[Cooperation]:
    """The cooperations where the user works in the secretariat."""
    return Cooperation.objects.filter(job_centres__in=job_centres_of(user, [Role.SECRETARIAT]))


def open_job_orders_for(user: User) -> QuerySet[JobOrder]:
    """Open job orders the user created or that their job centres (or the secretariat they
    work in) are responsible for, by deadline."""
    return (
        JobOrder.objects.filter(status=JobOrderStatus.OPEN)
        .filter(_runs(user))
        .select_related("company", "job_centre")
        .order_by("deadline", "pk")
    )


def open_job_order_ids_for(user: User) -> list[int]:
    """The ids of `open_job_orders_for`, in its order: one read of who runs what serves the
    start page's count, its first rows (`job_orders_listed`) and the referrals on them."""
    return list(open_job_orders_for(user).values_list("pk", flat=True))


def referrals_awaiting_answer_for(user: User, runs: Sequence[int] | None = None) -> list[int]:
    """The ids, oldest first, of referrals the company has not answered on open job orders,
    on the user's job orders (`runs`: their ids, read here unless given) or proposed by
    them. A filled, closed or cancelled order's company answers no more, and its old
    referrals would stand first on the start page.

    Ids, not a query: under the OR, a join or a sort by date read every unanswered referral
    of the cooperation at national scale (100,000, most on orders closed long ago) before
    the first row; the user's own are a few hundred (`referrals_listed` reads them)."""
    if runs is None:
        runs = open_job_order_ids_for(user)
    return list(
        Referral.objects.filter(state__in=AWAITING_ANSWER, job_order__status=JobOrderStatus.OPEN)
        .filter(Q(job_order__in=runs) | Q(proposed_by=user))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )


def job_orders_listed(ids: Sequence[int]) -> list[JobOrder]:
    """These job orders in this order, with the company and job centre a list shows."""
    return _in_order(JobOrder.objects.select_related("company", "job_centre"), ids)


def referrals_listed(ids: Sequence[int]) -> list[Referral]:
    """These referrals in this order, with the order, company and candidate a list shows."""
    return _in_order(
        Referral.objects.select_related("job_order__company", "candidate__job_centre"), ids
    )


def _in_order(rows: QuerySet[_Row], ids: Sequence[int]) -> list[_Row]:
    found = rows.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def follow_ups_due_for(user: User, within_days: int = 7) -> QuerySet[FollowUp]:
    """Follow-ups not yet done, due within the coming week or overdue."""
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    open_follow_ups = FollowUp.objects.filter(done_at__isnull=True, due_on__lte=horizon)
    # Ids and the follow-up's own centre columns, so that the database reads the open
    # follow-ups by index, not every one of the cooperation joined to its hire.
    centres = list(job_centres_of(user).values_list("pk", flat=True))
    onboarded = list(
        open_follow_ups.filter(placement__onboarding_consultant=user).values_list("pk", flat=True)
    )
    return (
        open_follow_ups.filter(
            Q(pk__in=onboarded) | Q(job_order_centre__in=centres) | Q(candidate_centre__in=centres)
        )
        .select_related("placement__referral__candidate", "placement__referral__job_order__company")
        .order_by("due_on", "pk")
    )


# --- job orders --------------------------------------------------------------------------


def job_orders_visible_to(user: User) -> QuerySet[JobOrder]:
    """The job orders of the user's cooperation; none when the user belongs to none."""
    cooperation = cooperation_of(user)
    if cooperation is None:
        return JobOrder.objects.none()
    return JobOrder.objects.filter(company__cooperation=cooperation)


_referral_count = (
    Referral.objects.filter(job_order=OuterRef("pk"))
    .order_by()
    .values("job_order")
    .annotate(n=Count("pk"))
    .values("n")
)


def job_order_list(
    user: User,
    *,
    status: str = "",
    job_centre: Runner | None = None,
    kind: str = "",
    project: Project | None = None,
    text: str = "",
    mine: bool = False,
) -> QuerySet[JobOrder]:
    """Job orders of the user's cooperation matching the filters, newest first.

    `job_centre` is who runs them: a job centre (not the secretariat's orders it only hosts
    on the record), or `SECRETARIAT`."""
    orders = (
        job_orders_visible_to(user)
        .select_related("company", "job_centre", "occupation", "project")
        # A subquery, not a join: the newest page is read by the created_at index and only
        # its rows' referrals are counted (a join grouped all 1,000,000 at national scale).
        .annotate(referral_count=Coalesce(Subquery(_referral_count), 0))
    )
    if status:
        orders = orders.filter(status=status)
    if job_centre == SECRETARIAT:
        orders = orders.filter(by_secretariat=True)
    elif job_centre is not None:
        orders = orders.filter(
            Q(by_secretariat=False) | Exists(_serves_company()), job_centre=job_centre
        )
    if kind:
        orders = orders.filter(kind=kind)
    if project is not None:
        orders = orders.filter(project=project)
    if mine:
        orders = orders.filter(_runs(user))
    text = text.strip()
    if text:
        needle = text.lower()
        orders = orders.alias(
            title_lower=Lower("title"),
            company_lower=Lower("company__name"),
            tasks_lower=Lower("tasks"),
        ).filter(
            Q(title_lower__contains=needle)
            | Q(company_lower__contains=needle)
            | Q(tasks_lower__contains=needle)
        )
    return orders.order_by("-created_at", "-pk")


def job_orders_of_company(company: Company) -> QuerySet[JobOrder]:
    """The company's job orders for its page, newest first, with their referral counts."""
    return (
        JobOrder.objects.filter(company=company)
        .select_related("job_centre", "occupation")
        .annotate(referral_count=Count("referrals"))
        .order_by("-created_at", "-pk")
    )


def projects_of(cooperation: Cooperation | None) -> QuerySet[Project]:
    if cooperation is None:
        return Project.objects.none()
    return Project.objects.filter(cooperation=cooperation)


# --- projects ----------------------------------------------------------------------------


def projects_visible_to(user: User) -> QuerySet[Project]:
    """The projects of the user's cooperation; another cooperation's do not exist for them."""
    return projects_of(cooperation_of(user))


def project_list(user: User) -> QuerySet[Project]:
    """The cooperation's projects with what their job orders come to: orders, open ones,
    positions and hires."""
    return projects_visible_to(user).annotate(
        order_count=Count("job_orders"),
        open_count=Count("job_orders", filter=Q(job_orders__status=JobOrderStatus.OPEN)),
        position_count=Sum("job_orders__positions", default=0),
        hire_count=Sum("job_orders__hires", default=0),
    )


def may_edit_project(user: User, project: Project) -> bool:
    """The secretariat and the managers of the project's cooperation set it up."""
    return user.memberships.filter(
        job_centre__cooperation_id=project.cooperation_id, role__in=access.PROJECT_EDITORS
    ).exists()


def may_create_project(user: User) -> bool:
    return user.memberships.filter(role__in=access.PROJECT_EDITORS).exists()


@dataclass(frozen=True)
class ProjectDetail:
    project: Project
    job_orders: list[JobOrder]
    placements: list[Placement]
    positions: int
    hires: int


def project_detail(project: Project) -> ProjectDetail:
    """The project's job orders (newest first) and the hires made on them, each with its
    follow-ups, in three queries whatever their number."""
    job_orders = list(
        project.job_orders.select_related("company", "job_centre", "occupation").order_by(
            "-created_at", "-pk"
        )
    )
    follow_ups = FollowUp.objects.order_by("due_on")
    placements = list(
        Placement.objects.filter(referral__job_order__project=project)
        .select_related("referral__candidate__job_centre", "referral__job_order__company")
        .prefetch_related(Prefetch("follow_ups", queryset=follow_ups))
        .order_by("-start_date", "-pk")
    )
    return ProjectDetail(
        project=project,
        job_orders=job_orders,
        placements=placements,
        positions=sum(order.positions for order in job_orders),
        hires=sum(order.hires for order in job_orders),
    )


def job_centres_in(cooperation: Cooperation | None) -> QuerySet[JobCentre]:
    if cooperation is None:
        return JobCentre.objects.none()
    return cooperation.job_centres.all()


def job_order_for_detail(orders: QuerySet[JobOrder]) -> QuerySet[JobOrder]:
    return orders.select_related(
        "company__cooperation",
        "company__municipality",
        "job_centre",
        "occupation",
        "workplace_municipality",
        "project",
        "created_by",
    )


def requirements_of(job_order: JobOrder) -> QuerySet[Requirement]:
    return job_order.requirements.select_related("qualification", "language", "skill").order_by(
        "kind", "pk"
    )


def tasks_of(job_order: JobOrder) -> QuerySet[JobOrderTask]:
    """The tasks the job order is broken into, in their order, each with its skills."""
    return job_order.job_tasks.prefetch_related("skills").order_by("position", "pk")


def task_skill_ids(job_order: JobOrder) -> list[int]:
    """The skills of the job order's tasks that need no trade, each once: what the search
    for the tasks ranks by."""
    links = JobOrderTask.skills.through.objects.filter(
        jobordertask__job_order=job_order, jobordertask__needs_trade=False
    )
    return sorted(set(links.values_list("skill_id", flat=True)))


def referrals_with_history() -> QuerySet[Referral]:
    """Referrals with candidate, transition history and placement, each in one query."""
    transitions = ReferralTransition.objects.select_related("by").order_by("at", "pk")
    return Referral.objects.select_related(
        "job_order", "candidate__job_centre", "candidate__municipality", "proposed_by", "placement"
    ).prefetch_related(Prefetch("transitions", queryset=transitions))


def referrals_of(job_order: JobOrder) -> QuerySet[Referral]:
    return referrals_with_history().filter(job_order=job_order).order_by("-created_at", "-pk")


def placements_of(job_order: JobOrder) -> QuerySet[Placement]:
    follow_ups = FollowUp.objects.order_by("due_on")
    return (
        Placement.objects.filter(referral__job_order=job_order)
        # The job centre names a candidate the reader may not see ("a candidate at …").
        .select_related("referral__candidate__job_centre", "onboarding_consultant", "recorded_by")
        .prefetch_related(Prefetch("follow_ups", queryset=follow_ups))
        .order_by("start_date", "pk")
    )


@dataclass(frozen=True)
class JobOrderDetail:
    job_order: JobOrder
    must_haves: list[Requirement]
    nice_to_haves: list[Requirement]
    referrals: QuerySet[Referral]
    placements: QuerySet[Placement]
    tasks: list[JobOrderTask]

    @property
    def has_tasks_without_trade(self) -> bool:
        """Whether the order can be searched for its tasks without the trade."""
        return any(not task.needs_trade and task.skills.all() for task in self.tasks)


def job_order_detail(job_order: JobOrder) -> JobOrderDetail:
    requirements = list(requirements_of(job_order))
    return JobOrderDetail(
        job_order=job_order,
        must_haves=[r for r in requirements if r.importance == Importance.MUST],
        nice_to_haves=[r for r in requirements if r.importance == Importance.NICE],
        referrals=referrals_of(job_order),
        placements=placements_of(job_order),
        tasks=list(tasks_of(job_order)),
    )


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    return referrals_with_history().filter(job_order__in=job_orders_visible_to(user))


def onboarding_consultants_of(cooperation: Cooperation) -> QuerySet[User]:
    return (
        User.objects.filter(
            memberships__job_centre__cooperation=cooperation,
            memberships__role=Role.ONBOARDING_CONSULTANT,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# --- candidates to propose (the ranked search is jobbro.matching's) -----------------------


def is_referred(job_order: JobOrder, candidate: Candidate) -> bool:
    """Whether the candidate is proposed for the job order already (in any state)."""
    return Referral.objects.filter(job_order=job_order, candidate=candidate).exists()


def candidates_visible_to(user: User) -> QuerySet[Candidate]:
    """Own job centres' candidates and the cooperation's consenting ones (candidates' rule)."""
    return candidate_selectors.candidates_visible_to(user)


def named_candidates(user: User, candidate_ids: Iterable[int]) -> set[int]:
    """Of these candidates, the ones the user may open: a page names only those (the rest
    are "a candidate at <job centre>"), and only their reads are logged."""
    return set(
        candidates_visible_to(user).filter(pk__in=list(candidate_ids)).values_list("pk", flat=True)
    )


# --- follow-ups --------------------------------------------------------------------------


class FollowUpFilter(Enum):
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


def follow_ups_visible_to(user: User) -> QuerySet[FollowUp]:
    """Follow-ups the user does or that concern their job centres' orders or candidates."""
    centres = job_centres_of(user)
    return FollowUp.objects.filter(
        Q(placement__onboarding_consultant=user)
        | Q(placement__referral__job_order__job_centre__in=centres)
        | Q(placement__referral__candidate__job_centre__in=centres)
    ).select_related(
        "placement__referral__candidate__job_centre",
        "placement__referral__job_order__company",
        "placement__onboarding_consultant",
        "done_by",
    )


def follow_up_list(user: User, *, show: FollowUpFilter = FollowUpFilter.DUE) -> QuerySet[FollowUp]:
    """Open follow-ups by due date (the overdue come first), or the recorded ones, newest first."""
    # Filter by primary key so the OR across relations never repeats a row.
    follow_ups = FollowUp.objects.filter(pk__in=follow_ups_visible_to(user).values("pk"))
    follow_ups = follow_ups.select_related(
        "placement__referral__candidate__job_centre",
        "placement__referral__job_order__company",
        "placement__onboarding_consultant",
        "done_by",
    )
    if show is FollowUpFilter.DONE:
        return follow_ups.filter(done_at__isnull=False).order_by("-done_at", "-pk")
    follow_ups = follow_ups.filter(done_at__isnull=True)
    if show is FollowUpFilter.OVERDUE:
        follow_ups = follow_ups.filter(due_on__lt=timezone.localdate())
    return follow_ups.order_by("due_on", "pk")


def today() -> dt.date:
    return timezone.localdate()


# Who recruits for a job centre: its staff who propose or edit job orders. A secretariat
# membership sits at the host centre but is not that centre's staff.
CENTRE_RECRUITERS = tuple(
    role
    for role in dict.fromkeys((*access.REFERRERS, *access.JOB_ORDER_EDITORS))
    if role != Role.SECRETARIAT
)


def is_secretariat_of(user: User, cooperation_id: int) -> bool:
    return user.memberships.filter(
        role=Role.SECRETARIAT, job_centre__cooperation_id=cooperation_id
    ).exists()


def centre_runs(job_order: JobOrder) -> bool:
    """Whether the order's job centre runs it: always, except for an order the secretariat
    runs for a company outside the member municipalities (the host centre is recorded only).
    """
    if not job_order.by_secretariat:
        return True
    return job_order.job_centre.municipalities.filter(pk=job_order.company.municipality_id).exists()


def may_edit(user: User, job_order: JobOrder) -> bool:
    """Those responsible for the order edit it, as they answer for it (`may_answer_for`):
    the secretariat for an order it runs, else its job centre's business consultants."""
    if job_order.by_secretariat and is_secretariat_of(user, job_order.company.cooperation_id):
        return True
    editors = [role for role in access.JOB_ORDER_EDITORS if role != Role.SECRETARIAT]
    return centre_runs(job_order) and has_role_at(user, job_order.job_centre, editors)


def may_answer_for(user: User, job_order: JobOrder) -> bool:
    """Whether the user records the company's answers and the hires on this job order.

    Only those responsible for it: the secretariat for an order it runs (`by_secretariat`);
    the staff of its job centre who propose or edit, unless that centre is only the
    secretariat's host on the record (`centre_runs`). Another job centre may propose
    candidates but never moves the order's referrals, not even whoever typed the order in
    for a company another centre holds.
    """
    if job_order.by_secretariat and is_secretariat_of(user, job_order.company.cooperation_id):
        return True
    at_centre = user.memberships.filter(
        job_centre_id=job_order.job_centre_id, role__in=CENTRE_RECRUITERS
    ).exists()
    return at_centre and centre_runs(job_order)
