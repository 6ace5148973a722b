"""The secretariat recruits across the cooperation, in a real browser (issue 11).

Ballerup hosts the secretariat of the cooperation; Herlev and Gladsaxe are members. A
company in Roskilde, outside the member municipalities, calls the shared line and its
inquiry sits with the secretariat. Sofie of the secretariat opens it, takes it, takes the
job order in (it is the secretariat's, not Ballerup's), opens the ranked list and proposes
a carpenter of Jobcenter Gladsaxe who consented to sharing; the job order shows the
referral. Once in Danish, once in English.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.candidates.models import ConsentScope
from jobbro.intake.models import Inquiry, InquiryStatus
from jobbro.joborders.models import JobOrder, Referral, ReferralState
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ExperienceFactory,
    InquiryFactory,
    JobCentreFactory,
    MunicipalityFactory,
    OccupationFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "da": {
        "status": "under behandling",
        "secretariat": "Sekretariatet",
        "propose": "Foreslå",
        "proposed": "Foreslået ✓",
        "state": "Foreslået",
    },
    "en": {
        "status": "in progress",
        "secretariat": "The secretariat",
        "propose": "Propose",
        "proposed": "Proposed ✓",
        "state": "Proposed",
    },
}


def world() -> int:
    """The cooperation, the inquiry at the secretariat and two carpenters; the inquiry's id."""
    herlev = JobCentreFactory(
        name="Jobcenter Herlev", municipalities=[MunicipalityFactory(code="163", name="Herlev")]
    )
    cooperation = herlev.cooperation
    gladsaxe = JobCentreFactory(
        name="Jobcenter Gladsaxe",
        cooperation=cooperation,
        municipalities=[MunicipalityFactory(code="159", name="Gladsaxe")],
    )
    ballerup = JobCentreFactory(
        name="Jobcenter Ballerup",
        cooperation=cooperation,
        municipalities=[MunicipalityFactory(code="151", name="Ballerup")],
    )
    cooperation.secretariat = ballerup
    cooperation.save()
    staff(Role.SECRETARIAT, ballerup, username="sek", password=PASSWORD, first_name="Sofie")
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    roskilde = MunicipalityFactory(code="265", name="Roskilde")
    company = CompanyFactory(
        cooperation=cooperation,
        municipality=roskilde,
        name="Roskilde Tag ApS",
        street="Algade 1",
        postcode="4000",
        city="Roskilde",
    )
    for centre, first, last, consent in (
        (gladsaxe, "Mette", "Kjær", ConsentScope.COOPERATION),
        (gladsaxe, "Hemmelig", "Tømrer", ConsentScope.NONE),
    ):
        candidate = CandidateFactory(
            job_centre=centre,
            first_name=first,
            last_name=last,
            consent_scope=consent,
            consent_given_on=dt.date(2026, 1, 5) if consent == ConsentScope.COOPERATION else None,
        )
        ExperienceFactory(
            cv=candidate.cv,
            occupation=carpenter,
            title="Tømrersvend",
            start_date=dt.date(2015, 8, 1),
            end_date=dt.date(2025, 6, 30),
        )
    inquiry = InquiryFactory(
        routed_to=ballerup,
        at_secretariat=True,
        company=company,
        company_name=company.name,
        subject="To tømrere til tagarbejde",
    )
    return inquiry.pk


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_secretariat_takes_a_job_order_in_and_proposes_across_the_cooperation(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
    language: str,
) -> None:
    words = WORDS[language]
    inquiry = world()
    log_in(page, "sek")
    if language == "en":
        page.get_by_test_id("lang-en").click()

    # The inquiry on the shared line: the secretariat's, as the company is outside.
    page.goto(f"/shared-line/{inquiry}/")
    page.get_by_test_id("take").click()
    expect(page.get_by_test_id("status")).to_have_text(words["status"])
    screenshot(f"secretariat-1-inquiry-{language}")

    # The job order: the occupation from a suggestion; the workplace is filled in.
    page.get_by_test_id("create-job-order").click()
    page.fill("#id_title", "Tømrer til tagarbejde")
    page.fill("#id_occupation", "tømrer" if language == "da" else "carpenter")
    page.get_by_test_id("picker-occupation").get_by_label(
        re.compile("tømrer|carpenter")
    ).first.check()
    start = timezone.localdate() + dt.timedelta(days=30)
    page.fill("#id_start_date", start.isoformat())
    page.fill("#id_deadline", (start - dt.timedelta(days=14)).isoformat())
    page.locator("form button[type=submit].button-primary").last.click()
    expect(page.get_by_test_id("responsible")).to_have_text(words["secretariat"])
    job_order = JobOrder.objects.get()
    assert job_order.by_secretariat
    assert job_order.job_centre.name == "Jobcenter Ballerup"  # on the record only
    assert Inquiry.objects.get(pk=inquiry).status == InquiryStatus.IN_PROGRESS

    # The ranked list: the consenting carpenter of Gladsaxe by name, the other anonymous.
    page.get_by_test_id("find-candidates").click()
    row = page.get_by_test_id("search-row").filter(has_text="Mette Kjær")
    expect(row).to_contain_text("Jobcenter Gladsaxe")
    expect(page.get_by_test_id("anonymous-hit")).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text("Hemmelig")
    row.get_by_role("button", name=words["propose"]).click()
    page.get_by_role("dialog").get_by_test_id("propose-submit").click()
    expect(row.get_by_test_id("proposed")).to_have_text(words["proposed"])
    referral = Referral.objects.get()
    assert (referral.candidate.first_name, referral.job_order) == ("Mette", job_order)
    assert referral.proposed_by.username == "sek"
    assert referral.state == ReferralState.PROPOSED
    screenshot(f"secretariat-2-proposed-{language}")

    # The job order shows the referral, and the secretariat may record the answer.
    page.goto(f"/job-orders/{job_order.pk}/")
    referral_row = page.get_by_test_id("referral-row")
    expect(referral_row).to_have_count(1)
    expect(referral_row).to_contain_text("Mette Kjær")
    expect(referral_row.get_by_test_id("referral-state")).to_have_text(words["state"])
    expect(page.get_by_test_id("record-hire")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot(f"secretariat-3-job-order-{language}")
