"""Objects for the access matrix: a target of the world's cooperation, split by its centre,
and the drill-down of the hires."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from jobbro.kpis.models import Target, TargetPart


def extend(base: Any) -> dict[str, Any]:
    target = Target.objects.create(
        cooperation=base.centre.cooperation,
        kpi="hires",
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 12, 31),
        value=Decimal(10),
    )
    TargetPart.objects.create(target=target, job_centre=base.centre, value=Decimal(10))
    return {"kpis": target.pk, "kpis:items": {"key": "hires"}}
