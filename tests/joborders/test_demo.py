"""The demo's requests and screening: seeded after the history, deterministic and quick."""

from __future__ import annotations

import pytest

from jobbro.candidate_requests.models import CandidateRequest, RecipientStatus, RequestOffer
from jobbro.candidate_requests.selectors import awaiting_answer, sent_with_answers
from jobbro.core.demo.joborders import POSTINGS, seed_postings
from jobbro.core.demo.requests import seed_requests
from jobbro.joborders import postings
from jobbro.joborders.models import JobOrder, JobOrderKind, Referral
from jobbro.organisations.models import User
from jobbro.screening.models import ScreeningItem
from tests.demo_world import demo_before

from .schemaorg_check import errors_in

pytestmark = pytest.mark.django_db


def test_demo_requests_and_screening(tmp_path) -> None:
    demo = demo_before(seed_requests, tmp_path, scale=0.1)
    seed_requests(demo)

    kinds = set(ScreeningItem.objects.values_list("kind", flat=True))
    assert kinds == set(JobOrderKind.values)
    referral = Referral.objects.order_by("pk").first()
    assert referral is not None and referral.screening_answers.count() == 4
    assert CandidateRequest.objects.filter(closed_at__isnull=True).count() >= 3
    assert RequestOffer.objects.exists()
    assert CandidateRequest.objects.filter(recipients__status=RecipientStatus.NONE).exists()
    konsulent = User.objects.get(username="konsulent")
    assert awaiting_answer(konsulent).exists()
    assert sent_with_answers(konsulent).exists()
    # The secretariat takes job orders home for the companies' home centres (seed 001).
    taken_home = JobOrder.objects.filter(by_secretariat=True)
    assert taken_home.exists()
    assert set(taken_home.values_list("created_by__username", flat=True)) == {"sekretariat"}


def test_demo_publishes_open_job_orders_as_postings(tmp_path) -> None:
    demo = demo_before(seed_postings, tmp_path, scale=0.1)
    seed_postings(demo)
    available = [o for o in demo.job_orders if o.status == "open" and o.deadline >= demo.today]
    published = list(postings.open_postings())
    assert published
    assert len(published) == min(len(available), demo.count(POSTINGS, minimum=3))
    feed = postings.item_list(
        published, url_of=lambda o: f"https://x/{o.posting_key}", feed_url="https://x/feed.json"
    )
    assert errors_in(feed) == []
    assert all(order.public_description and order.how_to_apply for order in published)
