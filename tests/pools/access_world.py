"""Objects the access matrix needs for the pool pages: a pool of the world's job centre
with the world's candidate in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.factories import PoolFactory, PoolMemberFactory

if TYPE_CHECKING:
    from tests.urls_world import AccessWorld


def extend(base: AccessWorld) -> dict[str, Any]:
    pool = PoolFactory(job_centre=base.centre, name="Byggeri og anlæg")
    member = PoolMemberFactory(pool=pool, candidate=base.candidate)
    return {"pools": pool.pk, "pools:member_remove": {"pk": pool.pk, "member": member.pk}}
