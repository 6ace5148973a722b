"""The demo's requests and screening: seeded after the history, deterministic and quick."""

from __future__ import annotations

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from jobbro.core.demo import seed
from jobbro.core.demo.occupations import TRADES
from jobbro.core.demo.requests import seed_requests
from jobbro.joborders.models import (
    CandidateRequest,
    JobOrderKind,
    RecipientStatus,
    Referral,
    RequestOffer,
    ScreeningItem,
)
from jobbro.joborders.request_selectors import awaiting_answer, sent_with_answers
from jobbro.organisations.models import User
from tests.taxonomy.esco_subset import write_subset

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def esco_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_subset(tmp_path_factory.mktemp("esco"), [t.label_en for t in TRADES])


def test_demo_requests_and_screening(esco_dir, monkeypatch) -> None:
    spent: list[float] = []

    def timed_requests(demo):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        seed_requests(demo)
        spent.append(time.perf_counter() - start)

    monkeypatch.setattr(seed, "seed_requests", timed_requests)
    call_command("load_taxonomy", "--dir", str(esco_dir), stdout=StringIO())
    call_command("seed_demo", "--scale", "0.1", stdout=StringIO())

    assert spent and spent[0] < 3
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
