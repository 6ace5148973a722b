"""The ranked list's page and its propose dialog: who may, what is logged, how many queries."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobbro.accesslog.models import AccessLogEntry
from jobbro.joborders.models import JobOrderKind, Referral
from jobbro.organisations.models import Role
from jobbro.screening import services as screening_services
from jobbro.screening.services import ChecklistItem
from jobbro.sharing import views
from tests.factories import ReferralFactory, staff

from .conftest import make_candidate

pytestmark = pytest.mark.django_db

DIALOG = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": views.PROPOSE_DIALOG}


@pytest.fixture
def questions(job_centre):
    return screening_services.checklist_save(
        actor=staff(Role.SECRETARIAT, job_centre),
        cooperation=job_centre.cooperation,
        kind=JobOrderKind.ORDINARY,
        items=[
            ChecklistItem("Kan starte på startdatoen?", "Can start on the start date?"),
            ChecklistItem("Har talt med kandidaten om jobbet?", "Talked the job through?"),
        ],
    )


@pytest.fixture
def crowd(job_centre, other_job_centre, occupation):
    """Five named candidates and two anonymous ones (another centre's, no consent)."""
    named = [make_candidate(job_centre, occupation=occupation) for _ in range(3)]
    named += [make_candidate(other_job_centre, occupation=occupation) for _ in range(2)]
    hidden = [make_candidate(other_job_centre, consent=False, occupation=occupation)]
    hidden += [make_candidate(other_job_centre, consent=False, occupation=occupation)]
    return named, hidden


def search_url(job_order, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("sharing:ranked", args=[job_order.pk]) + (f"?{query}" if query else "")


def logged(user, after: int = 0) -> list[int]:
    """The candidates the user's reads were logged for (since the entry `after`)."""
    entries = AccessLogEntry.objects.filter(user=user, pk__gt=after)
    return sorted(entries.values_list("candidate_id", flat=True))


def last_entry() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


# --- the list -------------------------------------------------------------------------------


def test_each_page_logs_exactly_its_named_candidates(
    job_order, partner, crowd, client_for, monkeypatch
):
    monkeypatch.setattr(views, "RANKED_PAGE_SIZE", 3)
    named, hidden = crowd
    client = client_for(partner)
    shown = []
    for page in ("1", "2", "3"):
        before = last_entry()
        body = client.get(search_url(job_order, page=page)).content.decode()
        on_page = [c.pk for c in named if f'id="candidate-{c.pk}"' in body]
        assert logged(partner, after=before) == sorted(on_page)
        assert all(f"candidate-{c.pk}" not in body for c in hidden)
        shown += on_page
    assert sorted(shown) == sorted(c.pk for c in named)  # every named one on exactly one page


def test_the_page_pages_sorts_and_counts(job_order, partner, crowd, client_for, monkeypatch):
    monkeypatch.setattr(views, "RANKED_PAGE_SIZE", 3)
    client = client_for(partner)
    body = client.get(search_url(job_order, page="2", sort="distance")).content.decode()
    assert "viser 4–6" in body  # 7 hits, page 2 of 3
    assert 'aria-current="page"' in body and "page=3" in body and "sort=distance" in body
    assert '<option value="distance" selected>' in body
    assert 'id="count-id_job_centres_1">(3)</span>' in body  # Herlev's three, every page
    partial = client.get(search_url(job_order, sort="available"), HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html
    assert 'id="count-id_job_centres_0" hx-swap-oob="true">(4)</span>' in html  # Gladsaxe


def test_sorting_an_empty_list_does_not_blame_the_filters(job_order, partner, client_for):
    client = client_for(partner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    empty = client.get(search_url(job_order, sort="distance", page="3"))
    body = empty.content.decode()
    assert "No candidate passes the requirements." in body
    assert "Every must-have on the job order is a hard requirement" in body
    assert "Loosen the filters" not in body
    narrowed = client.get(search_url(job_order, max_distance="10", sort="distance"))
    assert "Loosen the filters" in narrowed.content.decode()


def test_a_card_proposes_through_the_dialog_and_carries_no_form(
    job_order, partner, crowd, questions, client_for
):
    body = client_for(partner).get(search_url(job_order)).content.decode()
    assert body.count('data-testid="propose"') == 5  # one button per named card
    assert body.count("<dialog") == 1
    assert "screening-" not in body  # the checklist is in the dialog only


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ONBOARDING_CONSULTANT])
def test_only_referrers_see_the_list_or_the_dialog(
    role, job_order, job_centre, candidate, client_for
):
    client = client_for(staff(role, job_centre))
    propose = reverse("sharing:propose", args=[job_order.pk])
    assert client.get(search_url(job_order)).status_code == 403
    assert client.get(f"{propose}?candidate={candidate.pk}", **DIALOG).status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_the_secretariat_recruits_with_consenting_candidates_only(
    job_order, job_centre, other_job_centre, candidate, occupation, client_for
):
    """The secretariat refers across the cooperation; a CV without consent stays closed."""
    client = client_for(staff(Role.SECRETARIAT, other_job_centre))
    propose = reverse("sharing:propose", args=[job_order.pk])
    assert client.get(search_url(job_order)).status_code == 200
    assert client.get(f"{propose}?candidate={candidate.pk}", **DIALOG).status_code == 200
    hidden = make_candidate(job_centre, consent=False, occupation=occupation)
    assert client.get(f"{propose}?candidate={hidden.pk}", **DIALOG).status_code == 404


def test_queries_do_not_grow_with_the_hits(
    job_order, partner, job_centre, other_job_centre, occupation, client_for
):
    """An N+1 on the cards (a name, a job centre, a request per hit) fails here."""
    client = client_for(partner)

    def queries() -> int:
        client.get(search_url(job_order))  # the index catches up first
        with CaptureQueriesContext(connection) as captured:
            assert client.get(search_url(job_order, sort="distance")).status_code == 200
        return len(captured)

    make_candidate(job_centre, occupation=occupation)
    make_candidate(other_job_centre, consent=False, occupation=occupation)
    few = queries()
    for _ in range(6):
        make_candidate(job_centre, occupation=occupation)
        make_candidate(other_job_centre, occupation=occupation)
        make_candidate(other_job_centre, consent=False, occupation=occupation)
    assert queries() == few
    assert few <= 30, few  # 27 when written: session, user, roles, job order, facets, index, log


def test_page_query_budget(job_order, partner, crowd, client_for, django_assert_max_num_queries):
    client = client_for(partner)
    client.get(search_url(job_order))
    with django_assert_max_num_queries(30):
        client.get(search_url(job_order, max_distance="25", sort="available"))


# --- the dialog -----------------------------------------------------------------------------


def test_the_dialog_shows_the_checklist_for_one_candidate(
    job_order, partner, candidate, questions, client_for
):
    url = reverse("sharing:propose", args=[job_order.pk]) + f"?candidate={candidate.pk}"
    response = client_for(partner).get(url, **DIALOG)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f"Foreslå {candidate.full_name}" in html
    assert html.count('data-testid="screening-question"') == 2
    assert 'hx-target="#propose-dialog-content"' in html
    assert logged(partner) == [candidate.pk]


def test_the_dialog_shows_a_missing_answer_in_danish_and_writes_nothing(
    job_order, partner, candidate, questions, client_for
):
    url = reverse("sharing:propose", args=[job_order.pk])
    data = {"candidate": candidate.pk, f"screening-{questions[0].pk}": "yes", "motivation": "Ja"}
    response = client_for(partner).post(url, data, **DIALOG)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Besvar alle screeningsspørgsmål, før du foreslår (1 mangler)." in html
    assert "Besvar dette spørgsmål." in html
    assert 'value="yes" id="sc-propose-' in html and ">Ja</textarea>" in html  # kept
    assert "HX-Trigger-After-Settle" not in response
    assert not Referral.objects.exists()


def test_proposing_in_the_dialog_marks_the_card(
    job_order, partner, candidate, questions, client_for
):
    url = reverse("sharing:propose", args=[job_order.pk])
    data = {"candidate": candidate.pk, **{f"screening-{q.pk}": "yes" for q in questions}}
    response = client_for(partner).post(url, data, **DIALOG)
    html = response.content.decode()
    assert f'id="propose-{candidate.pk}" hx-swap-oob="true"' in html
    assert "Foreslået ✓" in html
    trigger = json.loads(response["HX-Trigger-After-Settle"])
    assert trigger == {"jobbro:proposed": {"target": "#propose-dialog", "candidate": candidate.pk}}
    assert Referral.objects.get().screening_answers.count() == 2


def test_an_already_proposed_candidate_gets_no_form(
    job_order, partner, candidate, questions, client_for
):
    ReferralFactory(job_order=job_order, candidate=candidate, proposed_by=partner)
    url = reverse("sharing:propose", args=[job_order.pk]) + f"?candidate={candidate.pk}"
    html = client_for(partner).get(url, **DIALOG).content.decode()
    assert "er allerede foreslået til denne jobordre" in html
    assert "<form" not in html


def test_the_dialog_refuses_a_candidate_one_may_not_see(
    job_order, partner, other_job_centre, client_for
):
    hidden = make_candidate(other_job_centre, consent=False)
    url = reverse("sharing:propose", args=[job_order.pk])
    client = client_for(partner)
    assert client.get(f"{url}?candidate={hidden.pk}", **DIALOG).status_code == 404
    assert client.get(url, **DIALOG).status_code == 400
    assert not AccessLogEntry.objects.exists()


# --- without JavaScript ---------------------------------------------------------------------


def test_without_javascript_propose_is_a_page_of_its_own(
    job_order, partner, candidate, questions, client_for
):
    client = client_for(partner)
    back = search_url(job_order, page="2", sort="distance")
    url = reverse("sharing:propose", args=[job_order.pk])
    page = client.get(url, {"candidate": candidate.pk, "next": back}).content.decode()
    assert "<h1>Foreslå " in page and f'name="next" value="{back.replace("&", "&amp;")}"' in page
    missing = client.post(url, {"candidate": candidate.pk, "next": back})
    assert missing.status_code == 200
    assert "(2 mangler)" in missing.content.decode() and "<h1>" in missing.content.decode()
    data = {"candidate": candidate.pk, "next": back}
    data.update({f"screening-{q.pk}": "n/a" for q in questions})
    done = client.post(url, data)
    assert (done.status_code, done["Location"]) == (302, back)
    assert Referral.objects.filter(candidate=candidate).exists()


def test_without_javascript_a_foreign_next_goes_back_to_the_list(
    job_order, partner, candidate, client_for
):
    url = reverse("sharing:propose", args=[job_order.pk])
    response = client_for(partner).post(
        url, {"candidate": candidate.pk, "next": "https://example.org/phish"}
    )
    assert response["Location"] == search_url(job_order)
