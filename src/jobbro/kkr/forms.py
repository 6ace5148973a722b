"""The forms of the KKR progress scheme: a recommendation, a municipality's year, the year
to show."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.ui import VersionedModelForm, dkfds

from .models import REMARK_MAX_LENGTH, Assessment, Obligation, Recommendation, Status
from .services import Entry, entry_errors, field_name


class RecommendationForm(VersionedModelForm):
    class Meta:
        model = Recommendation
        fields = ["number", "area", "text", "obligation", "order", "first_year", "last_year"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "obligation": forms.RadioSelect,
        }
        help_texts = {
            "number": _("As in the board's scheme, e.g. 1.2."),
            "area": _("The heading the recommendation stands under, e.g. Company services."),
            "order": _("Where the recommendation stands in the scheme; lower numbers first."),
            "last_year": _("Leave empty while the recommendation is in force."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        obligation = self.fields["obligation"]
        assert isinstance(obligation, forms.ChoiceField)
        obligation.choices = Obligation.choices  # no blank choice among the radios
        dkfds(self)

    def _post_clean(self) -> None:
        # The service validates the model (with its cooperation); the form checks fields only.
        pass


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("year"), coerce=int)

    def __init__(self, *args: Any, years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.ChoiceField)
        year.choices = [(y, str(y)) for y in years]
        dkfds(self)


STATUS_CHOICES = [("", _("not assessed")), *Status.choices]


class ReportForm(forms.Form):
    """A municipality's year: a colour, a remark and the version shown, per recommendation."""

    def __init__(
        self,
        *args: Any,
        rows: Sequence[tuple[Recommendation, Assessment | None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for rec, assessment in rows:
            status = field_name("status", rec)
            remark = field_name("remark", rec)
            version = field_name("version", rec)
            # Once reported, a row keeps a colour: "not assessed" is offered only before.
            choices = STATUS_CHOICES if assessment is None else Status.choices
            self.fields[status] = forms.ChoiceField(
                label=_("Status"), choices=choices, required=False, widget=forms.RadioSelect
            )
            self.fields[remark] = forms.CharField(
                label=_("Remark"),
                required=False,
                max_length=REMARK_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[version] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0, required=False
            )
            self.initial[status] = assessment.status if assessment else ""
            self.initial[remark] = assessment.remark if assessment else ""
            self.initial[version] = assessment.version if assessment else 0
        dkfds(self)

    def entries(self) -> list[Entry]:
        return [
            Entry(
                recommendation=rec,
                status=self.cleaned_data.get(field_name("status", rec)) or "",
                remark=self.cleaned_data.get(field_name("remark", rec)) or "",
                version=self.cleaned_data.get(field_name("version", rec)) or 0,
            )
            for rec, _assessment in self.rows
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for entry in self.entries():
            for name, message in entry_errors(entry).items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def row_fields(self) -> list[tuple[Recommendation, Assessment | None, Any, Any, Any]]:
        """Each row with its bound fields, for the template."""
        return [
            (
                rec,
                assessment,
                self[field_name("status", rec)],
                self[field_name("remark", rec)],
                self[field_name("version", rec)],
            )
            for rec, assessment in self.rows
        ]
