"""Shortage signals on the constructed world of tests/foresight/world.py, whose docstring
gives the known answers (docs/foresight.md)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.utils import formats, translation

from jobbro.foresight import selectors
from jobbro.joborders.models import JobOrder, RequirementKind
from jobbro.organisations.models import Role
from tests.factories import (
    CooperationFactory,
    JobCentreFactory,
    MembershipFactory,
    QualificationFactory,
    RequirementFactory,
)
from tests.foresight.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> SimpleNamespace:
    return build()


def test_occupations_against_the_candidates(world):
    found = selectors.occupation_signals(world.hrs, world.span, world.today)
    assert [s.occupation for s in found] == [world.carpenter, world.care]  # scarcest first
    carpenter, care = found
    assert (carpenter.job_orders, carpenter.positions, carpenter.filled) == (3, 6, 2)
    assert carpenter.unfilled_past_deadline == 2
    assert carpenter.answered_none == 0
    assert carpenter.candidates == 3  # the one with experience and the wish counts once
    assert carpenter.per_position == 0.5
    assert carpenter.level == "short"
    assert (care.positions, care.candidates, care.answered_none) == (1, 4, 1)
    assert care.level == "watch"  # four per position, but a centre had no one


def test_must_haves_few_or_no_candidates_hold(world):
    found = selectors.requirement_signals(world.hrs, world.span, world.today)
    by_item = {s.item: s for s in found}
    assert set(by_item) == {world.forklift, world.personal_care}  # "cooking" is only nice
    care = by_item[world.personal_care]
    assert (care.job_orders, care.positions, care.holders, care.level) == (1, 1, 0, "none")
    assert care.courses == ()  # another cooperation's course is not suggested
    forklift = by_item[world.forklift]
    # One valid certificate; the expired one does not count.
    assert (forklift.job_orders, forklift.positions, forklift.holders) == (2, 5, 1)
    assert forklift.level == "few"
    assert list(forklift.courses) == [world.truck_course]
    assert found[0] == care  # no one holds it: first


def test_a_course_giving_two_asked_items_is_suggested_once_for_each(world):
    # The truck course also gives a second asked certificate (must on jo2) and the
    # "personal care" skill; each requirement lists the course once, not once per
    # item the course gives.
    truck_a = QualificationFactory(code="truck-a")
    jo2 = JobOrder.objects.get(job_centre__cooperation=world.hrs, positions=2)
    RequirementFactory(job_order=jo2, kind=RequirementKind.QUALIFICATION, qualification=truck_a)
    world.truck_course.qualifications.add(truck_a)
    world.truck_course.skills.add(world.personal_care)
    found = selectors.requirement_signals(world.hrs, world.span, world.today)
    by_item = {s.item: s for s in found}
    assert list(by_item[world.forklift].courses) == [world.truck_course]
    assert list(by_item[truck_a].courses) == [world.truck_course]
    assert list(by_item[world.personal_care].courses) == [world.truck_course]


def test_a_shorter_span_leaves_out_older_job_orders(world):
    span = selectors.last_months(world.today, 3)
    carpenter = selectors.occupation_signals(world.hrs, span, world.today)[0]
    assert (carpenter.job_orders, carpenter.positions) == (2, 5)  # jo6 was 100 days ago


def test_the_trend_by_quarter(world):
    quarters = selectors.quarters(world.today, 4)
    assert quarters[-1].end == world.today and len(quarters) == 4
    assert quarters[0].start == dt.date(world.today.year - 1, 1, 1).replace(
        year=quarters[0].start.year
    )
    (trend,) = selectors.trends(world.hrs, [world.carpenter], quarters)
    received = world.today - dt.timedelta(days=100)
    by_quarter = {
        q.start: (a, f) for q, a, f in zip(quarters, trend.asked, trend.filled, strict=True)
    }
    now = next(q for q in quarters if q.start <= world.today <= q.end)
    then = next(q for q in quarters if q.start <= received <= q.end)
    if now == then:
        assert by_quarter[now.start] == (6, 2)
    else:
        assert by_quarter[now.start] == (5, 1)
        assert by_quarter[then.start] == (1, 1)
    assert sum(trend.asked) == 6  # the order of 400 days ago is before the four quarters


def test_quarters_are_calendar_quarters():
    spans = selectors.quarters(dt.date(2026, 2, 10), 3)
    assert [(s.start, s.end) for s in spans] == [
        (dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        (dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
        (dt.date(2026, 1, 1), dt.date(2026, 2, 10)),
    ]


def test_last_months():
    assert selectors.last_months(dt.date(2026, 12, 6), 12) == selectors.Span(
        dt.date(2025, 12, 7), dt.date(2026, 12, 6)
    )
    assert selectors.last_months(dt.date(2026, 3, 31), 1).start == dt.date(2026, 3, 1)


def _page(world, role=Role.BUSINESS_CONSULTANT, query="", language="da"):
    membership = MembershipFactory(job_centre=world.herlev, role=role)
    client = Client()
    client.force_login(membership.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(f"/foresight/shortages/{query}", HTTP_ACCEPT_LANGUAGE=language)


def test_the_page_in_danish(world):
    response = _page(world)
    assert response.status_code == 200
    text = response.content.decode()
    assert "tømrer" in text and "Mangel" in text and "Ingen har det" in text
    assert "Truck B" in text
    assert "Intet kursus i samarbejdet giver det" in text


def _span_text(response) -> str:
    found = re.search(r'<p data-testid="span">(.*?)</p>', response.content.decode(), re.S)
    assert found is not None
    return found.group(1)


def test_the_span_reads_as_each_language_writes_a_date(world):
    """The days of the span in the language's own long date: Danish "8. december 2026",
    English "8 December 2026", never the Danish "8." with English month names."""
    span = world.span
    danish = _span_text(_page(world))
    with translation.override("da"):
        start, end = (formats.date_format(day, "DATE_FORMAT") for day in (span.start, span.end))
    assert f"fra {start} til {end}" in danish
    assert f"{span.start.day}. " in danish
    english = _span_text(_page(world, language="en"))
    assert f"from {span.start.day} {span.start:%B} {span.start.year} to " in english
    assert f"to {span.end.day} {span.end:%B} {span.end.year}" in english
    assert not re.search(r"\d\. ", english)


def test_a_span_not_in_the_list_is_refused_in_danish(world):
    response = _page(world, query="?months=7")
    assert response.status_code == 200
    assert "Vælg en af perioderne på listen." in response.content.decode()
    assert response.context["span"] == selectors.last_months(world.today, 12)


def test_the_steering_group_reads_the_counts(world):
    assert _page(world, role=Role.STEERING_GROUP).status_code == 200


def test_another_cooperation_sees_only_its_own(world):
    other = JobCentreFactory(cooperation=CooperationFactory(short_name="NRS"))
    membership = MembershipFactory(job_centre=other, role=Role.BUSINESS_CONSULTANT)
    client = Client()
    client.force_login(membership.user)
    response = client.get("/foresight/shortages/")
    assert [s.positions for s in response.context["occupations"]] == [9]
