"""The staff's pages of the shared line and the start-page block."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from jobbro.intake import services
from jobbro.intake.models import Channel, Inquiry, InquiryStatus
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    CooperationFactory,
    InquiryFactory,
    MunicipalityFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(job_centre, company):
    past = timezone.now() - dt.timedelta(hours=30)
    return InquiryFactory(
        routed_to=job_centre, company=company, received_at=past, company_name="Forsinket A/S"
    )


@pytest.fixture
def fresh(job_centre):
    return InquiryFactory(routed_to=job_centre, company_name="Ny Henvendelse ApS")


class TestList:
    def test_overdue_ones_stand_out(self, client_for, consultant, overdue, fresh):
        page = client_for(consultant).get(reverse("intake:list")).content.decode()
        assert "Forsinket A/S" in page and "Ny Henvendelse ApS" in page
        assert page.count('data-testid="overdue"') == 1
        assert page.count("intake-overdue") == 1

    def test_filters(self, client_for, consultant, overdue, fresh, job_centre):
        InquiryFactory(routed_to=job_centre, channel=Channel.WEB, company_name="Web ApS")
        InquiryFactory(routed_to=job_centre, status=InquiryStatus.CLOSED, company_name="Lukket ApS")
        client = client_for(consultant)
        page = client.get(reverse("intake:list"), {"overdue": "on"}).content.decode()
        assert "Forsinket A/S" in page and "Ny Henvendelse ApS" not in page
        page = client.get(reverse("intake:list"), {"channel": "web"}).content.decode()
        assert "Web ApS" in page and "Forsinket A/S" not in page
        page = client.get(reverse("intake:list"), {"open": "on"}).content.decode()
        assert "Lukket ApS" not in page and "Web ApS" in page

    def test_other_job_centres_inquiries_are_not_listed(
        self, client_for, gladsaxe_consultant, overdue
    ):
        page = client_for(gladsaxe_consultant).get(reverse("intake:list")).content.decode()
        assert "Forsinket A/S" not in page

    def test_the_secretariat_sees_the_whole_line(self, client_for, secretary, overdue):
        page = client_for(secretary).get(reverse("intake:list")).content.decode()
        assert "Forsinket A/S" in page

    def test_htmx_gets_the_results_only(self, client_for, consultant, overdue):
        response = client_for(consultant).get(reverse("intake:list"), HTTP_HX_REQUEST="true")
        assert b"<html" not in response.content
        assert b"Forsinket A/S" in response.content
        assert "HX-Request" in response["Vary"]

    def test_pages_keep_the_filters_and_swap_the_results(self, client_for, consultant, job_centre):
        InquiryFactory.create_batch(51, routed_to=job_centre, channel=Channel.WEB)
        page = client_for(consultant).get(reverse("intake:list"), {"channel": "web"})
        html = page.content.decode()
        assert 'hx-get="?channel=web&amp;page=2"' in html
        assert 'id="inquiry-results" hx-target="#inquiry-results"' in html


class TestRegister:
    def test_register_a_call_for_a_known_company(self, client_for, consultant, company):
        client = client_for(consultant)
        found = client.get(reverse("intake:company_search"), {"q": "1000 0009"})
        assert b"Herlev Byg ApS" in found.content
        routing = client.get(reverse("intake:routing"), {"company": company.pk})
        assert b"Goes to Jobcenter Herlev" in routing.content
        response = client.post(
            reverse("intake:create"),
            {
                "channel": "phone",
                "company": company.pk,
                "contact_name": "Mette Hansen",
                "contact_phone": "12345678",
                "subject": "Tømrere",
                "message": "Fire tømrere fra marts.",
                "take": "on",
            },
        )
        inquiry = Inquiry.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("intake:detail", args=[inquiry.pk])
        assert inquiry.company == company
        assert inquiry.status == InquiryStatus.IN_PROGRESS
        assert inquiry.registered_by == consultant

    def test_a_call_routed_to_the_secretariat_ends_on_the_list_with_its_reference(
        self, client_for, consultant, secretary
    ):
        """The consultant cannot open what went to the secretariat: no 404 after saving."""
        client = client_for(consultant)
        response = client.post(
            reverse("intake:create"),
            {
                "channel": "phone",
                "company_name": "Ukendt Byg ApS",
                "contact_name": "Mette Hansen",
                "contact_phone": "12345678",
                "subject": "Tømrere",
                "message": "Fire tømrere fra marts.",
            },
            follow=True,
        )
        inquiry = Inquiry.objects.get()
        assert inquiry.at_secretariat
        assert response.redirect_chain[-1][0] == reverse("intake:list")
        assert response.status_code == 200
        assert f"Inquiry {inquiry.reference} is registered" in response.content.decode()

    def test_routing_by_a_known_cvr_and_for_unknown_companies(
        self, client_for, consultant, company
    ):
        client = client_for(consultant)
        by_cvr = client.get(reverse("intake:routing"), {"cvr": "10000009"})
        assert b"The CVR number belongs to Herlev Byg ApS" in by_cvr.content
        unknown = client.get(reverse("intake:routing"), {"cvr": ""})
        assert b"Goes to the secretariat" in unknown.content
        outside = CompanyFactory(
            cooperation=company.cooperation,
            municipality=MunicipalityFactory(),
            name="Århus Smed",
            cvr="20000007",
        )
        routing = client.get(reverse("intake:routing"), {"company": outside.pk}).content.decode()
        assert "Goes to the secretariat" in routing
        assert "Århus Smed is outside the member municipalities" in routing
        assert "home job centre" not in routing

    def test_search_without_javascript_keeps_what_was_typed(self, client_for, consultant, company):
        response = client_for(consultant).post(
            reverse("intake:create"),
            {"action": "search", "q": "Herlev Byg", "contact_name": "Mette"},
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert f'value="{company.pk}"' in page
        assert 'value="Mette"' in page
        assert "This field is required" not in page
        assert not Inquiry.objects.exists()

    def test_bad_input_is_explained_and_nothing_is_saved(
        self, client_for, consultant, secretariat_centre
    ):
        response = client_for(consultant).post(
            reverse("intake:create"),
            {"channel": "phone", "cvr": "12345678", "contact_name": "Mette", "message": "Hej"},
        )
        page = response.content.decode()
        assert "Choose the company above, or give its name." in page
        assert "is not a valid CVR number" in page
        assert "Give a phone number or an e-mail address." in page
        assert not Inquiry.objects.exists()

    def test_a_company_of_another_cooperation_cannot_be_chosen(
        self, client_for, consultant, secretariat_centre
    ):
        foreign = CompanyFactory(cooperation=CooperationFactory(name="Job7", short_name="J7"))
        response = client_for(consultant).post(
            reverse("intake:create"),
            {
                "channel": "phone",
                "company": foreign.pk,
                "contact_name": "Mette",
                "contact_phone": "1",
                "subject": "x",
                "message": "y",
            },
        )
        assert response.status_code == 400
        assert b"Select a valid choice" in response.content
        assert not Inquiry.objects.exists()


class TestDetail:
    def test_actions_and_job_order_link(self, client_for, consultant, overdue):
        client = client_for(consultant)
        page = client.get(reverse("intake:detail", args=[overdue.pk])).content.decode()
        assert 'data-testid="detail-overdue"' in page
        assert f"{reverse('joborders:create')}?company={overdue.company_id}" in page
        assert client.post(reverse("intake:take", args=[overdue.pk])).status_code == 302
        response = client.post(
            reverse("intake:answer", args=[overdue.pk]), {"answer-note": "Ringet tilbage"}
        )
        assert response.status_code == 302
        overdue.refresh_from_db()
        assert overdue.status == InquiryStatus.ANSWERED
        page = client.get(reverse("intake:detail", args=[overdue.pk])).content.decode()
        assert "Ringet tilbage" in page
        assert 'data-testid="detail-overdue"' not in page

    def test_a_refused_action_shows_the_page_with_the_error(self, client_for, consultant, fresh):
        response = client_for(consultant).post(
            reverse("intake:close", args=[fresh.pk]), {"close-note": ""}
        )
        assert response.status_code == 400
        assert b"Say why the inquiry is closed without a response." in response.content
        fresh.refresh_from_db()
        assert fresh.status == InquiryStatus.NEW

    def test_forward(self, client_for, consultant, fresh, other_job_centre):
        response = client_for(consultant).post(
            reverse("intake:forward", args=[fresh.pk]), {"forward-to": other_job_centre.pk}
        )
        assert response.status_code == 302
        fresh.refresh_from_db()
        assert fresh.routed_to == other_job_centre

    def test_forward_to_the_secretariat(self, client_for, consultant, secretary, overdue):
        client = client_for(consultant)
        page = client.get(reverse("intake:detail", args=[overdue.pk])).content.decode()
        assert '<option value="secretariat">The secretariat</option>' in page
        response = client.post(
            reverse("intake:forward", args=[overdue.pk]), {"forward-to": "secretariat"}
        )
        # Out of the job centre's sight now: back to the list, not to a 404.
        assert response.status_code == 302
        assert response.url == reverse("intake:list")
        overdue.refresh_from_db()
        assert overdue.at_secretariat
        page = client_for(secretary).get(reverse("intake:detail", args=[overdue.pk]))
        history = page.content.decode().split('data-testid="history"')[1]
        assert "Jobcenter Herlev → the secretariat" in history

    def test_a_registration_at_the_secretariat_reads_so(
        self, client_for, secretary, secretariat_centre, other_job_centre
    ):
        inquiry = services.inquiry_register(
            actor=secretary,
            cooperation=secretariat_centre.cooperation,
            channel=Channel.PHONE,
            company=None,
            company_name="Ukendt ApS",
            cvr="",
            contact_name="Mette",
            contact_phone="12345678",
            contact_email="",
            subject="Tømrere",
            message="Fire tømrere",
        )
        services.inquiry_forward(actor=secretary, inquiry=inquiry, to=secretariat_centre)
        page = client_for(secretary).get(reverse("intake:detail", args=[inquiry.pk]))
        history = page.content.decode().split('data-testid="history"')[1]
        assert "· the secretariat</span>" in history  # registered: not "Jobcenter Ballerup"
        assert "the secretariat → Jobcenter Ballerup" in history

    def test_managers_read_without_actions(self, client_for, manager, fresh):
        page = client_for(manager).get(reverse("intake:detail", args=[fresh.pk])).content.decode()
        assert "Ny Henvendelse ApS" in page
        assert 'data-testid="take"' not in page
        assert 'data-testid="create-job-order"' not in page

    def test_another_job_centre_gets_404(self, client_for, gladsaxe_consultant, fresh):
        client = client_for(gladsaxe_consultant)
        assert client.get(reverse("intake:detail", args=[fresh.pk])).status_code == 404
        assert client.post(reverse("intake:take", args=[fresh.pk])).status_code == 404


class TestCompanyMatch:
    """The company the web form matched by CVR number: staff confirm it or reject it."""

    def web_inquiry(self, job_centre, company):
        return InquiryFactory(
            routed_to=job_centre,
            channel=Channel.WEB,
            company=company,
            company_unverified=True,
            company_name="Fup og Fidus",
            cvr=company.cvr,
        )

    def test_confirm(self, client_for, consultant, job_centre, company):
        inquiry = self.web_inquiry(job_centre, company)
        client = client_for(consultant)
        page = client.get(reverse("intake:detail", args=[inquiry.pk])).content.decode()
        assert 'data-testid="confirm-company"' in page
        assert 'data-testid="reject-company"' in page
        response = client.post(reverse("intake:confirm_company", args=[inquiry.pk]))
        assert response.url == reverse("intake:detail", args=[inquiry.pk])
        inquiry.refresh_from_db()
        assert (inquiry.company, inquiry.company_unverified) == (company, False)
        page = client.get(response.url).content.decode()
        assert "The company is confirmed." in page
        assert 'data-testid="reject-company"' not in page
        history = page.split('data-testid="history"')[1]
        assert "The company found by the CVR number is the sender" in history
        assert "new → new" not in history  # confirming is not a change of status

    def test_reject(self, client_for, consultant, secretary, job_centre, company):
        inquiry = self.web_inquiry(job_centre, company)
        response = client_for(consultant).post(reverse("intake:reject_company", args=[inquiry.pk]))
        assert response.url == reverse("intake:list")  # now with the secretariat
        inquiry.refresh_from_db()
        assert (inquiry.company, inquiry.at_secretariat) == (None, True)
        page = client_for(secretary).get(reverse("intake:detail", args=[inquiry.pk]))
        text = page.content.decode()
        assert "Company match rejected" in text
        assert "is not the sender" in text
        assert "Jobcenter Herlev → the secretariat" in text
        assert "new → new" not in text
        assert "unknown company" in text

    def test_others_may_not(self, client_for, manager, gladsaxe_consultant, job_centre, company):
        inquiry = self.web_inquiry(job_centre, company)
        page = client_for(manager).get(reverse("intake:detail", args=[inquiry.pk]))
        assert b'data-testid="reject-company"' not in page.content
        url = reverse("intake:reject_company", args=[inquiry.pk])
        assert client_for(manager).post(url).status_code == 403
        assert client_for(gladsaxe_consultant).post(url).status_code == 404
        inquiry.refresh_from_db()
        assert inquiry.company == company


class TestTargetsAndReport:
    def test_the_steering_group_edits_the_targets(self, client_for, steering_member):
        client = client_for(steering_member)
        assert b'value="8"' in client.get(reverse("intake:targets")).content
        response = client.post(
            reverse("intake:targets"),
            {"inquiry_response_hours": "16", "request_reminder_hours": "36"},
        )
        assert response.status_code == 302
        page = client.get(reverse("intake:targets")).content.decode()
        assert "8 → 16 hours" in page

    def test_bad_hours_are_explained(self, client_for, steering_member):
        response = client_for(steering_member).post(
            reverse("intake:targets"),
            {"inquiry_response_hours": "0", "request_reminder_hours": "x"},
        )
        assert b"greater than or equal to 1" in response.content
        assert b"Enter a whole number" in response.content

    def test_report_page(self, client_for, manager, job_centre):
        # Friday 15 to Monday 9: two working hours, as the target counts them.
        received = timezone.make_aware(dt.datetime(2025, 3, 7, 15))
        InquiryFactory(
            routed_to=job_centre,
            received_at=received,
            respond_by=received + dt.timedelta(days=4),
            status=InquiryStatus.ANSWERED,
            first_response_at=received + dt.timedelta(hours=66),
        )
        page = (
            client_for(manager)
            .get(reverse("intake:report"), {"first_month": "2025-03", "last_month": "2025-03"})
            .content.decode()
        )
        assert "Jobcenter Herlev" in page
        assert "1 (100 %)" in page
        assert "2.0" in page
        assert "Median working hours to answer" in page

    def test_report_refuses_a_backwards_period(self, client_for, manager):
        response = client_for(manager).get(
            reverse("intake:report"), {"first_month": "2025-05", "last_month": "2025-01"}
        )
        assert b"The period ends before it starts." in response.content


class TestStartBlock:
    def render(self, user) -> str:
        template = Template("{% load intake_tags %}{% intake_block user %}")
        return template.render(Context({"user": user}))

    def test_overdue_and_open_counts(self, consultant, overdue, fresh):
        html = self.render(consultant)
        assert "1 inquiry on the shared line is past the response-time target" in html
        assert "2 open inquiries on the shared line" in html
        assert reverse("intake:list") + "?overdue=on" in html

    def test_nothing_for_those_outside_the_line(self, job_centre, overdue):
        partner = staff(Role.JOB_CONSULTANT, job_centre)
        assert self.render(partner).strip() == ""
