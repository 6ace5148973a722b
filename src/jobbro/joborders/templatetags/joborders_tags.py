"""Small template helpers for the job order pages."""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def candidate_url(candidate_pk: int) -> str:
    """The candidate's page."""
    return reverse("candidates:detail", args=[candidate_pk])


@register.filter
def person(user: object) -> str:
    """A user's full name, else their username; a dash for nobody."""
    if user is None:
        return "–"
    full_name = getattr(user, "get_full_name", lambda: "")()
    return str(full_name or getattr(user, "username", "–"))
