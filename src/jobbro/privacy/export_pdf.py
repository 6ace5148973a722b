"""The citizen's data export as a readable PDF, in the citizen's language.

The PDF shows the same data as the JSON export (`selectors.candidate_export`), read in the
PDF's language: dates as dates, codes as their labels.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import translation

from jobbro.accesslog.models import Purpose
from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope, EducationLevel
from jobbro.joborders.models import FollowUpStep, ReferralState
from jobbro.pdf import render_pdf
from jobbro.taxonomy.models import CefrLevel

from .selectors import candidate_export

DATES = frozenset(
    {
        "birth_date",
        "consent_given_on",
        "available_from",
        "registered_on",
        "start_date",
        "end_date",
        "obtained_on",
        "expires_on",
        "due_on",
    }
)
DATETIMES = frozenset({"created_at", "updated_at", "anonymised_at", "proposed_at", "at", "done_at"})
# Codes by key, and by the list they are in where one key means two things ("level").
CHOICES: dict[tuple[str, str], type[models.TextChoices]] = {
    ("", "status"): CandidateStatus,
    ("", "consent_scope"): ConsentScope,
    ("", "state"): ReferralState,
    ("history", "from"): ReferralState,
    ("history", "to"): ReferralState,
    ("follow_ups", "step"): FollowUpStep,
    ("access_log", "purpose"): Purpose,
    ("educations", "level"): EducationLevel,
    ("languages", "level"): CefrLevel,
}


def _readable(value: Any, key: str = "", within: str = "") -> Any:
    """The export's value with dates parsed and codes turned into their choices (whose
    `label` the template shows in the PDF's language)."""
    if isinstance(value, dict):
        return {k: _readable(v, k, within) for k, v in value.items()}
    if isinstance(value, list):
        return [_readable(item, key, key) for item in value]
    if not isinstance(value, str) or not value:
        return value
    if key in DATES:
        return dt.date.fromisoformat(value)
    if key in DATETIMES:
        return dt.datetime.fromisoformat(value)
    choices = CHOICES.get((within, key)) or CHOICES.get(("", key))
    if choices is not None and value in choices.values:
        return choices(value)
    return value


def render_export(candidate: Candidate, *, language: str) -> bytes:
    """Everything Jobbro holds about the citizen, as a PDF in `language`."""
    with translation.override(language):  # the export names occupations in its language
        data = _readable(candidate_export(candidate))
    return render_pdf("privacy/pdf/export.html", {"data": data}, language=language)
