"""The start page's shared-line block: open and overdue inquiries of the user's job centres."""

from __future__ import annotations

from django import template

from jobbro.organisations.access import user_roles
from jobbro.organisations.models import User

from ..roles import INTAKE_READERS
from ..selectors import StartCounts, start_counts

register = template.Library()


@register.inclusion_tag("intake/_start_block.html")
def intake_block(user: User) -> dict[str, object]:
    if not user_roles(user) & set(INTAKE_READERS):
        return {"counts": StartCounts(open=0, overdue=0)}
    return {"counts": start_counts(user)}
