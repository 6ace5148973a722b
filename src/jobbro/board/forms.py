"""The board's choice of week and job centre."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.kpis.periods import Period, week
from jobbro.organisations.models import JobCentre
from jobbro.ui import dkfds

# The value of <input type="week">, which browsers without a week picker take typed.
WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{1,2})$")
# How far back a board goes: ten years (the figures kept for a board meeting's look back).
YEARS_BACK = 10


def earliest_week(today: dt.date | None = None) -> Period:
    """The first week the board shows: the one holding this day ten years ago."""
    today = today or timezone.localdate()
    try:
        day = today.replace(year=today.year - YEARS_BACK)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - YEARS_BACK, day=28)
    return week(day)


def week_value(period: Period) -> str:
    year, number, _day = period.start.isocalendar()
    return f"{year}-W{number:02d}"


class WeekInput(forms.TextInput):
    input_type = "week"


class BoardForm(forms.Form):
    week = forms.CharField(
        label=_("Week"),
        required=False,
        widget=WeekInput(attrs={"placeholder": "2026-W49"}),
        help_text=_("Year and week number, e.g. 2026-W49. Empty: this week."),
    )
    job_centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        empty_label=_("All job centres"),
        error_messages={
            "invalid_choice": _("Unknown job centre: choose one of the cooperation's job centres.")
        },
    )

    def __init__(self, *args: Any, job_centres: QuerySet[JobCentre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_centre"].queryset = job_centres  # type: ignore[attr-defined]
        # The picker offers only the weeks the board shows.
        self.fields["week"].widget.attrs.update(
            min=week_value(earliest_week()), max=week_value(week(timezone.localdate()))
        )
        dkfds(self)

    def clean_week(self) -> Period | None:
        value = (self.cleaned_data.get("week") or "").strip().upper()
        if not value:
            return None
        match = WEEK_VALUE.match(value)
        if match is None:
            raise ValidationError(_("Write the week as year and week number, e.g. 2026-W49."))
        try:
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise ValidationError(_("That year has no such week.")) from None
        if monday > timezone.localdate():
            raise ValidationError(_("Choose this week or an earlier one."))
        earliest = earliest_week()
        if monday < earliest.start:
            raise ValidationError(
                _("Choose a week at most ten years back: %(week)s or later."),
                params={"week": week_value(earliest)},
            )
        return week(monday)

    def period(self) -> Period:
        """The chosen week (call after is_valid); unbound or empty: this week."""
        chosen = self.cleaned_data.get("week") if self.is_bound else None
        return chosen or week(timezone.localdate())

    def chosen_centre(self) -> JobCentre | None:
        return self.cleaned_data.get("job_centre") if self.is_bound else None
