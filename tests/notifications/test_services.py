import datetime as dt
import errno
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobbro.core.reminders import notify_due_company_follow_ups, notify_due_follow_ups
from jobbro.joborders.models import FollowUp
from jobbro.notifications.models import Notification, NotificationKind
from jobbro.notifications.services import (
    MAX_ATTEMPTS,
    RETRY_FOR,
    STALE_AFTER,
    mail_address,
    notify,
    retry_failed,
    settings_update,
)
from jobbro.notifications.tasks import is_temporary, send_notification
from jobbro.organisations.models import Role, User
from tests.factories import InteractionFactory, staff

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _notify(users: list[User], key: str = "") -> int:
    return notify(
        kind=NotificationKind.FOLLOW_UP_DUE,
        users=users,
        template="core/mail/follow_up_due",
        context={
            "step": "week",
            "due_on": "2026-11-23",
            "company": "Byg A/S",
            "job_title": "Tømrer",
        },
        link="/job-orders/follow-ups/1/",
        key=key,
    )


def test_a_mail_is_written_in_the_users_language_with_an_absolute_link(onboarding: User) -> None:
    settings_update(user=onboarding, language="en", kinds=[NotificationKind.FOLLOW_UP_DUE])

    assert _notify([onboarding]) == 1

    [message] = mail.outbox
    assert message.to == ["indslusning@jobcenter.example"]
    assert message.subject == "Follow-up due: Tømrer at Byg A/S"
    assert "http://127.0.0.1:8000/job-orders/follow-ups/1/" in message.body
    assert "23/11/2026" in message.body
    notification = Notification.objects.get()
    assert notification.sent_at is not None
    assert notification.subject == message.subject


def test_danish_is_the_default(onboarding: User) -> None:
    _notify([onboarding])

    assert mail.outbox[0].subject == "Opfølgning forfalder: Tømrer hos Byg A/S"
    assert "23.11.2026" in mail.outbox[0].body


def test_a_user_who_turned_the_kind_off_gets_nothing(onboarding: User) -> None:
    settings_update(user=onboarding, language="da", kinds=[NotificationKind.NEW_REQUEST])

    assert _notify([onboarding]) == 0
    assert mail.outbox == []


def test_users_without_an_address_or_inactive_are_skipped(onboarding: User) -> None:
    no_address = staff(Role.ONBOARDING_CONSULTANT, email="")
    gone = staff(Role.ONBOARDING_CONSULTANT, email="gone@jobcenter.example", is_active=False)

    assert _notify([onboarding, no_address, gone, onboarding]) == 1
    assert [m.to for m in mail.outbox] == [["indslusning@jobcenter.example"]]


def test_a_key_sends_once_per_user(onboarding: User) -> None:
    other = staff(Role.ONBOARDING_CONSULTANT, email="other@jobcenter.example")

    assert _notify([onboarding], key="follow_up:1:due") == 1
    assert _notify([onboarding, other], key="follow_up:1:due") == 1
    assert len(mail.outbox) == 2


def test_mail_to_an_address_outside_the_service() -> None:
    queued = mail_address(
        kind=NotificationKind.SURVEY,
        to="kontakt@byg.example",
        template="core/mail/follow_up_due",
        context={"step": "month", "due_on": "2026-12-01", "company": "Byg", "job_title": "Kok"},
        link="/x/",
        language="en",
        key="survey:1",
    )

    assert queued
    assert mail.outbox[0].to == ["kontakt@byg.example"]
    assert "one month after a hire" in mail.outbox[0].body
    assert not mail_address(
        kind=NotificationKind.SURVEY,
        to="kontakt@byg.example",
        template="t",
        context={},
        link="/",
        key="survey:1",
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_a_rolled_back_write_queues_no_mail(onboarding: User) -> None:
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        _notify([onboarding])
        assert DBTaskResult.objects.count() == 1
        raise Abort

    assert DBTaskResult.objects.count() == 0
    assert Notification.objects.count() == 0
    assert mail.outbox == []


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9,  # discard: nothing listens, so the connection is refused
)
def test_a_refused_mail_is_recorded_and_tried_again(onboarding: User) -> None:
    _notify([onboarding])  # the worker records the task as failed; the web request goes on
    notification = Notification.objects.get()
    assert notification.sent_at is None
    assert notification.error

    since = timezone.now() - dt.timedelta(hours=1)
    assert retry_failed(since=since) == 0  # too fresh: its worker may still be at it
    later = timezone.now() + STALE_AFTER
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert retry_failed(since=since, now=later) == 1

    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.error == ""


def test_due_follow_ups_mail_their_onboarding_consultant_once(
    due_follow_up: FollowUp, onboarding: User
) -> None:
    assert notify_due_follow_ups() == 1
    assert notify_due_follow_ups() == 0

    [message] = mail.outbox
    assert message.to == [onboarding.email]
    assert f"/job-orders/follow-ups/{due_follow_up.pk}/" in message.body


def test_follow_ups_not_yet_due_or_done_send_nothing(due_follow_up: FollowUp) -> None:
    due_follow_up.due_on = timezone.localdate() + dt.timedelta(days=1)
    due_follow_up.save()

    assert notify_due_follow_ups() == 0


def test_without_an_onboarding_consultant_the_candidates_centre_hears(
    due_follow_up: FollowUp,
) -> None:
    placement = due_follow_up.placement
    placement.onboarding_consultant = None
    placement.save()
    centre = placement.referral.candidate.job_centre
    colleague = staff(Role.ONBOARDING_CONSULTANT, centre, email="kollega@jobcenter.example")
    staff(Role.JOB_CONSULTANT, centre, email="jobkonsulent@jobcenter.example")

    assert notify_due_follow_ups() == 1
    assert mail.outbox[0].to == [colleague.email]


def test_mail_text_is_not_html_escaped(onboarding: User) -> None:
    notify(
        kind=NotificationKind.FOLLOW_UP_DUE,
        users=[onboarding],
        template="core/mail/follow_up_due",
        context={
            "step": "week",
            "due_on": "2026-11-23",
            "company": "Hansen & Søn",
            "job_title": '"Kok"',
        },
        link="/x/",
    )

    assert mail.outbox[0].subject == 'Opfølgning forfalder: "Kok" hos Hansen & Søn'
    assert "Hansen & Søn" in mail.outbox[0].body


def test_a_task_run_twice_sends_once(onboarding: User) -> None:
    _notify([onboarding])
    send_notification.call(Notification.objects.get().pk)

    assert len(mail.outbox) == 1


def test_a_mail_that_cannot_be_sent_is_given_up() -> None:
    # A permanent failure: the mail's template does not render, however often it is tried.
    mail_address(
        kind=NotificationKind.SURVEY,
        to="lone@byg.dk",
        template="core/mail/gone",
        context={},
        link="/",
    )
    since, later = timezone.now() - dt.timedelta(hours=1), timezone.now() + STALE_AFTER
    for _attempt in range(MAX_ATTEMPTS - 1):
        assert retry_failed(since=since, now=later) == 1

    notification = Notification.objects.get()
    assert notification.attempts == MAX_ATTEMPTS
    assert notification.error.startswith("TemplateDoesNotExist")
    assert retry_failed(since=since, now=later) == 0


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9,
)
def test_a_mail_server_that_is_down_for_hours_loses_no_mail(onboarding: User) -> None:
    # A temporary failure: tried again at every run of send_reminders, uncounted, for days.
    _notify([onboarding])
    since, later = timezone.now() - RETRY_FOR, timezone.now() + STALE_AFTER
    for _attempt in range(MAX_ATTEMPTS * 2):
        assert retry_failed(since=since, now=later) == 1

    notification = Notification.objects.get()
    assert (notification.attempts, notification.sent_at) == (0, None)
    assert notification.error.startswith("ConnectionRefusedError")
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert retry_failed(since=since, now=later) == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (smtplib.SMTPDataError(452, b"4.3.1 Insufficient system storage"), True),
        (smtplib.SMTPDataError(554, b"5.6.0 Message rejected"), False),
        (smtplib.SMTPRecipientsRefused({"a@b.dk": (452, b"4.3.1 Full")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.dk": (550, b"5.1.1 No such user")}), False),
        (smtplib.SMTPSenderRefused(421, b"4.7.0 Try later", "j@b.dk"), True),
        (smtplib.SMTPAuthenticationError(535, b"5.7.8 Bad credentials"), False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), True),
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), True),
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (TemplateDoesNotExist("core/mail/gone.txt"), False),
    ],
)
def test_temporary_failures_are_told_from_permanent_ones(error: Exception, temporary: bool) -> None:
    assert is_temporary(error) is temporary


def test_a_mail_whose_worker_died_is_sent_later(onboarding: User) -> None:
    with override_settings(TASKS=DATABASE_TASKS):  # queued; no worker runs it
        _notify([onboarding])
    assert Notification.objects.get().error == ""

    assert (
        retry_failed(since=timezone.now() - dt.timedelta(hours=1), now=timezone.now() + STALE_AFTER)
        == 1
    )
    assert Notification.objects.get().sent_at is not None


def test_company_follow_ups_mail_the_consultant_on_each_date_set(onboarding: User) -> None:
    consultant = staff(Role.BUSINESS_CONSULTANT, email="bc@jobcenter.example")
    today = timezone.localdate()
    interaction = InteractionFactory(
        consultant=consultant, company__name="Byg & Co", follow_up_on=today
    )
    InteractionFactory(consultant=consultant, follow_up_on=today + dt.timedelta(days=1))
    InteractionFactory(consultant=consultant, follow_up_on=today - dt.timedelta(days=30))

    assert notify_due_company_follow_ups() == 1
    assert notify_due_company_follow_ups() == 0
    assert mail.outbox[0].subject == "Følg op hos Byg & Co"
    assert "/companies/agenda/" in mail.outbox[0].body

    interaction.follow_up_on = today + dt.timedelta(days=2)  # rescheduled
    interaction.save()
    # Two days on: the rescheduled one again, and the one that was due tomorrow.
    assert notify_due_company_follow_ups(today=today + dt.timedelta(days=2)) == 2


def test_send_reminders_runs_every_periodic_mail(due_follow_up: FollowUp) -> None:
    out = StringIO()
    call_command("send_reminders", stdout=out)

    report = out.getvalue()
    assert "follow-ups after hiring due: 1 mails queued" in report
    for job in ("companies", "overdue inquiries", "unanswered requests", "tried again"):
        assert job in report
    assert len(mail.outbox) == 1
