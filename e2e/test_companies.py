"""The company service in a real browser, in Danish and then in English.

A business consultant of Jobcenter Herlev registers a company by fetching it from the CVR
register (the recorded sample), names a colleague as its contact consultant, logs a visit
in two clicks with a follow-up today, marks it done on the agenda, makes a recruitment
agreement with an occupation from the picker and sees its progress, and merges a company
registered twice. In English the register is unreachable and the form says to type the
fields by hand; the contact change, quick-log, agenda and merge are walked again in English.
"""

from __future__ import annotations

import datetime as dt
import re
import socket

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.companies.models import Company, CompanyMerge, Interaction, RecruitmentAgreement
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    IndustryFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    MunicipalityFactory,
    OccupationFactory,
    PlacementFactory,
    ReferralFactory,
    staff,
    valid_cvrs,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCAFFOLDERS = "37137359"  # in the recorded sample: Stilladsgruppen Øresund ApS, Herlev


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/cvr-permanent/virksomhed/_search"


def test_company_service(page: Page, screenshot, settings) -> None:  # type: ignore[no-untyped-def]
    herlev_municipality = MunicipalityFactory(code="163", name="Herlev")
    herlev = JobCentreFactory(
        name="Jobcenter Herlev", municipalities=[herlev_municipality], phone="44 52 70 00"
    )
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    karen = staff(
        Role.BUSINESS_CONSULTANT,
        herlev,
        username="karen",
        password=PASSWORD,
        first_name="Karen",
        last_name="Kofoed",
        email="karen@herlev.dk",
    )
    staff(
        Role.BUSINESS_CONSULTANT,
        herlev,
        username="jonas",
        first_name="Jonas",
        last_name="Holm",
        email="jonas@herlev.dk",
    )
    staff(Role.MANAGER, gladsaxe, username="leder", password=PASSWORD)
    IndustryFactory(code="439920", label_da="Stilladsarbejde", label_en="Scaffolding")
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")

    # Danish: fetch the company from the CVR register and register it.
    log_in(page, "karen")
    page.goto("/companies/")
    page.get_by_role("link", name="Opret virksomhed").click()
    page.get_by_label("CVR-nummer").fill(SCAFFOLDERS)
    page.get_by_test_id("cvr-fetch").click()
    expect(page.get_by_test_id("cvr-notice")).to_contain_text("Udfyldt fra CVR-registret")
    expect(page.get_by_label("Navn").first).to_have_value("Stilladsgruppen Øresund ApS")
    expect(page.get_by_label("Postnummer")).to_have_value("2730")
    expect(page.get_by_label("Kommune")).to_have_value(str(herlev_municipality.pk))
    screenshot("companies-1-cvr-fetched-da")
    page.get_by_role("button", name="Opret virksomhed").click()
    expect(page.locator("h1")).to_have_text("Stilladsgruppen Øresund ApS")
    company = Company.objects.get(cvr=SCAFFOLDERS)
    expect(page.get_by_test_id("home-centre")).to_contain_text("Jobcenter Herlev")
    expect(page.get_by_test_id("contact-consultant")).to_contain_text("Karen Kofoed")

    # The home centre's consultant hands the contact to a colleague.
    page.get_by_test_id("change-consultant").click()
    page.get_by_label("Kontaktkonsulent").select_option(label="Jonas Holm")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_test_id("contact-consultant")).to_contain_text("jonas@herlev.dk")

    # Two clicks: a visit, saved; the outcome and a follow-up today added for the agenda.
    form = page.get_by_test_id("interaction-form")
    form.get_by_label("Besøg").check()
    form.locator("select[name=outcome_code]").select_option(label="Jobordre på vej")
    form.get_by_label("Opfølgning den").fill(timezone.localdate().isoformat())
    form.get_by_test_id("save-contact").click()
    expect(page.get_by_test_id("interaction-saved")).to_be_visible()
    expect(page.get_by_test_id("interaction-row").first).to_contain_text("Jobordre på vej")
    assert Interaction.objects.get().consultant.username == "karen"
    screenshot("companies-2-company-page-da")

    # The agenda: the follow-up is due today; mark it done without leaving the page.
    page.goto("/companies/agenda/")
    row = page.get_by_test_id("agenda-row")
    expect(row).to_contain_text("I dag")
    screenshot("companies-3-agenda-da")
    row.get_by_test_id("mark-done").click()
    expect(page.get_by_test_id("agenda-row")).to_contain_text("Udført af Karen Kofoed")
    assert Interaction.objects.get().follow_up_done_at is not None

    # A recruitment agreement for carpenters with a job guarantee; its progress shows.
    page.goto(f"/companies/{company.pk}/agreements/new/")
    today = timezone.localdate()
    page.get_by_label("Startdato").fill((today - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Slutdato").fill((today + dt.timedelta(days=300)).isoformat())
    page.get_by_label("Erhverv").fill("tømrer")
    page.get_by_label("tømrer").check()
    page.get_by_label("Forventede ansættelser").fill("2")
    page.get_by_label("Jobgaranti", exact=True).check()
    page.get_by_label("Vilkår for jobgarantien").fill("Ansætter dem, der består tømrerkurset.")
    screenshot("companies-4-agreement-form-da")
    page.get_by_role("button", name="Gem").click()
    order = JobOrderFactory(company=company, job_centre=herlev, occupation=carpenter, positions=3)
    referral = ReferralFactory(job_order=order)
    PlacementFactory(
        referral=referral,
        start_date=today,
        hours_per_week=37,
        recorded_by=karen,
        created_at=timezone.now(),
    )
    page.goto(f"/companies/{company.pk}/")
    progress = page.get_by_test_id("agreement-progress")
    expect(progress).to_contain_text("1 af 2")
    assert RecruitmentAgreement.objects.get().occupations.get() == carpenter
    page.locator("#agreements").scroll_into_view_if_needed()
    screenshot("companies-5-agreement-progress-da")

    # The same company registered again as an A/S at the same address: find and merge it.
    twin = CompanyFactory(
        cooperation=herlev.cooperation,
        cvr="10000009",
        name="Stilladsgruppen Øresund A/S",
        street=company.street,
        postcode=company.postcode,
        city="Herlev",
        municipality=herlev_municipality,
        phone="44 11 22 33",
    )
    InteractionFactory(
        company=twin, kind="call", consultant=karen, job_centre=herlev, summary="Opkald"
    )
    page.goto("/companies/")
    page.locator("#main-content").get_by_role("link", name="Mulige dubletter").click()
    expect(page.get_by_test_id("duplicate-pair")).to_contain_text("Stilladsgruppen Øresund A/S")
    page.get_by_test_id("merge-link").click()
    page.get_by_role("radio", name=re.compile("Øresund ApS")).check()
    page.get_by_test_id("preview").click()
    expect(page.get_by_test_id("merge-preview")).to_contain_text(
        "Læg Stilladsgruppen Øresund A/S ind i"
    )
    screenshot("companies-6-merge-preview-da")
    page.get_by_test_id("confirm-merge").click()
    expect(page.locator("h1")).to_have_text("Stilladsgruppen Øresund ApS")
    expect(page.locator("#merges")).to_contain_text("CVR 10000009")
    assert not Company.objects.filter(pk=twin.pk).exists()
    assert CompanyMerge.objects.get().company == company
    assert Interaction.objects.filter(company=company).count() == 2

    # English: the register is down, the form says so; the fields are typed by hand.
    settings.JOBBRO_CVR_SOURCE = "jobbro.companies.cvr.http.HttpCvrSource"
    settings.JOBBRO_CVR_URL = closed_port_url()
    settings.JOBBRO_CVR_TIMEOUT = 1
    page.get_by_test_id("lang-en").click()
    page.goto("/companies/new/")
    page.get_by_label("CVR number").fill("37121681")
    page.get_by_test_id("cvr-fetch").click()
    expect(page.get_by_test_id("cvr-notice")).to_contain_text("cannot be reached")
    expect(page.get_by_test_id("cvr-notice")).to_contain_text("by hand")
    expect(page.get_by_label("CVR number")).to_have_value("37121681")
    screenshot("companies-7-cvr-unavailable-en")

    # English: the contact goes back to Karen, a call is logged, its follow-up done.
    page.goto(f"/companies/{company.pk}/")
    page.get_by_test_id("change-consultant").click()
    page.get_by_label("Contact consultant").select_option(label="Karen Kofoed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("contact-consultant")).to_contain_text("karen@herlev.dk")
    form = page.get_by_test_id("interaction-form")
    form.get_by_label("Call").check()
    expect(form.get_by_label("When")).to_have_value("")
    expect(form).to_contain_text("Empty = now")
    form.locator("select[name=outcome_code]").select_option(label="Send candidates")
    form.get_by_label("Follow up on").fill(timezone.localdate().isoformat())
    form.get_by_test_id("save-contact").click()
    expect(page.get_by_test_id("interaction-saved")).to_be_visible()
    expect(page.get_by_test_id("interaction-row").first).to_contain_text("Send candidates")
    screenshot("companies-7a-company-page-en")
    page.goto("/companies/agenda/")
    row = page.get_by_test_id("agenda-row").filter(has_text="Today")
    expect(row).to_have_count(1)
    screenshot("companies-7b-agenda-en")
    row.get_by_test_id("mark-done").click()
    expect(page.get_by_test_id("agenda-row").filter(has_text="Send candidates")).to_contain_text(
        "Done by Karen Kofoed"
    )

    # English: a third registration of the same company is merged too.
    triplet = CompanyFactory(
        cooperation=herlev.cooperation,
        cvr=valid_cvrs(1, start=5_000_000)[0],
        name="Stilladsgruppen Øresund I/S",
        street=company.street,
        postcode=company.postcode,
        city="Herlev",
        municipality=herlev_municipality,
    )
    page.goto("/companies/duplicates/")
    expect(page.get_by_test_id("duplicate-pair")).to_contain_text("Stilladsgruppen Øresund I/S")
    page.get_by_test_id("merge-link").click()
    page.get_by_role("radio", name=re.compile("Øresund ApS")).check()
    page.get_by_test_id("preview").click()
    expect(page.get_by_test_id("merge-preview")).to_contain_text(
        "Merge Stilladsgruppen Øresund I/S into Stilladsgruppen Øresund ApS"
    )
    screenshot("companies-7c-merge-preview-en")
    page.get_by_test_id("confirm-merge").click()
    expect(page.locator("#merges")).to_contain_text(triplet.cvr)
    assert not Company.objects.filter(pk=triplet.pk).exists()

    # A manager of another job centre sees the contact and the agreement's progress.
    page.get_by_role("button", name="Log out").click()
    log_in(page, "leder")
    page.goto("/companies/")
    expect(page.get_by_test_id("list-consultant").first).to_contain_text("Karen Kofoed")
    screenshot("companies-8-list-en")
    page.goto("/companies/agreements/")
    expect(page.get_by_test_id("agreement-count")).to_contain_text("1 running agreement")
    expect(page.get_by_test_id("agreement-progress")).to_contain_text("1 of 2")
    screenshot("companies-9-agreements-en")


def test_the_secretariat_acts_for_itself(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    """Secretariat staff at the hosting centre log a contact and sign an agreement: both say
    the secretariat, not the host, and the overview's job-centre filter keeps them apart."""
    municipality = MunicipalityFactory(code="163", name="Herlev")
    herlev = JobCentreFactory(name="Jobcenter Herlev", municipalities=[municipality])
    herlev.cooperation.secretariat = herlev
    herlev.cooperation.save()
    staff(
        Role.SECRETARIAT,
        herlev,
        username="sara",
        password=PASSWORD,
        first_name="Sara",
        last_name="Sekretær",
    )
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=municipality, name="Herlev Stilladser ApS"
    )
    OccupationFactory(label_da="tømrer", label_en="carpenter")
    log_in(page, "sara")

    page.goto(f"/companies/{company.pk}/")
    form = page.get_by_test_id("interaction-form")
    expect(form.get_by_test_id("quick-log-who")).to_have_text(
        "Registreres af Sara Sekretær · Sekretariatet"
    )
    form.get_by_label("Opkald").check()
    form.get_by_test_id("save-contact").click()
    expect(page.get_by_test_id("interaction-row").first).to_contain_text("Sekretariatet")
    expect(page.get_by_test_id("interaction-row").first).not_to_contain_text("Jobcenter Herlev")
    screenshot("companies-10-secretariat-contact-da")
    page.goto(f"/companies/{company.pk}/agreements/new/")
    today = timezone.localdate()
    page.get_by_label("Startdato").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Slutdato").fill((today + dt.timedelta(days=200)).isoformat())
    page.get_by_label("Forventede ansættelser").fill("3")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_test_id("agreement-row")).to_contain_text("Sekretariatet")
    assert RecruitmentAgreement.objects.get().by_secretariat

    page.goto("/companies/agreements/")
    page.get_by_label("Jobcenter").select_option(label="Jobcenter Herlev")
    expect(page.get_by_test_id("agreement-row")).to_have_count(0)
    page.get_by_label("Jobcenter").select_option(label="Sekretariatet")
    expect(page.get_by_test_id("agreement-row")).to_contain_text("Herlev Stilladser ApS")
    screenshot("companies-11-secretariat-agreements-da")

    page.get_by_test_id("lang-en").click()
    page.goto("/companies/agreements/?job_centre=secretariat")
    expect(page.get_by_label("Job centre")).to_have_value("secretariat")
    expect(page.get_by_test_id("agreement-row")).to_contain_text("The secretariat")
    page.goto(f"/companies/{company.pk}/")
    expect(page.get_by_test_id("quick-log-who")).to_have_text(
        "Logged by Sara Sekretær · The secretariat"
    )
    expect(page.get_by_test_id("interaction-row").first).to_contain_text("The secretariat")
    screenshot("companies-12-secretariat-company-en")
