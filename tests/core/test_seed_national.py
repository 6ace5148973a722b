"""`manage.py seed_national` at a tiny scale: the sizes asked for, valid fake data, every
key figure with something to count, the logins it prints about, and a second run that
changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from jobbro.candidates.models import Candidate, ConsentScope, Cv, Experience
from jobbro.candidates.validators import cpr_birth_date
from jobbro.companies.models import Company
from jobbro.companies.validators import cvr_is_valid
from jobbro.core.national import MANAGER, SHORT_NAME, STEERING
from jobbro.joborders.models import FollowUp, JobOrder, Placement, Referral, ReferralState
from jobbro.kpis.measures import Average, Count, Durations, Share
from jobbro.kpis.periods import custom
from jobbro.kpis.selectors import figures
from jobbro.matching.selectors import rank_for_job_order
from jobbro.organisations.models import Cooperation, User
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db

TINY = {
    "candidates": 150,
    "companies": 30,
    "job_orders": 120,
    "referrals": 400,
    "placements": 60,
    "centres": 4,
}


def _seed(**sizes: int) -> str:
    out = StringIO()
    call_command("seed_national", *[f"--{k.replace('_', '-')}={v}" for k, v in sizes.items()],
                 stdout=out)  # fmt: skip
    return out.getvalue()


@pytest.fixture
def seeded() -> str:
    OccupationFactory.create_batch(5)
    return _seed(**TINY)


def test_the_sizes_asked_for(seeded):
    assert "National data created" in seeded
    cooperation = Cooperation.objects.get(short_name=SHORT_NAME)
    assert cooperation.job_centres.count() == 4
    # Every municipality is served by exactly one member centre.
    served = cooperation.job_centres.values_list("municipalities", flat=True)
    assert len(served) == len(set(served)) == 98
    assert Candidate.objects.count() == 150
    assert Company.objects.count() == 30
    # The subsidised hires that became ordinary jobs add their own orders and hires.
    assert 120 <= JobOrder.objects.count() <= 160
    assert 300 <= Referral.objects.count() <= 520
    assert 30 <= Placement.objects.count() <= 100
    assert FollowUp.objects.count() == 3 * Placement.objects.count()


def test_the_rows_hold_together(seeded):
    for candidate in Candidate.objects.all():
        assert cpr_birth_date(candidate.cpr) == candidate.birth_date
    assert Candidate.objects.values("cpr_hash").distinct().count() == 150
    assert all(cvr_is_valid(cvr) for cvr in Company.objects.values_list("cvr", flat=True))
    for order in JobOrder.objects.all():
        hired = order.referrals.filter(state=ReferralState.HIRED).count()
        assert hired == order.hires <= order.positions
        assert order.referrals.filter(placement__isnull=False).count() == hired
    today = timezone.localdate()
    first = JobOrder.objects.order_by("created_at").first()
    assert first is not None and timezone.localdate(first.created_at) > today.replace(
        year=today.year - 5
    )
    assert not Placement.objects.filter(referral__created_at__gt=timezone.now()).exists()


def test_every_candidate_has_a_cv_the_ranked_list_can_use(seeded):
    assert Cv.objects.count() == Candidate.objects.count() == 150
    wanted = set(JobOrder.objects.values_list("occupation", flat=True))
    trades = Experience.objects.values_list("cv", "occupation")
    assert {cv for cv, _ in trades} == set(Cv.objects.values_list("pk", flat=True))
    # Supply follows demand: the candidates' trades are the ones job orders name.
    assert {o for _, o in trades} <= wanted
    shared = Candidate.objects.filter(consent_scope=ConsentScope.COOPERATION).count()
    assert 80 <= shared <= 140  # three in four consent
    busiest = max(wanted, key=lambda o: Experience.objects.filter(occupation=o).count())
    order = JobOrder.objects.filter(occupation=busiest).select_related("company").first()
    assert order is not None
    consultant = User.objects.filter(username__startswith="nat-jk-").first()
    assert consultant is not None
    assert rank_for_job_order(order, searcher=consultant, exclude_referred=False).total > 0


def test_every_key_figure_has_something_to_count(seeded):
    cooperation = Cooperation.objects.get(short_name=SHORT_NAME)
    today = timezone.localdate()
    five_years = custom(today.replace(year=today.year - 5) + dt.timedelta(days=1), today)
    empty = []
    for key, found in figures(cooperation, five_years).items():
        match found:
            case Count(value=n) | Share(denominator=n) | Average(n=n) | Durations(n=n):
                if not n:
                    empty.append(key)
    assert not empty


@pytest.mark.parametrize("username", [MANAGER, STEERING])
def test_the_manager_and_the_steering_member_see_the_dashboard(seeded, username):
    user = User.objects.get(username=username)
    assert user.check_password("jobbro-demo")  # the demo's password, for load tests
    client = Client()
    client.force_login(user)
    assert client.get("/kpis/").status_code == 200


def test_a_second_run_changes_nothing(seeded):
    before = (Candidate.objects.count(), Referral.objects.count())
    assert "nothing was changed" in _seed(**TINY)
    assert (Candidate.objects.count(), Referral.objects.count()) == before


def test_without_the_taxonomy_it_says_what_to_do():
    with pytest.raises(CommandError, match="load_taxonomy"):
        _seed(**TINY)
    assert not Cooperation.objects.filter(short_name=SHORT_NAME).exists()


def test_a_size_below_one_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        _seed(candidates=0)
