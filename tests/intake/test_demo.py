"""The shared line's demo data: six months on every channel, today's open and overdue work."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from jobbro.core.demo.context import Demo
from jobbro.core.demo.intake import seed_intake
from jobbro.core.demo.organisations import seed_organisations
from jobbro.intake.models import Channel, Inquiry, InquiryStatus, InquiryTransition
from jobbro.intake.report import response_report
from jobbro.intake.selectors import overdue, start_counts
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Demo:
    demo = Demo(rng=random.Random(2025), scale=1.0)  # noqa: S311 - synthetic data
    seed_organisations(demo)
    # The companies generator needs the taxonomy; a few companies across HRS do here.
    codes = sorted(demo.centre_of_municipality)
    demo.companies = [
        CompanyFactory(
            cooperation=demo.cooperation,
            municipality=demo.municipalities[codes[n % len(codes)]],
            cvr=f"2000{n:04d}",  # unique; the generator does not check them
            email=f"info@firma{n}.dk",
        )
        for n in range(40)
    ]
    demo.company_sector = {c.pk: "construction" for c in demo.companies}
    return demo


def test_six_months_of_inquiries(demo: Demo) -> None:
    seed_intake(demo)

    inquiries = Inquiry.objects.all()
    assert 80 <= inquiries.count() <= 120
    assert set(inquiries.values_list("channel", flat=True)) == set(Channel.values)
    assert inquiries.filter(company__isnull=True).exists()
    assert inquiries.filter(transitions__action="forwarded").exists()
    assert not inquiries.filter(transitions__isnull=True).exists()
    for inquiry in inquiries.exclude(status__in=["new", "in_progress"])[:20]:
        actions = list(inquiry.transitions.values_list("action", flat=True))
        assert actions[0] == "registered" and "answered" in actions

    assert demo.cooperation is not None
    first = timezone.localdate().replace(day=1) - dt.timedelta(days=160)
    report = response_report(demo.cooperation, first_month=first, last_month=timezone.localdate())
    assert report.total.within_target_percent is not None
    assert 80 <= report.total.within_target_percent < 100

    late = inquiries.filter(overdue(timezone.now()))
    assert 2 <= late.count() <= 3
    assert start_counts(demo.users["konsulent"]).overdue >= 1
    assert start_counts(demo.users["sekretariat"]).overdue >= 1
    assert inquiries.filter(status=InquiryStatus.NEW).count() >= 2
    assert InquiryTransition.objects.count() > 3 * inquiries.count()
