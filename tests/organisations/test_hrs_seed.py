import random

import pytest

from jobbro.core.demo.context import DEMO_PASSWORD, Demo
from jobbro.core.demo.organisations import seed_organisations
from jobbro.organisations.models import Cooperation, JobCentre, Membership, Role, User
from jobbro.organisations.selectors import steering_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def hrs() -> Cooperation:
    demo = Demo(rng=random.Random(1), scale=1.0)  # noqa: S311
    seed_organisations(demo)
    assert demo.cooperation is not None
    return demo.cooperation


def served(name: str) -> set[str]:
    centre = JobCentre.objects.get(name=name)
    return set(centre.municipalities.values_list("code", flat=True))


def test_sixteen_job_centres_serve_eighteen_municipalities(hrs):
    assert hrs.job_centres.count() == 16
    codes = set(hrs.job_centres.values_list("municipalities__code", flat=True))
    assert len(codes) == 18
    assert hrs.secretariat.name == "Jobcenter Ballerup"
    assert hrs.short_name == "HRS"


def test_taarnby_serves_dragoer_and_vallensbaek_serves_ishoej(hrs):
    assert served("Jobcenter Tårnby") == {"185", "155"}
    assert served("Jobcenter Vallensbæk") == {"187", "183"}
    assert served("Jobcenter København") == {"101"}


def test_demo_staff(hrs):
    karen = User.objects.get(username="konsulent")
    assert (karen.first_name, karen.last_name) == ("Karen", "Kofoed")
    assert karen.check_password(DEMO_PASSWORD)
    membership = Membership.objects.get(user=karen)
    assert membership.role == Role.BUSINESS_CONSULTANT
    assert membership.job_centre.name == "Jobcenter København"
    assert (
        Membership.objects.get(user__username="jobkonsulent").job_centre.name == "Jobcenter Herlev"
    )
    assert Membership.objects.filter(user__username="vk-herlev", role=Role.BUSINESS_CONSULTANT)
    assert Membership.objects.filter(user__username="jk-hoeje-taastrup")
    assert User.objects.get(username="admin").is_superuser
    # The named users, a business and a job consultant per job centre, and the heads of the
    # job centres on the steering group (the chair's head is the named `styregruppe`).
    assert User.objects.count() == 10 + 2 * 16 + 15
    current = steering_group(Cooperation.objects.get(short_name="HRS"))
    assert current.count() == 16
    assert [t.member.username for t in current if t.is_chair] == ["styregruppe"]
