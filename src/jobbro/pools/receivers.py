"""A new job order in a pool's field tells the pool's owners (see services)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from jobbro.joborders.models import JobOrder
from jobbro.joborders.signals import job_order_created

from .services import notify_pool_owners


@receiver(job_order_created, sender=JobOrder, dispatch_uid="pools.notify_pool_owners")
def _job_order_created(sender: type[JobOrder], job_order: JobOrder, **kwargs: Any) -> None:
    notify_pool_owners(job_order)
