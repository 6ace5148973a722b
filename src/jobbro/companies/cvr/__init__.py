"""Looking companies up in the Central Business Register (CVR).

A source answers `lookup(cvr)` with a `CvrRecord`, None for an unknown number, or raises
`CvrUnavailable` when it cannot be reached. The setting `JOBBRO_CVR_SOURCE` names the
source's class by dotted path; the recorded sample is the default, so tests and the demo
never touch the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_SOURCE = "jobbro.companies.cvr.sample.RecordedSample"


@dataclass(frozen=True)
class CvrRecord:
    """What the register says about a company, as our fields want it."""

    cvr: str
    name: str
    street: str
    postcode: str
    city: str
    municipality_code: str  # kommunekode, three digits
    industry_code: str  # main industry (hovedbranche), six digits
    # The code's edition: DB25 for an entry from 2025 on (the register recoded every active
    # company then), DB07 for an older one.
    industry_version: str = "DB25"
    phone: str = ""
    email: str = ""


class CvrUnavailable(Exception):
    """The register could not be asked or gave an answer we cannot read."""


class CvrSource(Protocol):
    def lookup(self, cvr: str) -> CvrRecord | None: ...


def cvr_source() -> CvrSource:
    """The configured source, built from settings on each call (settings may change in tests)."""
    source_class = import_string(getattr(settings, "JOBBRO_CVR_SOURCE", DEFAULT_SOURCE))
    source: CvrSource = source_class.from_settings()
    return source
