"""Forms of the events pages; they validate input, the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import JobCentre

from .models import (
    MAX_PARTICIPANTS,
    PARTICIPANTS_MESSAGE,
    RECRUITING_FOR_MAX_LENGTH,
    CandidateStatus,
    CompanyStatus,
    Event,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


def _when(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=[DATETIME_FORMAT],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-input"}, format=DATETIME_FORMAT
        ),
        error_messages={
            "required": _("Give the date and time."),
            "invalid": _("Give the date and time, for example 2026-03-12 10:00."),
        },
    )


class EventForm(forms.Form):
    FIELDS = ("title", "job_centre", "starts_at", "ends_at", "location", "description")

    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-input"})
    )
    job_centre = forms.ModelChoiceField(
        label=_("Organising job centre"),
        queryset=JobCentre.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    starts_at = _when(_("Starts"))
    ends_at = _when(_("Ends"))
    location = forms.CharField(
        label=_("Where"),
        max_length=200,
        help_text=_("Address or venue."),
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 5}),
    )

    def __init__(
        self, *args: Any, job_centres: QuerySet[JobCentre], event: Event | None, **kwargs: Any
    ) -> None:
        if event is not None:
            kwargs["initial"] = model_to_dict(event, fields=self.FIELDS)
        super().__init__(*args, **kwargs)
        self.fields["job_centre"].queryset = job_centres  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event must not end before it starts."))
        return data


class AddForm(forms.Form):
    pk = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class CompanyOutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CompanyStatus.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    interviews = forms.IntegerField(
        label=_("Interviews held"),
        min_value=0,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
    )
    hires = forms.IntegerField(
        label=_("Hires"),
        min_value=0,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
    )


class CandidateOutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CandidateStatus.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    interviewed = forms.BooleanField(
        label=_("Interviewed"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )
    hired = forms.BooleanField(
        label=_("Hired"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )


class CompanyAnswerForm(forms.Form):
    """The company's answer to its invitation; how many and for what only when it comes."""

    coming = forms.TypedChoiceField(
        label=_("Are you coming?"),
        choices=[("yes", _("Yes, we are coming")), ("no", _("No, we cannot come"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Choose whether you are coming.")},
    )
    participants = forms.IntegerField(
        label=_("How many people are you bringing?"),
        required=False,
        min_value=1,
        max_value=MAX_PARTICIPANTS,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs"}),
        error_messages={
            "invalid": _("Give a whole number."),
            "min_value": PARTICIPANTS_MESSAGE,
            "max_value": PARTICIPANTS_MESSAGE,
        },
    )
    recruiting_for = forms.CharField(
        label=_("Which jobs are you recruiting for?"),
        help_text=_("For example: 2 truck drivers, 1 warehouse worker."),
        required=False,
        max_length=RECRUITING_FOR_MAX_LENGTH,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
    )

    def cleaned_answer(self) -> dict[str, Any]:
        data = self.cleaned_data
        if not data["coming"]:
            return {"coming": False}
        return {
            "coming": True,
            "participants": data["participants"],
            "recruiting_for": data["recruiting_for"],
        }
