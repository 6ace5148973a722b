"""The dashboard's choice of period and job centre."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import JobCentre
from jobbro.ui import dkfds

from .periods import Period, PeriodKind, custom, of_kind
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
DIMENSION_LABELS = {
    Dimension.JOB_CENTRE: _("Job centre"),
    Dimension.INDUSTRY: _("Industry"),
    Dimension.OCCUPATION: _("Occupation"),
    Dimension.PROJECT: _("Project"),
    Dimension.TARGET_GROUP: _("Target group"),
}


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Period"), choices=list(KIND_LABELS.items()), initial=PeriodKind.QUARTER
    )
    day = forms.DateField(
        label=_("A day in the period"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Week, month, quarter or year: the one holding this day (today if empty)."),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To (included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    job_centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        empty_label=_("All job centres"),
    )
    figure = forms.ChoiceField(
        label=_("Split this key figure"),
        choices=[(key, kpi.label) for key, kpi in KPIS.items()],
        initial="hires",
        required=False,
    )
    split = forms.ChoiceField(
        label=_("Split by"),
        choices=[("", _("Do not split")), *DIMENSION_LABELS.items()],
        required=False,
    )

    def __init__(self, *args: Any, job_centres: QuerySet[JobCentre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_centre"].queryset = job_centres  # type: ignore[attr-defined]
        dkfds(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
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
