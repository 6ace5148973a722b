"""Run the demo generators in order, in one transaction; report the demo logins."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from jobbro.candidates.models import Candidate, TargetGroup
from jobbro.companies.models import Company
from jobbro.joborders.models import JobOrder, Placement, Referral
from jobbro.organisations.models import Cooperation, Membership
from jobbro.taxonomy.models import Language, Qualification

from .candidates import seed_candidates
from .companies import seed_companies, seed_industries
from .company_service import seed_company_service
from .context import Demo
from .events import seed_events
from .guarantees import seed_guarantees
from .history import seed_history
from .intake import seed_intake
from .job_tasks import seed_job_tasks
from .joborders import seed_job_orders, seed_postings, seed_projects
from .kkr import seed_kkr
from .kpis import seed_targets
from .occupations import load_trades
from .organisations import COOPERATION_SHORT, NAMED_USERS, seed_organisations
from .pools import seed_pools
from .requests import seed_requests
from .surveys import seed_surveys
from .upskilling import seed_upskilling

DEMO_USERNAMES = tuple(u[0] for u in NAMED_USERS)


@dataclass(frozen=True)
class Login:
    username: str
    name: str
    role: str
    job_centre: str


def demo_exists() -> bool:
    return Cooperation.objects.filter(short_name=COOPERATION_SHORT).exists()


# In order: each generator builds on what the ones before it made.
GENERATORS: tuple[Callable[[Demo], None], ...] = (
    seed_organisations,
    seed_industries,
    seed_companies,
    seed_candidates,
    seed_projects,
    seed_job_orders,
    seed_history,
    seed_postings,
    seed_company_service,
    seed_requests,
    seed_intake,
    seed_surveys,
    seed_events,
    seed_kkr,
    seed_targets,
    seed_upskilling,
    seed_guarantees,
    seed_pools,
    seed_job_tasks,
)


def new_demo(*, scale: float, seed_value: int) -> Demo:
    """A demo context holding the reference data the generators draw on."""
    demo = Demo(rng=random.Random(seed_value), scale=scale)  # noqa: S311 - synthetic data
    demo.trades = load_trades()
    demo.qualifications = {q.code: q for q in Qualification.objects.all()}
    demo.languages = {lang.code: lang for lang in Language.objects.all()}
    demo.target_groups = {g.code: g for g in TargetGroup.objects.all()}
    return demo


def seed(*, scale: float = 1.0, seed_value: int = 2025) -> dict[str, int]:
    """Create the demo data set; the caller checks `demo_exists()` first."""
    with transaction.atomic():
        demo = new_demo(scale=scale, seed_value=seed_value)
        for generate in GENERATORS:
            generate(demo)
    return {
        "companies": Company.objects.count(),
        "candidates": Candidate.objects.count(),
        "job orders": JobOrder.objects.count(),
        "referrals": Referral.objects.count(),
        "placements": Placement.objects.count(),
    }


def demo_logins() -> list[Login]:
    """The demo users: the named ones first, then each job centre's business and job consultant."""
    memberships = (
        Membership.objects.filter(job_centre__cooperation__short_name=COOPERATION_SHORT)
        .filter(user__email__endswith="@jobbro.example")
        .select_related("user", "job_centre")
    )
    logins = [
        Login(
            m.user.username,
            m.user.get_full_name(),
            str(m.get_role_display()),
            m.job_centre.name,
        )
        for m in memberships
    ]
    order = {name: i for i, name in enumerate(DEMO_USERNAMES)}
    return sorted(logins, key=lambda x: (order.get(x.username, len(order)), x.username))
