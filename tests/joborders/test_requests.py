"""Requests between job centres: send, answer with candidates or none, consent, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from jobbro.candidate_requests import selectors as request_selectors
from jobbro.candidate_requests import services as request_services
from jobbro.candidate_requests.models import CandidateRequest, RecipientStatus, RequestOffer
from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.joborders import selectors
from jobbro.joborders.models import JobOrder, JobOrderStatus
from jobbro.organisations.models import Role
from tests.factories import (
    JobCentreFactory,
    JobOrderFactory,
    MembershipFactory,
    SharingRequestFactory,
    staff,
)

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
    return staff(Role.JOB_CONSULTANT, gladsaxe, email="rikke@gladsaxe.example")


@pytest.fixture
def ballerup_partner(ballerup):
    return staff(Role.JOB_CONSULTANT, ballerup, email="bo@ballerup.example")


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
    page = asked.get(reverse("candidate_requests:detail", args=[sent.pk])).content.decode()
    assert "Mette Kjær" in page and 'data-testid="answer-form"' in page
    response = asked.post(
        reverse("candidate_requests:answer", args=[sent.pk]),
        {"answer": "offer", "candidates": [mette.pk]},
    )
    assert response.status_code == 302
    asker = client_for(consultant)
    page = asker.get(reverse("candidate_requests:detail", args=[sent.pk])).content.decode()
    assert "Mette Kjær" in page
    answers_url = reverse("candidate_requests:answers", args=[sent.pk])
    fingerprint = request_selectors.answers(sent, viewer=consultant).fingerprint
    assert asker.get(answers_url, {"seen": fingerprint}).status_code == 204
    assert asker.get(answers_url, {"seen": "old"}).status_code == 200
    # The asked job centre does not see the answers panel of the others.
    assert asked.get(answers_url).status_code == 404


def test_a_job_centre_neither_asking_nor_asked_sees_nothing(client_for, sent, job_centre):
    outsider = staff(Role.JOB_CONSULTANT, JobCentreFactory(cooperation=job_centre.cooperation))
    response = client_for(outsider).get(reverse("candidate_requests:detail", args=[sent.pk]))
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


def test_request_mails_write_the_deadline_the_readers_way(sent, job_order):
    late = sent.sent_at + dt.timedelta(hours=sent.job_centre.cooperation.request_reminder_hours + 1)
    request_services.remind_unanswered_requests(now=late)
    assert mail.outbox
    for message in mail.outbox:
        assert job_order.deadline.isoformat() not in message.body


def test_lists_put_open_requests_first_and_awaiting_asks_first(
    consultant, job_order, company, occupation, gladsaxe, gladsaxe_partner
):
    def ask(order, minutes_ago):  # type: ignore[no-untyped-def]
        request = request_services.request_send(
            actor=consultant, job_order=order, message="Hej", job_centres=[gladsaxe]
        )
        sent_at = timezone.now() - dt.timedelta(minutes=minutes_ago)
        CandidateRequest.objects.filter(pk=request.pk).update(sent_at=sent_at)
        return request

    def new_order():  # type: ignore[no-untyped-def]
        return JobOrderFactory(
            company=company,
            job_centre=job_order.job_centre,
            created_by=consultant,
            occupation=occupation,
        )

    closed = ask(new_order(), minutes_ago=1)  # newest, but closed: last
    request_services.request_close(actor=consultant, request=closed)
    awaiting = ask(job_order, minutes_ago=30)  # oldest, but awaiting: first
    answered = ask(new_order(), minutes_ago=10)
    request_services.request_answer(
        actor=gladsaxe_partner, recipient=answered.recipients.get(), note="Ingen"
    )
    assert [r.request_id for r in request_selectors.incoming(gladsaxe_partner)] == [
        awaiting.pk,
        answered.pk,
        closed.pk,
    ]
    assert [r.pk for r in request_selectors.sent(consultant)] == [
        answered.pk,
        awaiting.pk,
        closed.pk,
    ]


def test_a_job_order_no_longer_open_takes_no_offers_and_no_reminders(
    sent, job_order, gladsaxe, gladsaxe_partner, occupation
):
    JobOrder.objects.filter(pk=job_order.pk).update(status=JobOrderStatus.FILLED)
    mette = make_candidate(gladsaxe, occupation=occupation)
    with pytest.raises(ValidationError, match="takes no more candidates"):
        request_services.request_answer(
            actor=gladsaxe_partner,
            recipient=sent.recipients.get(job_centre=gladsaxe),
            candidates=[mette],
        )
    assert not RequestOffer.objects.exists()
    later = timezone.now() + dt.timedelta(days=30)
    assert request_services.remind_unanswered_requests(now=later) == 0
    assert not mail.outbox


def test_the_poll_answers_unchanged_before_building_the_answers(
    client_for, sent, consultant, job_centre, gladsaxe, gladsaxe_partner, occupation, monkeypatch
):
    hidden = make_candidate(gladsaxe, occupation=occupation, consent=False)
    request_services.request_answer(
        actor=gladsaxe_partner,
        recipient=sent.recipients.get(job_centre=gladsaxe),
        candidates=[hidden],
    )
    fingerprint = request_selectors.answers(sent, viewer=consultant).fingerprint
    url = reverse("candidate_requests:answers", args=[sent.pk])

    def not_built(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the answers were built for an unchanged panel")

    monkeypatch.setattr(request_selectors, "answers", not_built)
    assert client_for(consultant).get(url, {"seen": fingerprint}).status_code == 204
    # Asking for the CV changes the panel (the hit's action).
    SharingRequestFactory(
        candidate=hidden,
        job_order=sent.job_order,
        requested_by=consultant,
        requesting_job_centre=job_centre,
    )
    assert request_selectors.answers_fingerprint(sent, viewer=consultant) != fingerprint


def test_the_poll_sees_reminders_and_changes_that_keep_the_counts(
    sent, consultant, gladsaxe, ballerup, gladsaxe_partner, occupation
):
    hidden = make_candidate(gladsaxe, occupation=occupation, consent=False)
    shared = make_candidate(gladsaxe, occupation=occupation)
    request_services.request_answer(
        actor=gladsaxe_partner,
        recipient=sent.recipients.get(job_centre=gladsaxe),
        candidates=[hidden, shared],
    )

    def fingerprint() -> str:
        return request_selectors.answers_fingerprint(sent, viewer=consultant)

    seen = fingerprint()
    # The reminder date is on the panel.
    sent.recipients.filter(job_centre=ballerup).update(reminded_at=timezone.now())
    assert fingerprint() != seen
    seen = fingerprint()
    # One consents, the other withdraws: as many shared as before, but other names.
    Candidate.objects.filter(pk=hidden.pk).update(
        consent_scope=ConsentScope.COOPERATION, consent_given_on=timezone.localdate()
    )
    Candidate.objects.filter(pk=shared.pk).update(
        consent_scope=ConsentScope.NONE, consent_given_on=None
    )
    assert fingerprint() != seen
    seen = fingerprint()
    Candidate.objects.filter(pk=hidden.pk).update(job_centre=ballerup)
    assert fingerprint() != seen


def test_the_request_page_loads_only_the_requirements(client_for, sent, consultant, monkeypatch):
    def no_referrals(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the request page loaded the job order's referrals")

    monkeypatch.setattr(selectors, "job_order_detail", no_referrals)
    response = client_for(consultant).get(reverse("candidate_requests:detail", args=[sent.pk]))
    assert response.status_code == 200


def test_a_user_of_two_asked_job_centres_answers_for_either(client_for, sent, gladsaxe, ballerup):
    both = staff(Role.JOB_CONSULTANT, gladsaxe)
    MembershipFactory(user=both, job_centre=ballerup, role=Role.JOB_CONSULTANT)
    client = client_for(both)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("candidate_requests:detail", args=[sent.pk])
    page = client.get(url, {"centre": ballerup.pk}).content.decode()
    assert "The answer of Jobcenter Ballerup" in page and 'data-testid="centre-switch"' in page
    response = client.post(
        reverse("candidate_requests:answer", args=[sent.pk]),
        {"answer": "none", "centre": ballerup.pk},
    )
    assert response.url.startswith(f"{url}?centre={ballerup.pk}")
    statuses = dict(sent.recipients.values_list("job_centre__name", "status"))
    assert statuses == {
        "Jobcenter Ballerup": RecipientStatus.NONE,
        "Jobcenter Gladsaxe": RecipientStatus.AWAITING,
    }


def test_the_job_order_links_its_requests_only_for_those_who_may_open_them(
    client_for, sent, consultant, onboarding, job_order
):
    link = reverse("candidate_requests:detail", args=[sent.pk])
    detail = reverse("joborders:detail", args=[job_order.pk])
    assert link in client_for(consultant).get(detail).content.decode()
    reader = client_for(onboarding)
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = reader.get(detail).content.decode()
    assert f'href="{link}"' not in page and "Sent " in page
