"""The dashboard's choice of period and job centre."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from jobbro.organisations.models import JobCentre
from jobbro.ui import dkfds

from .periods import Period, PeriodKind, check_day, custom, of_kind
from .selectors import KPIS
from .sources import Dimension

KIND_LABELS = {
    PeriodKind.WEEK: _("Week"),
    PeriodKind.MONTH: _("Month"),
    PeriodKind.QUARTER: _("Quarter"),
    PeriodKind.YEAR: _("Year"),
    PeriodKind.CUSTOM: _("From and to a date"),
}
LONGEST_DAYS = 5 * 366
# What an empty or missing choice means, put in the form's data so that the boxes shown say
# what the page counts (a select without its value would show its first choice instead).
DEFAULTS = {"kind": PeriodKind.QUARTER.value, "figure": "hires"}
DIMENSION_LABELS = {
    Dimension.JOB_CENTRE: _("Job centre"),
    Dimension.INDUSTRY: _("Industry"),
    Dimension.OCCUPATION: _("Occupation"),
    Dimension.PROJECT: _("Project"),
    Dimension.TARGET_GROUP: _("Target group"),
}


def _date_field(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={"invalid": _("Not a date: write it as year-month-day, e.g. 2027-03-31.")},
    )


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Period"),
        choices=list(KIND_LABELS.items()),
        initial=PeriodKind.QUARTER,
        required=False,
        error_messages={
            "invalid_choice": _("Unknown period: choose week, month, quarter, year or two days.")
        },
    )
    day = _date_field(
        _("A day in the period"),
        _("Week, month, quarter or year: the one holding this day (today if empty)."),
    )
    start = _date_field(_("From"))
    end = _date_field(_("To (included)"))
    job_centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        empty_label=_("All job centres"),
        error_messages={
            "invalid_choice": _("Unknown job centre: choose one of the cooperation's job centres.")
        },
    )
    figure = forms.ChoiceField(
        label=_("Split this key figure"),
        choices=[(key, kpi.label) for key, kpi in KPIS.items()],
        initial="hires",
        required=False,
        error_messages={"invalid_choice": _("Unknown key figure: choose one from the list.")},
    )
    split = forms.ChoiceField(
        label=_("Split by"),
        choices=[("", _("Do not split")), *DIMENSION_LABELS.items()],
        required=False,
        error_messages={"invalid_choice": _("Unknown split: choose one from the list.")},
    )

    def __init__(
        self,
        data: QueryDict | dict[str, Any] | None = None,
        *args: Any,
        job_centres: QuerySet[JobCentre],
        **kwargs: Any,
    ) -> None:
        if data is not None:
            data = data.copy()
            for name, default in DEFAULTS.items():
                if not data.get(name):
                    data[name] = default
        super().__init__(data, *args, **kwargs)
        self.fields["job_centre"].queryset = job_centres  # type: ignore[attr-defined]
        dkfds(self)

    def _day_within_bounds(self, name: str) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get(name)
        if day is not None:
            check_day(day)  # the bound shared with the targets (periods.FIRST_DAY)
        return day

    def clean_day(self) -> dt.date | None:
        return self._day_within_bounds("day")

    def clean_start(self) -> dt.date | None:
        return self._day_within_bounds("start")

    def clean_end(self) -> dt.date | None:
        return self._day_within_bounds("end")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data  # a bad day or choice is said at its field
        if data.get("kind") == PeriodKind.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise ValidationError(_("Give the first and the last day of the period."))
            if end < start:
                raise ValidationError(_("The period ends before it starts."))
            if (end - start).days >= LONGEST_DAYS:
                raise ValidationError(_("Choose a period of at most five years."))
        return data

    def period(self, today: dt.date | None = None) -> Period:
        """The chosen period (call after is_valid); unbound: this quarter so far."""
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_bound else {}
        kind = PeriodKind(data.get("kind") or PeriodKind.QUARTER)
        if kind is PeriodKind.CUSTOM:
            return custom(data["start"], data["end"])
        return of_kind(kind, data.get("day") or today)
