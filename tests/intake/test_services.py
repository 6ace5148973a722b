"""Registering, routing and moving inquiries; the service targets; overdue reminders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobbro.intake import selectors, services
from jobbro.intake.models import (
    Action,
    Channel,
    Inquiry,
    InquiryStatus,
    InquiryTransition,
    TargetChange,
)
from jobbro.intake.working_hours import add_working_hours
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    CooperationFactory,
    InquiryFactory,
    JobCentreFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def register(actor, cooperation, **overrides):
    fields = {
        "actor": actor,
        "cooperation": cooperation,
        "channel": Channel.PHONE,
        "company": None,
        "company_name": "Ukendt Firma ApS",
        "cvr": "",
        "contact_name": "Mette Hansen",
        "contact_phone": "12345678",
        "contact_email": "",
        "subject": "Tømrere",
        "message": "Vi mangler fire tømrere.",
    }
    return services.inquiry_register(**(fields | overrides))


class TestRegister:
    def test_known_company_goes_to_its_home_job_centre(self, consultant, company, job_centre):
        received = timezone.now() - dt.timedelta(hours=1)
        inquiry = register(
            consultant, job_centre.cooperation, company=company, received_at=received
        )
        assert inquiry.routed_to == job_centre
        assert inquiry.company_name == "Herlev Byg ApS"
        assert inquiry.cvr == "10000009"
        assert inquiry.respond_by == add_working_hours(received, 8)  # the default target
        assert inquiry.status == InquiryStatus.NEW
        assert len(inquiry.reference) == 9
        step = inquiry.transitions.get()
        assert (step.action, step.by, step.to_status) == (Action.REGISTERED, consultant, "new")
        assert step.to_job_centre == job_centre

    def test_unknown_company_goes_to_the_secretariat(self, consultant, secretariat_centre):
        inquiry = register(consultant, secretariat_centre.cooperation)
        assert (inquiry.routed_to, inquiry.at_secretariat) == (secretariat_centre, True)
        assert inquiry.company is None

    def test_a_company_at_home_in_the_host_centre_is_not_with_the_secretariat(
        self, consultant, secretariat_centre
    ):
        host = CompanyFactory(
            cooperation=secretariat_centre.cooperation,
            municipality=secretariat_centre.municipalities.get(),
        )
        inquiry = register(consultant, secretariat_centre.cooperation, company=host)
        assert (inquiry.routed_to, inquiry.at_secretariat) == (secretariat_centre, False)

    def test_a_known_cvr_number_links_the_company(self, consultant, company, job_centre):
        inquiry = register(consultant, job_centre.cooperation, cvr="DK 1000 0009")
        assert inquiry.company == company
        assert inquiry.routed_to == job_centre
        assert inquiry.company_name == company.name

    def test_respond_by_follows_the_cooperations_target(self, consultant, secretariat_centre):
        cooperation = secretariat_centre.cooperation
        cooperation.inquiry_response_hours = 8
        cooperation.save()
        inquiry = register(consultant, cooperation)
        assert inquiry.respond_by == add_working_hours(inquiry.received_at, 8)

    def test_taking_it_at_once_where_one_may(self, consultant, company, job_centre):
        inquiry = register(consultant, job_centre.cooperation, company=company, take=True)
        assert inquiry.status == InquiryStatus.IN_PROGRESS
        assert inquiry.assigned_to == consultant
        assert [t.action for t in inquiry.transitions.all()] == ["registered", "taken"]

    def test_not_taken_when_it_goes_elsewhere(self, gladsaxe_consultant, company, job_centre):
        inquiry = register(gladsaxe_consultant, job_centre.cooperation, company=company, take=True)
        assert inquiry.status == InquiryStatus.NEW
        assert inquiry.assigned_to is None

    def test_the_web_form_registers_without_an_actor(self, secretariat_centre):
        inquiry = register(None, secretariat_centre.cooperation, channel=Channel.WEB)
        assert inquiry.registered_by is None
        assert inquiry.transitions.get().by is None

    def test_only_the_web_form_is_anonymous(self, secretariat_centre):
        with pytest.raises(PermissionDenied):
            register(None, secretariat_centre.cooperation, channel=Channel.PHONE)

    def test_staff_of_another_cooperation_cannot_register(self, secretariat_centre):
        stranger = staff(
            Role.BUSINESS_CONSULTANT,
            JobCentreFactory(cooperation=CooperationFactory(name="Job7", short_name="J7")),
        )
        with pytest.raises(PermissionDenied):
            register(stranger, secretariat_centre.cooperation)

    def test_a_phone_or_an_email_is_required(self, consultant, secretariat_centre):
        with pytest.raises(ValidationError):
            register(consultant, secretariat_centre.cooperation, contact_phone="")
        assert not Inquiry.objects.exists()

    def test_not_in_the_future(self, consultant, secretariat_centre):
        later = timezone.now() + dt.timedelta(hours=2)
        with pytest.raises(ValidationError) as error:
            register(consultant, secretariat_centre.cooperation, received_at=later)
        assert "received_at" in error.value.message_dict

    def test_without_a_secretariat_unknown_companies_are_refused(self, consultant, job_centre):
        with pytest.raises(ValidationError) as error:
            register(consultant, job_centre.cooperation)
        assert error.value.code == "no_secretariat"
        assert not Inquiry.objects.exists()


@pytest.fixture
def inquiry(job_centre, company):
    return InquiryFactory(routed_to=job_centre, company=company)


class TestTransitions:
    def test_take_answer_close_is_logged(self, inquiry, consultant):
        services.inquiry_take(actor=consultant, inquiry=inquiry)
        responded = timezone.now() - dt.timedelta(minutes=30)
        services.inquiry_answer(
            actor=consultant, inquiry=inquiry, note="Ringet op", responded_at=responded
        )
        services.inquiry_close(actor=consultant, inquiry=inquiry)
        inquiry.refresh_from_db()
        assert inquiry.status == InquiryStatus.CLOSED
        assert inquiry.first_response_at == responded
        assert inquiry.first_response_by == consultant
        log = [(t.action, t.from_status, t.to_status, t.by) for t in inquiry.transitions.all()]
        assert log == [
            ("taken", "new", "in_progress", consultant),
            ("answered", "in_progress", "answered", consultant),
            ("closed", "answered", "closed", consultant),
        ]
        assert inquiry.transitions.get(action="answered").note == "Ringet op"

    def test_answer_needs_what_was_said(self, inquiry, consultant):
        with pytest.raises(ValidationError) as error:
            services.inquiry_answer(actor=consultant, inquiry=inquiry, note="  ")
        assert "note" in error.value.message_dict
        inquiry.refresh_from_db()
        assert inquiry.status == InquiryStatus.NEW
        assert not inquiry.transitions.exists()

    def test_the_response_is_not_before_the_inquiry(self, inquiry, consultant):
        with pytest.raises(ValidationError):
            services.inquiry_answer(
                actor=consultant,
                inquiry=inquiry,
                note="x",
                responded_at=inquiry.received_at - dt.timedelta(minutes=1),
            )

    def test_closing_unanswered_says_why(self, inquiry, consultant):
        with pytest.raises(ValidationError):
            services.inquiry_close(actor=consultant, inquiry=inquiry)
        services.inquiry_close(actor=consultant, inquiry=inquiry, note="Dobbelt henvendelse")
        inquiry.refresh_from_db()
        assert inquiry.status == InquiryStatus.CLOSED
        assert inquiry.first_response_at is None

    def test_forward_is_logged_and_frees_the_inquiry(
        self, inquiry, consultant, job_centre, other_job_centre
    ):
        services.inquiry_take(actor=consultant, inquiry=inquiry)
        services.inquiry_forward(
            actor=consultant, inquiry=inquiry, to=other_job_centre, note="Adresse i Gladsaxe"
        )
        inquiry.refresh_from_db()
        assert inquiry.routed_to == other_job_centre
        assert inquiry.status == InquiryStatus.NEW
        assert inquiry.assigned_to is None
        step = inquiry.transitions.get(action="forwarded")
        assert (step.from_job_centre, step.to_job_centre) == (job_centre, other_job_centre)
        assert step.from_status == "in_progress"

    def test_forward_stays_in_the_cooperation(self, inquiry, consultant):
        elsewhere = JobCentreFactory(cooperation=CooperationFactory(name="Job7", short_name="J7"))
        with pytest.raises(PermissionDenied):
            services.inquiry_forward(actor=consultant, inquiry=inquiry, to=elsewhere)

    def test_another_job_centre_may_not_act(self, inquiry, gladsaxe_consultant):
        with pytest.raises(PermissionDenied):
            services.inquiry_take(actor=gladsaxe_consultant, inquiry=inquiry)

    def test_managers_read_but_do_not_act(self, inquiry, manager):
        with pytest.raises(PermissionDenied):
            services.inquiry_take(actor=manager, inquiry=inquiry)

    def test_the_secretariat_works_the_whole_line(self, inquiry, secretary):
        services.inquiry_take(actor=secretary, inquiry=inquiry)
        inquiry.refresh_from_db()
        assert inquiry.assigned_to == secretary

    def test_taking_over_from_a_colleague(self, inquiry, consultant, job_centre):
        colleague = staff(Role.BUSINESS_CONSULTANT, job_centre)
        services.inquiry_take(actor=consultant, inquiry=inquiry)
        with pytest.raises(ValidationError):
            services.inquiry_take(actor=consultant, inquiry=inquiry)
        services.inquiry_take(actor=colleague, inquiry=inquiry)
        inquiry.refresh_from_db()
        assert inquiry.assigned_to == colleague

    def test_a_closed_inquiry_stays_closed(self, inquiry, consultant):
        services.inquiry_close(actor=consultant, inquiry=inquiry, note="Spam")
        for act in (
            lambda: services.inquiry_take(actor=consultant, inquiry=inquiry),
            lambda: services.inquiry_answer(actor=consultant, inquiry=inquiry, note="x"),
            lambda: services.inquiry_close(actor=consultant, inquiry=inquiry, note="x"),
        ):
            with pytest.raises(ValidationError):
                act()
        assert InquiryTransition.objects.filter(inquiry=inquiry).count() == 1


class TestDatabaseInvariants:
    def test_in_progress_needs_someone(self, inquiry):
        with pytest.raises(IntegrityError), transaction.atomic():
            Inquiry.objects.filter(pk=inquiry.pk).update(status=InquiryStatus.IN_PROGRESS)

    def test_answered_needs_a_response_time(self, inquiry):
        with pytest.raises(IntegrityError), transaction.atomic():
            Inquiry.objects.filter(pk=inquiry.pk).update(status=InquiryStatus.ANSWERED)

    def test_deadline_not_before_arrival(self, inquiry):
        with pytest.raises(IntegrityError), transaction.atomic():
            Inquiry.objects.filter(pk=inquiry.pk).update(
                respond_by=inquiry.received_at - dt.timedelta(hours=1)
            )


class TestTargets:
    def test_the_steering_group_sets_the_targets(
        self, steering_member, consultant, secretariat_centre
    ):
        cooperation = secretariat_centre.cooperation
        services.response_targets_update(
            actor=steering_member,
            cooperation=cooperation,
            inquiry_response_hours=16,
            request_reminder_hours=24,
        )
        cooperation.refresh_from_db()
        assert (cooperation.inquiry_response_hours, cooperation.request_reminder_hours) == (16, 24)
        change = TargetChange.objects.get()
        assert (change.by, change.previous_inquiry_response_hours) == (steering_member, 8)
        inquiry = register(consultant, cooperation)
        assert inquiry.respond_by == add_working_hours(inquiry.received_at, 16)

    @pytest.mark.parametrize("who", ["consultant", "secretary", "manager"])
    def test_others_may_not(self, who, request, secretariat_centre):
        with pytest.raises(PermissionDenied):
            services.response_targets_update(
                actor=request.getfixturevalue(who),
                cooperation=secretariat_centre.cooperation,
                inquiry_response_hours=8,
                request_reminder_hours=24,
            )

    def test_hours_within_bounds(self, steering_member, secretariat_centre):
        with pytest.raises(ValidationError) as error:
            services.response_targets_update(
                actor=steering_member,
                cooperation=secretariat_centre.cooperation,
                inquiry_response_hours=0,
                request_reminder_hours=10_000,
            )
        assert set(error.value.message_dict) == {"inquiry_response_hours", "request_reminder_hours"}
        with pytest.raises(ValidationError) as error:
            services.response_targets_update(
                actor=steering_member,
                cooperation=secretariat_centre.cooperation,
                inquiry_response_hours=81,  # more than ten working days
                request_reminder_hours=720,  # thirty days by the clock
            )
        assert set(error.value.message_dict) == {"inquiry_response_hours"}
        assert not TargetChange.objects.exists()


class TestOverdueNotifications:
    def test_whom_each_overdue_inquiry_reminds(
        self, job_centre, secretariat_centre, secretary, company
    ):
        herlev_bc = staff(Role.BUSINESS_CONSULTANT, job_centre, email="bc@herlev.dk")
        taker = staff(Role.BUSINESS_CONSULTANT, job_centre, email="taker@herlev.dk")
        staff(Role.JOB_CONSULTANT, job_centre, email="rp@herlev.dk")  # not a recipient
        past = timezone.now() - dt.timedelta(hours=30)
        unassigned = InquiryFactory(routed_to=job_centre, received_at=past)
        assigned = InquiryFactory(
            routed_to=job_centre,
            received_at=past,
            status=InquiryStatus.IN_PROGRESS,
            assigned_to=taker,
        )
        at_secretariat = InquiryFactory(
            routed_to=secretariat_centre, at_secretariat=True, received_at=past
        )
        # A company at home in Ballerup: Ballerup's consultant answers, not the secretariat.
        ballerup_bc = staff(Role.BUSINESS_CONSULTANT, secretariat_centre, email="bc@ballerup.dk")
        at_host = InquiryFactory(
            routed_to=secretariat_centre, received_at=past, company_name="Hansen & Søn"
        )
        InquiryFactory(routed_to=job_centre)  # within the target
        InquiryFactory(  # answered late, but answered
            routed_to=job_centre,
            received_at=past,
            status=InquiryStatus.ANSWERED,
            first_response_at=timezone.now(),
        )

        # The unassigned one reaches Herlev's two consultants; the taken one only its taker.
        assert services.notify_overdue_inquiries() == 5
        refs = (
            unassigned.reference,
            assigned.reference,
            at_secretariat.reference,
            at_host.reference,
        )
        received = sorted((m.to[0], ref) for m in mail.outbox for ref in refs if ref in m.subject)
        assert received == sorted(
            [
                (herlev_bc.email, unassigned.reference),
                (taker.email, unassigned.reference),
                (taker.email, assigned.reference),
                (secretary.email, at_secretariat.reference),
                (ballerup_bc.email, at_host.reference),
            ]
        )
        host_mail = next(m for m in mail.outbox if at_host.reference in m.subject)
        assert "fra Hansen & Søn hos Jobcenter Ballerup" in host_mail.body  # not &amp;
        secretariat_mail = next(m for m in mail.outbox if at_secretariat.reference in m.subject)
        assert "hos sekretariatet har ikke" in secretariat_mail.body
        assert all("/shared-line/" in m.body for m in mail.outbox)
        # Once per user and inquiry, however often the job runs.
        assert services.notify_overdue_inquiries() == 0

    def test_now_decides_what_is_overdue(self, job_centre):
        staff(Role.BUSINESS_CONSULTANT, job_centre, email="bc@herlev.dk")
        inquiry = InquiryFactory(routed_to=job_centre)
        assert services.notify_overdue_inquiries() == 0
        later = inquiry.respond_by + dt.timedelta(minutes=1)
        assert services.notify_overdue_inquiries(now=later) == 1


class TestSecretariat:
    """The secretariat is a role of the cooperation, not the job centre that hosts it."""

    @pytest.fixture
    def ballerup_bc(self, secretariat_centre):
        return staff(Role.BUSINESS_CONSULTANT, secretariat_centre)

    def test_the_host_centres_consultants_do_not_get_its_inquiries(
        self, ballerup_bc, secretary, secretariat_centre
    ):
        inquiry = register(secretary, secretariat_centre.cooperation)
        assert inquiry.at_secretariat
        assert not selectors.may_work(ballerup_bc, inquiry)
        assert not selectors.inquiries_visible_to(ballerup_bc).filter(pk=inquiry.pk).exists()
        assert selectors.start_counts(ballerup_bc).open == 0
        assert selectors.start_counts(secretary).open == 1
        with pytest.raises(PermissionDenied):
            services.inquiry_take(actor=ballerup_bc, inquiry=inquiry)

    def test_forwarded_to_the_host_centre_it_is_theirs(
        self, ballerup_bc, secretary, secretariat_centre
    ):
        inquiry = register(secretary, secretariat_centre.cooperation)
        assert secretariat_centre in selectors.forward_targets(inquiry)
        services.inquiry_forward(actor=secretary, inquiry=inquiry, to=secretariat_centre)
        inquiry.refresh_from_db()
        assert (inquiry.routed_to, inquiry.at_secretariat) == (secretariat_centre, False)
        assert selectors.may_work(ballerup_bc, inquiry)
        assert selectors.start_counts(secretary).open == 0
        registered, forwarded = inquiry.transitions.all()
        assert (registered.to_job_centre, registered.to_secretariat) == (secretariat_centre, True)
        assert (forwarded.from_secretariat, forwarded.to_secretariat) == (True, False)

    def test_a_job_centre_sends_an_inquiry_back_to_the_secretariat(
        self, inquiry, consultant, secretary, secretariat_centre, job_centre
    ):
        assert selectors.may_forward_to_secretariat(inquiry)
        services.inquiry_take(actor=consultant, inquiry=inquiry)
        services.inquiry_forward(
            actor=consultant, inquiry=inquiry, to=selectors.SECRETARIAT, note="Ikke vores"
        )
        inquiry.refresh_from_db()
        assert (inquiry.routed_to, inquiry.at_secretariat) == (secretariat_centre, True)
        assert (inquiry.status, inquiry.assigned_to) == (InquiryStatus.NEW, None)
        assert not selectors.may_work(consultant, inquiry)
        step = inquiry.transitions.get(action=Action.FORWARDED)
        assert (step.from_job_centre, step.from_secretariat) == (job_centre, False)
        assert (step.to_job_centre, step.to_secretariat) == (secretariat_centre, True)
        assert not selectors.may_forward_to_secretariat(inquiry)
        with pytest.raises(ValidationError):
            services.inquiry_forward(actor=secretary, inquiry=inquiry, to=selectors.SECRETARIAT)

    def test_no_secretariat_to_send_it_to(self, job_centre, consultant):
        inquiry = InquiryFactory(routed_to=job_centre)
        assert not selectors.may_forward_to_secretariat(inquiry)
        with pytest.raises(ValidationError):
            services.inquiry_forward(actor=consultant, inquiry=inquiry, to=selectors.SECRETARIAT)
        inquiry.refresh_from_db()
        assert not inquiry.transitions.exists()


class TestWebFormCompany:
    def test_the_web_form_keeps_what_was_typed_and_links_unverified(
        self, company, job_centre, consultant
    ):
        inquiry = register(
            None,
            job_centre.cooperation,
            channel=Channel.WEB,
            company_name="Fup og Fidus",
            cvr="10000009",
        )
        assert (inquiry.company, inquiry.company_unverified) == (company, True)
        assert (inquiry.company_name, inquiry.cvr) == ("Fup og Fidus", "10000009")
        services.inquiry_confirm_company(actor=consultant, inquiry=inquiry)
        inquiry.refresh_from_db()
        assert not inquiry.company_unverified
        assert inquiry.company_name == "Fup og Fidus"  # what was typed stays
        assert inquiry.transitions.last().action == Action.COMPANY_CONFIRMED
        with pytest.raises(ValidationError):
            services.inquiry_confirm_company(actor=consultant, inquiry=inquiry)

    def test_a_wrong_match_is_rejected_and_goes_to_the_secretariat(
        self, company, job_centre, consultant, secretariat_centre, secretary
    ):
        inquiry = register(
            None, job_centre.cooperation, channel=Channel.WEB, company_name="Fup", cvr="10000009"
        )
        assert (inquiry.routed_to, inquiry.at_secretariat) == (job_centre, False)
        services.inquiry_take(actor=consultant, inquiry=inquiry)
        services.inquiry_reject_company(actor=consultant, inquiry=inquiry)
        inquiry.refresh_from_db()
        assert (inquiry.company, inquiry.company_unverified) == (None, False)
        assert (inquiry.company_name, inquiry.cvr) == ("Fup", "10000009")  # as typed
        assert (inquiry.routed_to, inquiry.at_secretariat) == (secretariat_centre, True)
        assert (inquiry.status, inquiry.assigned_to) == (InquiryStatus.NEW, None)
        step = inquiry.transitions.last()
        assert (step.action, step.by, step.from_status) == (
            Action.COMPANY_REJECTED,
            consultant,
            InquiryStatus.IN_PROGRESS,
        )
        assert (step.from_job_centre, step.to_secretariat) == (job_centre, True)
        for act in (services.inquiry_reject_company, services.inquiry_confirm_company):
            with pytest.raises(ValidationError):
                act(actor=secretary, inquiry=inquiry)

    def test_an_answered_inquiry_stays_where_it_was_handled(
        self, company, job_centre, consultant, secretariat_centre
    ):
        inquiry = register(None, job_centre.cooperation, channel=Channel.WEB, cvr="10000009")
        services.inquiry_answer(actor=consultant, inquiry=inquiry, note="Ringet op")
        services.inquiry_reject_company(actor=consultant, inquiry=inquiry)
        inquiry.refresh_from_db()
        assert (inquiry.company, inquiry.routed_to, inquiry.at_secretariat) == (
            None,
            job_centre,
            False,
        )
        assert inquiry.status == InquiryStatus.ANSWERED

    def test_others_may_not_reject(self, company, job_centre, gladsaxe_consultant):
        inquiry = register(None, job_centre.cooperation, channel=Channel.WEB, cvr="10000009")
        with pytest.raises(PermissionDenied):
            services.inquiry_reject_company(actor=gladsaxe_consultant, inquiry=inquiry)
        inquiry.refresh_from_db()
        assert inquiry.company == company

    def test_others_may_not_confirm(self, company, job_centre, gladsaxe_consultant):
        inquiry = register(None, job_centre.cooperation, channel=Channel.WEB, cvr="10000009")
        with pytest.raises(PermissionDenied):
            services.inquiry_confirm_company(actor=gladsaxe_consultant, inquiry=inquiry)

    def test_staff_registering_by_cvr_vouch_for_the_company(self, consultant, company, job_centre):
        inquiry = register(consultant, job_centre.cooperation, cvr="10000009")
        assert (inquiry.company_unverified, inquiry.company_name) == (False, company.name)


class TestAnonymise:
    def _closed(self, consultant, job_centre, days_ago):
        inquiry = InquiryFactory(routed_to=job_centre, contact_email="m@firma.dk")
        services.inquiry_close(actor=consultant, inquiry=inquiry, note="Mette ringede selv")
        inquiry.transitions.update(at=timezone.now() - dt.timedelta(days=days_ago))
        return inquiry

    def _ago(self, days):
        return timezone.now() - dt.timedelta(days=days)

    def test_old_closed_inquiries_lose_their_personal_details(self, consultant, job_centre):
        old = self._closed(consultant, job_centre, 400)
        recent = self._closed(consultant, job_centre, 10)
        assert services.anonymise_old_inquiries(older_than_days=365) == 1
        old.refresh_from_db()
        assert (
            old.contact_name,
            old.contact_phone,
            old.contact_email,
            old.subject,
            old.message,
            old.company_name,
            old.cvr,
        ) == ("", "", "", "", "", "", "")
        assert old.anonymised_at is not None
        assert old.received_at and old.status == InquiryStatus.CLOSED
        assert not old.transitions.exclude(note="").exists()
        recent.refresh_from_db()
        assert recent.contact_name == "Mette Hansen"
        assert services.anonymise_old_inquiries(older_than_days=365) == 0

    def test_a_linked_company_stays_for_the_statistics(self, consultant, job_centre, company):
        old = InquiryFactory(
            routed_to=job_centre,
            company=company,
            company_name=company.name,
            cvr=company.cvr,
            received_at=self._ago(400),
        )
        assert services.anonymise_old_inquiries(older_than_days=365) == 1
        old.refresh_from_db()
        assert (old.company, old.company_name, old.cvr) == (company, company.name, company.cvr)
        assert (old.contact_name, old.subject, old.message) == ("", "", "")

    def test_answered_and_abandoned_inquiries_go_too(self, consultant, job_centre):
        """Counted from the last activity: the closing, else the first response, else the
        arrival; an inquiry someone is working on waits."""
        answered_long_ago = InquiryFactory(
            routed_to=job_centre,
            received_at=self._ago(500),
            status=InquiryStatus.ANSWERED,
            first_response_at=self._ago(400),
        )
        answered_lately = InquiryFactory(
            routed_to=job_centre,
            received_at=self._ago(500),
            status=InquiryStatus.ANSWERED,
            first_response_at=self._ago(100),
        )
        abandoned = InquiryFactory(routed_to=job_centre, received_at=self._ago(400))
        in_progress = InquiryFactory(
            routed_to=job_centre,
            received_at=self._ago(400),
            status=InquiryStatus.IN_PROGRESS,
            assigned_to=consultant,
        )
        # Received long ago, but closed only lately.
        closed_lately = self._closed(consultant, job_centre, 10)
        Inquiry.objects.filter(pk=closed_lately.pk).update(received_at=self._ago(500))
        assert services.anonymise_old_inquiries(older_than_days=365) == 2
        anonymised = set(
            Inquiry.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
        )
        assert anonymised == {answered_long_ago.pk, abandoned.pk}
        assert {answered_lately.pk, in_progress.pk, closed_lately.pk}.isdisjoint(anonymised)

    def test_the_setting_and_the_command(self, consultant, job_centre, settings):
        old = self._closed(consultant, job_centre, 40)
        settings.JOBBRO_INQUIRY_RETENTION_DAYS = 30
        out = io.StringIO()
        call_command("anonymise_inquiries", stdout=out)
        assert out.getvalue().startswith("1 ")
        old.refresh_from_db()
        assert old.anonymised_at is not None
