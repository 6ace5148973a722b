"""The free search page: criteria, the text's reading, anonymous hits, saved searches."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from jobbro.accesslog.models import AccessLogEntry
from jobbro.matching.selectors import LanguageWish
from jobbro.organisations.models import Municipality, Role
from jobbro.searches import selectors, services
from jobbro.searches.forms import FreeSearchForm
from jobbro.searches.models import SavedSearch
from jobbro.taxonomy.models import Language, Qualification
from tests.factories import QualificationFactory, SavedSearchFactory, staff

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
    SavedSearchFactory(owner=partner, name="mine", query="text=x")
    client = client_for(partner)
    response = client.post(
        reverse("searches:save"), {"name": name, "query": query.format(occ=occupation.pk)}
    )
    assert response.status_code == 302
    assert message in client.get(response["Location"]).content.decode()
    assert SavedSearch.objects.count() == 1


def test_someone_elses_saved_search_is_not_found(partner, job_centre, client_for):
    other = staff(Role.JOB_CONSULTANT, job_centre)
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


# --- what the text names becomes the search ------------------------------------------------

TEXT = "tømrer der taler polsk med kørekort B i Herlev inden for 10 km"


@pytest.fixture
def polish_carpenters(job_centre, other_job_centre, occupation):
    """Carpenters at Herlev and Aalborg, with and without Polish and a car licence."""
    herlev = Municipality.objects.get(name="Herlev")
    aalborg = Municipality.objects.get(name="Aalborg")
    polish = Language.objects.get(code="pl")
    licence = Qualification.objects.get(code="licence-b")

    def carpenter(name: str, where: Municipality, *, speaks: bool, drives: bool):
        candidate = make_candidate(
            job_centre, first_name=name, occupation=occupation, municipality=where
        )
        if speaks:
            candidate.cv.languages.create(language=polish, level="B1")
        if drives:
            candidate.cv.qualifications.create(qualification=licence)
        return candidate

    return {
        "anna": carpenter("Anna", herlev, speaks=True, drives=True),
        "bent": carpenter("Bent", herlev, speaks=False, drives=True),
        "carl": carpenter("Carl", aalborg, speaks=True, drives=True),
        "dina": carpenter("Dina", herlev, speaks=True, drives=False),
    }


def _form(partner, **data) -> FreeSearchForm:
    form = FreeSearchForm(QueryDict(urlencode(data, doseq=True)), user=partner)
    assert form.is_valid(), form.errors
    return form


def test_text_criteria_become_the_search(partner, occupation):
    search = _form(partner, text=TEXT).search()
    assert search.occupations == [occupation]
    assert search.languages == [LanguageWish(Language.objects.get(code="pl"), "A1")]
    assert search.qualifications == [Qualification.objects.get(code="licence-b")]
    assert search.near == Municipality.objects.get(name="Herlev")
    assert search.filters.max_distance_km == 10.0
    assert list(search.nice_skills) == list(search.nice_qualifications) == []


def test_the_fields_win_over_the_text(partner, occupation):
    gladsaxe = Municipality.objects.get(name="Gladsaxe")
    polish = Language.objects.get(code="pl")
    form = _form(
        partner,
        text=TEXT,
        near=gladsaxe.pk,
        max_distance="25",
        language=polish.pk,
        language_level="B2",
        available_by="2026-03-01",
    )
    search = form.search()
    assert search.near == gladsaxe and search.filters.max_distance_km == 25.0
    assert search.languages == [LanguageWish(polish, "B2")]
    assert search.filters.available_by == dt.date(2026, 3, 1)
    notes = form.reading_notes()
    assert "“i Herlev” is not used: the municipality chosen in the form applies." in notes
    assert "“inden for 10 km” is not used: the distance chosen in the form applies." in notes


def test_a_distance_needs_a_place(partner, occupation, client_for):
    body = client_for(partner).get(URL, {"text": "tømrer inden for 20 km"}).content.decode()
    assert "needs a place to measure from" in body
    body = client_for(partner).get(URL, {"text": "tømrer", "max_distance": "25"}).content.decode()
    assert "Choose the municipality to measure the distance from." in body
    # A place in the text is enough for the distance field.
    body = client_for(partner).get(URL, {"text": "tømrer i Herlev", "max_distance": "25"})
    assert "Choose the municipality" not in body.content.decode()


def test_the_text_filters_like_the_fields(partner, polish_carpenters, client_for):
    client = client_for(partner)
    body = client.get(URL, {"text": TEXT}).content.decode()
    assert "Anna" in body
    assert "Bent" not in body and "Carl" not in body and "Dina" not in body
    assert "1 candidate passed the hard requirements" in body
    for label, words in [
        ("carpenter", "tømrer"),
        ("Polish, any level", "polsk"),
        ("Driving licence category B", "kørekort B"),
        ("Near Herlev", "i Herlev"),
        ("Within 10 km", "inden for 10 km"),
    ]:
        assert f"{label} <span" in body and f"from “{words}”" in body


def test_removing_a_chip_loosens_the_search(partner, polish_carpenters, client_for):
    client = client_for(partner)
    language = Language.objects.get(code="pl")
    licence = Qualification.objects.get(code="licence-b")
    body = client.get(URL, {"text": TEXT, "drop": [f"l{language.pk}"]}).content.decode()
    assert "Anna" in body and "Bent" in body and "Carl" not in body and "Dina" not in body
    body = client.get(URL, {"text": TEXT, "drop": [f"q{licence.pk}", "d"]}).content.decode()
    assert "Anna" in body and "Carl" in body and "Dina" in body and "Bent" not in body
    assert "Within 10 km" not in body


def test_what_is_not_searched_is_said(partner, occupation, client_for):
    body = client_for(partner).get(URL, {"text": "tømrer uden kørekort zzqx"}).content.decode()
    assert "“kørekort” is not searched: a search cannot leave people out." in body
    assert "Not understood: zzqx." in body
    assert "Driving licence" not in body
