"""The job barometer: sent by the surveys' personal link, answered once, summed per
occupation for the cooperation and per job centre, against the round before."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from jobbro.organisations.models import Role
from jobbro.surveys import selectors, services
from jobbro.surveys.models import BarometerAnswer, BarometerRound, SurveyInvitation
from tests.factories import (
    ContactPersonFactory,
    CooperationFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    new_company,
    staff,
)

pytestmark = pytest.mark.django_db

SPRING = dt.date(2026, 3, 10)
AUTUMN = dt.date(2026, 9, 10)


@pytest.fixture
def centres():
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    ballerup = JobCentreFactory(name="Jobcenter Ballerup", cooperation=herlev.cooperation)
    return herlev, ballerup


@pytest.fixture
def companies(centres):
    made = []
    for n, centre in enumerate((*centres, centres[0])):
        company = new_company(
            cooperation=centre.cooperation,
            municipality=centre.municipalities.get(),
            name=f"Firma {n}",
        )
        ContactPersonFactory(company=company, email=f"hr{n}@firma.dk", is_primary=True)
        made.append(company)
    return made


@pytest.fixture
def occupations(centres):
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    cook = OccupationFactory(label_da="kok", label_en="cook")
    for occupation in (carpenter, cook):
        JobOrderFactory(company__cooperation=centres[0].cooperation, occupation=occupation)
    return carpenter, cook


def send(centres, today, job_centres=()):
    return services.send_barometer(
        cooperation=centres[0].cooperation, job_centres=job_centres, today=today
    )


def answer(invitation, lines, small_jobs=0, apprentices=0):
    return services.barometer_answer(
        invitation=invitation,
        small_jobs=small_jobs,
        apprentices=apprentices,
        outlooks=[services.Outlook(o, h3, h6, h12, hard) for o, h3, h6, h12, hard in lines],
    )


def test_send_invites_every_company_once_by_the_survey_link(centres, companies):
    assert send(centres, SPRING) == 3
    assert send(centres, SPRING) == 0  # the same half-year: nobody twice
    barometer_round = BarometerRound.objects.get()
    assert (barometer_round.year, barometer_round.half) == (2026, BarometerRound.SPRING)
    assert str(barometer_round) == "Jobbarometer forår 2026"
    invitations = SurveyInvitation.objects.filter(barometer_round=barometer_round)
    assert invitations.count() == 3 and not invitations.filter(survey_round__isnull=False)
    assert len(mail.outbox) == 3
    link = re.search(r"http\S+/surveys/barometer/answer/\S+/", mail.outbox[0].body)
    assert link is not None
    assert "Jobbarometer forår 2026" in mail.outbox[0].subject


def test_send_only_to_the_chosen_job_centres(centres, companies):
    assert send(centres, SPRING, job_centres=[centres[1]]) == 1
    invitation = SurveyInvitation.objects.get()
    assert invitation.company == companies[1] and invitation.job_centre == centres[1]
    assert send(centres, SPRING) == 2  # the rest later in the same round


def test_answer_is_recorded_once_and_the_link_refused_after(centres, companies, occupations):
    send(centres, SPRING)
    invitation = SurveyInvitation.objects.first()
    answer(invitation, [(occupations[0], 1, 2, 3, True)], small_jobs=2, apprentices=1)
    with pytest.raises(ValidationError):
        answer(invitation, [(occupations[0], 1, 1, 1, False)])
    assert BarometerAnswer.objects.count() == 1
    url = reverse("surveys:barometer_answer", args=[invitation.token])
    page = Client().post(url, {"small_jobs": "1", "apprentices": "1"})
    assert page.status_code == 200 and "er besvaret" in page.content.decode()
    assert BarometerAnswer.objects.count() == 1
    # A barometer link is no satisfaction link, and the other way round.
    assert Client().get(reverse("surveys:answer", args=[invitation.token])).status_code == 404


def test_service_refuses_negative_and_repeated_occupations(centres, companies, occupations):
    send(centres, SPRING)
    invitation = SurveyInvitation.objects.first()
    with pytest.raises(ValidationError):
        answer(invitation, [(occupations[0], -1, 0, 0, False)])
    with pytest.raises(ValidationError):
        answer(invitation, [(occupations[0], 1, 1, 1, False), (occupations[0], 2, 2, 2, False)])
    assert not BarometerAnswer.objects.exists()


def test_service_refuses_a_shorter_horizon_above_a_longer_one(centres, companies, occupations):
    send(centres, SPRING)
    invitation = SurveyInvitation.objects.first()
    for h3, h6, h12 in ((5, 2, 1), (2, 3, 1), (2, 1, 3)):
        with pytest.raises(ValidationError) as refused:
            answer(invitation, [(occupations[0], h3, h6, h12, False)])
        assert refused.value.code == "horizons"
    assert not BarometerAnswer.objects.exists()
    answer(invitation, [(occupations[0], 2, 2, 2, False)])  # equal is fine: none later
    assert BarometerAnswer.objects.count() == 1


def form_data(rows, small_jobs="2", apprentices="1"):
    data = {
        "form-TOTAL_FORMS": "6",
        "form-INITIAL_FORMS": "0",
        "small_jobs": small_jobs,
        "apprentices": apprentices,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"form-{index}-{name}"] = value
    return data


def test_answer_page_in_danish_validates_and_saves(centres, companies, occupations):
    send(centres, SPRING)
    invitation = SurveyInvitation.objects.first()
    url = reverse("surveys:barometer_answer", args=[invitation.token])
    page = Client().get(url)
    assert page.status_code == 200
    assert "Forventede nyansættelser" in page.content.decode()
    carpenter, cook = occupations
    bad = [
        {"occupation": str(carpenter.pk), "hires_3m": "-1", "hires_6m": "2", "hires_12m": "3"},
        {"hires_3m": "1"},  # numbers without an occupation
        {"occupation": str(cook.pk), "hires_3m": "1", "hires_6m": "", "hires_12m": "1"},
    ]
    page = Client().post(url, form_data(bad, small_jobs="x"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Skriv et helt tal, 0 eller mere." in text
    assert "Vælg den stilling, tallene gælder." in text
    assert "Skriv et tal (0 hvis ingen)." in text
    assert not BarometerAnswer.objects.exists()  # nothing half written
    twice = [
        {"occupation": str(cook.pk), "hires_3m": "1", "hires_6m": "1", "hires_12m": "1"},
        {"occupation": str(cook.pk), "hires_3m": "2", "hires_6m": "2", "hires_12m": "2"},
    ]
    page = Client().post(url, form_data(twice))
    assert "Nævn hver stilling én gang." in page.content.decode()
    good = [
        {"occupation": str(cook.pk), "hires_3m": "1", "hires_6m": "3", "hires_12m": "4"},
        {},
        {"occupation": str(carpenter.pk), "hires_3m": "0", "hires_6m": "0", "hires_12m": "2"},
        {"hard_to_fill": ""},
    ]
    good[2]["hard_to_fill"] = "on"
    page = Client().post(url, form_data(good))
    assert page.status_code == 302
    saved = BarometerAnswer.objects.get()
    assert (saved.small_jobs, saved.apprentices) == (2, 1)
    lines = {line.occupation: line for line in saved.lines.all()}
    assert (lines[cook].hires_3m, lines[cook].hires_6m, lines[cook].hires_12m) == (1, 3, 4)
    assert lines[carpenter].hard_to_fill and not lines[cook].hard_to_fill


def test_answer_page_refuses_horizons_that_shrink_on_the_row(centres, companies, occupations):
    """The horizons count from the day of the answer, so 5 within 3 months cannot be 2
    within 6 months: the row says what to write, in Danish, and nothing is saved."""
    send(centres, SPRING)
    invitation = SurveyInvitation.objects.first()
    url = reverse("surveys:barometer_answer", args=[invitation.token])
    carpenter, cook = occupations
    rows = [
        {"occupation": str(cook.pk), "hires_3m": "1", "hires_6m": "1", "hires_12m": "2"},
        {"occupation": str(carpenter.pk), "hires_3m": "5", "hires_6m": "2", "hires_12m": "1"},
    ]
    page = Client().post(url, form_data(rows))
    text = page.content.decode()
    assert page.status_code == 200
    assert not BarometerAnswer.objects.exists()
    row = page.context["outlooks"].forms[1]
    assert row.errors.keys() == {"hires_6m", "hires_12m"}
    assert not page.context["outlooks"].forms[0].errors
    assert (
        "Stilling 2, inden for 6 måneder</a>: Skriv mindst 5: ansættelserne inden for 6 "
        "måneder omfatter dem inden for 3 måneder, da begge tælles fra i dag." in text
    )
    assert "Stilling 2, inden for 12 måneder</a>: Skriv mindst 5:" in text
    # Only the 12 months short of the 6 months.
    rows[1] = {"occupation": str(carpenter.pk), "hires_3m": "1", "hires_6m": "3", "hires_12m": "2"}
    page = Client().post(url, form_data(rows))
    assert page.context["outlooks"].forms[1].errors.keys() == {"hires_12m"}
    assert "Skriv mindst 3: ansættelserne inden for 12 måneder" in page.content.decode()
    assert not BarometerAnswer.objects.exists()


def test_barometer_thanks_tells_what_the_answer_is_used_for(centres, companies, occupations):
    send(centres, SPRING)
    invitation = SurveyInvitation.objects.first()
    answer(invitation, [(occupations[0], 1, 2, 3, False)])
    url = reverse("surveys:barometer_answer", args=[invitation.token])
    text = Client().get(url, {"sent": "1"}).content.decode()
    assert "jobbarometerets samlede tal" in text and "kurser og rekruttering" in text
    assert "forbedre servicen" not in text  # the satisfaction survey's words
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(url, {"sent": "1"}).content.decode()
    assert "totals of the job barometer" in text and "improve the service" not in text


def test_results_sum_per_occupation_per_job_centre_and_against_the_round_before(
    centres, companies, occupations
):
    carpenter, cook = occupations
    ballerup = centres[1]
    send(centres, SPRING)
    spring = {i.company: i for i in SurveyInvitation.objects.all()}
    answer(spring[companies[0]], [(carpenter, 1, 1, 5, False), (cook, 0, 1, 2, False)])
    send(centres, AUTUMN)
    autumn_round = BarometerRound.objects.get(half=BarometerRound.AUTUMN)
    autumn = {i.company: i for i in autumn_round.invitations.all()}
    answer(autumn[companies[0]], [(carpenter, 2, 3, 4, True)], small_jobs=3, apprentices=1)
    answer(autumn[companies[1]], [(carpenter, 1, 1, 6, True)], small_jobs=1, apprentices=2)
    answer(autumn[companies[2]], [(carpenter, 0, 0, 1, False)], apprentices=1)

    joint = selectors.barometer_results(autumn_round)
    assert joint.previous == BarometerRound.objects.get(half=BarometerRound.SPRING)
    assert (joint.invited, joint.answered, joint.small_jobs, joint.apprentices) == (3, 3, 4, 4)
    rows = {row.occupation: row for row in joint.occupations}
    assert (rows[carpenter].hires_3m, rows[carpenter].hires_6m, rows[carpenter].hires_12m) == (
        3,
        4,
        11,
    )
    assert (rows[carpenter].companies, rows[carpenter].hard_to_fill) == (3, 2)
    assert rows[carpenter].change == 11 - 5  # growing
    assert rows[carpenter].previous_companies == 1
    assert rows[cook].hires_12m == 0 and rows[cook].change == -2  # shrinking: no one named it

    only = selectors.barometer_results(autumn_round, job_centre=ballerup)
    assert (only.invited, only.answered, only.apprentices) == (1, 1, 2)
    assert [(r.occupation, r.hires_12m, r.change) for r in only.occupations] == [(carpenter, 6, 6)]
    first = selectors.barometer_results(joint.previous)
    assert first.previous is None and all(row.change is None for row in first.occupations)


def test_results_page_shows_aggregates_with_the_chart_to_leaders(centres, companies, occupations):
    send(centres, SPRING)
    invitation = SurveyInvitation.objects.get(company=companies[0])
    answer(invitation, [(occupations[0], 1, 2, 3, True)])
    client = Client()
    client.force_login(staff(Role.MANAGER, centres[0]))
    page = client.get(reverse("surveys:barometer_results"), {"job_centre": centres[0].pk})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-series="current"' in text and "data-chart" in text
    assert companies[0].name not in text  # counts only


def test_secretariat_sends_after_seeing_the_list(centres, companies):
    client = Client()
    client.force_login(staff(Role.SECRETARIAT, centres[0]))
    page = client.get(reverse("surveys:barometer_send"), {"job_centre": centres[1].pk})
    assert page.status_code == 200 and page.context["ready"][0].company == companies[1]
    assert not mail.outbox
    values = page.context["recipient_values"]
    stale = client.post(
        reverse("surveys:barometer_send"), {"job_centre": centres[1].pk, "recipient": []}
    )
    assert stale.status_code == 409 and not mail.outbox
    sent = client.post(
        reverse("surveys:barometer_send"), {"job_centre": centres[1].pk, "recipient": values}
    )
    assert sent.status_code == 302 and len(mail.outbox) == 1


def test_another_cooperations_round_is_not_shown(centres, companies, occupations):
    send(centres, SPRING)
    answer(SurveyInvitation.objects.first(), [(occupations[0], 1, 2, 3, True)])
    theirs = BarometerRound.objects.get()
    elsewhere = JobCentreFactory(
        name="Jobcenter Aarhus",
        cooperation=CooperationFactory(name="Østjysk Rekruttering", short_name="ØR"),
    )
    client = Client()
    client.force_login(staff(Role.MANAGER, elsewhere))
    page = client.get(reverse("surveys:barometer_results"), {"barometer_round": theirs.pk})
    assert page.status_code == 200 and page.context["results"] is None
    assert "tømrer" not in page.content.decode()


def test_answer_page_switches_to_english(centres, companies, occupations):
    send(centres, SPRING)
    url = reverse("surveys:barometer_answer", args=[SurveyInvitation.objects.first().token])
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(url).content.decode()
    assert "Job barometer spring 2026" in text and "Expected new hires by occupation" in text


def test_export_shows_figures_from_fewer_than_five_companies_as_small(
    centres, companies, occupations
):
    carpenter, cook = occupations
    for n in range(5):
        extra = new_company(
            cooperation=centres[0].cooperation,
            municipality=centres[0].municipalities.get(),
            name=f"Ekstra {n}",
        )
        ContactPersonFactory(company=extra, email=f"x{n}@ekstra.dk", is_primary=True)
    send(centres, SPRING)
    for invitation in SurveyInvitation.objects.all():  # 8 companies name carpenters
        answer(invitation, [(carpenter, 1, 2, 3, False)], apprentices=1)
    answer_cook = SurveyInvitation.objects.first().barometer_answer
    answer_cook.lines.create(occupation=cook, hires_3m=9, hires_6m=9, hires_12m=9)
    client = Client()
    client.force_login(staff(Role.SECRETARIAT, centres[0]))
    response = client.get(reverse("surveys:barometer_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = [line.split(";") for line in response.content.decode().splitlines()]
    by_label = {row[0]: row for row in rows}
    assert by_label["Forventede lærlinge"][1] == "8"
    assert by_label["tømrer"][1:4] == ["8", "16", "24"] and by_label["tømrer"][5] == "8"
    assert by_label["kok"][1:4] == ["<5", "<5", "<5"]  # one company: not passed on
    ballerup = client.get(reverse("surveys:barometer_export"), {"job_centre": centres[1].pk})
    ballerup_rows = {r.split(";")[0]: r.split(";") for r in ballerup.content.decode().splitlines()}
    assert ballerup_rows["Forventede lærlinge"][1] == "<5"
