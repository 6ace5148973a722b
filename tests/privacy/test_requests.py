"""The citizen's requests (export, erasure) and the retention rule."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobbro.accesslog.models import AccessLogEntry, Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate, CandidateStatus, Cv
from jobbro.joborders.models import FollowUp, FollowUpStep, JobOrder, Placement, Referral
from jobbro.organisations.models import Role, User
from jobbro.privacy.models import ErasureRecord
from jobbro.privacy.services import ANONYMISED_NAME, candidate_erase
from tests.factories import (
    CandidateFactory,
    FollowUpFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
    staff,
)

from .conftest import CPR

pytestmark = pytest.mark.django_db


def _hire(candidate: Candidate, user: User, *, follow_up_done: bool) -> Referral:
    job_order = JobOrderFactory(company__cooperation=candidate.job_centre.cooperation)
    referral = ReferralFactory(
        job_order=job_order, candidate=candidate, proposed_by=user, motivation="Stærk kandidat"
    )
    placement = PlacementFactory(
        referral=referral,
        start_date=timezone.localdate(),
        hours_per_week=37,
        recorded_by=user,
        created_at=timezone.now(),
    )
    FollowUpFactory(
        placement=placement,
        step=FollowUpStep.WEEK,
        due_on=timezone.localdate(),
        done_at=timezone.now() if follow_up_done else None,
        done_by=user if follow_up_done else None,
        still_employed=True if follow_up_done else None,
        note="Trives godt",
    )
    JobOrder.objects.filter(pk=job_order.pk).update(hires=1)
    return referral


# --- erasure ----------------------------------------------------------------------------------


def test_erasure_anonymises_and_keeps_the_counts(editor: User, candidate: Candidate) -> None:
    referral = _hire(candidate, editor, follow_up_done=True)
    record = candidate_erase(actor=editor, candidate=candidate, note="Sag 2026-17")
    candidate.refresh_from_db()
    assert candidate.first_name == candidate.last_name == ANONYMISED_NAME
    assert candidate.cpr == "" and candidate.cpr_hash is None and candidate.email == ""
    assert candidate.birth_date == dt.date(1985, 1, 1)
    assert candidate.status == CandidateStatus.INACTIVE and candidate.anonymised_at
    cv = Cv.objects.get(candidate=candidate)
    assert cv.profile_da == "" and not cv.experiences.exists()
    referral.refresh_from_db()
    assert referral.motivation == "" and referral.candidate_id == candidate.pk
    assert Placement.objects.filter(referral__candidate=candidate).count() == 1
    assert FollowUp.objects.get(placement__referral=referral).note == ""
    assert record.by == editor and record.candidate_ref == candidate.pk
    assert record.reason == ErasureRecord.Reason.REQUEST
    # The CPR number is free again: the citizen may register anew.
    CandidateFactory(cpr=CPR)


def test_erasure_refused_while_follow_ups_are_open(editor: User, candidate: Candidate) -> None:
    _hire(candidate, editor, follow_up_done=False)
    with pytest.raises(ValidationError) as error:
        candidate_erase(actor=editor, candidate=candidate)
    assert [e.code for e in error.value.error_list] == ["open_follow_ups"]
    candidate.refresh_from_db()
    assert candidate.anonymised_at is None and not ErasureRecord.objects.exists()


def test_erasure_page(client_for: Any, editor: User, candidate: Candidate) -> None:
    client = client_for(editor)
    url = reverse("privacy:erase", args=[candidate.pk])
    response = client.post(url, {"note": "Sag 17"})
    assert response.status_code == 200 and "form-error" in response.content.decode()
    assert not ErasureRecord.objects.exists()
    response = client.post(url, {"note": "Sag 17", "confirm": "on"})
    assert response.status_code == 302
    assert ErasureRecord.objects.filter(candidate_ref=candidate.pk).exists()


def test_erasure_page_for_the_owner_only(
    client_for: Any, other_editor: User, candidate: Candidate, job_centre: Any
) -> None:
    url = reverse("privacy:erase", args=[candidate.pk])
    # Reads the shared CV, but the citizen's requests are the owning job centre's.
    assert client_for(other_editor).get(url).status_code == 403
    onboarding = staff(Role.ONBOARDING_CONSULTANT, job_centre)
    assert client_for(onboarding).get(url).status_code == 403
    dpo = staff(Role.DATA_PROTECTION_OFFICER, job_centre)
    assert client_for(dpo).get(url).status_code == 200


# --- export -------------------------------------------------------------------------------------


def test_export_holds_everything(client_for: Any, editor: User, candidate: Candidate) -> None:
    _hire(candidate, editor, follow_up_done=True)
    log_access(user=editor, candidates=[candidate], purpose="view")
    response = client_for(editor).get(reverse("privacy:export", args=[candidate.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["candidate"]["cpr"] == CPR and data["candidate"]["last_name"] == "Østergaard"
    assert data["cv"]["profile_da"]
    (referral,) = data["referrals"]
    assert referral["placement"]["follow_ups"][0]["note"] == "Trives godt"
    assert [e["purpose"] for e in data["access_log"]] == ["view", "export"]
    assert "username" not in data["access_log"][0]


def test_export_command(editor: User, candidate: Candidate, monkeypatch: Any) -> None:
    out = StringIO()
    monkeypatch.setattr("sys.stdin", StringIO("120385-1234\n"))
    call_command("export_candidate_data", "--user", editor.username, "--cpr-stdin", stdout=out)
    assert json.loads(out.getvalue())["candidate"]["id"] == candidate.pk
    assert AccessLogEntry.objects.filter(purpose=Purpose.EXPORT, user=editor).exists()


# --- retention ----------------------------------------------------------------------------------


def _age(candidate: Candidate, days: int) -> None:
    past = timezone.now() - dt.timedelta(days=days)
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=past)
    Cv.objects.filter(candidate=candidate).update(updated_at=past)


def test_anonymise_inactive(editor: User, candidate: Candidate, job_centre: Any) -> None:
    recent = CandidateFactory(job_centre=job_centre)
    busy = CandidateFactory(job_centre=job_centre)
    hired = CandidateFactory(job_centre=job_centre)
    for old in (candidate, recent, busy, hired):
        _age(old, 800)
    _age(recent, 10)
    ReferralFactory(candidate=busy, proposed_by=editor)  # a referral is activity
    referral = _hire(hired, editor, follow_up_done=False)
    Referral.objects.filter(pk=referral.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=800)
    )
    out = StringIO()
    call_command("anonymise_inactive", "--dry-run", stdout=out)
    assert "2 candidate(s) would be anonymised" in out.getvalue()
    call_command("anonymise_inactive", stdout=out)
    assert "1 candidate(s) anonymised; 1 skipped" in out.getvalue()
    assert Candidate.objects.get(pk=candidate.pk).anonymised_at is not None
    for kept in (recent, busy, hired):
        assert Candidate.objects.get(pk=kept.pk).anonymised_at is None
    record = ErasureRecord.objects.get()
    assert record.reason == ErasureRecord.Reason.RETENTION and record.by is None
    call_command("anonymise_inactive", stdout=out)  # idempotent
    assert ErasureRecord.objects.count() == 1
