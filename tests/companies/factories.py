"""Helpers for company tests beyond tests/factories.py."""

from __future__ import annotations

from jobbro.companies.validators import CVR_WEIGHTS, cvr_is_valid


def valid_cvrs(count: int, start: int = 2000000) -> list[str]:
    """`count` distinct checksum-valid CVR numbers (the shared factory cycles through six)."""
    found: list[str] = []
    body = start
    while len(found) < count:
        digits = f"{body:07d}"
        check = -sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS[:7], strict=True)) % 11
        if check < 10 and cvr_is_valid(digits + str(check)):
            found.append(digits + str(check))
        body += 1
    return found
