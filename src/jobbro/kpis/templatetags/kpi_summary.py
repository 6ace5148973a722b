"""When the dashboard's summary (kpis.summary) was last brought up to date."""

from __future__ import annotations

import datetime as dt

from django import template

from jobbro.kpis.summary import refreshed_at
from jobbro.organisations.models import Cooperation

register = template.Library()


@register.simple_tag
def summary_refreshed(cooperation: Cooperation) -> dt.datetime | None:
    return refreshed_at(cooperation)
