"""Substitution labour in the demo: two open job orders (the demo consultant's first) broken
into the trade's own work and the cleaning and clearing-up a building cleaner can take, so
that "opgaverne uden faguddannelse" on the ranked list finds candidates without the trade."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, OuterRef

from jobbro.joborders.models import (
    Importance,
    JobOrder,
    JobOrderStatus,
    JobOrderTask,
    Requirement,
    RequirementKind,
)

from .context import Demo

ORDERS = 2
CLEANER = "building cleaner"
CLEARING = defaultdict(
    lambda: "Rengøring og oprydning",
    construction="Oprydning og affaldssortering på pladsen",
    care="Rengøring og praktisk hjælp i boligerne",
    hospitality="Opvask, rengøring og oprydning i køkkenet",
)
CLEARING_DESCRIPTION = "Opgaver, der ikke kræver faguddannelse: de aflaster de faglærte."


def seed_job_tasks(demo: Demo) -> None:
    konsulent = demo.users["konsulent"]
    cleaner = demo.trades[CLEANER]
    by_occupation = {data.occupation_id: data for data in demo.trades.values()}
    certified = Requirement.objects.filter(
        job_order=OuterRef("pk"), importance=Importance.MUST, kind=RequirementKind.QUALIFICATION
    )
    open_orders = JobOrder.objects.filter(status=JobOrderStatus.OPEN).annotate(
        certified=Exists(certified)
    )
    # Not the cleaners' own trade; first those a cleaner can take (no certificate of the
    # trade as a must-have, which would hold for the tasks too), the demo consultant's first.
    orders = sorted(
        (o for o in open_orders if by_occupation[o.occupation_id].trade.sector != "cleaning"),
        key=lambda o: (o.certified, o.created_by_id != konsulent.pk, o.pk),
    )[:ORDERS]
    for order in orders:
        trade = by_occupation[order.occupation_id]
        own = JobOrderTask.objects.create(
            job_order=order,
            title=f"{order.title}: fagets eget arbejde",
            needs_trade=True,
            positions=max(1, order.positions - 1),
            position=0,
        )
        own.skills.set(trade.essential_skill_ids[:3])
        clearing = JobOrderTask.objects.create(
            job_order=order,
            title=CLEARING[trade.trade.sector],
            description=CLEARING_DESCRIPTION,
            needs_trade=False,
            positions=1,
            hours_per_week=30,
            position=1,
        )
        clearing.skills.set(cleaner.essential_skill_ids[:4])
