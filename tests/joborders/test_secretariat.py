"""The secretariat recruits across the cooperation (issue 11, points 2 and 3).

Herlev and Gladsaxe are member job centres; Ballerup hosts the secretariat but is not it.
The secretariat takes job orders home and runs them (`by_secretariat`), proposes consenting
candidates of every member job centre, never sees a CV without consent, never edits a
candidate, answers for its own orders and not for another centre's. A company outside the
member municipalities goes to the secretariat, whoever registers its job order.
"""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.candidate_requests import selectors as request_selectors
from jobbro.candidate_requests import services as request_services
from jobbro.candidates.models import CandidateStatus
from jobbro.companies import selectors as company_selectors
from jobbro.companies import services as company_services
from jobbro.joborders import selectors, services
from jobbro.joborders.models import JobOrder, Referral, ReferralState
from jobbro.organisations.models import Role
from jobbro.sharing import selectors as sharing_selectors
from jobbro.sharing import services as sharing_services
from tests.factories import (
    CompanyFactory,
    IndustryFactory,
    JobCentreFactory,
    JobOrderFactory,
    MembershipFactory,
    MunicipalityFactory,
    staff,
    valid_cvrs,
)

from .conftest import future, make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def host(job_centre):
    """Ballerup hosts the cooperation's secretariat."""
    ballerup = JobCentreFactory(cooperation=job_centre.cooperation, name="Jobcenter Ballerup")
    cooperation = job_centre.cooperation
    cooperation.secretariat = ballerup
    cooperation.save()
    return ballerup


@pytest.fixture
def secretariat(host):
    return staff(Role.SECRETARIAT, host, first_name="Sofie", email="sofie@hrs.example")


@pytest.fixture
def colleague(host):
    """Another of the secretariat's staff."""
    return staff(Role.SECRETARIAT, host, first_name="Søren")


@pytest.fixture
def host_partner(host):
    """A job consultant of the host centre: Ballerup's staff, not the secretariat."""
    return staff(Role.JOB_CONSULTANT, host, email="bo@ballerup.example")


@pytest.fixture
def outside(job_centre):
    """A company in a municipality no member job centre serves."""
    return CompanyFactory(cooperation=job_centre.cooperation, municipality=MunicipalityFactory())


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def create_order(actor, company, occupation) -> JobOrder:
    return services.job_order_create(
        actor=actor,
        company=company,
        title="Tømrer til letbanen",
        occupation=occupation,
        workplace_address="Ring 3",
        workplace_municipality=company.municipality,
        start_date=future(30),
        deadline=future(14),
        positions=2,
    )


# --- who runs a new job order ------------------------------------------------------------


def test_the_secretariats_order_for_a_company_outside_the_members_is_the_secretariats(
    secretariat, colleague, host, host_partner, outside, occupation
):
    order = create_order(secretariat, outside, occupation)
    assert (order.job_centre, order.by_secretariat) == (host, True)
    assert selectors.may_answer_for(colleague, order)
    # The host centre is on the record only: its own staff do not run the order.
    assert not selectors.centre_runs(order)
    assert not selectors.may_answer_for(host_partner, order)
    assert selectors.may_edit(colleague, order)
    assert not selectors.may_edit(staff(Role.BUSINESS_CONSULTANT, host), order)


def test_a_business_consultants_order_for_a_company_outside_goes_to_the_secretariat(
    consultant, secretariat, host, host_partner, partner, outside, occupation
):
    order = create_order(consultant, outside, occupation)
    assert (order.job_centre, order.by_secretariat) == (host, True)
    # The secretariat runs it, not whoever typed it in.
    assert not selectors.may_answer_for(consultant, order)
    assert selectors.may_answer_for(secretariat, order)
    assert not selectors.may_answer_for(partner, order)  # Herlev does not run it
    assert not selectors.may_answer_for(host_partner, order)


def test_the_secretariat_takes_home_an_order_for_a_member_company(
    secretariat, colleague, company, job_centre, partner, other_job_centre, occupation
):
    """The home centre keeps the company and runs the order with the secretariat."""
    order = create_order(secretariat, company, occupation)
    assert (order.job_centre, order.by_secretariat) == (job_centre, True)
    assert selectors.may_answer_for(colleague, order)
    assert selectors.may_answer_for(partner, order)
    assert not selectors.may_answer_for(staff(Role.JOB_CONSULTANT, other_job_centre), order)


def test_a_business_consultants_order_for_a_member_company_is_the_home_centres(
    consultant, secretariat, company, job_centre, occupation
):
    order = create_order(consultant, company, occupation)
    assert (order.job_centre, order.by_secretariat) == (job_centre, False)
    assert not selectors.may_answer_for(secretariat, order)


# --- the secretariat recruits ------------------------------------------------------------


@pytest.fixture
def secretariat_order(secretariat, outside, occupation) -> JobOrder:
    return create_order(secretariat, outside, occupation)


def test_the_secretariat_proposes_a_consenting_candidate_of_any_member(
    secretariat, secretariat_order, other_job_centre, occupation
):
    candidate = make_candidate(other_job_centre, occupation=occupation, first_name="Gitte")
    referral = services.referral_propose(
        actor=secretariat, job_order=secretariat_order, candidate=candidate
    )
    assert (referral.proposed_by, referral.state) == (secretariat, ReferralState.PROPOSED)


def test_the_secretariat_sees_no_cv_without_consent(
    secretariat, secretariat_order, other_job_centre, occupation, client_for
):
    hidden = make_candidate(other_job_centre, consent=False, occupation=occupation)
    with pytest.raises(ValidationError) as refused:
        services.referral_propose(actor=secretariat, job_order=secretariat_order, candidate=hidden)
    assert refused.value.code == "no_consent"
    assert not Referral.objects.exists()
    client = client_for(secretariat)
    assert client.get(reverse("candidates:detail", args=[hidden.pk])).status_code == 404


def test_the_secretariat_edits_no_candidate(secretariat, other_job_centre, client_for):
    candidate = make_candidate(other_job_centre)
    client = client_for(secretariat)
    assert client.get(reverse("candidates:detail", args=[candidate.pk])).status_code == 200
    assert client.get(reverse("candidates:edit", args=[candidate.pk])).status_code == 403
    assert client.get(reverse("candidates:cv_edit", args=[candidate.pk])).status_code == 403


def test_the_secretariat_answers_and_hires_on_its_orders(
    secretariat, colleague, secretariat_order, other_job_centre, occupation
):
    candidate = make_candidate(other_job_centre, occupation=occupation)
    referral = services.referral_propose(
        actor=secretariat, job_order=secretariat_order, candidate=candidate
    )
    services.referral_transition(actor=colleague, referral=referral, to_state="interview")
    placement = services.referral_hire(
        actor=colleague,
        referral=referral,
        start_date=timezone.localdate() + dt.timedelta(days=14),
        hours_per_week=37,
    )
    assert placement.referral.state == ReferralState.HIRED
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.HIRED


def test_a_business_consultant_who_took_in_a_secretariat_order_hires_on_it(
    consultant, outside, other_job_centre, occupation
):
    order = create_order(consultant, outside, occupation)
    candidate = make_candidate(other_job_centre, occupation=occupation)
    referral = services.referral_propose(actor=consultant, job_order=order, candidate=candidate)
    services.referral_hire(
        actor=consultant, referral=referral, start_date=future(14), hours_per_week=37
    )
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.HIRED


def test_the_secretariat_does_not_move_another_centres_referrals(
    secretariat, job_order, other_job_centre, occupation, client_for
):
    """Herlev's order (not the secretariat's): it may propose, not answer or hire."""
    candidate = make_candidate(other_job_centre, occupation=occupation)
    referral = services.referral_propose(
        actor=secretariat, job_order=job_order, candidate=candidate
    )
    with pytest.raises(PermissionDenied):
        services.referral_transition(actor=secretariat, referral=referral, to_state="interview")
    with pytest.raises(PermissionDenied):
        services.referral_hire(
            actor=secretariat, referral=referral, start_date=future(14), hours_per_week=37
        )
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.PROPOSED
    client = client_for(secretariat)
    assert client.get(reverse("joborders:hire", args=[referral.pk])).status_code == 403


def test_the_pages_name_the_secretariat_as_responsible(
    secretariat, secretariat_order, partner, client_for
):
    client = english(client_for(partner))
    detail = reverse("joborders:detail", args=[secretariat_order.pk])
    page = client.get(detail).content.decode()
    assert 'data-testid="responsible">The secretariat<' in page
    listing = client.get(reverse("joborders:list")).content.decode()
    assert "<td>The secretariat</td>" in listing
    mine = client_for(secretariat).get(reverse("joborders:list") + "?mine=1").content.decode()
    assert secretariat_order.title in mine
    assert secretariat_order in selectors.open_job_orders_for(secretariat)
    assert secretariat_order not in selectors.open_job_orders_for(partner)


# --- requests to the job centres and CV requests ------------------------------------------


def test_the_secretariat_asks_every_member_and_hears_the_answers(
    secretariat, colleague, secretariat_order, host, host_partner, job_centre, other_job_centre
):
    herlev = staff(Role.JOB_CONSULTANT, job_centre, email="rikke@herlev.example")
    request = request_services.request_send(
        actor=secretariat, job_order=secretariat_order, message="Vi mangler en tømrer."
    )
    assert (request.job_centre, request.by_secretariat) == (host, True)
    asked = {r.job_centre for r in request.recipients.all()}
    assert asked == {job_centre, other_job_centre, host}  # the host's candidates too
    # The host's staff are asked; the secretariat is not (it owns no candidates).
    assert sorted(m.to[0] for m in mail.outbox) == [host_partner.email, herlev.email]
    # In the reader's language (Danish by default).
    assert all(m.body.startswith("Sekretariatet spørger") for m in mail.outbox)
    assert not request_selectors.incoming(secretariat).exists()
    # The host's staff answer as Ballerup, and do not act for the asker.
    assert not request_selectors.is_sender(host_partner, request)
    assert request_selectors.is_sender(colleague, request)
    mail.outbox.clear()
    recipient = request.recipients.get(job_centre=host)
    request_services.request_answer(actor=host_partner, recipient=recipient)
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    assert request in request_selectors.sent(colleague)
    assert request not in request_selectors.sent(host_partner)
    request_services.request_close(actor=colleague, request=request)


def test_the_secretariat_asks_only_for_orders_it_runs(secretariat, host_partner, job_order):
    with pytest.raises(PermissionDenied):
        request_services.request_send(actor=secretariat, job_order=job_order, message="Hej")
    assert request_selectors.sender_for(host_partner, job_order) is None


def test_the_secretariat_asks_for_a_cv_as_the_secretariat(
    secretariat, secretariat_order, host, host_partner, other_job_centre
):
    hidden = make_candidate(other_job_centre, consent=False)
    request = sharing_services.sharing_request_create(
        actor=secretariat, candidate=hidden, job_order=secretariat_order
    )
    assert (request.requesting_job_centre, request.by_secretariat) == (host, True)
    assert request in sharing_selectors.outgoing_requests(secretariat)
    assert request not in sharing_selectors.outgoing_requests(host_partner)
    # The host centre may ask for the same candidate itself.
    own = sharing_services.sharing_request_create(
        actor=host_partner, candidate=hidden, job_order=secretariat_order
    )
    assert own.by_secretariat is False


# --- companies outside the member municipalities ------------------------------------------


def test_a_company_outside_the_members_is_held_by_the_secretariat(
    secretariat, consultant, job_centre, client_for
):
    company = company_services.company_create(
        actor=secretariat,
        cooperation=job_centre.cooperation,
        cvr=valid_cvrs(1)[0],
        name="Roskilde Byg ApS",
        street="Vej 1",
        postcode="4000",
        city="Roskilde",
        municipality=MunicipalityFactory(),
        industry=IndustryFactory(),
    )
    assert company.contact_consultant == secretariat
    assert company_selectors.held_by_secretariat(company)
    assert list(company_selectors.contact_consultant_choices(company)) == [secretariat]
    page = english(client_for(consultant)).get(reverse("companies:detail", args=[company.pk]))
    assert "the secretariat holds the company" in page.content.decode()


def test_the_list_filters_the_secretariats_orders_apart_from_its_hosts(
    secretariat, secretariat_order, job_order, host, partner, client_for
):
    def listed(**filters):
        return set(selectors.job_order_list(partner, **filters))

    assert listed(job_centre=selectors.SECRETARIAT) == {secretariat_order}
    assert listed(job_centre=host) == set()
    assert listed() == {secretariat_order, job_order}
    page = english(client_for(partner)).get(reverse("joborders:list") + "?job_centre=secretariat")
    body = page.content.decode()
    assert '<option value="secretariat" selected>The secretariat</option>' in body
    assert body.count('data-testid="result-count">1 job order<') == 1


def test_the_migration_marks_the_orders_secretariat_staff_took_in(
    secretariat, consultant, company, job_centre, host
):
    marking = importlib.import_module("jobbro.joborders.migrations.0005_secretariat")
    both = staff(Role.SECRETARIAT, host)
    MembershipFactory(user=both, job_centre=job_centre, role=Role.BUSINESS_CONSULTANT)
    taken = {
        user: JobOrderFactory(company=company, job_centre=job_centre, created_by=user)
        for user in (secretariat, consultant, both)
    }
    marking.mark_secretariat_orders(apps, None)
    marked = {
        user for user, order in taken.items() if JobOrder.objects.get(pk=order.pk).by_secretariat
    }
    assert marked == {secretariat}
