from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import JobCentre, User
from jobbro.taxonomy.forms import TaxonomyPicker
from jobbro.taxonomy.models import Occupation
from jobbro.ui import dkfds

from .models import ImportKind
from .selectors import import_choices

MAX_BYTES = 50 * 2**20


class UploadForm(forms.Form):
    job_centre = forms.ModelChoiceField(label=_("job centre"), queryset=JobCentre.objects.none())
    kind = forms.ChoiceField(label=_("what the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("file"),
        help_text=_("CSV or Excel (.xlsx) as the case system exports it; see the columns below."),
    )
    mark_missing = forms.BooleanField(
        label=_(
            "mark the job centre's imported candidates not in the file as no longer registered"
        ),
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = import_choices(user)
        centres = [centre.pk for centre, _kinds in self.choices]
        centre_field = cast(forms.ModelChoiceField, self.fields["job_centre"])
        centre_field.queryset = JobCentre.objects.filter(pk__in=centres)
        if len(centres) == 1:
            self.fields["job_centre"].initial = centres[0]
        kinds = {kind for _centre, found in self.choices for kind in found}
        kind_field = cast(forms.ChoiceField, self.fields["kind"])
        kind_field.choices = [c for c in ImportKind.choices if c[0] in kinds]
        dkfds(self)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."), code="too_large")
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(
                _("Choose a CSV or Excel (.xlsx) file."), code="not_csv_or_xlsx"
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        centre, kind = cleaned.get("job_centre"), cleaned.get("kind")
        if centre is not None and kind:
            allowed = dict((c.pk, kinds) for c, kinds in self.choices).get(centre.pk, [])
            if kind not in allowed:
                self.add_error("kind", _("You cannot import this kind at that job centre."))
        return cleaned


class ResolveForm(forms.Form):
    occupation = forms.ModelChoiceField(
        label=_("occupation"),
        queryset=Occupation.objects.all(),
        help_text=_("Type part of the job title and choose from the suggestions."),
        widget=TaxonomyPicker(kind="occupations", multiple=False),
        error_messages={
            "required": _("Choose an occupation from the suggestions."),
            "invalid_choice": _("Choose an occupation from the suggestions."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)
