"""The citizen's data export as a PDF: the same data as the JSON, readable, in the language
the address names; for the owning job centre's caseworkers and DPO, each export logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jobbro.accesslog.models import AccessLogEntry, Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate
from jobbro.organisations.models import JobCentre, Role, User
from tests.candidates.pdf_pages import read_pdf
from tests.factories import staff
from tests.privacy.conftest import CPR
from tests.privacy.test_requests import _hire

pytestmark = [pytest.mark.pdf, pytest.mark.django_db]

HEADINGS = {
    "da": ("Dine data i Jobbro", "Hvem har læst dine data"),
    "en": ("Your data in Jobbro", "Who has read your data"),
}


@pytest.fixture
def exported(client_for: Any, editor: User, candidate: Candidate) -> dict[str, Any]:
    """Both languages' PDFs of a hired candidate, whose CV was read once before."""
    _hire(candidate, editor, follow_up_done=True)
    log_access(user=editor, candidates=[candidate], purpose=Purpose.VIEW)
    client = client_for(editor)
    pages = {}
    for language in ("da", "en"):
        response = client.get(reverse(f"privacy:export_pdf_{language}", args=[candidate.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "no-store"
        pages[language] = read_pdf(response.content, find=HEADINGS[language])
    return pages


def test_the_export_pdf_holds_what_the_json_holds(exported):
    text = "\n".join(page.text for page in exported["da"])
    cpr = f"{CPR[:6]}-{CPR[6:]}"  # as the citizen knows it, DDMMYY-SSSS
    for wanted in ("Søren Østergaard", cpr, "Erfaren tømrer", "Stærk kandidat", "Trives godt"):
        assert wanted in text, wanted
    # Codes read as words in the citizen's language, dates as Danish dates.
    assert "Ansat fra" in text and "efter 1 uge" in text and "5. januar 2026" in text
    assert "Kandidatside og CV" in text or "kandidatside og CV" in text  # the log's purposes
    en = "\n".join(page.text for page in exported["en"])
    assert "Who has read your data" in en and "candidate page and CV" in en
    assert "Hvem har læst" not in en


def test_each_export_is_logged(exported, editor, candidate):
    exports = AccessLogEntry.objects.filter(user=editor, candidate=candidate, purpose="export")
    assert sorted(exports.values_list("view_name", flat=True)) == [
        "privacy:export_pdf_da",
        "privacy:export_pdf_en",
    ]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_export_pages_render(exported, language):
    pages = exported[language]
    assert 1 <= len(pages) <= 3
    for page in pages:
        assert 0.01 < page.ink() < 0.5
    title, log = HEADINGS[language]
    assert pages[0].tops[title] < 0.12
    assert any(log in page.tops for page in pages)


@pytest.mark.parametrize(
    ("role", "centre", "status"),
    [
        (Role.DATA_PROTECTION_OFFICER, "own", 200),
        (Role.JOB_CONSULTANT, "other", 403),  # reads the consenting CV, not the export
        (Role.DATA_PROTECTION_OFFICER, "other", 404),
        (Role.BUSINESS_CONSULTANT, "own", 403),
        (Role.SECRETARIAT, "own", 403),
    ],
)
def test_who_exports(
    client_for: Any,
    candidate: Candidate,
    job_centre: JobCentre,
    other_job_centre: JobCentre,
    role: Role,
    centre: str,
    status: int,
) -> None:
    user = staff(role, job_centre if centre == "own" else other_job_centre)
    url = reverse("privacy:export_pdf_en", args=[candidate.pk])
    assert client_for(user).get(url).status_code == status
    logged = AccessLogEntry.objects.filter(user=user, purpose=Purpose.EXPORT).exists()
    assert logged == (status == 200)
