"""Numbers on the results page, and the start page's reminder to send the round."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from jobbro.organisations.access import user_roles
from jobbro.organisations.models import Role, User
from jobbro.organisations.selectors import cooperation_of

from ..selectors import current_round

register = template.Library()


@register.filter
def trend(change: float | None) -> str:
    """ "▲ +0.3" / "▼ −0.2" / "=" in the user's number format; a dash with nothing to compare."""
    if change is None:
        return "–"
    rounded = round(change, 1)
    if rounded == 0:
        return _("= unchanged")
    arrow = "▲ +" if rounded > 0 else "▼ −"
    return f"{arrow}{number_format(abs(rounded), 1)}"


@register.filter
def trend_class(change: float | None) -> str:
    if change is None or round(change, 1) == 0:
        return ""
    return "jobbro-up" if change > 0 else "jobbro-down"


@register.inclusion_tag("surveys/_start_block.html")
def surveys_block(user: User) -> dict[str, object]:
    """For the secretariat: this quarter's companies that are still to be invited."""
    if Role.SECRETARIAT not in user_roles(user):
        return {"waiting": 0}
    cooperation = cooperation_of(user)
    if cooperation is None:
        return {"waiting": 0}
    overview = current_round(cooperation)
    return {"waiting": len(overview.waiting.ready), "quarter": overview.quarter}
