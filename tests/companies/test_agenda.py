"""Quick-log with outcomes, the consultant's agenda of follow-ups and the start-page block."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from jobbro.companies import selectors, services
from jobbro.companies.models import Interaction
from jobbro.organisations.models import Role
from tests.factories import InteractionFactory, staff

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def follow_ups(company, consultant, job_centre):
    """The consultant's follow-ups at -3, 0, +5 and +20 days, one done, one a colleague's."""

    def make(day: int, **kwargs):
        fields = {"company": company, "consultant": consultant, "job_centre": job_centre}
        return InteractionFactory(**{**fields, "follow_up_on": days(day), **kwargs})

    return {
        "overdue": make(-3),
        "today": make(0),
        "soon": make(5),
        "later": make(20),
        "done": make(-1, follow_up_done_at=timezone.now(), follow_up_done_by=consultant),
        "colleague": make(0, consultant=staff(Role.BUSINESS_CONSULTANT, job_centre)),
    }


def test_agenda_lists_own_open_follow_ups_overdue_first(consultant, follow_ups) -> None:
    due = list(selectors.follow_ups_due(consultant))

    assert due == [follow_ups["overdue"], follow_ups["today"], follow_ups["soon"]]
    assert list(selectors.follow_ups_due(consultant, days=0)) == due[:2]


def test_marking_done_records_who_and_when(consultant, follow_ups) -> None:
    item = services.follow_up_done(actor=consultant, interaction=follow_ups["today"])

    assert item.follow_up_done_by == consultant
    assert item.follow_up_done_at is not None
    with pytest.raises(ValidationError):
        services.follow_up_done(actor=consultant, interaction=item)


def test_a_colleague_at_the_same_centre_may_stand_in_others_may_not(
    follow_ups, job_centre, other_job_centre
) -> None:
    colleague = staff(Role.BUSINESS_CONSULTANT, job_centre)
    stranger = staff(Role.BUSINESS_CONSULTANT, other_job_centre)

    with pytest.raises(ValidationError):
        services.follow_up_done(actor=stranger, interaction=follow_ups["soon"])
    services.follow_up_done(actor=colleague, interaction=follow_ups["soon"])

    follow_ups["soon"].refresh_from_db()
    assert follow_ups["soon"].follow_up_done_by == colleague


def test_reschedule_moves_the_date_but_not_into_the_past(consultant, follow_ups) -> None:
    services.follow_up_reschedule(
        actor=consultant, interaction=follow_ups["overdue"], follow_up_on=days(7)
    )
    with pytest.raises(ValidationError):
        services.follow_up_reschedule(
            actor=consultant, interaction=follow_ups["today"], follow_up_on=days(-1)
        )

    follow_ups["overdue"].refresh_from_db()
    follow_ups["today"].refresh_from_db()
    assert follow_ups["overdue"].follow_up_on == days(7)
    assert follow_ups["today"].follow_up_on == days(0)


def test_the_database_refuses_done_without_who(company, consultant, job_centre) -> None:
    with pytest.raises(IntegrityError):
        InteractionFactory(
            company=company,
            consultant=consultant,
            job_centre=job_centre,
            follow_up_on=days(0),
            follow_up_done_at=timezone.now(),
        )


def test_quick_log_needs_only_the_kind(consultant, company, job_centre, client_for) -> None:
    url = reverse("companies:interaction_create", args=[company.pk])

    response = client_for(consultant).post(
        url, {"kind": "visit", "outcome_code": "job_order", "follow_up_on": days(3)}, **HTMX
    )

    assert response.status_code == 200
    assert 'data-testid="interaction-saved"' in response.content.decode()
    item = Interaction.objects.get()
    assert (item.kind, item.outcome_code, item.summary) == ("visit", "job_order", "")
    assert (item.consultant, item.job_centre, item.follow_up_on) == (
        consultant,
        job_centre,
        days(3),
    )
    assert timezone.now() - item.occurred_at < dt.timedelta(minutes=1)


def test_quick_log_form_is_prefilled_with_me_and_my_centre(consultant, company, client_for):
    html = client_for(consultant).get(reverse("companies:detail", args=[company.pk])).content
    html = html.decode()

    assert 'data-testid="quick-log-who"' in html
    assert consultant.get_full_name() in html
    assert 'type="datetime-local"' in html
    assert 'name="outcome_code"' in html


def test_quick_log_refuses_a_contact_in_the_future(consultant, company) -> None:
    with pytest.raises(ValidationError):
        services.interaction_create(
            actor=consultant,
            company=company,
            kind="call",
            occurred_at=timezone.now() + dt.timedelta(days=1),
        )
    assert not Interaction.objects.exists()


def test_agenda_page_and_htmx_done(consultant, follow_ups, client_for) -> None:
    client = client_for(consultant)

    page = client.get(reverse("companies:agenda")).content.decode()
    assert page.count('data-testid="agenda-row"') == 3
    assert 'data-testid="overdue"' in page

    item = follow_ups["overdue"]
    row = client.post(reverse("companies:follow_up_done", args=[item.pk]), **HTMX)
    assert row.status_code == 200
    assert "<html" not in row.content.decode()
    item.refresh_from_db()
    assert item.follow_up_done_by == consultant


def test_agenda_reschedule_without_javascript(consultant, follow_ups, client_for) -> None:
    item = follow_ups["today"]

    response = client_for(consultant).post(
        reverse("companies:follow_up_reschedule", args=[item.pk]), {"follow_up_on": days(2)}
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.follow_up_on == days(2)


def test_agenda_reschedule_to_a_bad_date_says_so(consultant, follow_ups, client_for) -> None:
    item = follow_ups["today"]

    response = client_for(consultant).post(
        reverse("companies:follow_up_reschedule", args=[item.pk]),
        {"follow_up_on": "not a date"},
        **HTMX,
    )

    assert "form-error-message" in response.content.decode()
    item.refresh_from_db()
    assert item.follow_up_on == days(0)


def test_the_start_page_block_shows_due_and_overdue(consultant, follow_ups) -> None:
    html = Template("{% load companies_tags %}{% agenda_block user %}").render(
        Context({"user": consultant})
    )

    assert 'data-testid="agenda-block"' in html
    assert html.count("<li>") == 2
    assert reverse("companies:agenda") in html


def test_the_start_page_block_is_empty_for_other_roles(job_centre) -> None:
    partner = staff(Role.JOB_CONSULTANT, job_centre)

    html = Template("{% load companies_tags %}{% agenda_block user %}").render(
        Context({"user": partner})
    )

    assert not html.strip()
