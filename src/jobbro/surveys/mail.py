"""The survey's invitation mail: what it says, and how it reads before anything is sent."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import MailPreview, mail_preview
from jobbro.organisations.models import Cooperation

from .models import BarometerRound
from .quarters import Quarter

TEMPLATE = "surveys/mail/invitation"
BAROMETER_TEMPLATE = "surveys/mail/barometer"
COMPANY_LANGUAGE = "da"  # the companies' language; the answer page itself offers English


def invitation_context(
    *, company: str, cooperation: Cooperation, quarter: Quarter
) -> dict[str, Any]:
    return {
        "company": company,
        "cooperation": cooperation.name,
        "quarter": quarter.number,
        "year": quarter.year,
    }


def invitation_preview(*, company: str, cooperation: Cooperation, quarter: Quarter) -> MailPreview:
    """The mail as `company` would get it, with a stand-in for the personal link (made only
    when the invitation is)."""
    with translation.override(COMPANY_LANGUAGE):
        link = _("[the company's personal link]")
    return mail_preview(
        kind=NotificationKind.SURVEY,
        template=TEMPLATE,
        context=invitation_context(company=company, cooperation=cooperation, quarter=quarter),
        link=link,
        language=COMPANY_LANGUAGE,
    )


def barometer_context(*, company: str, barometer_round: BarometerRound) -> dict[str, Any]:
    with translation.override(COMPANY_LANGUAGE):
        title = str(barometer_round)
    return {
        "company": company,
        "cooperation": barometer_round.cooperation.name,
        "title": title,
    }


def barometer_preview(*, company: str, barometer_round: BarometerRound) -> MailPreview:
    """The barometer's mail as `company` would get it (see `invitation_preview`)."""
    with translation.override(COMPANY_LANGUAGE):
        link = _("[the company's personal link]")
    return mail_preview(
        kind=NotificationKind.SURVEY,
        template=BAROMETER_TEMPLATE,
        context=barometer_context(company=company, barometer_round=barometer_round),
        link=link,
        language=COMPANY_LANGUAGE,
    )
