from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from jobbro.organisations import access
from jobbro.organisations.access import user_roles
from jobbro.privacy.selectors import DPO_ROLES


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu: only the sections the user's roles open."""
    roles = user_roles(request.user)
    sections = [
        ("companies:list", _("Companies"), access.COMPANY_READERS),
        ("joborders:list", _("Job orders"), access.JOB_ORDER_READERS),
        ("candidates:list", _("Candidates"), access.CANDIDATE_READERS),
        ("searches:search", _("Search candidates"), access.CANDIDATE_READERS),
        ("joborders:follow_ups", _("Follow-ups"), access.FOLLOW_UP_RECORDERS),
        ("privacy:log", _("Access log"), DPO_ROLES),
    ]
    entries = [(reverse(name), label) for name, label, allowed in sections if roles & set(allowed)]
    # /job-orders/follow-ups/ lies under /job-orders/: only the most specific entry is active.
    active = max(
        (url for url, _label in entries if request.path.startswith(url)), key=len, default=""
    )
    return {
        "main_menu": [
            {"url": url, "label": label, "active": url == active} for url, label in entries
        ]
    }
