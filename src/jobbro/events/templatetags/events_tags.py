"""The start page's block: the next recruitment events of the user's cooperation."""

from __future__ import annotations

from django import template
from django.utils import timezone

from jobbro.organisations import access
from jobbro.organisations.access import user_roles
from jobbro.organisations.models import User

from ..selectors import events_visible_to

register = template.Library()
SHOWN = 3


@register.inclusion_tag("events/_start_block.html")
def events_block(user: User) -> dict[str, object]:
    # Only for the roles the event pages admit: the others would follow links to a 403.
    if not user_roles(user) & set(access.COMPANY_READERS):
        return {"events": []}
    upcoming = (
        events_visible_to(user).filter(ends_at__gte=timezone.now()).select_related("job_centre")
    )
    return {"events": list(upcoming.order_by("starts_at", "pk")[:SHOWN])}
