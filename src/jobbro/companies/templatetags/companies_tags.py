"""The start page's agenda block: the user's company follow-ups due today or overdue."""

from __future__ import annotations

from django import template
from django.utils import timezone

from jobbro.organisations import access
from jobbro.organisations.access import user_roles
from jobbro.organisations.models import User

from ..selectors import follow_ups_due

register = template.Library()
SHOWN = 5


@register.inclusion_tag("companies/_agenda_block.html")
def agenda_block(user: User) -> dict[str, object]:
    if not user_roles(user) & set(access.COMPANY_EDITORS):
        return {"items": [], "count": 0}
    due = follow_ups_due(user, days=0)
    items = list(due[: SHOWN + 1])
    return {
        "items": items[:SHOWN],
        "count": len(items) if len(items) <= SHOWN else due.count(),
        "today": timezone.localdate(),
    }
