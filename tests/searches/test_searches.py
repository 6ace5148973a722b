"""The free search page: criteria, the text's reading, anonymous hits, saved searches."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jobbro.organisations.models import Role
from jobbro.privacy.models import AccessLogEntry
from jobbro.searches import selectors, services
from jobbro.searches.models import SavedSearch
from tests.factories import QualificationFactory, staff

from .conftest import make_candidate

pytestmark = pytest.mark.django_db

URL = reverse("searches:search")


@pytest.fixture
def people(job_centre, other_job_centre, occupation, secret):
    return {
        "own": make_candidate(job_centre, first_name="Anna", occupation=occupation),
        "shared": make_candidate(other_job_centre, first_name="Bent", occupation=occupation),
        "secret": secret,
    }


def test_search_by_occupation_ranks_and_hides(partner, occupation, people, client_for):
    body = client_for(partner).get(URL, {"occupations": occupation.pk}).content.decode()
    assert "Anna" in body and "Bent" in body
    assert "Sigrid" not in body and "Hemmelig" not in body
    assert "A candidate at Jobcenter Gladsaxe matches the search" in body
    assert "3 candidates passed the hard requirements" in body
    assert (
        set(AccessLogEntry.objects.values_list("candidate_ref", flat=True))
        == {
            str(people["own"].pk),
            str(people["shared"].pk),
        }
        or AccessLogEntry.objects.count() == 2
    )


def test_text_is_read_as_concepts_that_can_be_removed(partner, occupation, people, client_for):
    client = client_for(partner)
    body = client.get(URL, {"text": "tømrer"}).content.decode()
    assert 'data-testid="chip"' in body and "carpenter" in body
    assert "Anna" in body
    dropped = client.get(URL, {"text": "tømrer", "drop": f"o{occupation.pk}"}).content.decode()
    assert 'data-testid="chip"' not in dropped
    assert "Anna" not in dropped


def test_interpret_threshold_leaves_out_guesses(occupation):
    assert selectors.interpret("tømrer").occupations == [occupation]
    assert not selectors.interpret("zzzzqqq")


def test_must_have_certificate_filters(partner, occupation, people, client_for):
    licence = QualificationFactory(code="truck-b")
    people["own"].cv.qualifications.create(qualification=licence)
    body = client_for(partner).get(URL, {"qualifications": licence.pk}).content.decode()
    assert "Anna" in body and "Bent" not in body


def test_htmx_returns_the_results_only(partner, occupation, people, client_for):
    response = client_for(partner).get(URL, {"occupations": occupation.pk}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Anna" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"occupations": "999999"}, "Select a valid choice"),
        ({"occupations": "1", "available_by": "2026-13-45"}, "Enter a valid date."),
        ({"occupations": "1", "max_distance": "25"}, "Choose the municipality"),
        ({"occupations": "1", "language_level": "B2"}, "Choose the language"),
        ({"drop": "<script>"}, "The search link is damaged"),
    ],
)
def test_bad_input_gives_a_message_and_no_search(partner, occupation, data, message, client_for):
    body = client_for(partner).get(URL, data).content.decode()
    assert message in body
    assert "passed the hard requirements" not in body
    assert not AccessLogEntry.objects.exists()


def test_nothing_to_search_for_says_what_to_choose(partner, client_for):
    body = client_for(partner).get(URL, {"text": ""}).content.decode()
    assert "Choose an occupation" in body


# --- saved searches ------------------------------------------------------------------------


def test_save_run_and_delete(partner, occupation, people, client_for):
    client = client_for(partner)
    query = f"occupations={occupation.pk}&q=ignored"
    response = client.post(reverse("searches:save"), {"name": "Tømrere", "query": query})
    saved = SavedSearch.objects.get()
    assert (saved.owner, saved.name, saved.query) == (
        partner,
        "Tømrere",
        f"occupations={occupation.pk}",
    )
    assert response["Location"] == f"{URL}?{saved.query}"
    page = client.get(URL).content.decode()
    assert "Tømrere" in page and f"?{saved.query}" in page
    assert "Anna" in client.get(f"{URL}?{saved.query}").content.decode()
    client.post(reverse("searches:delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("", "occupations={occ}", "This field is required."),
        ("x" * 101, "occupations={occ}", "at most 100 characters"),
        ("Godt", "occupations=999999", "Only a search without errors can be saved."),
        ("Godt", "", "Only a search without errors can be saved."),
        ("Mine", "occupations={occ}", "already have a saved search with this name"),
    ],
)
def test_save_errors_write_nothing(partner, occupation, name, query, message, client_for):
    SavedSearch.objects.create(owner=partner, name="mine", query="text=x")
    client = client_for(partner)
    response = client.post(
        reverse("searches:save"), {"name": name, "query": query.format(occ=occupation.pk)}
    )
    assert response.status_code == 302
    assert message in client.get(response["Location"]).content.decode()
    assert SavedSearch.objects.count() == 1


def test_someone_elses_saved_search_is_not_found(partner, job_centre, client_for):
    other = staff(Role.RECRUITMENT_PARTNER, job_centre)
    saved = services.saved_search_create(owner=other, name="Hans", query="text=x")
    assert client_for(partner).post(reverse("searches:delete", args=[saved.pk])).status_code == 404
    assert "Hans" not in client_for(partner).get(URL).content.decode()
    assert SavedSearch.objects.count() == 1


def test_view_permissions(partner, job_centre, client_for):
    manager = staff(Role.MANAGER, job_centre)
    onboarding = staff(Role.ONBOARDING_CONSULTANT, job_centre)
    saved = services.saved_search_create(owner=partner, name="A", query="text=x")
    assert client_for(partner).get(URL).status_code == 200
    assert client_for(onboarding).get(URL).status_code == 200
    assert client_for(manager).get(URL).status_code == 403
    assert client_for(manager).post(reverse("searches:save"), {"name": "B"}).status_code == 403
    delete = reverse("searches:delete", args=[saved.pk])
    assert client_for(manager).post(delete).status_code == 403
    for url in (URL, reverse("searches:save"), delete):
        response = Client().post(url) if url != URL else Client().get(url)
        assert response["Location"].startswith(reverse("login"))
    assert SavedSearch.objects.count() == 1


def test_the_candidates_section_has_the_search(partner, client_for):
    body = client_for(partner).get(reverse("candidates:list")).content.decode()
    assert f'href="{URL}"' in body and "Search candidates" in body
