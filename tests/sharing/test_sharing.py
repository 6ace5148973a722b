"""Anonymous hits and CV requests: selectors, services and views."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jobbro.candidates.models import ConsentScope
from jobbro.organisations.models import Role
from jobbro.sharing import selectors, services
from jobbro.sharing.models import SharingRequest, SharingStatus
from jobbro.sharing.tokens import candidate_of_token, hit_token
from tests.factories import staff

from .conftest import make_candidate

pytestmark = pytest.mark.django_db


def names(ranked) -> set[str]:
    return {c.first_name for c in ranked.named}


def ask(partner, secret, job_order) -> SharingRequest:
    return services.sharing_request_create(actor=partner, candidate=secret, job_order=job_order)


# --- selectors -----------------------------------------------------------------------------


def test_job_order_search_names_the_visible_and_hides_the_rest(
    partner, job_order, job_centre, other_job_centre, foreign_job_centre, occupation, secret
):
    make_candidate(job_centre, consent=False, first_name="OwnPrivate", occupation=occupation)
    make_candidate(other_job_centre, first_name="Shared", occupation=occupation)
    make_candidate(foreign_job_centre, first_name="Foreign", occupation=occupation)

    ranked = selectors.ranked_for_job_order(job_order, searcher=partner)

    assert names(ranked) == {"OwnPrivate", "Shared"}
    assert ranked.total == 3
    (anonymous,) = [hit for hit in ranked.hits if hit.anonymous]
    assert anonymous.job_centre == other_job_centre
    assert anonymous.explained is None
    assert candidate_of_token(anonymous.token, user_id=partner.pk) == secret.pk
    assert candidate_of_token(anonymous.token, user_id=partner.pk + 1) is None
    assert [hit.rank for hit in ranked.hits] == [1, 2, 3]


def test_tokens_refuse_forgeries():
    assert candidate_of_token("not-a-token", user_id=1) is None
    assert candidate_of_token(hit_token(candidate_id=5, user_id=1), user_id=1) == 5


def test_the_page_never_shows_a_hidden_candidate(partner, job_order, secret, client_for):
    body = client_for(partner).get(reverse("sharing:ranked", args=[job_order.pk]))
    html = body.content.decode()
    assert "A candidate at Jobcenter Gladsaxe matches the search" in html
    for leak in (secret.first_name, secret.last_name, f"/candidates/{secret.pk}/"):
        assert leak not in html
    assert f'name="candidate" value="{secret.pk}"' not in html
    assert f"candidate-{secret.pk}" not in html


def test_anonymous_hit_counts_requirements_met(partner, job_order, secret):
    from tests.factories import SkillFactory

    skill = SkillFactory()
    job_order.requirements.create(importance="nice", kind="skill", skill=skill)
    job_order.requirements.create(importance="nice", kind="experience", min_years=2)
    secret.cv.skills.add(skill)
    ranked = selectors.ranked_for_job_order(job_order, searcher=partner)
    (hit,) = ranked.hits
    assert (hit.requirements_met, hit.requirements_total) == (1, 2)


# --- services ------------------------------------------------------------------------------


def test_request_then_shared_makes_the_candidate_visible(
    partner, owner, job_order, secret, client_for
):
    request = ask(partner, secret, job_order)
    assert (request.requesting_job_centre, request.status) == (
        partner.memberships.get().job_centre,
        SharingStatus.REQUESTED,
    )
    services.sharing_request_answer(actor=owner, request=request, shared=True)

    request.refresh_from_db()
    secret.refresh_from_db()
    assert request.status == SharingStatus.SHARED
    assert (request.answered_by, request.answered_at is not None) == (owner, True)
    assert secret.consent_scope == ConsentScope.COOPERATION
    assert secret.consent_given_on == timezone.localdate()
    ranked = selectors.ranked_for_job_order(job_order, searcher=partner)
    assert names(ranked) == {"Sigrid"}
    html = client_for(partner).get(reverse("sharing:ranked", args=[job_order.pk]))
    assert "Sigrid Hemmelig" in html.content.decode()
    assert "Shared — now visible" in html.content.decode()


def test_declined_stays_anonymous(partner, owner, job_order, secret, client_for):
    request = ask(partner, secret, job_order)
    services.sharing_request_answer(actor=owner, request=request, shared=False, note="Nej tak")
    secret.refresh_from_db()
    assert secret.consent_scope == ConsentScope.NONE
    ranked = selectors.ranked_for_job_order(job_order, searcher=partner)
    assert names(ranked) == set()
    assert ranked.hits[0].request.status == SharingStatus.DECLINED
    html = client_for(partner).get(reverse("sharing:ranked", args=[job_order.pk]))
    body = html.content.decode()
    assert "Declined" in body and "Sigrid" not in body and "Ask again" in body


def test_one_open_request_per_candidate_and_job_order(partner, job_order, secret):
    ask(partner, secret, job_order)
    with pytest.raises(ValidationError, match="already waiting"):
        ask(partner, secret, job_order)
    services.sharing_request_create(actor=partner, candidate=secret)  # a free search's own
    assert SharingRequest.objects.count() == 2


def test_no_request_for_a_candidate_one_sees_already(partner, job_order, other_job_centre):
    shared = make_candidate(other_job_centre)
    with pytest.raises(ValidationError, match="already see"):
        ask(partner, shared, job_order)


def test_other_cooperations_candidates_cannot_be_requested(partner, foreign_job_centre):
    stranger = make_candidate(foreign_job_centre, consent=False)
    with pytest.raises(PermissionDenied):
        services.sharing_request_create(actor=partner, candidate=stranger)
    assert not SharingRequest.objects.exists()


def test_only_the_owning_job_centre_answers_and_only_once(partner, owner, job_order, secret):
    request = ask(partner, secret, job_order)
    with pytest.raises(PermissionDenied):
        services.sharing_request_answer(actor=partner, request=request, shared=True)
    services.sharing_request_answer(actor=owner, request=request, shared=False)
    with pytest.raises(ValidationError, match="answered already"):
        services.sharing_request_answer(actor=owner, request=request, shared=True)
    secret.refresh_from_db()
    assert secret.consent_scope == ConsentScope.NONE


def test_sharing_answers_the_other_open_requests(
    partner, owner, job_order, secret, other_job_centre
):
    first = ask(partner, secret, job_order)
    second = services.sharing_request_create(actor=partner, candidate=secret)
    services.sharing_request_answer(actor=owner, request=first, shared=True)
    second.refresh_from_db()
    assert second.status == SharingStatus.SHARED


# --- views ---------------------------------------------------------------------------------


def test_ask_from_the_page_with_htmx(partner, owner, job_order, secret, client_for):
    ranked = selectors.ranked_for_job_order(job_order, searcher=partner)
    token = ranked.hits[0].token
    response = client_for(partner).post(
        reverse("sharing:request_create"),
        {"token": token, "job_order": job_order.pk, "rank": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Requested" in response.content.decode()
    request = SharingRequest.objects.get()
    assert (request.candidate, request.job_order, request.requested_by) == (
        secret,
        job_order,
        partner,
    )


def test_ask_without_htmx_redirects_back(partner, job_order, secret, client_for):
    token = selectors.ranked_for_job_order(job_order, searcher=partner).hits[0].token
    back = reverse("sharing:ranked", args=[job_order.pk])
    response = client_for(partner).post(
        reverse("sharing:request_create"),
        {"token": token, "job_order": job_order.pk, "next": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    outside = client_for(partner).post(
        reverse("sharing:request_create"), {"token": token, "next": "https://evil.example/"}
    )
    assert outside["Location"] == reverse("sharing:requests")


@pytest.mark.parametrize("token", ["", "forged", "gAAAAABbroken"])
def test_bad_token_writes_nothing(partner, token, client_for):
    response = client_for(partner).post(
        reverse("sharing:request_create"), {"token": token}, HTTP_HX_REQUEST="true"
    )
    assert "out of date" in response.content.decode()
    assert not SharingRequest.objects.exists()


def test_someone_elses_token_writes_nothing(partner, job_order, secret, job_centre, client_for):
    token = selectors.ranked_for_job_order(job_order, searcher=partner).hits[0].token
    colleague = staff(Role.JOB_CONSULTANT, job_centre)
    client_for(colleague).post(reverse("sharing:request_create"), {"token": token})
    assert not SharingRequest.objects.exists()


def test_request_list_and_answer(partner, owner, job_order, secret, client_for):
    request = ask(partner, secret, job_order)
    incoming = client_for(owner).get(reverse("sharing:requests")).content.decode()
    assert "Sigrid Hemmelig" in incoming and "Record the answer" in incoming
    outgoing = client_for(partner).get(reverse("sharing:requests")).content.decode()
    assert "Sigrid" not in outgoing and "A candidate at Jobcenter Gladsaxe" in outgoing
    response = client_for(owner).post(
        reverse("sharing:answer", args=[request.pk]), {"answer": "shared"}
    )
    assert response.status_code == 302
    outgoing = client_for(partner).get(reverse("sharing:requests")).content.decode()
    assert "Sigrid Hemmelig" in outgoing and "Shared — now visible" in outgoing


def test_answer_form_errors_write_nothing(partner, owner, job_order, secret, client_for):
    request = ask(partner, secret, job_order)
    client = client_for(owner)
    response = client.post(reverse("sharing:answer", args=[request.pk]), {"answer": "maybe"})
    assert response.status_code == 302
    page = client.get(reverse("sharing:requests")).content.decode()
    assert "Select a valid choice" in page
    request.refresh_from_db()
    assert request.status == SharingStatus.REQUESTED


def test_start_page_counts_waiting_requests(partner, owner, job_order, secret, client_for):
    ask(partner, secret, job_order)
    page = client_for(owner).get(reverse("core:home")).content.decode()
    assert "1 request for a candidate&#x27;s CV is waiting" in page or "sharing-requests" in page
    assert "Sigrid" not in page
    assert (
        "sharing-requests-waiting"
        not in client_for(partner).get(reverse("core:home")).content.decode()
    )


def test_view_permissions(partner, owner, job_order, secret, job_centre, client_for):
    from django.test import Client

    request = ask(partner, secret, job_order)
    manager = staff(Role.MANAGER, job_centre)
    onboarding = staff(Role.ONBOARDING_CONSULTANT, secret.job_centre)
    requests_url = reverse("sharing:requests")
    create_url = reverse("sharing:request_create")
    answer_url = reverse("sharing:answer", args=[request.pk])

    assert client_for(partner).get(requests_url).status_code == 200
    assert client_for(onboarding).get(requests_url).status_code == 200
    assert client_for(manager).get(requests_url).status_code == 403
    assert client_for(manager).post(create_url, {"token": "x"}).status_code == 403
    # Only a candidate editor of the candidate's own job centre answers.
    assert client_for(onboarding).post(answer_url, {"answer": "shared"}).status_code == 403
    assert client_for(partner).post(answer_url, {"answer": "shared"}).status_code == 403
    for url in (requests_url, create_url, answer_url):
        response = Client().post(url) if url != requests_url else Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    request.refresh_from_db()
    assert request.status == SharingStatus.REQUESTED
