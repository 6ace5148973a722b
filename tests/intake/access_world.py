"""The access matrix's shared-line objects: an inquiry routed to the matrix's job centre."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.factories import InquiryFactory

if TYPE_CHECKING:
    from tests.urls_world import AccessWorld


def extend(base: AccessWorld) -> dict[str, Any]:
    inquiry = InquiryFactory(routed_to=base.centre, company=base.company)
    return {"intake": inquiry.pk}
