"""The shared line in a real browser.

A company writes through the public web form (Danish) and gets a reference number; a robot
that fills the hidden field gets the calm refusal (English); a person whose browser fills
and sends the form at once gets it back as written and sends it again. A business consultant of
Jobcenter Herlev sees the overdue inquiry stand out, registers a call for a known company
(search, choose, routing shown before saving), takes it and records the response; of two web
inquiries matched to a Herlev company by their CVR number, confirms one and rejects the
other, which goes to the secretariat. The secretariat (English) sees the rejection in its
history, finds the web inquiry from the unknown company, forwards it to Herlev, sets the
response-time target and reads the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.intake.models import Channel, Inquiry, InquiryStatus
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    InquiryFactory,
    JobCentreFactory,
    staff,
    steering_group_member,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The web form refuses what is sent faster than a person types.
HUMAN_PAUSE_MS = 3_200


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> Iterator[None]:
    """The web form's rate limit counts in the live server's cache; no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


def log_out(page: Page) -> None:
    page.click("button.log-off")


def test_shared_line(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    ballerup = JobCentreFactory(name="Jobcenter Ballerup", cooperation=herlev.cooperation)
    cooperation = herlev.cooperation
    cooperation.secretariat = ballerup
    cooperation.phone = "70 20 28 28"
    cooperation.save()
    staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD, first_name="Karen")
    staff(Role.SECRETARIAT, ballerup, username="sek", password=PASSWORD, first_name="Sofie")
    steering_group_member(herlev, chair=True, username="chef", password=PASSWORD)
    company = CompanyFactory(
        cooperation=cooperation,
        municipality=herlev.municipalities.get(),
        name="Herlev Byg ApS",
        cvr="10000009",
    )
    late = InquiryFactory(
        routed_to=herlev,
        company=company,
        company_name=company.name,
        received_at=timezone.now() - dt.timedelta(hours=30),
        subject="Seks murere til plejecentret",
    )
    # From the web form: CVR numbers typed by the sender, matched but not yet verified.
    matched = {
        name: InquiryFactory(
            routed_to=herlev,
            channel=Channel.WEB,
            company=company,
            company_unverified=True,
            company_name=name,
            cvr=company.cvr,
            subject="",
        )
        for name in ("Herlev Byg", "Fup og Fidus")
    }

    # A company writes in (Danish is the default).
    page.goto("/shared-line/contact/")
    expect(page.locator("h1")).to_have_text("Kontakt jobcentrene")
    page.fill("#id_company_name", "Nordhavn Catering ApS")
    page.fill("#id_contact_name", "Lone Berg")
    page.fill("#id_contact_email", "lone@nordhavncatering.dk")
    page.fill("#id_message", "Vi søger to kokke fra 1. juni.")
    expect(page.locator("#id_website")).not_to_be_in_viewport()
    screenshot("intake-1-web-form-da")
    page.wait_for_timeout(HUMAN_PAUSE_MS)
    page.get_by_test_id("send").click()
    expect(page.locator(".alert-success")).to_contain_text("Vi har modtaget jeres henvendelse")
    web = Inquiry.objects.get(company_name="Nordhavn Catering ApS")
    expect(page.get_by_test_id("reference")).to_have_text(web.reference)
    screenshot("intake-2-receipt-da")

    # In English; a robot that fills the field people never see is refused calmly.
    page.get_by_text("Send en ny henvendelse").click()
    page.get_by_test_id("lang-en").click()
    expect(page.locator("h1")).to_have_text("Contact the job centres")
    page.fill("#id_company_name", "Robot ApS")
    page.fill("#id_contact_name", "Bot")
    page.fill("#id_contact_phone", "12345678")
    page.fill("#id_message", "Buy now")
    page.locator("#id_website").evaluate("field => { field.value = 'http://spam.example'; }")
    screenshot("intake-3-web-form-en")
    page.wait_for_timeout(HUMAN_PAUSE_MS)
    page.get_by_test_id("send").click()
    expect(page.locator("h1")).to_have_text("We could not receive your message")
    screenshot("intake-4-refused-en")
    assert not Inquiry.objects.filter(company_name="Robot ApS").exists()

    # The Herlev consultant, in Danish: the overdue inquiry stands out on the start page.
    page.get_by_test_id("lang-da").click()
    log_in(page, "bc")
    page.goto("/")
    expect(page.get_by_test_id("intake-overdue")).to_contain_text(
        "1 henvendelse på den fælles linje har overskredet svartiden"
    )
    screenshot("intake-5a-start-overdue-da")
    page.get_by_test_id("lang-en").click()
    expect(page.get_by_test_id("intake-overdue")).to_contain_text(
        "1 inquiry on the shared line is past the response-time target"
    )
    screenshot("intake-5b-start-overdue-en")
    page.get_by_test_id("lang-da").click()
    page.get_by_test_id("intake-overdue").get_by_role("link").click()
    expect(page.get_by_test_id("inquiry-row")).to_have_count(1)
    expect(page.locator("tr.intake-overdue")).to_contain_text("Herlev Byg ApS")
    expect(page.get_by_test_id("overdue")).to_have_text("Overskredet")
    screenshot("intake-5-list-da")

    # A call from the same company: find it, see where it goes, register it and take it.
    page.get_by_role("link", name="Registrér en henvendelse").click()
    page.fill("#id_q", "1000 0009")
    page.get_by_label("Herlev Byg ApS").check()
    expect(page.get_by_test_id("routing")).to_contain_text("Går til Jobcenter Herlev")
    page.fill("#id_contact_name", "Mette Hansen")
    page.fill("#id_contact_phone", "40 11 22 33")
    page.fill("#id_subject", "To tømrere til tagarbejde")
    page.fill("#id_message", "Fra 1. marts, gerne med stilladskursus.")
    page.check("#id_take")
    screenshot("intake-6-register-da")
    page.get_by_test_id("register").click()
    expect(page.locator(".alert-success")).to_contain_text("sendt til Jobcenter Herlev")
    expect(page.get_by_test_id("status")).to_have_text("under behandling")
    expect(page.get_by_test_id("create-job-order")).to_be_visible()
    page.fill("#id_answer-note", "Ringet tilbage; jobordre oprettes i morgen.")
    page.get_by_test_id("answer").click()
    expect(page.get_by_test_id("status")).to_have_text("besvaret")
    expect(page.get_by_test_id("history")).to_contain_text("Svar registreret")
    screenshot("intake-7-answered-da")

    # The overdue one: take it over from the list.
    page.goto(f"/shared-line/{late.pk}/")
    expect(page.get_by_test_id("detail-overdue")).to_be_visible()
    page.get_by_test_id("take").click()
    expect(page.get_by_test_id("status")).to_have_text("under behandling")

    # The web form's CVR matches: the first is the company, the second only typed its number.
    page.goto(f"/shared-line/{matched['Herlev Byg'].pk}/")
    expect(page.get_by_test_id("matched-company")).to_contain_text("ikke bekræftet")
    page.get_by_test_id("confirm-company").click()
    expect(page.locator(".alert-success")).to_contain_text("Virksomheden er bekræftet")
    expect(page.get_by_test_id("company-step")).to_contain_text("er afsenderen")
    expect(page.get_by_test_id("history")).not_to_contain_text("ny → ny")
    assert_no_axe_violations(page)
    expect(page.get_by_test_id("company")).to_contain_text("Herlev Byg ApS")
    expect(page.get_by_test_id("reject-company")).to_have_count(0)
    page.goto(f"/shared-line/{matched['Fup og Fidus'].pk}/")
    screenshot("intake-7a-unverified-match-da")
    page.get_by_test_id("reject-company").click()
    expect(page.locator(".alert-success")).to_contain_text("ligger nu hos sekretariatet")
    expect(page.locator("h1")).to_contain_text("Fælles linje")  # out of Herlev's sight
    screenshot("intake-7b-match-rejected-da")
    rejected = Inquiry.objects.get(pk=matched["Fup og Fidus"].pk)
    assert (rejected.company, rejected.at_secretariat) == (None, True)
    log_out(page)

    # The secretariat, in English: the unknown company's web inquiry is theirs.
    log_in(page, "sek")
    page.get_by_test_id("lang-en").click()
    page.goto("/shared-line/?open=on")
    row = page.get_by_test_id("inquiry-row").filter(has_text="Nordhavn Catering ApS")
    expect(row).to_contain_text("The secretariat")
    expect(row).to_contain_text("unknown company")
    screenshot("intake-8-secretariat-list-en")
    page.goto(f"/shared-line/{rejected.pk}/")
    expect(page.get_by_test_id("company")).to_contain_text("Fup og Fidus")
    expect(page.get_by_test_id("company")).to_contain_text("unknown company")
    expect(page.get_by_test_id("history")).to_contain_text("Company match rejected")
    expect(page.get_by_test_id("history")).to_contain_text("Jobcenter Herlev → the secretariat")
    expect(page.get_by_test_id("company-step")).to_contain_text("is not the sender")
    assert_no_axe_violations(page)
    screenshot("intake-8a-rejected-at-secretariat-en")
    page.goto("/shared-line/?open=on")
    row.get_by_role("link", name="Nordhavn Catering ApS").click()
    expect(page.get_by_test_id("history")).to_contain_text("the company, by the web form")
    page.select_option("#id_forward-to", label="Jobcenter Herlev")
    page.fill("#id_forward-note", "The kitchen is in Herlev.")
    page.get_by_test_id("forward").click()
    expect(page.locator(".alert-success")).to_contain_text("The inquiry is forwarded.")
    expect(page.get_by_test_id("history")).to_contain_text("the secretariat → Jobcenter Herlev")
    screenshot("intake-9-forwarded-en")
    web.refresh_from_db()
    assert (web.routed_to, web.status) == (herlev, InquiryStatus.NEW)

    # The secretariat reads the service targets; the steering group sets them.
    page.goto("/shared-line/targets/")
    expect(page.get_by_test_id("inquiry-target")).to_have_text("8")
    expect(page.locator("#id_inquiry_response_hours")).to_have_count(0)
    log_out(page)
    log_in(page, "chef")
    page.goto("/shared-line/targets/")
    page.fill("#id_inquiry_response_hours", "16")
    page.get_by_test_id("save-targets").click()
    expect(page.locator(".alert-success")).to_contain_text("The service targets are saved.")
    expect(page.locator("table")).to_contain_text("8 → 16 hours")
    screenshot("intake-10-targets-en")
    log_out(page)
    log_in(page, "sek")

    page.goto("/shared-line/report/")
    expect(page.get_by_test_id("report")).to_contain_text("Jobcenter Herlev")
    expect(page.get_by_test_id("report")).to_contain_text("Missed")
    expect(page.get_by_test_id("report-summary")).to_contain_text("5 inquiries received")
    expect(page.get_by_test_id("report")).to_contain_text("Median working hours to answer")
    screenshot("intake-11-report-en")
    page.get_by_test_id("lang-da").click()
    expect(page.get_by_test_id("report")).to_contain_text("Inden for målet")
    expect(page.get_by_test_id("report")).to_contain_text("Målbare")
    screenshot("intake-12-report-da")


def test_a_form_sent_at_once_by_autofill_comes_back_as_written(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    cooperation = herlev.cooperation
    cooperation.secretariat = herlev
    cooperation.save()

    for language, kept_message in (
        ("da", "Alt, hvad du har skrevet, står her stadig"),
        ("en", "Everything you wrote is kept"),
    ):
        page.goto("/shared-line/contact/")
        if language == "en":
            page.get_by_test_id("lang-en").click()
        # The browser fills in the company's details and the person sends at once.
        page.fill("#id_company_name", f"Autofyld {language} ApS")
        page.fill("#id_contact_name", "Lone Berg")
        page.fill("#id_contact_email", "lone@autofyld.dk")
        page.fill("#id_message", "Vi søger to kokke fra 1. juni.")
        page.get_by_test_id("send").click()

        expect(page.locator(".alert-error")).to_contain_text(kept_message)
        expect(page.locator("#id_company_name")).to_have_value(f"Autofyld {language} ApS")
        expect(page.locator("#id_contact_email")).to_have_value("lone@autofyld.dk")
        expect(page.locator("#id_message")).to_have_value("Vi søger to kokke fra 1. juni.")
        assert not Inquiry.objects.filter(company_name=f"Autofyld {language} ApS").exists()
        assert_no_axe_violations(page)
        screenshot(f"intake-autofill-kept-{language}")

        # Sending again a moment later goes through.
        page.wait_for_timeout(HUMAN_PAUSE_MS)
        page.get_by_test_id("send").click()
        expect(page.get_by_test_id("reference")).to_be_visible()
        assert Inquiry.objects.filter(company_name=f"Autofyld {language} ApS").exists()
