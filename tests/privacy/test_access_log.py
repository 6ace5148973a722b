"""The access log: append-only in the ORM and in the database; written by every read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jobbro.accesslog.models import AccessLogEntry, AppendOnlyError, Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate
from jobbro.joborders.models import FollowUpStep
from jobbro.organisations.models import Role, User
from jobbro.privacy.models import ErasureRecord
from tests.factories import (
    CandidateFactory,
    ErasureRecordFactory,
    FollowUpFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def _entries(candidate: Candidate, purpose: str) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(candidate_ref=candidate.pk, purpose=purpose))


# --- the service ----------------------------------------------------------------------------


def test_log_access_writes_one_row_per_candidate(editor: User, candidate: Candidate) -> None:
    other = CandidateFactory(job_centre=candidate.job_centre)
    entries = log_access(user=editor, candidates=[candidate, other.pk, candidate], purpose="list")
    assert len(entries) == 2
    entry = AccessLogEntry.objects.get(candidate_ref=candidate.pk)
    assert entry.user == editor and entry.username == editor.username
    assert entry.job_centre_id == candidate.job_centre_id
    assert entry.purpose == Purpose.LIST and entry.candidate == candidate


def test_reader_job_centre_is_their_own(other_editor: User, candidate: Candidate) -> None:
    (entry,) = log_access(user=other_editor, candidates=[candidate], purpose="view")
    assert entry.job_centre_id == other_editor.memberships.get().job_centre_id


def test_nothing_to_log_writes_nothing(editor: User) -> None:
    assert log_access(user=editor, candidates=[], purpose="list") == []
    assert not AccessLogEntry.objects.exists()


# --- append-only ----------------------------------------------------------------------------


def test_orm_refuses_changes(editor: User, candidate: Candidate) -> None:
    (entry,) = log_access(user=editor, candidates=[candidate], purpose="view")
    entry = AccessLogEntry.objects.get(pk=entry.pk)
    entry.purpose = Purpose.LIST
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="list")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ErasureRecord.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE privacy_accesslogentry SET purpose = 'list'",
        "DELETE FROM privacy_accesslogentry",
        "UPDATE privacy_erasurerecord SET note = 'x'",
        "DELETE FROM privacy_erasurerecord",
    ],
)
@override_settings(JOBBRO_ACCESS_LOG_PURGEABLE=False)
def test_database_refuses_raw_update_and_delete(
    sql: str, editor: User, candidate: Candidate
) -> None:
    log_access(user=editor, candidates=[candidate], purpose="view")
    ErasureRecordFactory(candidate_ref=candidate.pk, reason="request")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AccessLogEntry.objects.filter(purpose="view").count() == 1


def test_candidate_with_log_cannot_be_deleted(editor: User, candidate: Candidate) -> None:
    from django.db.models import ProtectedError

    log_access(user=editor, candidates=[candidate], purpose="view")
    with pytest.raises(ProtectedError):
        candidate.delete()


# --- every page that shows personal data writes its entry -----------------------------------


@pytest.fixture
def hired(candidate: Candidate, editor: User) -> dict[str, Any]:
    job_order = JobOrderFactory(company__cooperation=candidate.job_centre.cooperation)
    job_order.job_centre = candidate.job_centre
    job_order.save()
    referral = ReferralFactory(job_order=job_order, candidate=candidate, proposed_by=editor)
    placement = PlacementFactory(
        referral=referral,
        start_date=timezone.localdate(),
        hours_per_week=37,
        recorded_by=editor,
        created_at=timezone.now(),
    )
    follow_up = FollowUpFactory(
        placement=placement, step=FollowUpStep.WEEK, due_on=timezone.localdate()
    )
    return {"job_order": job_order, "referral": referral, "follow_up": follow_up}


def _pages(candidate: Candidate, hired: dict[str, Any]) -> list[tuple[str, str, Role]]:
    job_order = hired["job_order"]
    return [
        (reverse("candidates:list"), Purpose.LIST, Role.JOB_CONSULTANT),
        (reverse("candidates:detail", args=[candidate.pk]), Purpose.VIEW, Role.JOB_CONSULTANT),
        (reverse("candidates:edit", args=[candidate.pk]), Purpose.EDIT, Role.JOB_CONSULTANT),
        (
            reverse("candidates:cv_edit", args=[candidate.pk]),
            Purpose.EDIT,
            Role.JOB_CONSULTANT,
        ),
        (
            reverse("joborders:detail", args=[job_order.pk]),
            Purpose.REFERRALS,
            Role.BUSINESS_CONSULTANT,
        ),
        (
            reverse("joborders:follow_ups") + "?show=all",
            Purpose.FOLLOW_UPS,
            Role.ONBOARDING_CONSULTANT,
        ),
        (
            reverse("joborders:follow_up", args=[hired["follow_up"].pk]),
            Purpose.FOLLOW_UPS,
            Role.ONBOARDING_CONSULTANT,
        ),
        (reverse("core:home"), Purpose.START_PAGE, Role.ONBOARDING_CONSULTANT),
        (reverse("privacy:export", args=[candidate.pk]), Purpose.EXPORT, Role.JOB_CONSULTANT),
        (reverse("privacy:erase", args=[candidate.pk]), Purpose.ERASURE, Role.JOB_CONSULTANT),
        (
            reverse("privacy:candidate_log", args=[candidate.pk]),
            Purpose.DPO,
            Role.DATA_PROTECTION_OFFICER,
        ),
        (
            reverse("privacy:candidate_log_csv", args=[candidate.pk]),
            Purpose.DPO,
            Role.DATA_PROTECTION_OFFICER,
        ),
        (reverse("privacy:log") + "?q=østergaard", Purpose.DPO, Role.DATA_PROTECTION_OFFICER),
    ]


def test_every_personal_data_page_logs_its_read(
    client_for: Any, candidate: Candidate, hired: dict[str, Any]
) -> None:
    for url, purpose, role in _pages(candidate, hired):
        user = staff(role, candidate.job_centre)
        before = len(_entries(candidate, purpose))
        response = client_for(user).get(url)
        assert response.status_code == 200, url
        after = _entries(candidate, purpose)
        assert len(after) == before + 1, f"{url} did not log {purpose}"
        assert after[0].user == user and after[0].path == url.split("?")[0]


def test_hire_form_logs_the_name(client_for: Any, candidate: Candidate, editor: User) -> None:
    job_order = JobOrderFactory(
        company__cooperation=candidate.job_centre.cooperation, job_centre=candidate.job_centre
    )
    referral = ReferralFactory(job_order=job_order, candidate=candidate, proposed_by=editor)
    response = client_for(editor).get(reverse("joborders:hire", args=[referral.pk]))
    assert response.status_code == 200
    assert _entries(candidate, Purpose.REFERRALS)


def test_job_order_search_logs_the_hits(
    client_for: Any, candidate: Candidate, editor: User
) -> None:
    job_order = JobOrderFactory(company__cooperation=candidate.job_centre.cooperation)
    response = client_for(editor).get(reverse("sharing:ranked", args=[job_order.pk]) + "?q=")
    assert response.status_code == 200
    shown = candidate.full_name in response.content.decode()
    assert bool(_entries(candidate, Purpose.SEARCH)) == shown


def test_failing_log_shows_nothing(
    client_for: Any, editor: User, candidate: Candidate, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise DatabaseError("log unavailable")

    monkeypatch.setattr(AccessLogEntry.objects, "bulk_create", broken)
    client = client_for(editor)
    client.raise_request_exception = False
    response = client.get(reverse("candidates:detail", args=[candidate.pk]))
    assert response.status_code == 500
    assert candidate.last_name not in response.content.decode()


# --- the CPR number ---------------------------------------------------------------------------


def test_cpr_only_on_the_explicit_logged_action(
    client_for: Any, editor: User, other_editor: User, candidate: Candidate
) -> None:
    detail = reverse("candidates:detail", args=[candidate.pk])
    show = reverse("candidates:cpr", args=[candidate.pk])
    assert "120385" not in client_for(editor).get(detail).content.decode()
    response = client_for(editor).post(show, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "120385-1234" in response.content.decode()
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )
    assert _entries(candidate, Purpose.VIEW_CPR)
    # Another job centre reads the shared CV but never the CPR number.
    assert client_for(other_editor).post(show).status_code == 403
    assert client_for(editor).get(show).status_code == 405


def test_anonymised_candidates_have_no_cpr_to_show(
    client_for: Any, editor: User, candidate: Candidate
) -> None:
    from jobbro.privacy.services import candidate_erase

    candidate_erase(actor=editor, candidate=candidate, note="case 1")
    html = (
        client_for(editor).get(reverse("candidates:detail", args=[candidate.pk])).content.decode()
    )
    assert 'data-testid="show-cpr"' not in html


def test_dpo_finds_by_cpr_by_post_only(client_for: Any, dpo: User, candidate: Candidate) -> None:
    client = client_for(dpo)
    response = client.post(reverse("privacy:log"), {"cpr": "120385-1234"})
    html = response.content.decode()
    assert candidate.full_name in html
    assert "1203851234" not in html.replace('value="120385-1234"', "")
    miss = client.post(reverse("privacy:log"), {"cpr": "0101801111"})
    assert 'data-testid="no-hits"' in miss.content.decode()
    bad = client.post(reverse("privacy:log"), {"cpr": "991399"})
    assert bad.status_code == 200 and "form-error" in bad.content.decode()


def test_dpo_sees_only_own_job_centres(
    client_for: Any, candidate: Candidate, other_job_centre: Any
) -> None:
    outsider = staff(Role.DATA_PROTECTION_OFFICER, other_job_centre)
    client = client_for(outsider)
    assert client.get(reverse("privacy:candidate_log", args=[candidate.pk])).status_code == 404
    assert (
        candidate.full_name not in client.get(reverse("privacy:log") + "?q=søren").content.decode()
    )


def test_log_filters_and_csv(
    client_for: Any, dpo: User, editor: User, candidate: Candidate
) -> None:
    log_access(user=editor, candidates=[candidate], purpose="view")
    log_access(user=editor, candidates=[candidate], purpose="list")
    client = client_for(dpo)
    url = reverse("privacy:candidate_log", args=[candidate.pk])
    html = client.get(url + "?purpose=view").content.decode()
    assert html.count(editor.username) == 1
    today = dt.date.today().isoformat()
    csv_text = client.get(
        reverse("privacy:candidate_log_csv", args=[candidate.pk]) + f"?since={today}"
    ).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    # Header, two reads, the DPO's page view, and this export itself (logged before it reads).
    assert len(lines) == 1 + 4
    assert "120385" not in csv_text


def test_admin_reads_of_candidates_are_logged(admin_client: Any) -> None:
    candidate = CandidateFactory()

    admin_client.get(reverse("admin:candidates_candidate_changelist"))
    admin_client.get(reverse("admin:candidates_candidate_change", args=[candidate.pk]))

    assert len(_entries(candidate, Purpose.LIST)) == 1
    assert len(_entries(candidate, Purpose.VIEW)) == 1
