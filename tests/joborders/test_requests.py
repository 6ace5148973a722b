"""Requests between job centres: send, answer with candidates or none, consent, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from jobbro.joborders import request_selectors, request_services
from jobbro.joborders.models import CandidateRequest, RecipientStatus, RequestOffer
from jobbro.organisations.models import Role
from tests.factories import JobCentreFactory, staff

from .conftest import make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(job_centre):
    return staff(Role.BUSINESS_CONSULTANT, job_centre, email="karen@herlev.example")


@pytest.fixture
def gladsaxe(job_centre):
    return JobCentreFactory(cooperation=job_centre.cooperation, name="Jobcenter Gladsaxe")


@pytest.fixture
def ballerup(job_centre):
    return JobCentreFactory(cooperation=job_centre.cooperation, name="Jobcenter Ballerup")


@pytest.fixture
def gladsaxe_partner(gladsaxe):
    return staff(Role.RECRUITMENT_PARTNER, gladsaxe, email="rikke@gladsaxe.example")


@pytest.fixture
def ballerup_partner(ballerup):
    return staff(Role.RECRUITMENT_PARTNER, ballerup, email="bo@ballerup.example")


@pytest.fixture
def sent(consultant, job_order, gladsaxe_partner, ballerup_partner):
    request = request_services.request_send(
        actor=consultant, job_order=job_order, message="Vi mangler en tømrer."
    )
    mail.outbox.clear()
    return request


def test_a_request_goes_to_every_other_job_centre_by_default(
    consultant, job_order, gladsaxe_partner, ballerup_partner
):
    request = request_services.request_send(
        actor=consultant, job_order=job_order, message="Vi mangler en tømrer."
    )
    centres = {r.job_centre.name for r in request.recipients.all()}
    assert centres == {"Jobcenter Gladsaxe", "Jobcenter Ballerup"}
    assert sorted(m.to[0] for m in mail.outbox) == ["bo@ballerup.example", "rikke@gladsaxe.example"]
    assert "Jobcenter Herlev" in mail.outbox[0].subject
    assert f"/job-orders/requests/{request.pk}/" in mail.outbox[0].body


def test_chosen_job_centres_only(consultant, job_order, gladsaxe, ballerup, foreign_job_centre):
    request = request_services.request_send(
        actor=consultant, job_order=job_order, message="Hej", job_centres=[gladsaxe]
    )
    assert [r.job_centre for r in request.recipients.all()] == [gladsaxe]
    request_services.request_close(actor=consultant, request=request)
    with pytest.raises(ValidationError):
        request_services.request_send(
            actor=consultant, job_order=job_order, message="Hej", job_centres=[foreign_job_centre]
        )


def test_one_open_request_per_job_order_and_a_message(consultant, job_order, gladsaxe):
    with pytest.raises(ValidationError):
        request_services.request_send(actor=consultant, job_order=job_order, message="  ")
    request_services.request_send(actor=consultant, job_order=job_order, message="Hej")
    with pytest.raises(ValidationError, match="open request already"):
        request_services.request_send(actor=consultant, job_order=job_order, message="Igen")
    assert CandidateRequest.objects.count() == 1


def test_only_the_job_orders_own_job_centre_asks(job_order, gladsaxe_partner):
    with pytest.raises(PermissionDenied):
        request_services.request_send(actor=gladsaxe_partner, job_order=job_order, message="Hej")


def test_answer_with_own_candidates_mails_the_asker(sent, gladsaxe, gladsaxe_partner, occupation):
    mette = make_candidate(gladsaxe, occupation=occupation, first_name="Mette")
    recipient = sent.recipients.get(job_centre=gladsaxe)
    request_services.request_answer(
        actor=gladsaxe_partner, recipient=recipient, candidates=[mette], note="God kandidat"
    )
    recipient.refresh_from_db()
    assert (recipient.status, recipient.answered_by) == (
        RecipientStatus.CANDIDATES,
        gladsaxe_partner,
    )
    assert RequestOffer.objects.get().candidate == mette
    (message,) = mail.outbox
    assert message.to == ["karen@herlev.example"]
    assert "Jobcenter Gladsaxe" in message.subject
    assert "Mette" not in message.subject + message.body  # no personal data in a mail


def test_one_cannot_offer_another_job_centres_candidate(sent, gladsaxe, gladsaxe_partner, ballerup):
    stranger = make_candidate(ballerup)
    with pytest.raises(ValidationError, match="own job centre"):
        request_services.request_answer(
            actor=gladsaxe_partner,
            recipient=sent.recipients.get(job_centre=gladsaxe),
            candidates=[stranger],
        )
    assert not RequestOffer.objects.exists()


def test_answer_none_once_and_not_after_closing(sent, consultant, ballerup, ballerup_partner):
    recipient = sent.recipients.get(job_centre=ballerup)
    request_services.request_answer(actor=ballerup_partner, recipient=recipient, note="Ingen")
    recipient.refresh_from_db()
    assert recipient.status == RecipientStatus.NONE
    with pytest.raises(ValidationError, match="answered already"):
        request_services.request_answer(actor=ballerup_partner, recipient=recipient)
    request_services.request_close(actor=consultant, request=sent)
    with pytest.raises(ValidationError, match="closed"):
        request_services.request_answer(actor=ballerup_partner, recipient=recipient)


def test_the_asker_sees_a_candidate_without_consent_anonymously(
    sent, consultant, gladsaxe, gladsaxe_partner, occupation
):
    named = make_candidate(gladsaxe, occupation=occupation, first_name="Mette")
    hidden = make_candidate(gladsaxe, occupation=occupation, first_name="Sigrid", consent=False)
    request_services.request_answer(
        actor=gladsaxe_partner,
        recipient=sent.recipients.get(job_centre=gladsaxe),
        candidates=[named, hidden],
    )
    answers = request_selectors.answers(sent, viewer=consultant)
    hits = {h.offer.candidate_id: h for a in answers.answers for h in a.hits}
    assert hits[named.pk].candidate == named
    assert hits[hidden.pk].anonymous and hits[hidden.pk].token
    assert hits[hidden.pk].job_centre == gladsaxe
    assert answers.named == [named]


def test_reminders_after_the_cooperations_hours_once(sent, gladsaxe, ballerup, ballerup_partner):
    hours = sent.job_centre.cooperation.request_reminder_hours
    request_services.request_answer(
        actor=ballerup_partner, recipient=sent.recipients.get(job_centre=ballerup)
    )
    mail.outbox.clear()
    early = sent.sent_at + dt.timedelta(hours=hours - 1)
    assert request_services.remind_unanswered_requests(now=early) == 0
    late = sent.sent_at + dt.timedelta(hours=hours + 1)
    assert request_services.remind_unanswered_requests(now=late) == 1
    assert [m.to for m in mail.outbox] == [["rikke@gladsaxe.example"]]
    assert sent.recipients.get(job_centre=gladsaxe).reminded_at == late
    assert request_services.remind_unanswered_requests(now=late) == 0


def test_a_closed_request_is_not_reminded(sent, consultant):
    request_services.request_close(actor=consultant, request=sent)
    later = timezone.now() + dt.timedelta(days=30)
    assert request_services.remind_unanswered_requests(now=later) == 0


def test_pages_for_the_asker_and_the_asked(
    client_for, sent, consultant, gladsaxe, gladsaxe_partner, occupation
):
    mette = make_candidate(gladsaxe, occupation=occupation, first_name="Mette", last_name="Kjær")
    asked = client_for(gladsaxe_partner)
    page = asked.get(reverse("joborders:request_detail", args=[sent.pk])).content.decode()
    assert "Mette Kjær" in page and 'data-testid="answer-form"' in page
    response = asked.post(
        reverse("joborders:request_answer", args=[sent.pk]),
        {"answer": "offer", "candidates": [mette.pk]},
    )
    assert response.status_code == 302
    asker = client_for(consultant)
    page = asker.get(reverse("joborders:request_detail", args=[sent.pk])).content.decode()
    assert "Mette Kjær" in page
    answers_url = reverse("joborders:request_answers", args=[sent.pk])
    fingerprint = request_selectors.answers(sent, viewer=consultant).fingerprint
    assert asker.get(answers_url, {"seen": fingerprint}).status_code == 204
    assert asker.get(answers_url, {"seen": "old"}).status_code == 200
    # The asked job centre does not see the answers panel of the others.
    assert asked.get(answers_url).status_code == 404


def test_a_job_centre_neither_asking_nor_asked_sees_nothing(client_for, sent, job_centre):
    outsider = staff(Role.RECRUITMENT_PARTNER, JobCentreFactory(cooperation=job_centre.cooperation))
    response = client_for(outsider).get(reverse("joborders:request_detail", args=[sent.pk]))
    assert response.status_code == 404


def test_start_block_lists_what_awaits_and_answers(sent, consultant, gladsaxe, gladsaxe_partner):
    template = Template("{% load requests_tags %}{% requests_block user %}")
    waiting = template.render(Context({"user": gladsaxe_partner}))
    assert "Tømrer til metrobyggeri" in waiting and "requests-awaiting" in waiting
    assert "requests-answered" not in template.render(Context({"user": consultant}))
    request_services.request_answer(
        actor=gladsaxe_partner, recipient=sent.recipients.get(job_centre=gladsaxe), note="Ingen"
    )
    assert "requests-answered" in template.render(Context({"user": consultant}))
