"""Pages that moved to another app keep their addresses: bookmarks and mailed links work."""

from __future__ import annotations

import pytest
from django.urls import reverse

ADDRESSES = {
    ("sharing:ranked", 7): "/job-orders/7/candidates/",
    ("sharing:propose", 7): "/job-orders/7/propose/",
    ("sharing:requests", None): "/sharing/requests/",
    ("candidate_requests:create", 7): "/job-orders/7/ask-job-centres/",
    ("candidate_requests:list", None): "/job-orders/requests/",
    ("candidate_requests:detail", 7): "/job-orders/requests/7/",
    ("candidate_requests:answer", 7): "/job-orders/requests/7/answer/",
    ("screening:checklists", None): "/job-orders/screening/",
    ("screening:company_sheet", 7): "/job-orders/7/for-company/",
}


@pytest.mark.parametrize(("name", "pk", "address"), [(*k, v) for k, v in ADDRESSES.items()])
def test_a_moved_page_keeps_its_address(name: str, pk: int | None, address: str) -> None:
    assert reverse(name, args=[pk] if pk else []) == address
