"""Quarterly satisfaction surveys: who is invited, the company's answer, the results."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.organisations.models import Role
from jobbro.surveys import selectors, services
from jobbro.surveys.models import SurveyInvitation, SurveyResponse, SurveyRound
from jobbro.surveys.quarters import Quarter, months_before
from tests.factories import (
    ContactPersonFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    SurveyInvitationFactory,
    SurveyRoundFactory,
    new_company,
    staff,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 20)  # Q2 2026


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.fixture
def centre():
    return JobCentreFactory(name="Jobcenter Herlev")


@pytest.fixture
def consultant(centre):
    return staff(Role.BUSINESS_CONSULTANT, centre, first_name="Bente", last_name="Berg")


@pytest.fixture
def company(centre, consultant):
    company = new_company(
        cooperation=centre.cooperation,
        municipality=centre.municipalities.get(),
        contact_consultant=consultant,
        name="Herlev Byg ApS",
    )
    ContactPersonFactory(company=company, name="Anna", email="anna@herlevbyg.dk")
    ContactPersonFactory(company=company, name="Ziggy", email="chef@herlevbyg.dk", is_primary=True)
    InteractionFactory(
        company=company, job_centre=centre, consultant=consultant, occurred_at=at(TODAY)
    )
    return company


def send(centre, today=TODAY, actor=None) -> int:
    return services.send_quarterly_surveys(cooperation=centre.cooperation, today=today, actor=actor)


def answer_data(**overrides):
    data = {
        "response_time": "5",
        "communication": "4",
        "guidance": "4",
        "understanding": "3",
        "overall": "5",
        "comment": "Hurtig og god hjælp.",
    }
    data.update(overrides)
    return data


def test_quarters():
    assert Quarter.of(dt.date(2026, 1, 1)) == Quarter(2026, 1)
    assert Quarter.of(dt.date(2026, 12, 31)) == Quarter(2026, 4)
    assert Quarter(2026, 1).previous == Quarter(2025, 4)
    assert Quarter.from_key("2026-2") == Quarter(2026, 2)
    assert Quarter.from_key("2026-5") is None
    assert months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)


def test_send_invites_recent_contacts_once_per_quarter(centre, consultant, company):
    old = new_company(cooperation=centre.cooperation, municipality=company.municipality)
    ContactPersonFactory(company=old, email="old@example.dk")
    InteractionFactory(
        company=old, job_centre=centre, occurred_at=at(TODAY - dt.timedelta(days=120))
    )
    ordered = new_company(cooperation=centre.cooperation, municipality=company.municipality)
    ordered.email = "job@ordered.dk"
    ordered.save()
    order = JobOrderFactory(company=ordered, job_centre=centre)
    type(order).objects.filter(pk=order.pk).update(created_at=at(TODAY - dt.timedelta(days=80)))
    silent = new_company(cooperation=centre.cooperation, municipality=company.municipality)
    InteractionFactory(company=silent, job_centre=centre, occurred_at=at(TODAY))  # no address

    assert send(centre) == 2
    invitation = SurveyInvitation.objects.get(company=company)
    assert invitation.email == "chef@herlevbyg.dk"  # the primary contact first
    assert invitation.job_centre == centre
    assert invitation.consultant == consultant
    assert len(invitation.token) >= 40
    assert {m.to[0] for m in mail.outbox} == {"chef@herlevbyg.dk", "job@ordered.dk"}
    message = next(m for m in mail.outbox if m.to == ["chef@herlevbyg.dk"])
    assert reverse("surveys:answer", args=[invitation.token]) in message.body
    assert "Herlev Byg ApS" in message.body

    # Idempotent within the quarter: nobody is invited twice.
    assert send(centre) == 0
    assert len(mail.outbox) == 2
    assert SurveyRound.objects.count() == 1


def test_next_quarter_is_a_new_round(centre, company):
    assert send(centre) == 1
    InteractionFactory(company=company, job_centre=centre, occurred_at=at(dt.date(2026, 7, 2)))
    assert send(centre, today=dt.date(2026, 7, 3)) == 1
    assert SurveyRound.objects.count() == 2


def test_attribution_stays_with_the_invitation(centre, consultant, company):
    send(centre)
    company.contact_consultant = staff(Role.BUSINESS_CONSULTANT, centre)
    company.save()
    assert SurveyInvitation.objects.get().consultant == consultant


def test_database_refuses_a_second_invitation_and_a_second_answer(centre, company):
    send(centre)
    invitation = SurveyInvitation.objects.get()
    with pytest.raises(IntegrityError):
        # Straight to the database, no factory: the refusal of the row is the test.
        SurveyInvitation.objects.create(
            survey_round=invitation.survey_round,
            company=company,
            email="x@example.dk",
            token="another",
        )


def test_answer_service_allows_one_answer(centre, company):
    send(centre)
    invitation = SurveyInvitation.objects.get()
    scores = {
        "response_time": 5,
        "communication": 4,
        "guidance": 3,
        "understanding": 2,
        "overall": 1,
    }
    services.survey_answer(invitation=invitation, comment="  Fint  ", **scores)
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    assert invitation.response.comment == "Fint"
    with pytest.raises(ValidationError):
        services.survey_answer(invitation=invitation, **scores)


def test_scores_outside_the_scale_are_refused(centre, company):
    send(centre)
    invitation = SurveyInvitation.objects.get()
    with pytest.raises(ValidationError):
        services.survey_answer(
            invitation=invitation,
            response_time=6,
            communication=4,
            guidance=3,
            understanding=2,
            overall=1,
        )
    assert not SurveyResponse.objects.exists()


def english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_public_answer_page_in_danish_and_english(centre, company):
    send(centre)
    invitation = SurveyInvitation.objects.get()
    url = reverse("surveys:answer", args=[invitation.token])

    danish = Client().get(url)
    assert danish.status_code == 200
    assert "Hvordan var vores samarbejde?" in danish.content.decode()
    assert "How was our cooperation?" in english().get(url).content.decode()

    # Missing answers: clear messages, nothing saved.
    missing = english().post(url, {"comment": "hej"})
    assert missing.status_code == 200
    assert "Choose an answer from 1 to 5." in missing.content.decode()
    assert not SurveyResponse.objects.exists()

    done = Client().post(url, answer_data())
    assert done.status_code == 302
    thanks = Client().get(done["Location"])
    assert "Tak for dit svar" in thanks.content.decode()
    response = SurveyResponse.objects.get()
    assert (response.response_time, response.understanding) == (5, 3)

    again = english().get(url)
    assert "The survey is answered" in again.content.decode()
    second = english().post(url, answer_data(overall="1"))
    assert second.status_code == 200
    assert SurveyResponse.objects.get().overall == 5


def test_unknown_token_is_a_404_page_in_the_users_language():
    url = reverse("surveys:answer", args=["no-such-token"])
    danish = Client().get(url)
    assert danish.status_code == 404
    assert "Undersøgelsen blev ikke fundet" in danish.content.decode()
    english_page = english().get(url)
    assert english_page.status_code == 404
    assert "The survey was not found" in english_page.content.decode()


def _recipients(page: str) -> dict[str, list[str]]:
    """The confirmation as the page carries it: what the user saw."""
    return {"recipient": re.findall(r'name="recipient" value="([^"]+)"', page)}


def test_secretariat_sees_who_gets_the_mail_and_sends_only_when_confirming(centre, company):
    InteractionFactory(company=company, job_centre=centre)  # today, whatever day it is
    secretariat = staff(Role.SECRETARIAT, centre)
    client = english()
    client.force_login(secretariat)
    round_page = client.get(reverse("surveys:round")).content.decode()
    assert "See who gets the survey (1 company)" in round_page

    preview = client.get(reverse("surveys:send")).content.decode()

    # Who, at which address, and the mail in Danish; nothing is sent by looking.
    assert "Herlev Byg ApS" in preview and "chef@herlevbyg.dk" in preview
    assert "Kære Herlev Byg ApS" in preview
    assert "[virksomhedens personlige link]" in preview
    assert "Send the survey to 1 company now" in preview
    assert not SurveyInvitation.objects.exists() and not mail.outbox

    response = client.post(reverse("surveys:send"), _recipients(preview), follow=True)

    assert "1 invitation is sent." in response.content.decode()
    assert SurveyInvitation.objects.get().sent_by == secretariat
    assert len(mail.outbox) == 1
    assert "Every company with recent contact is invited in this quarter." in (
        client.get(reverse("surveys:round")).content.decode()
    )


def test_a_list_changed_since_the_preview_sends_nothing(centre, company):
    """A company that had contact after the secretariat looked gets no mail it did not see."""
    InteractionFactory(company=company, job_centre=centre)
    secretariat = staff(Role.SECRETARIAT, centre)
    client = english()
    client.force_login(secretariat)
    seen = _recipients(client.get(reverse("surveys:send")).content.decode())
    late = new_company(cooperation=centre.cooperation, name="Ny Kontakt ApS", email="ny@kontakt.dk")
    InteractionFactory(company=late, job_centre=centre)

    refused = client.post(reverse("surveys:send"), seen)

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "The list has changed" in page
    assert 'data-testid="new-since"' in page and "Ny Kontakt ApS" in page
    assert not SurveyInvitation.objects.exists() and not mail.outbox
    # Confirming what is shown now sends to both.
    client.post(reverse("surveys:send"), _recipients(page))
    assert SurveyInvitation.objects.count() == 2


def test_the_mail_preview_is_plain_text_on_the_page(centre):
    odd = new_company(cooperation=centre.cooperation, name="A & <b>B</b> ApS", email="a@b.dk")
    InteractionFactory(company=odd, job_centre=centre)
    client = english()
    client.force_login(staff(Role.SECRETARIAT, centre))

    page = client.get(reverse("surveys:send")).content.decode()

    assert "Kære A &amp; &lt;b&gt;B&lt;/b&gt; ApS" in page
    assert "<b>B</b>" not in page


def test_a_confirmation_without_the_list_sends_nothing(centre, company):
    InteractionFactory(company=company, job_centre=centre)
    client = english()
    client.force_login(staff(Role.SECRETARIAT, centre))

    assert client.post(reverse("surveys:send")).status_code == 409
    assert not SurveyInvitation.objects.exists()


def test_send_checks_the_confirmed_companies_and_addresses(centre, company):
    ready = selectors.recipients(cooperation=centre.cooperation, today=TODAY).ready
    seen = selectors.shown(ready)
    moved = frozenset({(company.pk, "anna@herlevbyg.dk")})

    with pytest.raises(ValidationError):
        services.send_quarterly_surveys(
            cooperation=centre.cooperation, today=TODAY, confirmed=moved
        )
    assert not SurveyInvitation.objects.exists()
    assert (
        services.send_quarterly_surveys(cooperation=centre.cooperation, today=TODAY, confirmed=seen)
        == 1
    )


def _answered_round(centre, consultant, quarter: Quarter, scores: list[int], comment=""):
    survey_round = SurveyRoundFactory(
        cooperation=centre.cooperation, year=quarter.year, quarter=quarter.number
    )
    for index, score in enumerate(scores):
        company = new_company(cooperation=centre.cooperation)
        invitation = SurveyInvitationFactory(
            survey_round=survey_round,
            company=company,
            email="a@example.dk",
            job_centre=centre,
            consultant=consultant,
            token=f"{quarter.key}-{centre.pk}-{index}",
        )
        if score:
            services.survey_answer(
                invitation=invitation,
                response_time=score,
                communication=score,
                guidance=score,
                understanding=score,
                overall=score,
                comment=comment,
            )


def test_results_per_job_centre_consultant_and_quarter(centre, consultant):
    other = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=centre.cooperation)
    _answered_round(centre, consultant, Quarter(2026, 1), [3, 3, 0, 0])
    _answered_round(centre, consultant, Quarter(2026, 2), [4, 5, 0], comment="Rigtig god service")
    _answered_round(other, None, Quarter(2026, 2), [2])

    results = selectors.survey_results(centre.cooperation)
    herlev = [row for row in results.by_job_centre if row.label == "Jobcenter Herlev"]
    assert [row.quarter for row in herlev] == [Quarter(2026, 2), Quarter(2026, 1)]
    latest, earlier = herlev
    assert (latest.scores.invitations, latest.scores.answers) == (3, 2)
    assert latest.scores.rate == pytest.approx(200 / 3)
    assert latest.scores.mean == pytest.approx(4.5)
    assert latest.trend == pytest.approx(1.5)
    assert earlier.trend is None
    assert earlier.scores.rate == 50
    consultant_rows = [row for row in results.by_consultant if row.label == "Bente Berg"]
    assert len(consultant_rows) == 2
    assert any(row.label == "" for row in results.by_consultant)  # Gladsaxe's, no consultant

    only = selectors.survey_results(centre.cooperation, job_centre=other, quarter=Quarter(2026, 2))
    assert [row.scores.answers for row in only.totals] == [1]
    assert not only.comments
    assert [r.comment for r in results.comments] == ["Rigtig god service"] * 2


def test_results_page_for_managers_and_consultants(centre, consultant):
    _answered_round(centre, consultant, Quarter(2026, 1), [2, 0])
    _answered_round(centre, consultant, Quarter(2026, 2), [4, 5], comment="Godt samarbejde")
    manager = staff(Role.MANAGER, centre)
    for user in (manager, consultant):
        client = english()
        client.force_login(user)
        page = client.get(reverse("surveys:results")).content.decode()
        assert "Jobcenter Herlev" in page
        assert "Godt samarbejde" in page
        assert "▲ +2.5" in page
        assert "<meter" in page and "style=" not in page
    filtered = client.get(reverse("surveys:results"), {"quarter": "2026-1"}).content.decode()
    assert "Godt samarbejde" not in filtered
    bad = client.get(reverse("surveys:results"), {"quarter": "nonsense"})
    assert bad.status_code == 200
    assert "Select a valid choice" in bad.content.decode()


def test_results_need_a_reader_role(centre):
    partner = staff(Role.JOB_CONSULTANT, centre)
    client = Client()
    client.force_login(partner)
    assert client.get(reverse("surveys:results")).status_code == 403
    assert client.post(reverse("surveys:send")).status_code == 403
