"""Suggestions in the browser: a job title suggests its occupation, a skill box finds
certificates, and a picked certificate lands where certificates are kept."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.candidates.models import HeldQualification
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Occupation, Qualification
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    JobCentreFactory,
    MembershipFactory,
    staff,
)
from tests.taxonomy.esco_subset import write_subset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LABELS = ("carpenter", "bricklayer", "roofer", "warehouse worker", "forklift operator")


@pytest.fixture
def esco(tmp_path: Path) -> Iterator[None]:
    """Real ESCO occupations and skills (a subset), and the project's certificates."""
    call_command("load_taxonomy", "--dir", str(write_subset(tmp_path, LABELS)), stdout=StringIO())
    clear_cache()
    yield
    clear_cache()


def test_title_suggests_the_occupation_and_skills_find_certificates(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
    esco: None,
) -> None:
    centre = JobCentreFactory(name="Jobcenter Herlev")
    user = staff(Role.BUSINESS_CONSULTANT, centre, username="bc", password=PASSWORD)
    # In a small job centre one person takes the job order and keeps the CVs.
    MembershipFactory(user=user, job_centre=centre, role=Role.JOB_CONSULTANT)
    company = CompanyFactory(cooperation=centre.cooperation, name="Herlev Byg ApS")
    carpenter = Occupation.objects.get(label_en="carpenter")
    truck = Qualification.objects.get(code="truck-b")
    log_in(page, "bc")
    expect(page.locator("h1")).to_have_text("Mit arbejde")

    # Job order: the title as the company says it suggests the occupation.
    page.goto(f"/job-orders/new/?company={company.pk}")
    page.get_by_label("Stillingsbetegnelse").press_sequentially("tømrersvend", delay=30)
    picker = page.get_by_test_id("picker-occupation")
    match = picker.get_by_label("tømrer")
    expect(match).to_be_visible()
    expect(picker.locator(f"label[for=occupation_{carpenter.pk}]")).to_contain_text("(carpenter)")
    screenshot("suggest-1-title-matches")
    match.check()
    expect(page.get_by_label("Stillingsbetegnelse")).to_have_value("tømrersvend")

    # A skill requirement: "truckcert" finds the certificate; picking it makes the row a
    # certificate requirement.
    page.select_option("select[name=req-0-kind]", "skill")
    skills = page.get_by_test_id("picker-req-0-skill")
    skills.locator("input[type=search]").press_sequentially("truckcert", delay=30)
    label = skills.locator(f"label[for=req-0-skill_q{truck.pk}]")
    expect(label).to_contain_text("Truckcertifikat B")
    expect(label).to_contain_text("Certifikat")
    screenshot("suggest-2-requirement-certificate")
    skills.locator(f"input[value=q{truck.pk}]").click()
    expect(page.locator("select[name=req-0-kind]")).to_have_value("qualification")
    expect(page.locator("select[name=req-0-qualification]")).to_have_value(str(truck.pk))
    expect(page.locator("select[name=req-0-qualification]")).to_be_visible()

    page.get_by_label("Stillinger", exact=True).fill("2")
    start = timezone.localdate() + dt.timedelta(days=30)
    page.get_by_label("Startdato").fill(start.isoformat())
    page.get_by_label("Ansøgningsfrist").fill((start - dt.timedelta(days=14)).isoformat())
    screenshot("suggest-3-job-order-form")
    page.get_by_role("button", name="Opret jobordre").click()
    expect(page.locator("h1")).to_contain_text("tømrersvend")
    job_order = JobOrder.objects.get()
    assert job_order.occupation == carpenter
    assert job_order.requirements.get().qualification == truck

    # CV: the skills box finds the certificate too, and it is saved as a certificate.
    candidate = CandidateFactory(job_centre=centre, first_name="Mette", last_name="Kjær")
    page.goto(f"/candidates/{candidate.pk}/cv/")
    search = page.get_by_test_id("picker-skills").locator("input[type=search]")
    search.press_sequentially("truckcert", delay=30)
    search.press("Enter")  # searches; does not submit the CV form
    expect(page).to_have_url(re.compile(r"/cv/$"))
    assert not HeldQualification.objects.filter(cv=candidate.cv).exists()
    option = page.get_by_test_id("picker-skills").locator(
        f"input[name=picked_qualifications][value='{truck.pk}']"
    )
    expect(option).to_be_visible()
    label = page.get_by_test_id("picker-skills").locator(
        f"label[for=picked_qualifications_{truck.pk}]"
    )
    expect(label).to_contain_text("Truckcertifikat B")
    expect(label).to_contain_text("Certifikat")
    option.check()
    screenshot("suggest-4-cv-skills-certificate")
    page.get_by_role("button", name="Gem CV").click()
    expect(page.locator("h1")).to_contain_text("Mette Kjær")
    assert HeldQualification.objects.get(cv=candidate.cv).qualification == truck
    expect(page.locator("body")).to_contain_text("Truckcertifikat B")
    screenshot("suggest-5-candidate")
