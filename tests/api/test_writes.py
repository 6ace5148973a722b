"""Writes through the pages' services: job orders (with the version lock), referrals and
their transitions, the hire, follow-ups; and the Idempotency-Key."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.utils import timezone, translation

from jobbro.api.models import IdempotentWrite
from jobbro.candidates.models import Candidate
from jobbro.companies.models import Company
from jobbro.joborders.forms import JobOrderForm
from jobbro.joborders.models import FollowUp, JobOrder, Referral, ReferralState
from tests.api.conftest import Caller
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def _order_body(company: Company, occupation: Any, **fields: Any) -> dict[str, Any]:
    start = timezone.localdate() + dt.timedelta(days=30)
    return {
        "company": company.pk,
        "title": "Tømrer til renovering",
        "occupation": occupation.uri,
        "workplace_address": "Hovedgaden 1, 2620 Albertslund",
        "workplace_municipality": company.municipality.code,
        "start_date": start.isoformat(),
        "deadline": (start - dt.timedelta(days=7)).isoformat(),
        "positions": 2,
        "requirements": [{"importance": "must", "kind": "experience", "min_years": 2}],
        **fields,
    }


def test_a_job_order_is_created_with_its_requirements(
    writer: Caller, company: Company, occupation: Any
) -> None:
    response = writer.call("POST", "/api/v1/job-orders/", _order_body(company, occupation))
    assert response.status_code == 201, response.content
    body = response.json()
    order = JobOrder.objects.get(pk=body["id"])
    assert order.title == "Tømrer til renovering"
    assert order.created_by == writer.client.user
    assert body["requirements"][0]["min_years"] == 2
    assert body["version"] == 1


def test_the_services_rules_hold_in_the_api(
    writer: Caller, company: Company, occupation: Any
) -> None:
    start = timezone.localdate() + dt.timedelta(days=30)
    late = _order_body(company, occupation, deadline=(start + dt.timedelta(days=1)).isoformat())
    response = writer.call("POST", "/api/v1/job-orders/", late, language="en")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "deadline",
            "message": "The application deadline must not be after the start date.",
        }
    ]


def test_an_edit_on_an_old_version_is_409(writer: Caller, job_order: JobOrder) -> None:
    path = f"/api/v1/job-orders/{job_order.pk}"
    first = writer.call("PATCH", path, {"version": 1, "title": "Tømrer, nybyggeri"})
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    stale = writer.call("PATCH", path, {"version": 1, "title": "Overskriver"}, language="en")
    assert stale.status_code == 409
    assert stale.json()["type"] == "urn:jobbro:problem:conflict"
    assert "Someone else changed this job order" in stale.json()["detail"]
    job_order.refresh_from_db()
    assert job_order.title == "Tømrer, nybyggeri"


def test_another_centre_cannot_edit_the_order(writer_b: Caller, job_order: JobOrder) -> None:
    response = writer_b.call("PATCH", f"/api/v1/job-orders/{job_order.pk}", {"version": 1})
    assert response.status_code == 403


def _propose(caller: Caller, job_order: JobOrder, candidate: Candidate, **headers: str) -> Any:
    body = {"job_order": job_order.pk, "candidate": candidate.pk, "motivation": "Stærk tømrer"}
    return caller.call("POST", "/api/v1/referrals/", body, **headers)


def test_a_referral_moves_through_its_states_and_is_hired(
    writer: Caller, job_order: JobOrder, own_candidate: Candidate
) -> None:
    proposed = _propose(writer, job_order, own_candidate)
    assert proposed.status_code == 201, proposed.content
    pk = proposed.json()["id"]
    assert proposed.json()["candidate_name"] == "Åse Østergård"
    interview = writer.call(
        "POST", f"/api/v1/referrals/{pk}/transitions", {"to_state": "interview", "reason": "Ok"}
    )
    assert interview.status_code == 200
    assert [t["to_state"] for t in interview.json()["transitions"]] == ["proposed", "interview"]
    hired = writer.call(
        "POST",
        f"/api/v1/referrals/{pk}/hire",
        {"start_date": timezone.localdate().isoformat(), "hours_per_week": 37},
    )
    assert hired.status_code == 201, hired.content
    assert len(hired.json()["follow_ups"]) == 3
    assert Referral.objects.get(pk=pk).state == ReferralState.HIRED
    job_order.refresh_from_db()
    assert job_order.hires == 1
    follow_up = hired.json()["follow_ups"][0]["id"]
    recorded = writer.call(
        "POST",
        f"/api/v1/follow-ups/{follow_up}/record",
        {"still_employed": True, "ordinary_hours": True, "note": "Trives"},
    )
    assert recorded.status_code == 200
    assert FollowUp.objects.get(pk=follow_up).done_by == writer.client.user
    again = writer.call("POST", f"/api/v1/follow-ups/{follow_up}/record", {"still_employed": True})
    assert again.status_code == 422


def test_an_illegal_transition_is_refused(
    writer: Caller, job_order: JobOrder, own_candidate: Candidate
) -> None:
    pk = _propose(writer, job_order, own_candidate).json()["id"]
    declined = writer.call("POST", f"/api/v1/referrals/{pk}/transitions", {"to_state": "declined"})
    assert declined.status_code == 200
    back = writer.call(
        "POST", f"/api/v1/referrals/{pk}/transitions", {"to_state": "interview"}, language="en"
    )
    assert back.status_code == 422
    assert "cannot go from" in back.json()["errors"][0]["message"]
    hired = writer.call("POST", f"/api/v1/referrals/{pk}/transitions", {"to_state": "hired"})
    assert hired.status_code == 422
    assert Referral.objects.get(pk=pk).state == ReferralState.DECLINED


def test_a_candidate_without_consent_cannot_be_proposed_by_another_centre(
    writer: Caller, job_order: JobOrder, private_candidate: Candidate
) -> None:
    response = _propose(writer, job_order, private_candidate)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "candidate"
    assert not Referral.objects.exists()


def test_another_centre_proposes_but_does_not_answer(
    writer: Caller, writer_b: Caller, job_order: JobOrder, shared_candidate: Candidate
) -> None:
    proposed = _propose(writer_b, job_order, shared_candidate)
    assert proposed.status_code == 201
    pk = proposed.json()["id"]
    refused = writer_b.call(
        "POST", f"/api/v1/referrals/{pk}/transitions", {"to_state": "interview"}
    )
    assert refused.status_code == 403
    assert (
        writer.call(
            "POST", f"/api/v1/referrals/{pk}/transitions", {"to_state": "interview"}
        ).status_code
        == 200
    )


def test_a_repeated_key_replays_the_first_answer(
    writer: Caller, job_order: JobOrder, own_candidate: Candidate
) -> None:
    first = _propose(writer, job_order, own_candidate, **{"Idempotency-Key": "forslag-1"})
    again = _propose(writer, job_order, own_candidate, **{"Idempotency-Key": "forslag-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Referral.objects.count() == 1
    # Without the key the same proposal is a duplicate, refused by the service.
    assert _propose(writer, job_order, own_candidate).status_code == 422


def test_a_key_reused_for_another_body_is_422(writer: Caller, company: Company) -> None:
    path = f"/api/v1/companies/{company.pk}"
    key = {"Idempotency-Key": "rettelse-7"}
    assert writer.call("PATCH", path, {"notes": "Første"}, **key).status_code == 200
    reused = writer.call("PATCH", path, {"notes": "Anden"}, language="en", **key)
    assert reused.status_code == 422
    assert reused.json()["type"] == "urn:jobbro:problem:idempotency-key-reused"
    company.refresh_from_db()
    assert company.notes == "Første"
    assert IdempotentWrite.objects.filter(key="rettelse-7").count() == 1


def test_a_refused_write_stores_no_key(writer: Caller, job_order: JobOrder) -> None:
    key = {"Idempotency-Key": "fejl-1"}
    refused = writer.call("PATCH", f"/api/v1/job-orders/{job_order.pk}", {"version": 9}, **key)
    assert refused.status_code == 409
    assert not IdempotentWrite.objects.exists()


def test_filled_is_not_the_editors_to_set(writer: Caller, job_order: JobOrder) -> None:
    """As on the edit page: "filled" follows from the hires, so an open order with none is
    refused it (422 naming `status`, the form's message) and keeps its version."""
    path = f"/api/v1/job-orders/{job_order.pk}"
    refused = writer.call("PATCH", path, {"version": 1, "status": "filled"})
    assert refused.status_code == 422, refused.content
    assert refused.json()["errors"] == [
        {
            "field": "status",
            "message": "Marker en gyldig valgmulighed. filled er ikke en af de tilgængelige "
            "valgmuligheder.",
        }
    ]
    job_order.refresh_from_db()
    assert (job_order.status, job_order.version) == ("open", 1)
    # The edit form refuses it with the same message.
    form = JobOrderForm(instance=job_order, cooperation=job_order.company.cooperation, editing=True)
    with translation.override("da"), pytest.raises(forms.ValidationError) as page_error:
        form.fields["status"].clean("filled")
    assert page_error.value.messages == [refused.json()["errors"][0]["message"]]
    # Opening, closing and cancelling are the editor's.
    closed = writer.call("PATCH", path, {"version": 1, "status": "closed"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert closed.json()["version"] == 2


# The job order broken into tasks ------------------------------------------------------------


def test_a_job_orders_tasks_are_put_read_and_kept(writer: Caller, job_order: JobOrder) -> None:
    cleaning, sorting = SkillFactory(), SkillFactory()
    path = f"/api/v1/job-orders/{job_order.pk}/tasks"
    body = {
        "version": 1,
        "tasks": [
            {"title": "Oprydning", "skills": [cleaning.uri, sorting.uri], "hours_per_week": 30},
            {"title": "Forskalling", "needs_trade": True},
        ],
    }
    response = writer.call("PUT", path, body)
    assert response.status_code == 200, response.content
    saved = response.json()
    assert saved["version"] == 2
    assert [(t["title"], t["needs_trade"], t["people"]) for t in saved["job_tasks"]] == [
        ("Oprydning", False, 1),
        ("Forskalling", True, 1),
    ]
    assert set(saved["job_tasks"][0]["skills"]) == {cleaning.uri, sorting.uri}
    read = writer.call("GET", f"/api/v1/job-orders/{job_order.pk}").json()
    assert read["job_tasks"] == saved["job_tasks"]

    # The list sent back as read writes nothing; a task kept by its id keeps its id.
    kept = saved["job_tasks"]
    again = writer.call("PUT", path, {"version": 2, "tasks": kept})
    assert again.status_code == 200 and again.json()["version"] == 2
    assert [t["id"] for t in again.json()["job_tasks"]] == [t["id"] for t in kept]


def test_tasks_refused_by_the_services_rules_write_nothing(
    writer: Caller, job_order: JobOrder
) -> None:
    path = f"/api/v1/job-orders/{job_order.pk}/tasks"
    skill = SkillFactory()
    too_many = {"version": 1, "tasks": [{"title": "Oprydning", "skills": [skill.uri], "people": 3}]}
    response = writer.call("PUT", path, too_many, language="en")
    assert response.status_code == 422
    assert "The job order has only 2 positions." in response.json()["errors"][0]["message"]
    no_skill = {"version": 1, "tasks": [{"title": "Oprydning"}]}
    assert writer.call("PUT", path, no_skill).status_code == 422
    unknown = {"version": 1, "tasks": [{"title": "Oprydning", "skills": ["urn:nothing"]}]}
    assert writer.call("PUT", path, unknown).status_code == 422
    assert not job_order.job_tasks.exists()
    job_order.refresh_from_db()
    assert job_order.version == 1


def test_tasks_on_an_old_version_are_409_and_another_centre_is_403(
    writer: Caller, writer_b: Caller, job_order: JobOrder
) -> None:
    path = f"/api/v1/job-orders/{job_order.pk}/tasks"
    skill = SkillFactory()
    body = {"version": 1, "tasks": [{"title": "Oprydning", "skills": [skill.uri]}]}
    assert writer_b.call("PUT", path, body).status_code == 403
    assert (
        writer.call("PATCH", f"/api/v1/job-orders/{job_order.pk}", {"version": 1}).status_code
        == 200
    )
    stale = writer.call("PUT", path, body)
    assert stale.status_code == 409
    assert not job_order.job_tasks.exists()
