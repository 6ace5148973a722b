"""Candidates through the API: the pages' ownership and consent rules, and the access log."""

from __future__ import annotations

import pytest

from jobbro.accesslog.models import AccessLogEntry, Purpose
from jobbro.candidates.models import Candidate
from tests.api.conftest import Caller

pytestmark = pytest.mark.django_db


def test_the_list_has_own_and_consenting_candidates_only(
    writer: Caller,
    own_candidate: Candidate,
    shared_candidate: Candidate,
    private_candidate: Candidate,
) -> None:
    response = writer.get("/api/v1/candidates/")
    assert response.status_code == 200
    ids = [c["id"] for c in response.json()["items"]]
    assert ids == [own_candidate.pk, shared_candidate.pk]


def test_every_listed_candidate_is_logged_as_on_the_list_page(
    writer: Caller, own_candidate: Candidate, shared_candidate: Candidate
) -> None:
    writer.get("/api/v1/candidates/")
    entries = AccessLogEntry.objects.filter(purpose=Purpose.LIST)
    assert sorted(e.candidate_id for e in entries) == [own_candidate.pk, shared_candidate.pk]
    entry = entries.first()
    assert entry is not None
    assert entry.user == writer.client.user
    assert entry.username.startswith("api-client-")
    assert entry.view_name == "api:candidates"
    assert entry.path == "/api/v1/candidates/"
    assert entry.job_centre == writer.client.job_centre


def test_reading_a_candidate_with_the_cv_is_logged(
    writer: Caller, own_candidate: Candidate
) -> None:
    response = writer.get(f"/api/v1/candidates/{own_candidate.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["first_name"] == "Åse"
    assert body["cv"]["profile_da"] == "Erfaren tømrer med svendebrev."
    assert "cpr" not in body and "cpr" not in str(body)
    (entry,) = AccessLogEntry.objects.filter(candidate=own_candidate)
    assert entry.purpose == Purpose.VIEW
    assert entry.view_name == "api:candidate"


def test_contact_data_only_for_the_owning_job_centre(
    writer: Caller, own_candidate: Candidate, shared_candidate: Candidate
) -> None:
    own = writer.get(f"/api/v1/candidates/{own_candidate.pk}").json()
    shared = writer.get(f"/api/v1/candidates/{shared_candidate.pk}").json()
    assert own["contact"] is not None
    assert shared["contact"] is None
    assert shared["first_name"] == "Bo"


def test_another_centres_candidate_without_consent_does_not_exist(
    writer: Caller, writer_b: Caller, private_candidate: Candidate
) -> None:
    response = writer.get(f"/api/v1/candidates/{private_candidate.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert not AccessLogEntry.objects.filter(candidate=private_candidate).exists()
    # Its own job centre's client reads it, contact data too.
    own = writer_b.get(f"/api/v1/candidates/{private_candidate.pk}")
    assert own.status_code == 200
    assert own.json()["contact"] is not None


def test_consent_withdrawn_hides_the_candidate_at_once(
    writer: Caller, shared_candidate: Candidate
) -> None:
    assert writer.get(f"/api/v1/candidates/{shared_candidate.pk}").status_code == 200
    Candidate.objects.filter(pk=shared_candidate.pk).update(
        consent_scope="none", consent_given_on=None
    )
    assert writer.get(f"/api/v1/candidates/{shared_candidate.pk}").status_code == 404
    assert writer.get("/api/v1/candidates/").json()["items"] == []


def test_a_reader_client_reads_candidates_too(reader: Caller, own_candidate: Candidate) -> None:
    assert reader.get(f"/api/v1/candidates/{own_candidate.pk}").status_code == 200


def test_a_job_centre_registers_its_candidate(writer: Caller, centre_a: object) -> None:
    body = {
        "cpr": "010190-1234",
        "first_name": "Søren",
        "last_name": "Ærø",
        "municipality": centre_a.municipalities.get().code,  # type: ignore[attr-defined]
        "email": "soeren@example.dk",
    }
    response = writer.call("POST", "/api/v1/candidates/", body)
    assert response.status_code == 201, response.content
    created = Candidate.objects.get(pk=response.json()["id"])
    assert created.job_centre == centre_a
    assert created.consent_scope == "none"
    assert "1234" not in response.content.decode()
    again = writer.call("POST", "/api/v1/candidates/", body)
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "cpr"


def test_a_read_client_registers_no_one(reader: Caller, centre_a: object) -> None:
    body = {"cpr": "010190-1234", "first_name": "A", "last_name": "B", "municipality": "165"}
    assert reader.call("POST", "/api/v1/candidates/", body).status_code == 403
    assert not Candidate.objects.filter(first_name="A").exists()


def test_consent_is_recorded_by_the_owner_only(
    writer: Caller, writer_b: Caller, own_candidate: Candidate
) -> None:
    path = f"/api/v1/candidates/{own_candidate.pk}"
    Candidate.objects.filter(pk=own_candidate.pk).update(
        consent_scope="none", consent_given_on=None
    )
    # B does not see A's candidate without consent; with consent B may read, not edit.
    assert writer_b.call("PATCH", path, {"status": "paused"}).status_code == 404
    given = writer.call("PATCH", path, {"consent_scope": "cooperation"})
    assert given.status_code == 200, given.content
    own_candidate.refresh_from_db()
    assert own_candidate.consent_scope == "cooperation"
    assert own_candidate.consent_given_on is not None
    assert own_candidate.consent_recorded_by == writer.client.user
    assert AccessLogEntry.objects.filter(candidate=own_candidate, purpose=Purpose.EDIT).exists()
    assert writer_b.call("PATCH", path, {"status": "paused"}).status_code == 403
    assert writer_b.get(path).status_code == 200
