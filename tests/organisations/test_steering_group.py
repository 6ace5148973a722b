"""The steering group: heads of the member job centres in terms, one chair at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.intake import services as intake_services
from jobbro.organisations.models import Role, SteeringGroupTerm
from jobbro.organisations.selectors import sits_on_steering_group, steering_group
from tests.factories import CooperationFactory, JobCentreFactory, staff, steering_group_member

pytestmark = pytest.mark.django_db


def _term(head, centre, start: dt.date, end: dt.date, *, chair: bool = False) -> SteeringGroupTerm:
    return SteeringGroupTerm(
        cooperation=centre.cooperation,
        member=head,
        job_centre=centre,
        is_chair=chair,
        starts_on=start,
        ends_on=end,
    )


def test_chairs_terms_do_not_overlap() -> None:
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe")
    hvidovre = JobCentreFactory(name="Jobcenter Hvidovre", cooperation=gladsaxe.cooperation)
    steering_group_member(gladsaxe, chair=True)
    head = staff(Role.STEERING_GROUP, hvidovre)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        _term(head, hvidovre, today, today + dt.timedelta(days=730), chair=True).full_clean()
    assert set(error.value.message_dict) == {"is_chair"}
    # The next chair starts the day after the current chair's term ends.
    current = SteeringGroupTerm.objects.get()
    after = current.ends_on + dt.timedelta(days=1)
    _term(head, hvidovre, after, after + dt.timedelta(days=729), chair=True).full_clean()


def test_a_term_is_for_a_head_of_a_member_job_centre() -> None:
    centre = JobCentreFactory()
    stranger = JobCentreFactory(
        name="Jobcenter Odense", cooperation=CooperationFactory(name="Fyn", short_name="FYN")
    )
    consultant = staff(Role.BUSINESS_CONSULTANT, centre)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        _term(consultant, centre, today, today + dt.timedelta(days=1)).full_clean()
    assert set(error.value.message_dict) == {"member"}
    head = staff(Role.STEERING_GROUP, stranger)
    term = _term(head, stranger, today, today + dt.timedelta(days=1))
    term.cooperation = centre.cooperation
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert set(error.value.message_dict) == {"job_centre"}


def test_a_head_whose_term_ended_no_longer_sets_targets() -> None:
    centre = JobCentreFactory()
    head = steering_group_member(centre)
    assert sits_on_steering_group(head, centre.cooperation)
    SteeringGroupTerm.objects.update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    assert not sits_on_steering_group(head, centre.cooperation)
    with pytest.raises(PermissionDenied):
        intake_services.response_targets_update(
            actor=head,
            cooperation=centre.cooperation,
            inquiry_response_hours=4,
            request_reminder_hours=24,
        )


def test_the_page_names_the_chair_and_earlier_terms() -> None:
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe")
    hvidovre = JobCentreFactory(name="Jobcenter Hvidovre", cooperation=gladsaxe.cooperation)
    chair = steering_group_member(gladsaxe, chair=True, first_name="Jens", last_name="Vest")
    member = steering_group_member(hvidovre, first_name="Hanne", last_name="Bo")
    # Hanne chaired the term before.
    today = timezone.localdate()
    _term(
        member,
        hvidovre,
        today - dt.timedelta(days=1030),
        today - dt.timedelta(days=301),
        chair=True,
    ).save()
    assert [t.member for t in steering_group(gladsaxe.cooperation)] == [chair, member]

    client = Client()
    client.force_login(staff(Role.SECRETARIAT, gladsaxe))
    page = client.get(reverse("organisations:steering_group")).content.decode()
    assert 'Jens Vest <strong class="badge">formand</strong>' in page
    assert "Tidligere perioder" in page and "Hanne Bo (formand)" in page


def test_the_secretariat_reads_the_targets_the_steering_group_sets() -> None:
    centre = JobCentreFactory()
    client = Client()
    client.force_login(staff(Role.SECRETARIAT, centre))
    page = client.get(reverse("intake:targets")).content.decode()
    assert 'data-testid="inquiry-target">8<' in page and '<form method="post"' not in page
    response = client.post(
        reverse("intake:targets"), {"inquiry_response_hours": "2", "request_reminder_hours": "24"}
    )
    assert response.status_code == 403
    centre.cooperation.refresh_from_db()
    assert centre.cooperation.inquiry_response_hours == 8
