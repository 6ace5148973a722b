"""The shortage page's choice of span."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobbro.ui import dkfds

MONTHS = (3, 6, 12, 24)
DEFAULT_MONTHS = 12


class SpanForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Job orders received in"),
        choices=[(m, str(m)) for m in MONTHS],  # labelled in the request's language below
        coerce=int,
        required=False,
        initial=DEFAULT_MONTHS,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of the spans in the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = self.fields["months"]
        assert isinstance(months, forms.TypedChoiceField)
        months.choices = [
            (m, ngettext("the last month", "the last %(count)d months", m) % {"count": m})
            for m in MONTHS
        ]
        dkfds(self)

    def chosen_months(self) -> int:
        if self.is_bound and self.is_valid() and self.cleaned_data["months"]:
            return int(self.cleaned_data["months"])
        return DEFAULT_MONTHS
