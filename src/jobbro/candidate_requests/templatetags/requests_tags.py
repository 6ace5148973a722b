"""The start page's block of requests between job centres: what awaits an answer from my
job centre, and my open requests that have answers. No candidate names."""

from __future__ import annotations

from django import template

from jobbro.organisations import access
from jobbro.organisations.access import user_roles
from jobbro.organisations.models import User

from ..selectors import awaiting_answer, sent_with_answers

register = template.Library()

ROWS = 5


@register.inclusion_tag("candidate_requests/_start_block.html")
def requests_block(user: User) -> dict[str, object]:
    if not user_roles(user) & set(access.REFERRERS):
        return {"show": False}
    awaiting = awaiting_answer(user)
    answered = sent_with_answers(user)
    return {
        "show": True,
        "awaiting": list(awaiting[:ROWS]),
        "awaiting_count": awaiting.count(),
        "answered": list(answered[:ROWS]),
    }
