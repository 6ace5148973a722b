"""Forms of the privacy pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jobbro.accesslog.models import Purpose
from jobbro.candidates.validators import validate_cpr
from jobbro.organisations.models import JobCentre
from jobbro.ui import dkfds


class CandidateNameSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})


class CprSearchForm(forms.Form):
    """Sent by POST only: a CPR number never goes into an address."""

    cpr = forms.CharField(
        label=_("CPR number"),
        max_length=11,
        help_text=_("Ten digits, with or without the dash."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)
        self.fields["cpr"].widget.attrs.update(
            {"autocomplete": "off", "inputmode": "numeric", "class": "form-input input-width-s"}
        )

    def clean_cpr(self) -> str:
        value = self.cleaned_data["cpr"].replace("-", "").strip()
        validate_cpr(value)
        return value


class LogFilterForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)
    job_centre = forms.ModelChoiceField(
        label=_("Reader's job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        empty_label=_("All job centres"),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, job_centres: QuerySet[JobCentre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        purpose = self.fields["purpose"]
        assert isinstance(purpose, forms.ChoiceField)
        purpose.choices = [("", _("All purposes")), *Purpose.choices]
        centre = self.fields["job_centre"]
        assert isinstance(centre, forms.ModelChoiceField)
        centre.queryset = job_centres
        dkfds(self)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class ErasureForm(forms.Form):
    note = forms.CharField(
        label=_("Why (the citizen's request, case number)"),
        help_text=_("Write the case number, not the citizen's name or CPR number."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )
    confirm = forms.BooleanField(
        label=_("I understand that the personal data is removed for good."), required=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["class"] = "form-input"
        self.fields["confirm"].widget.attrs["class"] = "form-checkbox"
