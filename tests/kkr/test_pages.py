"""The scheme's pages as each role uses them: who reads, who reports for which
municipality, who maintains the recommendations, and what another cooperation sees."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook

from jobbro.kkr import services
from jobbro.kkr.models import Assessment, Recommendation
from jobbro.organisations.models import Role
from tests.candidates.pdf_pages import text_of
from tests.factories import AssessmentFactory, staff
from tests.html_forms import form_data, form_index

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def report_url(municipality, year: int = YEAR) -> str:
    return f"{reverse('kkr:report', args=[municipality.pk])}?year={year}"


def test_readers_see_the_whole_cooperations_matrix_in_words_not_colour_alone(
    scheme: SimpleNamespace, client_for
) -> None:
    s = scheme
    AssessmentFactory(
        recommendation=s.r1,
        municipality=s.lyngby,
        year=YEAR,
        status="red",
        remark="Ikke påbegyndt.",
        job_centre=s.centre_g,
        updated_by=s.team_leader,
    )
    for user in (s.manager, s.team_leader, s.steering, s.secretariat):
        page = client_for(user).get(reverse("kkr:overview"), HTTP_ACCEPT_LANGUAGE="da")
        assert page.status_code == 200
        html = page.content.decode()
        assert "Herlev" in html and "Lyngby-Taarbæk" in html and "Aalborg" not in html
        assert 'data-status="red"' in html and "Rød" in html and "Ikke påbegyndt." in html
        assert "Ikke indberettet" in html  # the empty cells say so in words


def test_the_report_links_are_the_municipalities_the_users_centre_serves(
    scheme: SimpleNamespace, client_for
) -> None:
    s = scheme
    page = client_for(s.team_leader).get(reverse("kkr:overview"))
    links = [m.pk for m in page.context["reportable"]]
    assert links == [s.gladsaxe.pk, s.lyngby.pk]
    assert client_for(s.steering).get(reverse("kkr:overview")).context["reportable"] == []


@pytest.mark.parametrize("who", ["consultant", "dpo"])
def test_others_at_the_job_centre_are_refused(scheme, client_for, who) -> None:
    s = scheme
    client = client_for(getattr(s, who))
    assert client.get(reverse("kkr:overview")).status_code == 403
    assert client.get(report_url(s.herlev)).status_code == 403
    assert client.get(reverse("kkr:history", args=[s.r1.pk])).status_code == 403


def post_report(client, s, municipality, rows: dict, year: int = YEAR):
    data = {}
    for rec, (status, remark, version) in rows.items():
        data[f"status_{rec.pk}"] = status
        data[f"remark_{rec.pk}"] = remark
        data[f"version_{rec.pk}"] = version
    return client.post(report_url(municipality, year), data, HTTP_ACCEPT_LANGUAGE="da")


def test_a_manager_reports_the_year_on_one_form(scheme, client_for) -> None:
    s = scheme
    client = client_for(s.manager)
    form = client.get(report_url(s.herlev))
    assert form.status_code == 200
    assert [rec.number for rec, _a in form.context["form"].rows] == ["1.1", "1.2"]
    answer = post_report(
        client, s, s.herlev, {s.r1: ("green", "", 0), s.r2: ("yellow", "Drøftes i efteråret.", 0)}
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('kkr:overview')}?year={YEAR}"
    assert dict(Assessment.objects.values_list("recommendation__number", "status")) == {
        "1.1": "green",
        "1.2": "yellow",
    }
    again = post_report(
        client,
        s,
        s.herlev,
        {s.r1: ("green", "", 1), s.r2: ("yellow", "Drøftes i efteråret.", 1)},
    )
    followed = client.get(again["Location"], HTTP_ACCEPT_LANGUAGE="da")
    assert "Intet blev ændret" in followed.content.decode()


def test_red_without_a_remark_is_refused_in_danish_and_nothing_saved(scheme, client_for) -> None:
    s = scheme
    answer = post_report(
        client_for(s.manager), s, s.herlev, {s.r1: ("green", "", 0), s.r2: ("red", "", 0)}
    )
    assert answer.status_code == 200
    assert "Skriv en bemærkning" in answer.content.decode()
    assert not Assessment.objects.exists()


def test_a_report_overtaken_by_another_is_refused_with_a_message(scheme, client_for) -> None:
    s = scheme
    post_report(client_for(s.manager), s, s.herlev, {s.r1: ("green", "", 0)})
    answer = post_report(client_for(s.team_leader_h), s, s.herlev, {s.r1: ("red", "Nej.", 0)})
    assert answer.status_code == 200
    assert "Nogen anden har ændret" in answer.content.decode()
    assert Assessment.objects.get().status == "green"


def test_a_job_centre_not_serving_the_municipality_cannot_report_for_it(scheme, client_for) -> None:
    s = scheme
    # Gladsaxe's team leader, a member municipality Jobcenter Gladsaxe does not serve.
    client = client_for(s.team_leader)
    assert client.get(report_url(s.herlev)).status_code == 403
    assert post_report(client, s, s.herlev, {s.r1: ("green", "", 0)}).status_code == 403
    # Another cooperation's municipality, and the other cooperation's manager.
    assert client.get(report_url(s.aalborg)).status_code == 404
    other = client_for(s.other_manager)
    assert post_report(other, s, s.herlev, {s.r1: ("green", "", 0)}).status_code == 404
    assert not Assessment.objects.exists()


def test_another_cooperation_sees_nothing_of_hrs(scheme, client_for) -> None:
    s = scheme
    AssessmentFactory(
        recommendation=s.r1,
        municipality=s.herlev,
        year=YEAR,
        remark="Kun for HRS.",
        job_centre=s.centre_h,
        updated_by=s.manager,
    )
    client = client_for(s.other_manager)
    overview = client.get(f"{reverse('kkr:overview')}?year={YEAR}").content.decode()
    assert "Herlev" not in overview and "Kun for HRS." not in overview
    assert client.get(reverse("kkr:history", args=[s.r1.pk])).status_code == 404
    assert (
        client.get(f"{reverse('kkr:history', args=[s.r_nrs.pk])}?municipality={s.herlev.pk}")
    ).status_code == 404
    assert [
        r.pk for r in client.get(reverse("kkr:recommendations")).context["recommendations"]
    ] == [s.r_nrs.pk]


def _reported_then(s, user, year: int, status: str, remark: str, version: int) -> None:
    """A report made in its year, when it was open (the pages only take open years)."""
    services.year_report(
        actor=user,
        cooperation=s.hrs,
        municipality=s.herlev,
        year=year,
        entries=[services.Entry(s.r1, status, remark, version)],
        today=dt.date(year, 12, 1),
    )


def test_the_history_of_a_cell(scheme, client_for) -> None:
    s = scheme
    _reported_then(s, s.manager, 2023, "red", "Ikke begyndt.", 0)
    _reported_then(s, s.manager, 2024, "yellow", "I gang.", 0)
    _reported_then(s, s.team_leader_h, 2024, "green", "", 1)
    page = client_for(s.steering).get(
        f"{reverse('kkr:history', args=[s.r1.pk])}?municipality={s.herlev.pk}"
    )
    rows = [(c.assessment.year, c.version, c.status) for c in page.context["changes"]]
    assert rows == [(2024, 2, "green"), (2024, 1, "yellow"), (2023, 1, "red")]


def test_a_closed_year_is_shown_read_only_and_a_report_posted_to_it_saves_nothing(
    scheme, client_for
) -> None:
    s = scheme
    closed = YEAR - 2  # closed whatever the day: at most last year is open
    _reported_then(s, s.manager, closed, "yellow", "I gang.", 0)
    client = client_for(s.manager)
    page = client.get(report_url(s.herlev, closed), HTTP_ACCEPT_LANGUAGE="da")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Indberetningen for {closed} lukkede den 31. marts {closed + 1}" in html
    assert 'data-testid="closed-report"' in html and 'data-testid="report-form"' not in html
    assert "I gang." in html and "Historik" in html
    answer = post_report(client, s, s.herlev, {s.r1: ("green", "", 1)}, closed)
    assert answer.status_code == 403
    assert Assessment.objects.get().status == "yellow"
    overview = client.get(reverse("kkr:overview"), {"year": closed}).content.decode()
    assert f"Indberetningen for {closed} er lukket" in overview
    assert "Se indberetningen for Herlev" in overview
    # This year stays open, for the form.
    assert 'data-testid="report-form"' in client.get(report_url(s.herlev)).content.decode()


def test_only_the_secretariat_maintains_the_recommendations(scheme, client_for) -> None:
    s = scheme
    data = {
        "number": "2.1",
        "area": "Borgerrettede indsatser",
        "text": "Alle kommuner skal samarbejde om de unge ledige.",
        "obligation": "must",
        "order": "5",
        "first_year": "2015",
        "last_year": "",
    }
    for user in (s.manager, s.team_leader, s.steering):
        assert client_for(user).post(reverse("kkr:recommendation_create"), data).status_code == 403
    answer = client_for(s.secretariat).post(reverse("kkr:recommendation_create"), data)
    assert answer.status_code == 302
    created = Recommendation.objects.get(number="2.1")
    assert created.cooperation == s.hrs
    edit = reverse("kkr:recommendation_update", args=[created.pk])
    answer = client_for(s.secretariat).post(edit, {**data, "last_year": "2014"})
    assert answer.status_code == 200
    with override("da"):
        assert "Det sidste år ligger før det første." in answer.content.decode()
    # Another cooperation's secretariat does not find it.
    other = staff(Role.SECRETARIAT, s.centre_a)
    assert client_for(other).post(edit, data).status_code == 404


def test_a_year_outside_the_scheme_shows_the_latest_and_says_so(scheme, client_for) -> None:
    client = client_for(scheme.manager)
    for asked in ("1999", "abc"):
        page = client.get(reverse("kkr:overview"), {"year": asked})
        assert page.status_code == 200
        html = page.content.decode()
        assert f"“{asked}” er ikke et år i skemaet" in html
        assert f"Viser {YEAR}." in html
    # A report writes to its year: one outside the scheme is not found.
    assert client.get(report_url(scheme.herlev, "abc")).status_code == 404


def _reported(s: SimpleNamespace) -> None:
    AssessmentFactory(
        recommendation=s.r1,
        municipality=s.herlev,
        year=2024,
        status="yellow",
        remark="=Påbegyndt",  # typed by a user: stays text in the sheet
        job_centre=s.centre_h,
        updated_by=s.manager,
    )


def test_the_year_exports_to_excel_with_the_status_in_words(scheme, client_for) -> None:
    s = scheme
    _reported(s)
    answer = client_for(s.steering).get(
        reverse("kkr:overview"), {"year": 2024, "export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="da"
    )
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="kkr-HRS-2024.xlsx"'
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    rows = [[c.value for c in row if c.value is not None] for row in sheet.iter_rows()]
    assert rows[0] == ["KKR-fremdriftsskema 2024"]
    header = ["Nr.", "Anbefaling", "SKAL/KAN", "Gladsaxe", "Herlev", "Lyngby-Taarbæk"]
    assert header in rows
    assert ["1.1", s.r1.text, "SKAL", "–", "Gul", "–"] in rows
    assert ["1.2", s.r2.text, "KAN", "–", "–", "–"] in rows
    assert ["1.1", "Herlev", "Gul", "=Påbegyndt"] in rows
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value)


@pytest.mark.pdf
def test_the_year_exports_to_pdf(scheme, client_for) -> None:
    s = scheme
    _reported(s)
    client = client_for(s.secretariat)
    client.cookies["django_language"] = "en"
    answer = client.get(reverse("kkr:overview"), {"year": 2024, "export": "pdf"})
    assert answer["Content-Type"] == "application/pdf"
    text = text_of(answer.content)
    for expected in ("KKR progress scheme 2024", "Lyngby-Taarbæk", "Yellow", "=Påbegyndt"):
        assert expected in text


def test_an_english_page_marks_the_obligation_in_english(scheme, client_for) -> None:
    """The recommendations' texts are the seed's Danish content, but the page's own marks
    and labels are English: MUST and MAY, not SKAL and KAN (which the note explains)."""
    s = scheme
    _reported(s)
    client = client_for(s.steering)
    client.cookies["django_language"] = "en"
    for url in (
        f"{reverse('kkr:overview')}?year=2024",
        reverse("kkr:recommendations"),
        reverse("kkr:history", args=[s.r1.pk]),
    ):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<span class="jobbro-kkr-obligation">MUST</span>' in html, url
        assert '<span class="jobbro-kkr-obligation">SKAL</span>' not in html, url
    answer = client.get(reverse("kkr:overview"), {"year": 2024, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    rows = [[c.value for c in row if c.value is not None] for row in sheet.iter_rows()]
    assert ["No.", "Recommendation", "MUST/MAY", "Gladsaxe", "Herlev", "Lyngby-Taarbæk"] in rows
    assert ["1.1", s.r1.text, "MUST", "–", "Yellow", "–"] in rows
    # In Danish the scheme's own words.
    html = client_for(s.steering).get(reverse("kkr:recommendations")).content.decode()
    assert '<span class="jobbro-kkr-obligation">SKAL</span>' in html


def test_two_secretaries_editing_a_recommendation_the_second_is_refused(scheme, client_for) -> None:
    s = scheme
    recommendation = Recommendation.objects.filter(cooperation=s.hrs).first()
    assert recommendation is not None
    edit = reverse("kkr:recommendation_update", args=[recommendation.pk])
    first, second = client_for(s.secretariat), client_for(staff(Role.SECRETARIAT, s.centre_h))

    def opened(client) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
        page = client.get(edit).content.decode()
        return form_data(page, form_index(page, 'data-testid="recommendation-form"'))

    a, b = opened(first), opened(second)
    text = recommendation.text
    assert first.post(edit, {**a, "text": text + " (rettet A)"}).status_code == 302
    refused = second.post(edit, {**b, "text": text + " (rettet B)"})
    assert refused.status_code == 200
    with override("da"):
        assert "Nogen anden har ændret anbefalingen" in refused.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.text == text + " (rettet A)" and recommendation.version == 2
    # Saved unchanged: nothing written, the version stays.
    assert first.post(edit, opened(first)).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.version == 2
