"""A candidate the caller may not read is "a candidate at <job centre>" in the API as on
the job order page: no name and no free text about them (motivation, reasons, notes)."""

from __future__ import annotations

from typing import Any

import pytest

from jobbro.candidates.models import Candidate
from jobbro.joborders.models import JobOrder, ReferralState
from jobbro.organisations.models import JobCentre, Role, User
from tests.api.conftest import Caller, _caller
from tests.factories import (
    FollowUpFactory,
    JobCentreFactory,
    PlacementFactory,
    ReferralFactory,
    ReferralTransitionFactory,
    staff,
)

pytestmark = pytest.mark.django_db

MOTIVATION = "Tidligere misbruger, nu clean i to år."
REASON = "Kandidaten er blevet syg."
NOTE = "Sygemeldt med stress siden mandag."


@pytest.fixture
def writer_c(secretariat: User, cooperation: Any) -> Caller:
    """A client of a third job centre of the cooperation."""
    centre_c = JobCentreFactory(cooperation=cooperation, name="Jobcenter Cirkelby")
    return _caller(secretariat, centre_c, "write", "Cirkelbys sagssystem")


def _hired(job_order: JobOrder, candidate: Candidate) -> dict[str, int]:
    proposer = staff(Role.JOB_CONSULTANT, candidate.job_centre)
    referral = ReferralFactory(
        job_order=job_order,
        candidate=candidate,
        proposed_by=proposer,
        motivation=MOTIVATION,
        state=ReferralState.HIRED,
    )
    ReferralTransitionFactory(referral=referral, reason="Foreslået af Ballerup.")
    ReferralTransitionFactory(
        referral=referral,
        from_state=ReferralState.PROPOSED,
        to_state=ReferralState.HIRED,
        reason=REASON,
    )
    placement = PlacementFactory(referral=referral)
    follow_up = FollowUpFactory(placement=placement, note=NOTE)
    return {"referral": referral.pk, "placement": placement.pk, "follow_up": follow_up.pk}


def _no_free_text(body: Any) -> None:
    text = str(body)
    for secret in (MOTIVATION, REASON, NOTE, "Foreslået af Ballerup."):
        assert secret not in text


def test_a_hidden_candidates_referral_has_no_free_text(
    writer_c: Caller, job_order: JobOrder, private_candidate: Candidate
) -> None:
    ids = _hired(job_order, private_candidate)
    detail = writer_c.get(f"/api/v1/referrals/{ids['referral']}")
    assert detail.status_code == 200
    body = detail.json()
    assert body["candidate"] is None and body["candidate_name"] is None
    assert body["candidate_job_centre"] == private_candidate.job_centre_id
    assert body["motivation"] is None
    assert [t["reason"] for t in body["transitions"]] == [None, None]
    assert [t["to_state"] for t in body["transitions"]] == ["proposed", "hired"]
    _no_free_text(body)
    listed = writer_c.get("/api/v1/referrals/").json()["items"]
    assert [r["id"] for r in listed] == [ids["referral"]]
    assert listed[0]["motivation"] is None
    _no_free_text(listed)


def test_a_hidden_candidates_placement_has_no_follow_up_notes(
    writer_c: Caller, job_order: JobOrder, private_candidate: Candidate
) -> None:
    ids = _hired(job_order, private_candidate)
    listed = writer_c.get("/api/v1/placements/").json()["items"]
    assert [p["id"] for p in listed] == [ids["placement"]]
    assert [f["note"] for f in listed[0]["follow_ups"]] == [None]
    detail = writer_c.get(f"/api/v1/placements/{ids['placement']}").json()
    assert [f["note"] for f in detail["follow_ups"]] == [None]
    _no_free_text([listed, detail])
    # The third centre has nothing to follow up here.
    assert writer_c.get(f"/api/v1/follow-ups/{ids['follow_up']}").status_code == 404
    assert writer_c.get("/api/v1/follow-ups/").json()["items"] == []


def test_the_job_orders_centre_sees_no_notes_of_a_candidate_it_may_not_read(
    writer: Caller, job_order: JobOrder, private_candidate: Candidate
) -> None:
    ids = _hired(job_order, private_candidate)
    listed = writer.get("/api/v1/follow-ups/").json()["items"]
    assert [(f["id"], f["note"]) for f in listed] == [(ids["follow_up"], None)]
    assert writer.get(f"/api/v1/follow-ups/{ids['follow_up']}").json()["note"] is None
    _no_free_text(listed)


def test_a_readable_candidate_keeps_the_free_text(
    writer_c: Caller,
    writer_b: Caller,
    job_order: JobOrder,
    shared_candidate: Candidate,
    private_candidate: Candidate,
    centre_b: JobCentre,
) -> None:
    shared = _hired(job_order, shared_candidate)
    body = writer_c.get(f"/api/v1/referrals/{shared['referral']}").json()
    assert body["candidate"] == shared_candidate.pk
    assert body["motivation"] == MOTIVATION
    assert body["transitions"][-1]["reason"] == REASON
    placement = writer_c.get(f"/api/v1/placements/{shared['placement']}").json()
    assert placement["follow_ups"][0]["note"] == NOTE
    # The candidate's own job centre reads everything about its own candidate.
    own = _hired(job_order, private_candidate)
    body = writer_b.get(f"/api/v1/referrals/{own['referral']}").json()
    assert body["motivation"] == MOTIVATION
    assert writer_b.get(f"/api/v1/follow-ups/{own['follow_up']}").json()["note"] == NOTE
