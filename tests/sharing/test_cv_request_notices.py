"""CV requests are not silent: both job centres are told, by mail and on the start page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from jobbro.organisations.models import Role
from jobbro.sharing import services
from tests.factories import staff

from .conftest import make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _addresses(partner, owner):
    """Only users with an address get mail."""
    for user, address in ((partner, "rikke@herlev.dk"), (owner, "ole@gladsaxe.dk")):
        user.email = address
        user.save(update_fields=["email"])


def test_asking_mails_those_who_answer_at_the_candidates_job_centre(
    partner, owner, secret, job_order, job_centre, other_job_centre
):
    # Only the candidate's job consultants answer (it records consent): the business
    # consultant and the manager there, and the asker's colleague, get no mail.
    colleague_there = staff(Role.JOB_CONSULTANT, other_job_centre, email="jk@gladsaxe.dk")
    staff(Role.BUSINESS_CONSULTANT, other_job_centre, email="bc@gladsaxe.dk")
    staff(Role.MANAGER, other_job_centre, email="leder@gladsaxe.dk")
    staff(Role.JOB_CONSULTANT, job_centre, email="kollega@herlev.dk")
    mail.outbox.clear()

    services.sharing_request_create(actor=partner, candidate=secret, job_order=job_order)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, colleague_there.email])
    message = mail.outbox[0]
    assert partner.memberships.get().job_centre.name in message.subject
    assert job_order.title in message.body and "/sharing/requests/" in message.body
    # The mail names no one: the candidate has not consented.
    for leak in (secret.first_name, secret.last_name):
        assert leak not in message.body and leak not in message.subject


@pytest.mark.parametrize(("shared", "word"), [(True, "CV delt af"), (False, "afvist")])
def test_the_answer_is_mailed_to_the_asker(partner, owner, secret, job_order, shared, word):
    request = services.sharing_request_create(actor=partner, candidate=secret, job_order=job_order)
    mail.outbox.clear()
    services.sharing_request_answer(actor=owner, request=request, shared=shared)
    [message] = mail.outbox
    assert message.to == [partner.email]
    assert word in message.subject  # the asker's language: Danish by default
    link = f"/job-orders/{job_order.pk}/candidates/" if shared else "/sharing/requests/"
    assert link in message.body


def test_consent_tells_every_job_centre_that_asked(partner, owner, secret, job_order, job_centre):
    colleague = staff(Role.BUSINESS_CONSULTANT, job_centre, email="bc@herlev.dk")
    first = services.sharing_request_create(actor=partner, candidate=secret, job_order=job_order)
    services.sharing_request_create(actor=colleague, candidate=secret)
    mail.outbox.clear()
    services.sharing_request_answer(actor=owner, request=first, shared=True)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([partner.email, colleague.email])


def test_start_pages_of_both_job_centres(partner, owner, secret, job_order, client_for):
    request = services.sharing_request_create(actor=partner, candidate=secret, job_order=job_order)
    waiting = client_for(owner).get("/").content.decode()
    assert 'data-testid="sharing-requests-waiting"' in waiting
    assert "1 request for a candidate's CV is waiting" in waiting
    services.sharing_request_answer(actor=owner, request=request, shared=False)
    answered = client_for(partner).get("/").content.decode()
    assert 'data-testid="sharing-requests-answered"' in answered
    assert "1 of your CV requests was answered" in answered
    assert (
        'data-testid="sharing-requests-waiting"' not in client_for(owner).get("/").content.decode()
    )


def test_the_two_kinds_of_request_have_their_own_names_in_the_menu(partner, client_for):
    client = client_for(partner)
    client.cookies["django_language"] = "da"
    requests_page = client.get(reverse("sharing:requests")).content.decode()
    assert "CV-anmodninger til dit jobcenter" in requests_page
    assert "Forespørgsler til dit jobcenter" not in requests_page
    for link in ("Forespørgsler mellem jobcentre", "CV-anmodninger"):
        assert link in requests_page  # both pages of the Requests section
    between = client.get(reverse("candidate_requests:list")).content.decode()
    assert "Forespørgsler til dit jobcenter" in between
    assert f'href="{reverse("sharing:requests")}"' in between


def test_a_free_search_request_mail_says_so(partner, owner, other_job_centre, occupation):
    candidate = make_candidate(other_job_centre, consent=False, occupation=occupation)
    mail.outbox.clear()
    services.sharing_request_create(actor=partner, candidate=candidate)
    [message] = mail.outbox
    assert "fundet i en søgning" in message.body
