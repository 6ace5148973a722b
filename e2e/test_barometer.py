"""The job barometer in a real browser, in Danish.

The secretariat chooses the companies of one job centre, sees who gets the barometer and
the mail, and confirms; the company opens its personal link without logging in, is told
in Danish what is wrong, answers, and cannot answer twice; a manager reads the joint
barometer and the job centre's, with the chart of titles growing and shrinking drawn.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import ARTIFACTS
from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.organisations.models import Role
from jobbro.surveys.models import BarometerAnswer, BarometerRound
from jobbro.surveys.selectors import half_of
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import (
    BarometerAnswerFactory,
    BarometerInvitationFactory,
    BarometerLineFactory,
    BarometerRoundFactory,
    ContactPersonFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    new_company,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_send_answer_and_read_the_barometer(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    clear_cache()  # the occupations below, not another test's
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    ballerup = JobCentreFactory(name="Jobcenter Ballerup", cooperation=herlev.cooperation)
    staff(Role.SECRETARIAT, herlev, username="sek", password=PASSWORD)
    staff(Role.MANAGER, herlev, username="leder", password=PASSWORD)
    company = new_company(
        cooperation=herlev.cooperation,
        municipality=herlev.municipalities.get(),
        name="Herlev Tømrer ApS",
    )
    ContactPersonFactory(company=company, email="ejer@herlevtomrer.dk", is_primary=True)
    other = new_company(
        cooperation=herlev.cooperation,
        municipality=ballerup.municipalities.get(),
        name="Ballerup Køkken ApS",
    )
    ContactPersonFactory(company=other, email="chef@ballerupkokken.dk", is_primary=True)
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    cook = OccupationFactory(label_da="kok", label_en="cook")
    for occupation in (carpenter, cook):
        JobOrderFactory(company=company, job_centre=herlev, occupation=occupation)
    # Last half-year's barometer: Herlev Tømrer expected 2 carpenters and 5 cooks.
    year, half = half_of(timezone.localdate())
    before = (year - 1, 2) if half == 1 else (year, 1)
    answer = BarometerAnswerFactory(
        invitation=BarometerInvitationFactory(
            barometer_round=BarometerRoundFactory(
                cooperation=herlev.cooperation, year=before[0], half=before[1]
            ),
            company=company,
            job_centre=herlev,
            answered_at=timezone.now(),
        )
    )
    BarometerLineFactory(answer=answer, occupation=carpenter, hires_12m=2)
    BarometerLineFactory(answer=answer, occupation=cook, hires_12m=5)

    # The secretariat sends this half-year's barometer to Herlev's companies.
    log_in(page, "sek")
    page.goto("/surveys/barometer/")
    expect(page.locator("h1")).to_contain_text("Jobbarometer")
    page.locator("label", has_text="Jobcenter Herlev").click()
    assert_no_axe_violations(page)
    screenshot("barometer-round-da")
    page.get_by_role("button", name="Se, hvem der får jobbarometeret").click()
    expect(page.get_by_test_id("recipient-row")).to_have_count(1)
    expect(page.get_by_test_id("recipient-row")).to_contain_text("ejer@herlevtomrer.dk")
    expect(page.get_by_test_id("mail-subject")).to_contain_text("jeres forventede ansættelser")
    assert not mail.outbox
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send jobbarometeret til 1 virksomhed nu").click()
    expect(page.get_by_text("1 invitation er sendt.")).to_be_visible()
    (message,) = mail.outbox
    link = re.search(r"/surveys/barometer/answer/[\w-]+/", message.body)
    assert link is not None
    page.click("button.log-off")

    # The company answers without login, in Danish; a half-filled row is refused.
    page.goto(link.group(0))
    expect(page.locator("h1")).to_contain_text("Jobbarometer")
    # With script the occupation is searched in the taxonomy picker (the select's place).
    page.locator("#id_form-0-occupation").press_sequentially("tømrer", delay=30)
    page.get_by_test_id("picker-form-0-occupation").get_by_label("tømrer (carpenter)").check()
    page.fill("#id_form-0-hires_3m", "2")
    page.get_by_role("button", name="Send mit svar").click()
    errors = page.get_by_test_id("survey-errors")
    expect(errors).to_contain_text("Skriv et tal (0 hvis ingen).")
    assert BarometerAnswer.objects.count() == 1  # last half-year's only
    assert_no_axe_violations(page)
    screenshot("barometer-answer-errors-da")
    # The horizons count from today: fewer within 6 months than within 3 is refused.
    page.fill("#id_form-0-hires_6m", "1")
    page.fill("#id_form-0-hires_12m", "6")
    page.get_by_role("button", name="Send mit svar").click()
    expect(errors).to_contain_text(
        "Stilling 1, inden for 6 måneder: Skriv mindst 2: ansættelserne inden for 6 måneder "
        "omfatter dem inden for 3 måneder"
    )
    assert BarometerAnswer.objects.count() == 1
    screenshot("barometer-answer-horizons-da")
    page.fill("#id_form-0-hires_6m", "3")
    page.check("#id_form-0-hard_to_fill")
    # The refused form kept the tick; the next row is searched the same way.
    expect(page.get_by_test_id("picker-form-0-occupation").get_by_label("tømrer")).to_be_checked()
    page.locator("#id_form-1-occupation").press_sequentially("kok", delay=30)
    page.get_by_test_id("picker-form-1-occupation").get_by_label("kok (cook)").check()
    page.fill("#id_form-1-hires_3m", "0")
    page.fill("#id_form-1-hires_6m", "1")
    page.fill("#id_form-1-hires_12m", "1")
    page.fill("#id_small_jobs", "2")
    page.fill("#id_apprentices", "1")
    screenshot("barometer-answer-da")
    page.get_by_role("button", name="Send mit svar").click()
    expect(page.get_by_test_id("survey-thanks")).to_contain_text("jobbarometerets samlede tal")
    page.goto(link.group(0))
    expect(page.get_by_test_id("survey-answered")).to_be_visible()

    # A manager reads the joint barometer: carpenters grow, cooks shrink; the chart drawn.
    log_in(page, "leder")
    page.goto("/surveys/barometer/results/")
    table = page.get_by_test_id("barometer-occupations")
    expect(table.get_by_test_id("occupation-row").filter(has_text="tømrer")).to_contain_text(
        "▲ +4 vækst"
    )
    expect(table.get_by_test_id("occupation-row").filter(has_text="kok")).to_contain_text(
        "▼ −4 fald"
    )
    expect(page.locator("canvas[data-chart=barometer]")).to_have_attribute("data-drawn", "true")
    expect(page.get_by_test_id("barometer-apprentices")).to_have_text("1")
    assert "Herlev Tømrer" not in page.content()  # counts only
    assert_no_axe_violations(page)
    screenshot("barometer-results-da")
    # Ballerup's barometer: no answers this half-year.
    page.select_option("#id_job_centre", label="Jobcenter Ballerup")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_test_id("barometer-answered")).to_have_text("0")
    assert BarometerRound.objects.count() == 2


def _barometer_links() -> list[tuple[str, str]]:
    """Two companies' barometer links, and the cooperation's job orders asking for
    carpenters; nobody asked for a bricklayer yet."""
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    OccupationFactory(label_da="murer", label_en="bricklayer")
    barometer_round = BarometerRoundFactory(cooperation=herlev.cooperation)
    links = []
    for name in ("Herlev Byg ApS", "Herlev Tag ApS"):
        company = new_company(
            cooperation=herlev.cooperation, municipality=herlev.municipalities.get(), name=name
        )
        JobOrderFactory(company=company, job_centre=herlev, occupation=carpenter)
        invitation = BarometerInvitationFactory(
            barometer_round=barometer_round, company=company, job_centre=herlev
        )
        links.append((f"/surveys/barometer/answer/{invitation.token}/", invitation.token))
    return links


def _numbers(page: Page) -> None:
    page.fill("#id_form-0-hires_3m", "1")
    page.fill("#id_form-0-hires_6m", "2")
    page.fill("#id_form-0-hires_12m", "4")
    page.fill("#id_small_jobs", "0")
    page.fill("#id_apprentices", "1")


def test_any_occupation_is_searched_without_login_and_chosen_without_script(
    page: Page,
    browser,  # type: ignore[no-untyped-def]
    live_server,  # type: ignore[no-untyped-def]
    screenshot,  # type: ignore[no-untyped-def]
) -> None:
    clear_cache()
    (link, token), (second, second_token) = _barometer_links()

    # With script: the picker replaces the select and searches the whole taxonomy through
    # the link's own search, so the bricklayer nobody asked for can be named.
    page.goto(link)
    expect(page.locator("select#id_form-0-occupation")).to_have_count(0)
    page.get_by_label("Stilling 1", exact=True).press_sequentially("murer", delay=30)
    bricklayer = page.get_by_test_id("picker-form-0-occupation").get_by_label("murer (bricklayer)")
    expect(bricklayer).to_be_visible()
    bricklayer.check()
    _numbers(page)
    assert_no_axe_violations(page)
    screenshot("barometer-answer-search-da")
    page.get_by_role("button", name="Send mit svar").click()
    expect(page.get_by_test_id("survey-thanks")).to_be_visible()
    line = BarometerAnswer.objects.get(invitation__token=token).lines.get()
    assert line.occupation.label_da == "murer" and line.hires_12m == 4
    # The link answered, its search answers no more.
    response = page.request.get(f"{link}occupations/?q=murer&field=form-0-occupation")
    assert response.status == 404

    # Without script: the select of the cooperation's usual occupations does the job.
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", java_script_enabled=False
    )
    plain = context.new_page()
    plain.set_default_timeout(10_000)
    try:
        plain.goto(second)
        select = plain.locator("select#id_form-0-occupation")
        expect(select).to_be_visible()
        expect(plain.locator("input[type=search]")).to_have_count(0)
        select.select_option(label="tømrer")
        _numbers(plain)
        ARTIFACTS.mkdir(exist_ok=True)
        plain.screenshot(path=str(ARTIFACTS / "barometer-answer-no-script-da.png"), full_page=True)
        plain.get_by_role("button", name="Send mit svar").click()
        expect(plain.get_by_test_id("survey-thanks")).to_be_visible()
    finally:
        context.close()
    line = BarometerAnswer.objects.get(invitation__token=second_token).lines.get()
    assert line.occupation.label_da == "tømrer"


def test_the_company_answers_and_the_manager_reads_in_english(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    clear_cache()
    (link, token), _second = _barometer_links()
    herlev = BarometerRound.objects.get().cooperation.job_centres.get()
    staff(Role.MANAGER, herlev, username="leder", password=PASSWORD)

    # The company chooses English on its link: the page, its errors and its thanks.
    page.goto(link)
    page.get_by_test_id("lang-en").click()
    expect(page.locator("h1")).to_contain_text("Job barometer")
    page.get_by_label("Occupation 1", exact=True).press_sequentially("bricklayer", delay=30)
    bricklayer = page.get_by_test_id("picker-form-0-occupation").get_by_label(
        "bricklayer", exact=True
    )
    expect(bricklayer).to_be_visible()
    bricklayer.check()
    page.fill("#id_form-0-hires_3m", "1")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_test_id("survey-errors")).to_contain_text("Write a number (0 if none).")
    assert not BarometerAnswer.objects.filter(invitation__token=token).exists()
    assert_no_axe_violations(page)
    screenshot("barometer-answer-errors-en")
    page.fill("#id_form-0-hires_6m", "2")
    page.fill("#id_form-0-hires_12m", "3")
    page.fill("#id_small_jobs", "0")
    page.fill("#id_apprentices", "1")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_test_id("survey-thanks")).to_be_visible()
    expect(page.get_by_test_id("survey-thanks")).not_to_contain_text("Tak")

    # The manager reads it in English (the browser keeps the language chosen): 1, 2 and 3
    # bricklayers; no change shown, as nothing was asked last half-year.
    log_in(page, "leder")
    page.goto("/surveys/barometer/results/")
    expect(page.locator("h1")).to_contain_text("Job barometer")
    row = page.get_by_test_id("barometer-occupations").get_by_test_id("occupation-row")
    cells = row.filter(has_text="bricklayer").locator("td")
    for index, expected in enumerate(["1", "2", "3"]):
        expect(cells.nth(index)).to_have_text(expected)
    expect(page.locator("canvas[data-chart=barometer]")).to_have_attribute("data-drawn", "true")
    assert "Herlev Byg" not in page.content()  # counts only
    assert_no_axe_violations(page)
    screenshot("barometer-results-en")
