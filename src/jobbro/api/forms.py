from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import JobCentre, User

from . import selectors
from .models import Scope


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the system"),
        max_length=120,
        help_text=_("Which system uses the token, e.g. the job centre's case system."),
    )
    job_centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=JobCentre.objects.none(),
        help_text=_("The client reads and writes as this job centre's staff do."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, initial=Scope.READ)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["job_centre"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.job_centres_for_clients(user)
