"""The guarantee pages as people use them: who may write, who is refused, what they see."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import ConsentScope
from jobbro.guarantees.models import JobGuarantee
from jobbro.joborders.models import Referral
from jobbro.organisations.models import Role
from jobbro.upskilling.models import EnrolmentStatus
from tests.factories import (
    CandidateFactory,
    CooperationFactory,
    EnrolmentFactory,
    JobCentreFactory,
    JobGuaranteeFactory,
    JobOrderFactory,
    RecruitmentAgreementFactory,
    TeamFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def client_for(user, language: str = "da") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def world():
    guarantee = JobGuaranteeFactory(jobs_promised=2)
    a = guarantee.agreement.job_centre
    order = JobOrderFactory(company=guarantee.agreement.company, job_centre=a, title="SOSU-hjælper")
    guarantee.job_orders.set([order])
    return {"guarantee": guarantee, "a": a, "order": order}


def form_data(guarantee, **changes):
    data = {
        "job_orders": [o.pk for o in guarantee.job_orders.all()],
        "jobs_promised": str(guarantee.jobs_promised),
        "note": guarantee.note,
        "version": str(guarantee.version),
    }
    return data | changes


def test_a_foreign_job_centre_may_read_but_not_write(world):
    guarantee = world["guarantee"]
    outsider = staff(Role.BUSINESS_CONSULTANT, JobCentreFactory(cooperation=world["a"].cooperation))
    client = client_for(outsider)
    assert client.get(reverse("guarantees:detail", args=[guarantee.pk])).status_code == 200
    edit = reverse("guarantees:edit", args=[guarantee.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, form_data(guarantee, jobs_promised="9")).status_code == 403
    assert client.post(reverse("guarantees:detail", args=[guarantee.pk])).status_code == 403
    new = reverse("guarantees:create")
    # The first step does not offer the agreement; posting for it anyway is refused.
    assert guarantee.agreement.company.name not in client.get(new).content.decode()
    data = {
        "agreement": guarantee.agreement.pk,
        "team": TeamFactory(course=guarantee.team.course).pk,
    }
    response = client.post(new, data | {"job_orders": [world["order"].pk], "jobs_promised": "1"})
    assert response.status_code == 403
    assert JobGuarantee.objects.get().jobs_promised == 2


def test_the_new_guarantee_form_is_refused_before_it_is_filled_in(world):
    """Who may not save a guarantee for the agreement gets the save's 403 on opening the
    form, not after filling it in."""
    agreement = world["guarantee"].agreement
    url = reverse("guarantees:create")
    other = JobCentreFactory(cooperation=world["a"].cooperation)
    for outsider in (staff(Role.BUSINESS_CONSULTANT, other), staff(Role.MANAGER, other)):
        response = client_for(outsider).get(url, {"agreement": agreement.pk})
        assert response.status_code == 403
        assert 'name="jobs_promised"' not in response.content.decode()
    # The agreement's own consultant and the secretariat get the form.
    for writer in (
        staff(Role.BUSINESS_CONSULTANT, world["a"]),
        staff(Role.SECRETARIAT, other),
        staff(Role.MANAGER, world["a"]),
    ):
        form = client_for(writer).get(url, {"agreement": agreement.pk})
        assert form.status_code == 200 and 'name="jobs_promised"' in form.content.decode()


def test_a_manager_of_another_centre_is_offered_the_teams_it_hosts(world):
    """A manager writes for a team its job centre hosts, under any agreement: the form
    offers those teams only, as the save allows no other."""
    agreement = world["guarantee"].agreement
    elsewhere = world["guarantee"].team  # hosted by another job centre
    host = JobCentreFactory(cooperation=world["a"].cooperation)
    own = TeamFactory(host=host, course=elsewhere.course)
    manager = staff(Role.MANAGER, host)
    client = client_for(manager)
    url = reverse("guarantees:create")
    assert agreement in client.get(url).context["form"].fields["agreement"].queryset
    page = client.get(url, {"agreement": agreement.pk})
    assert page.status_code == 200
    assert list(page.context["form"].fields["team"].queryset) == [own]
    done = client.post(
        url,
        {
            "agreement": agreement.pk,
            "team": own.pk,
            "job_orders": [world["order"].pk],
            "jobs_promised": "1",
        },
    )
    assert done.status_code == 302
    assert JobGuarantee.objects.filter(team=own).exists()
    # A manager hosting no team is not offered the other centre's agreement at all.
    idle = client_for(staff(Role.MANAGER, JobCentreFactory(cooperation=world["a"].cooperation)))
    assert agreement not in idle.get(url).context["form"].fields["agreement"].queryset


def test_another_cooperation_sees_nothing(world):
    jrs = CooperationFactory(name="Jobcentrenes Rekrutteringsservice Sjælland", short_name="JRS")
    client = client_for(staff(Role.SECRETARIAT, JobCentreFactory(cooperation=jrs)))
    guarantee = world["guarantee"]
    for name in ("guarantees:detail", "guarantees:edit"):
        assert client.get(reverse(name, args=[guarantee.pk])).status_code == 404
    assert client.post(reverse("guarantees:detail", args=[guarantee.pk])).status_code == 404
    listing = client.get(reverse("guarantees:list"))
    assert guarantee.agreement.company.name not in listing.content.decode()
    # Its create page does not offer the agreement, nor take it.
    step = client.get(reverse("guarantees:create"), {"agreement": guarantee.agreement.pk})
    assert 'name="agreement" value' not in step.content.decode()


def test_the_agreements_consultant_creates_a_guarantee_in_two_steps(world):
    agreement = RecruitmentAgreementFactory(
        company=world["guarantee"].agreement.company,
        job_centre=world["a"],
        job_guarantee=True,
        guarantee_terms="3 faste stillinger",
    )
    team = world["guarantee"].team
    client = client_for(staff(Role.BUSINESS_CONSULTANT, world["a"]))
    url = reverse("guarantees:create")
    step = client.get(url)
    assert step.status_code == 200 and "Vælg" not in step.content.decode()
    form = client.get(url, {"agreement": agreement.pk}).content.decode()
    assert "SOSU-hjælper" in form
    bad = client.post(url, {"agreement": agreement.pk, "team": team.pk, "jobs_promised": "0"})
    page = bad.content.decode()
    assert "Vælg mindst én af virksomhedens jobordrer" in page
    assert "Virksomheden lover mindst ét job." in page
    done = client.post(
        url,
        {
            "agreement": agreement.pk,
            "team": team.pk,
            "job_orders": [world["order"].pk],
            "jobs_promised": "3",
        },
    )
    guarantee = JobGuarantee.objects.get(agreement=agreement)
    assert done["Location"] == reverse("guarantees:detail", args=[guarantee.pk])
    assert list(guarantee.job_orders.all()) == [world["order"]]


def test_unchanged_save_keeps_the_version_and_a_stale_form_is_refused(world):
    guarantee = world["guarantee"]
    client = client_for(staff(Role.MANAGER, guarantee.team.host))
    url = reverse("guarantees:edit", args=[guarantee.pk])
    stale = form_data(guarantee, jobs_promised="4")
    response = client.post(url, form_data(guarantee), follow=True)
    assert "Intet blev ændret." in response.content.decode()
    assert JobGuarantee.objects.get().version == 1
    client.post(url, form_data(guarantee, jobs_promised="3"))
    assert JobGuarantee.objects.get().version == 2
    refused = client.post(url, stale)
    assert refused.status_code == 200
    assert "Nogen anden har ændret jobgarantien" in refused.content.decode()
    assert JobGuarantee.objects.get().jobs_promised == 3


def test_the_outcome_names_only_those_the_reader_may_see_and_logs_them(world):
    guarantee = world["guarantee"]
    own = CandidateFactory(
        job_centre=world["a"],
        first_name="Aya",
        consent_scope=ConsentScope.NONE,
        consent_given_on=None,
    )
    other = CandidateFactory(
        job_centre=JobCentreFactory(cooperation=world["a"].cooperation),
        first_name="Bo",
        consent_scope=ConsentScope.NONE,
        consent_given_on=None,
    )
    for candidate in (own, other):
        EnrolmentFactory(team=guarantee.team, candidate=candidate, status=EnrolmentStatus.COMPLETED)
    reader = staff(Role.JOB_CONSULTANT, world["a"])
    page = (
        client_for(reader).get(reverse("guarantees:detail", args=[guarantee.pk])).content.decode()
    )
    assert "Aya" in page and "Bo " not in page
    assert "En deltager, du ikke må se navnet på" in page
    assert list(
        AccessLogEntry.objects.filter(user=reader).values_list("candidate_id", flat=True)
    ) == [own.pk]
    leader = staff(Role.TEAM_LEADER, world["a"])
    assert (
        "Aya"
        not in client_for(leader)
        .get(reverse("guarantees:detail", args=[guarantee.pk]))
        .content.decode()
    )
    # The team page and the company page show the counts, no names.
    team_page = (
        client_for(leader)
        .get(reverse("upskilling:team", args=[guarantee.team.pk]))
        .content.decode()
    )
    assert "0 af 2 job besat; 2 gennemført, 0 foreslået, 0 til samtale." in team_page
    company_page = (
        client_for(leader)
        .get(reverse("companies:detail", args=[guarantee.agreement.company_id]))
        .content.decode()
    )
    assert "0 af 2 job besat; 2 gennemført" in company_page


def test_the_button_proposes_those_who_completed_before(world):
    guarantee = world["guarantee"]
    candidate = CandidateFactory(job_centre=world["a"])
    EnrolmentFactory(team=guarantee.team, candidate=candidate, status=EnrolmentStatus.COMPLETED)
    url = reverse("guarantees:detail", args=[guarantee.pk])
    manager = client_for(staff(Role.MANAGER, world["a"]))
    assert 'data-testid="propose-completed"' not in manager.get(url).content.decode()
    assert manager.post(url).status_code == 403
    consultant = client_for(staff(Role.BUSINESS_CONSULTANT, world["a"]))
    response = consultant.post(url, follow=True)
    assert "1 deltager er foreslået til jobordrerne." in response.content.decode()
    assert Referral.objects.filter(candidate=candidate, job_order=world["order"]).exists()
    again = consultant.post(url, follow=True)
    assert "Der kunne ikke foreslås flere." in again.content.decode()
