"""The steering group's targets for this year: HRS's kind of construction target (hires in
the whole industry group F, codes 41-43, old and new codes alike) and a match rate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jobbro.kpis.models import Target

from .context import Demo


def seed_targets(demo: Demo) -> None:
    assert demo.cooperation is not None
    year = demo.today.year
    chair = demo.users.get("styregruppe")
    common = {
        "cooperation": demo.cooperation,
        "start": dt.date(year, 1, 1),
        "end": dt.date(year, 12, 31),
        "created_by": chair,
    }
    Target.objects.create(
        kpi="hires",
        industry_section="F",
        value=Decimal(demo.count(120)),
        note="Byggeriet: metro, letbane og hospitalsbyggeri.",
        **common,
    )
    Target.objects.create(
        kpi="match_rate",
        value=Decimal(40),
        note="Mindst 4 af 10 visitationer skal føre til ansættelse.",
        **common,
    )
