"""Companies enough for a survey round (the shared factory cycles through six CVR numbers)."""

from __future__ import annotations

import itertools
from typing import Any

from jobbro.companies.models import Company
from jobbro.companies.validators import cvr_is_valid
from tests.factories import CompanyFactory

_numbers = (f"{n:08d}" for n in itertools.count(20000000) if cvr_is_valid(f"{n:08d}"))


def company(**fields: Any) -> Company:
    """A company with a fresh, checksum-valid CVR number."""
    return CompanyFactory(cvr=next(_numbers), **fields)
