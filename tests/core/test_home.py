import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jobbro.candidates.models import ConsentScope
from jobbro.joborders.models import FollowUp, FollowUpStep, JobOrderStatus
from jobbro.joborders.services import job_order_update, referral_hire
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    EventFactory,
    FollowUpFactory,
    JobCentreFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def test_start_page_shows_the_open_work_of_the_users_job_centre(job_centre, client_for) -> None:
    manager = staff(Role.MANAGER, job_centre)
    mine = JobOrderFactory(job_centre=job_centre, title="Stilladsmontør")
    JobOrderFactory(job_centre=job_centre, title="Lukket ordre", status=JobOrderStatus.CLOSED)
    JobOrderFactory(title="Andet jobcenters ordre")
    ReferralFactory(job_order=mine)

    page = client_for(manager).get("/").content.decode()

    assert "Stilladsmontør" in page
    assert "Lukket ordre" not in page
    assert "Andet jobcenters ordre" not in page
    assert 'data-testid="count-referrals">1<' in page


def test_start_page_lists_follow_ups_due_for_the_onboarding_consultant(
    job_centre, client_for
) -> None:
    onboarding = staff(Role.ONBOARDING_CONSULTANT, job_centre)
    referral = ReferralFactory()
    placement = PlacementFactory(
        referral=referral,
        start_date=timezone.localdate(),
        hours_per_week=37,
        recorded_by=referral.proposed_by,
        onboarding_consultant=onboarding,
        created_at=timezone.now(),
    )
    today = timezone.localdate()
    FollowUpFactory(
        placement=placement, step=FollowUpStep.WEEK, due_on=today + dt.timedelta(days=7)
    )
    FollowUpFactory(
        placement=placement, step=FollowUpStep.QUARTER, due_on=today + dt.timedelta(days=90)
    )

    response = client_for(onboarding).get("/")

    assert list(response.context["follow_ups"]) == [placement.follow_ups.get(step="week")]


def test_menu_marks_only_the_most_specific_section_active(job_centre, client_for) -> None:
    onboarding = staff(Role.ONBOARDING_CONSULTANT, job_centre)

    page = client_for(onboarding).get("/job-orders/follow-ups/").content.decode()

    assert page.count('class="nav-link" aria-current="page"') == 1
    assert 'href="/job-orders/follow-ups/" class="nav-link" aria-current="page"' in page


@pytest.mark.parametrize("role", list(Role))
def test_the_start_page_names_and_links_only_what_the_user_may_open(
    role, job_centre, client_for
) -> None:
    """A hire and a waiting referral of a non-consenting candidate from another job centre,
    on an order of the user's job centre: each role sees the name only if it may open it."""
    order = JobOrderFactory(job_centre=job_centre, title="Stilladsmontør")
    other = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=job_centre.cooperation)
    waiting = CandidateFactory(
        job_centre=other, first_name="Vibeke", last_name="Munk", consent_scope=ConsentScope.NONE
    )
    hired = CandidateFactory(
        job_centre=other, first_name="Bo", last_name="Holst", consent_scope=ConsentScope.NONE
    )
    ReferralFactory(job_order=order, candidate=waiting)
    placement = PlacementFactory(
        referral=ReferralFactory(job_order=order, candidate=hired),
        start_date=timezone.localdate(),
        hours_per_week=37,
        recorded_by=order.created_by,
        created_at=timezone.now(),
    )
    FollowUpFactory(placement=placement, step=FollowUpStep.WEEK, due_on=timezone.localdate())
    start = timezone.now() + dt.timedelta(days=7)
    EventFactory(  # the start page lists the cooperation's coming events
        cooperation=job_centre.cooperation,
        job_centre=job_centre,
        title="Rekrutteringsdag: Lager og logistik",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=4),
        location="Herlev Bibliotek",
        created_by=order.created_by,
        updated_by=order.created_by,
    )
    client = client_for(staff(role, job_centre))

    page = client.get("/").content.decode()

    for name, candidate in (("Vibeke Munk", waiting), ("Bo Holst", hired)):
        if name in page:
            opens = client.get(reverse("candidates:detail", args=[candidate.pk])).status_code
            follow_up = reverse("joborders:follow_up", args=[placement.follow_ups.get().pk])
            assert opens == 200 or (candidate == hired and client.get(follow_up).status_code == 200)
    assert "Vibeke Munk" not in page  # not consenting, not the user's job centre's
    main = re.search(r"<main.*?</main>", page, re.S)
    assert main is not None
    # Every link of the page's content, not only the first.
    for href in set(re.findall(r'href="(/[^"]*)"', main.group(0))):
        assert client.get(href).status_code not in (403, 404), href
    events = reverse("events:list")
    assert ("Rekrutteringsdag: Lager og logistik" in page) == (
        client.get(events).status_code == 200
    )
    for href in set(re.findall(r'href="(/(?:job-orders|candidates)/[^"]*)"', page)):
        assert client.get(href).status_code not in (403, 404), href


def test_referrals_on_orders_no_longer_open_wait_for_no_answer(job_centre, client_for) -> None:
    """A filled, closed or cancelled order's company answers no more: its unanswered
    referrals would otherwise stand first, the oldest, above today's."""
    consultant = staff(Role.JOB_CONSULTANT, job_centre)
    open_order = JobOrderFactory(job_centre=job_centre, title="Åben ordre")
    waiting = ReferralFactory(job_order=open_order)
    for status in (JobOrderStatus.CLOSED, JobOrderStatus.CANCELLED, JobOrderStatus.FILLED):
        old = JobOrderFactory(job_centre=job_centre, status=status, title=f"Gammel {status}")
        ReferralFactory(job_order=old, created_at=timezone.now() - dt.timedelta(days=900))
    # Proposed by the consultant to another centre's order that is closed now.
    closed_elsewhere = JobOrderFactory(status=JobOrderStatus.CLOSED)
    ReferralFactory(job_order=closed_elsewhere, proposed_by=consultant)

    response = client_for(consultant).get("/")

    assert response.context["referrals"] == [waiting]
    assert 'data-testid="count-referrals">1<' in response.content.decode()


def test_follow_ups_follow_their_job_order_to_the_centre_that_runs_it(
    job_centre, other_job_centre, client_for
) -> None:
    """The follow-up keeps its hire's centres (for the index the start page reads); when the
    job order moves to another centre, its hires' follow-ups move with it."""
    here = staff(Role.BUSINESS_CONSULTANT, job_centre)
    there = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    candidate_centre = JobCentreFactory(cooperation=job_centre.cooperation)
    order = JobOrderFactory(job_centre=job_centre, positions=2)
    referral = ReferralFactory(
        job_order=order, candidate=CandidateFactory(job_centre=candidate_centre)
    )
    referral_hire(actor=here, referral=referral, start_date=timezone.localdate(), hours_per_week=37)
    follow_up = FollowUp.objects.get(placement__referral=referral, step=FollowUpStep.WEEK)
    assert (follow_up.job_order_centre, follow_up.candidate_centre) == (
        job_centre,
        candidate_centre,
    )
    assert follow_up in client_for(here).get("/").context["follow_ups"]
    assert follow_up not in client_for(there).get("/").context["follow_ups"]

    order.refresh_from_db()
    job_order_update(actor=here, job_order=order, job_centre=other_job_centre)

    follow_up.refresh_from_db()
    assert follow_up.job_order_centre == other_job_centre
    assert follow_up not in client_for(here).get("/").context["follow_ups"]
    assert follow_up in client_for(there).get("/").context["follow_ups"]
    assert FollowUp.objects.filter(job_order_centre=other_job_centre).count() == 3
