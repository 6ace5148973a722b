"""Common screening principles: checklists per kind, answers on proposals, the company page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobbro.accesslog.models import AccessLogEntry
from jobbro.joborders.models import JobOrderKind, Referral, ReferralState
from jobbro.organisations.models import Role
from jobbro.screening import services as screening_services
from jobbro.screening.forms import ScreeningForm
from jobbro.screening.models import ScreeningAnswer, ScreeningItem
from jobbro.screening.selectors import referrals_with_answers
from jobbro.screening.services import NOTE_MAX_LENGTH, ChecklistItem, ScreeningResponse
from tests.factories import staff

from .conftest import make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(job_centre):
    return staff(Role.SECRETARIAT, job_centre)


@pytest.fixture
def questions(secretariat, job_centre):
    return screening_services.checklist_save(
        actor=secretariat,
        cooperation=job_centre.cooperation,
        kind=JobOrderKind.ORDINARY,
        items=[
            ChecklistItem("Kan starte på startdatoen?", "Can start on the start date?"),
            ChecklistItem("Har talt med kandidaten om jobbet?", "Talked the job through?"),
        ],
    )


def answers(questions, value="yes"):
    return {q.pk: ScreeningResponse(value, "") for q in questions}


def test_only_the_secretariat_edits_a_checklist(partner, job_centre) -> None:
    with pytest.raises(ValidationError):
        screening_services.checklist_save(
            actor=partner,
            cooperation=job_centre.cooperation,
            kind=JobOrderKind.ORDINARY,
            items=[ChecklistItem("a", "b")],
        )


def test_checklist_edit_keeps_order_updates_and_deletes(secretariat, job_centre, questions):
    first, second = questions
    kept = screening_services.checklist_save(
        actor=secretariat,
        cooperation=job_centre.cooperation,
        kind=JobOrderKind.ORDINARY,
        items=[ChecklistItem("Ny tekst", "New text", pk=second.pk)],
    )
    assert [(i.pk, i.position, i.text_en) for i in kept] == [(second.pk, 1, "New text")]
    assert not ScreeningItem.objects.filter(pk=first.pk).exists()


def test_a_question_needs_both_languages(secretariat, job_centre) -> None:
    with pytest.raises(ValidationError):
        screening_services.checklist_save(
            actor=secretariat,
            cooperation=job_centre.cooperation,
            kind=JobOrderKind.ORDINARY,
            items=[ChecklistItem("Kun dansk", "")],
        )
    assert not ScreeningItem.objects.exists()


def test_proposal_stores_every_answer_with_the_question_text(
    partner, job_order, candidate, questions
):
    referral = screening_services.referral_propose_screened(
        actor=partner,
        job_order=job_order,
        candidate=candidate,
        responses={
            questions[0].pk: ScreeningResponse("yes"),
            questions[1].pk: ScreeningResponse("n/a", "Ringer i morgen"),
        },
    )
    stored = list(referral.screening_answers.order_by("position"))
    assert [(a.text_da, a.value, a.note) for a in stored] == [
        ("Kan starte på startdatoen?", "yes", ""),
        ("Har talt med kandidaten om jobbet?", "n/a", "Ringer i morgen"),
    ]
    # A later edit of the checklist does not rewrite what the referral was screened by.
    ScreeningItem.objects.filter(pk=questions[0].pk).update(text_da="Ændret")
    assert referral.screening_answers.get(position=1).text_da == "Kan starte på startdatoen?"


def test_a_partly_answered_checklist_writes_nothing(partner, job_order, candidate, questions):
    with pytest.raises(ValidationError, match="1 is not answered"):
        screening_services.referral_propose_screened(
            actor=partner,
            job_order=job_order,
            candidate=candidate,
            responses={questions[0].pk: ScreeningResponse("yes")},
        )
    assert not Referral.objects.exists()
    assert not ScreeningAnswer.objects.exists()


def test_the_checklist_of_another_kind_is_not_asked(
    partner, job_order, candidate, secretariat, job_centre
):
    screening_services.checklist_save(
        actor=secretariat,
        cooperation=job_centre.cooperation,
        kind=JobOrderKind.INTERNSHIP,
        items=[ChecklistItem("Praktikaftale?", "Internship agreement?")],
    )
    referral = screening_services.referral_propose_screened(
        actor=partner, job_order=job_order, candidate=candidate
    )
    assert not referral.screening_answers.exists()


def test_propose_view_refuses_missing_answers_with_a_message(
    client_for, partner, job_order, candidate, questions
):
    client = client_for(partner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("sharing:propose", args=[job_order.pk])
    data = {"candidate": candidate.pk, f"screening-{questions[0].pk}": "yes"}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert not Referral.objects.exists()
    content = response.content.decode()
    assert "Answer every screening question" in content
    assert 'value="yes" id="sc-' in content and "checked" in content  # what was entered stays
    data[f"screening-{questions[1].pk}"] = "no"
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert Referral.objects.get().screening_answers.count() == 2
    assert not mail.outbox


def test_checklist_page_saves_a_new_question(client_for, secretariat):
    client = client_for(secretariat)
    url = reverse("screening:checklists") + "?kind=internship"
    assert client.get(url).status_code == 200
    data = {
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-text_da": "Er praktikmålet aftalt?",
        "items-0-text_en": "Is the goal of the internship agreed?",
        "items-0-ORDER": "1",
        "items-1-text_da": "",
        "items-1-text_en": "",
        "items-1-ORDER": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    item = ScreeningItem.objects.get()
    assert (item.kind, item.position, item.updated_by) == ("internship", 1, secretariat)


def test_company_sheet_lists_the_same_checklist_and_logs_the_read(
    client_for, partner, job_order, job_centre, occupation, questions
):
    for name in ("Anna", "Bo"):
        screening_services.referral_propose_screened(
            actor=partner,
            job_order=job_order,
            candidate=make_candidate(job_centre, occupation=occupation, first_name=name),
            responses=answers(questions),
        )
    response = client_for(partner).get(reverse("screening:company_sheet", args=[job_order.pk]))
    content = response.content.decode()
    assert content.count("Kan starte på startdatoen?") >= 2
    assert AccessLogEntry.objects.filter(user=partner, purpose="referrals").count() == 2


def test_company_sheet_leaves_out_withdrawn_and_declined_and_is_for_candidate_readers(
    client_for, partner, secretariat, job_order, job_centre, occupation, questions
):
    referrals = {
        name: screening_services.referral_propose_screened(
            actor=partner,
            job_order=job_order,
            candidate=make_candidate(job_centre, occupation=occupation, first_name=name),
            responses=answers(questions),
        )
        for name in ("Anna", "Bo", "Carl", "Dorte")
    }
    Referral.objects.filter(pk=referrals["Bo"].pk).update(state=ReferralState.WITHDRAWN)
    Referral.objects.filter(pk=referrals["Carl"].pk).update(state=ReferralState.DECLINED)
    Referral.objects.filter(pk=referrals["Dorte"].pk).update(state=ReferralState.INTERVIEW)
    names = [r.candidate.first_name for r in referrals_with_answers(job_order)]
    assert names == ["Anna", "Dorte"]
    url = reverse("screening:company_sheet", args=[job_order.pk])
    content = client_for(partner).get(url).content.decode()
    assert 'data-testid="sheet-purpose"' in content
    # The secretariat recruits and reads consenting candidates: it opens the sheet too.
    assert client_for(secretariat).get(url).status_code == 200
    manager = staff(Role.MANAGER, job_centre)
    assert client_for(manager).get(url).status_code == 403


def test_a_too_long_note_is_named_in_the_summary(questions):
    data = {f"screening-{q.pk}": "yes" for q in questions}
    data[f"screening-{questions[0].pk}-note"] = "x" * (NOTE_MAX_LENGTH + 1)
    form = ScreeningForm(data, questions=questions)
    assert not form.is_valid()
    assert form.summary() == f"Keep each screening note within {NOTE_MAX_LENGTH} characters."
