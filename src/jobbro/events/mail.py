"""The event's invitation mail: what it says, and how it reads before a company is invited."""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import MailPreview, mail_preview

from .models import Event

TEMPLATE = "events/mail/invitation"
COMPANY_LANGUAGE = "da"  # the companies' language; the page itself offers English


def invitation_context(event: Event, company: str) -> dict[str, str]:
    with translation.override(COMPANY_LANGUAGE):
        when = formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
    return {
        "company": company,
        "event": event.title,
        "when": when,
        "where": event.location,
        "job_centre": event.job_centre.name,
    }


def invitation_preview(event: Event) -> MailPreview:
    """The mail an invited company gets, with stand-ins for its name and personal link."""
    with translation.override(COMPANY_LANGUAGE):
        company, link = _("[the company's name]"), _("[the company's personal link]")
    return mail_preview(
        kind=NotificationKind.EVENT_INVITATION,
        template=TEMPLATE,
        context=invitation_context(event, company),
        link=link,
        language=COMPANY_LANGUAGE,
    )
