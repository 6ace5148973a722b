"""What the demo generators share: the random source, today, the scale and what was made."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from jobbro.candidates.models import Candidate, TargetGroup
    from jobbro.companies.models import Company, Industry
    from jobbro.joborders.models import JobOrder, Project
    from jobbro.organisations.models import (
        Cooperation,
        JobCentre,
        Municipality,
        PartnerOrganisation,
        User,
    )
    from jobbro.taxonomy.models import Language, Qualification

    from .occupations import TradeData

DEMO_PASSWORD = "jobbro-demo"  # noqa: S105 - published demo login, never a real one


@dataclass
class Demo:
    rng: random.Random
    scale: float
    today: dt.date = field(default_factory=timezone.localdate)
    cooperation: Cooperation | None = None
    job_centres: dict[str, JobCentre] = field(default_factory=dict)  # by slug
    centre_of_municipality: dict[str, JobCentre] = field(default_factory=dict)  # by code
    municipalities: dict[str, Municipality] = field(default_factory=dict)  # by code
    users: dict[str, User] = field(default_factory=dict)  # by username
    consultants: dict[int, list[User]] = field(default_factory=dict)  # BCs by job centre id
    job_consultants: dict[int, list[User]] = field(default_factory=dict)  # by job centre id
    unemployment_funds: list[PartnerOrganisation] = field(default_factory=list)
    industries: dict[str, list[Industry]] = field(default_factory=dict)  # by sector
    trades: dict[str, TradeData] = field(default_factory=dict)
    qualifications: dict[str, Qualification] = field(default_factory=dict)  # by code
    languages: dict[str, Language] = field(default_factory=dict)  # by code
    target_groups: dict[str, TargetGroup] = field(default_factory=dict)  # by code
    companies: list[Company] = field(default_factory=list)
    company_sector: dict[int, str] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    candidate_trade: dict[int, str] = field(default_factory=dict)  # candidate id → trade label
    projects: list[Project] = field(default_factory=list)
    job_orders: list[JobOrder] = field(default_factory=list)
    job_order_created: dict[int, dt.datetime] = field(default_factory=dict)

    def count(self, full: int, minimum: int = 1) -> int:
        return max(minimum, round(full * self.scale))

    def days_ago(self, days: int, hour: int | None = None) -> dt.datetime:
        """An aware datetime `days` before today, in working hours."""
        day = self.today - dt.timedelta(days=days)
        return self.at(day, hour)

    def at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        hour = self.rng.randint(8, 15) if hour is None else hour
        naive = dt.datetime.combine(day, dt.time(hour, self.rng.randrange(0, 60, 5)))
        return timezone.make_aware(naive)
