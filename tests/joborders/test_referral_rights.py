"""Who moves a job order's referrals: every transition and the hire, per role and job centre.

The job order is Herlev's; the candidate is Gladsaxe's (consenting); Vallensbæk has nothing
to do with either. Only the job order's responsible staff record the company's answers and
the hire; the candidate's own job centre and a third job centre are refused, in the service
and on the page.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import CandidateStatus
from jobbro.candidates.services import candidate_hired
from jobbro.joborders import services
from jobbro.joborders.models import Referral, ReferralState
from jobbro.organisations import access
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    JobCentreFactory,
    JobOrderFactory,
    ReferralFactory,
    staff,
)

pytestmark = pytest.mark.django_db

ROLES = list(Role)
# Those who recruit at the job order's own job centre.
RESPONSIBLE = {Role.BUSINESS_CONSULTANT, Role.JOB_CONSULTANT, Role.RECRUITMENT_CONSULTANT}
CENTRES = ["order", "candidate", "third"]
MOVES = [
    (ReferralState.PROPOSED, ReferralState.INTERVIEW),
    (ReferralState.PROPOSED, ReferralState.DECLINED),
    (ReferralState.PROPOSED, ReferralState.WITHDRAWN),
    (ReferralState.INTERVIEW, ReferralState.DECLINED),
    (ReferralState.INTERVIEW, ReferralState.WITHDRAWN),
]


@pytest.fixture
def world():
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    cooperation = herlev.cooperation
    centres = {
        "order": herlev,
        "candidate": JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=cooperation),
        "third": JobCentreFactory(name="Jobcenter Vallensbæk", cooperation=cooperation),
    }
    taker = staff(Role.BUSINESS_CONSULTANT, herlev)
    company = CompanyFactory(cooperation=cooperation, municipality=herlev.municipalities.get())
    order = JobOrderFactory(company=company, job_centre=herlev, created_by=taker, positions=2)
    candidate = CandidateFactory(job_centre=centres["candidate"])
    return centres, order, candidate, taker


def _referral(order, candidate, state) -> Referral:
    return ReferralFactory(job_order=order, candidate=candidate, state=state)


def _allowed(role: Role, centre: str) -> bool:
    # The secretariat does not run this order (not `by_secretariat`); it is Herlev's.
    # Leaders, onboarding and the data-protection officer follow the work but do not record it.
    return centre == "order" and role in RESPONSIBLE


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("centre", CENTRES)
@pytest.mark.parametrize(("start", "end"), MOVES)
def test_transitions(world, role, centre, start, end):
    centres, order, candidate, _taker = world
    actor = staff(role, centres[centre])
    referral = _referral(order, candidate, start)
    if _allowed(role, centre):
        services.referral_transition(actor=actor, referral=referral, to_state=end)
        assert Referral.objects.get(pk=referral.pk).state == end
    else:
        with pytest.raises(PermissionDenied):
            services.referral_transition(actor=actor, referral=referral, to_state=end)
        assert Referral.objects.get(pk=referral.pk).state == start


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("centre", CENTRES)
def test_hire(world, role, centre):
    centres, order, candidate, _taker = world
    actor = staff(role, centres[centre])
    referral = _referral(order, candidate, ReferralState.INTERVIEW)
    hire = {
        "actor": actor,
        "referral": referral,
        "start_date": timezone.localdate() + dt.timedelta(days=14),
        "hours_per_week": 37,
    }
    if _allowed(role, centre):
        services.referral_hire(**hire)
        candidate.refresh_from_db()
        assert candidate.status == CandidateStatus.HIRED
    else:
        with pytest.raises(PermissionDenied):
            services.referral_hire(**hire)
        candidate.refresh_from_db()
        assert candidate.status == CandidateStatus.ACTIVE
        assert Referral.objects.get(pk=referral.pk).state == ReferralState.INTERVIEW


def test_the_secretariat_runs_an_order_it_took_in(world):
    centres, _order, candidate, _taker = world
    taken_in = JobOrderFactory(
        company=_order.company,
        job_centre=centres["order"],
        by_secretariat=True,
        created_by=staff(Role.SECRETARIAT, centres["third"]),
    )
    colleague = staff(Role.SECRETARIAT, centres["third"])
    referral = _referral(taken_in, candidate, ReferralState.PROPOSED)
    services.referral_transition(actor=colleague, referral=referral, to_state="interview")
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.INTERVIEW


def test_whoever_typed_in_another_centres_order_neither_moves_nor_hires_nor_edits(
    world, client_for
):
    """A third centre's consultant who took the order in hands it to the company's home
    centre: taking it in makes nobody responsible."""
    centres, order, candidate, _taker = world
    typist = staff(Role.BUSINESS_CONSULTANT, centres["third"])
    typed_in = JobOrderFactory(
        company=order.company, job_centre=centres["order"], created_by=typist
    )
    referral = _referral(typed_in, candidate, ReferralState.INTERVIEW)
    with pytest.raises(PermissionDenied):
        services.referral_transition(actor=typist, referral=referral, to_state="declined")
    with pytest.raises(PermissionDenied):
        services.referral_hire(
            actor=typist,
            referral=referral,
            start_date=timezone.localdate(),
            hours_per_week=37,
        )
    assert client_for(typist).get(reverse("joborders:edit", args=[typed_in.pk])).status_code == 403
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.INTERVIEW


@pytest.mark.parametrize("centre", ["candidate", "third"])
def test_the_pages_refuse_and_hide_the_buttons(world, centre, client_for):
    centres, order, candidate, _taker = world
    outsider = staff(Role.JOB_CONSULTANT, centres[centre])
    referral = _referral(order, candidate, ReferralState.INTERVIEW)
    client = client_for(outsider)
    page = client.get(reverse("joborders:detail", args=[order.pk])).content.decode()
    assert reverse("joborders:hire", args=[referral.pk]) not in page
    assert reverse("joborders:referral_transition", args=[referral.pk]) not in page
    answer = client.post(
        reverse("joborders:referral_transition", args=[referral.pk]), {"to_state": "declined"}
    )
    assert answer.status_code == 403
    assert client.get(reverse("joborders:hire", args=[referral.pk])).status_code == 403
    hire = client.post(
        reverse("joborders:hire", args=[referral.pk]),
        {"start_date": "2027-01-04", "hours_per_week": "37", "ordinary_hours": "on"},
    )
    assert hire.status_code == 403
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.INTERVIEW


def test_the_candidate_side_of_a_hire_checks_the_hiring_centre(world):
    """Nothing but a recruiter of a job centre of the candidate's cooperation puts them in work."""
    centres, _order, candidate, _taker = world
    outsiders = [
        staff(
            Role.JOB_CONSULTANT,
            JobCentreFactory(
                name="Jobcenter Odense", cooperation=CooperationFactory(name="Fyn", short_name="F")
            ),
        ),
        staff(Role.MANAGER, centres["order"]),
        staff(Role.ONBOARDING_CONSULTANT, centres["order"]),
    ]
    for actor in outsiders:
        hiring_centre = actor.memberships.get().job_centre
        with pytest.raises(PermissionDenied):
            candidate_hired(actor=actor, candidate=candidate, hiring_centre=hiring_centre)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACTIVE


@pytest.mark.parametrize(
    ("role", "centre"),
    [
        (Role.MANAGER, "order"),
        (Role.TEAM_LEADER, "order"),
        (Role.STEERING_GROUP, "order"),
        (Role.BUSINESS_CONSULTANT, "third"),
    ],
)
def test_the_job_order_page_names_only_candidates_the_user_may_open(
    world, role, centre, client_for
):
    """Gladsaxe's candidate has not consented: the order's page and sheet name her only to
    those who may open her, and only their reads are logged."""
    centres, order, candidate, _taker = world
    candidate.consent_scope = "none"
    candidate.save(update_fields=["consent_scope"])
    referral = _referral(order, candidate, ReferralState.PROPOSED)
    referral.motivation = "Har kørt truck i ti år"
    referral.save(update_fields=["motivation"])
    services.referral_transition(
        actor=staff(Role.BUSINESS_CONSULTANT, centres["order"]),
        referral=referral,
        to_state=ReferralState.INTERVIEW,
        reason="Taler godt dansk",
    )
    reader = staff(role, centres[centre])
    page = client_for(reader).get(reverse("joborders:detail", args=[order.pk])).content.decode()
    assert candidate.last_name not in page and "Har kørt truck" not in page
    assert "Taler godt dansk" not in page  # the reasons speak of the person too
    assert "En kandidat i Jobcenter Gladsaxe" in page
    assert not AccessLogEntry.objects.filter(user=reader).exists()
    if role == Role.BUSINESS_CONSULTANT:
        sheet = client_for(reader).get(reverse("screening:company_sheet", args=[order.pk]))
        assert candidate.last_name not in sheet.content.decode()

    owner = staff(Role.JOB_CONSULTANT, centres["candidate"])
    page = client_for(owner).get(reverse("joborders:detail", args=[order.pk])).content.decode()
    assert candidate.last_name in page and "Har kørt truck" in page
    assert "Taler godt dansk" in page
    assert AccessLogEntry.objects.filter(user=owner, candidate=candidate).exists()


@pytest.mark.parametrize("role", sorted(access.JOB_ORDER_READERS))
def test_every_link_on_the_job_order_page_opens_for_its_readers(world, role, client_for):
    centres, order, candidate, _taker = world
    _referral(order, candidate, ReferralState.PROPOSED)
    client = client_for(staff(role, centres["order"]))
    page = client.get(reverse("joborders:detail", args=[order.pk])).content.decode()
    main = page[page.index("<main") :]
    for href in set(re.findall(r'<a [^>]*href="(/[^"#]*)"', main)):
        assert client.get(href).status_code not in (403, 404), f"{role}: {href}"
