"""The start page's CV-request block: counts, no names."""

from __future__ import annotations

from django import template

from jobbro.organisations import access
from jobbro.organisations.access import user_roles
from jobbro.organisations.models import User

from ..selectors import open_incoming_count, recent_answers_count

register = template.Library()


@register.inclusion_tag("sharing/_start_block.html")
def sharing_requests_block(user: User) -> dict[str, object]:
    roles = user_roles(user)
    may_answer = bool(roles & set(access.CANDIDATE_EDITORS))
    may_ask = bool(roles & set(access.CANDIDATE_READERS))
    return {
        "count": open_incoming_count(user) if may_answer else 0,
        "answered": recent_answers_count(user) if may_ask else 0,
    }
