"""The start page's CV-request block: a count, no names."""

from __future__ import annotations

from django import template

from jobbro.organisations import access
from jobbro.organisations.access import user_roles
from jobbro.organisations.models import User

from ..selectors import open_incoming_count

register = template.Library()


@register.inclusion_tag("sharing/_start_block.html")
def sharing_requests_block(user: User) -> dict[str, object]:
    may_answer = bool(user_roles(user) & set(access.CANDIDATE_EDITORS))
    return {"count": open_incoming_count(user) if may_answer else 0}
