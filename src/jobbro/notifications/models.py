"""Mail to staff and companies: what each user wants to hear about, and every mail sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    NEW_REQUEST = (
        "new_request",
        _("new requests for candidates or CVs from other job centres, and reminders"),
    )
    REQUEST_ANSWER = "request_answer", _("answers to requests for candidates or CVs I sent")
    OVERDUE_INQUIRY = "overdue_inquiry", _("inquiries on the shared line past the target")
    FOLLOW_UP_DUE = "follow_up_due", _("follow-ups after hiring that are due")
    SURVEY = "survey", _("satisfaction survey to a company")
    EVENT_INVITATION = "event_invitation", _("invitation of a company to a recruitment event")
    POOL_JOB_ORDER = "pool_job_order", _("new job orders in the field of my job centre's pools")


# The kinds a staff user can turn off; surveys and invitations go to companies, not users.
USER_KINDS = (
    NotificationKind.NEW_REQUEST,
    NotificationKind.REQUEST_ANSWER,
    NotificationKind.OVERDUE_INQUIRY,
    NotificationKind.FOLLOW_UP_DUE,
    NotificationKind.POOL_JOB_ORDER,
)


class NotificationSettings(models.Model):
    """A user's choices; a user without a row gets every kind in the default language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    language = models.CharField(
        _("language of mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    new_request = models.BooleanField(NotificationKind.NEW_REQUEST.label, default=True)
    request_answer = models.BooleanField(NotificationKind.REQUEST_ANSWER.label, default=True)
    overdue_inquiry = models.BooleanField(NotificationKind.OVERDUE_INQUIRY.label, default=True)
    follow_up_due = models.BooleanField(NotificationKind.FOLLOW_UP_DUE.label, default=True)
    pool_job_order = models.BooleanField(NotificationKind.POOL_JOB_ORDER.label, default=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind, True))


class Notification(models.Model):
    """One mail: written in the sender's transaction, sent by the background worker."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    address = models.EmailField(_("to"))
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    # At most one mail per recipient and key, so a periodic job may run as often as it likes.
    key = models.CharField(_("key"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    template = models.CharField(_("template"), max_length=100)
    context = models.JSONField(_("context"), default=dict)
    link = models.CharField(_("link"), max_length=300, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=Q(user__isnull=False) & ~Q(key=""),
                name="notification_once_per_user_and_key",
            ),
            models.UniqueConstraint(
                fields=["address", "key"],
                condition=Q(user__isnull=True) & ~Q(key=""),
                name="notification_once_per_address_and_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.address}"
