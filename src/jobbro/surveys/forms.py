"""The company's answer form, the confirmation of a round and the results filter; the
services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from jobbro.organisations.models import JobCentre

from .quarters import Quarter
from .selectors import Shown
from .services import COMMENT_MAX_LENGTH

SCALE = [
    (1, _("1 – very dissatisfied")),
    (2, _("2 – dissatisfied")),
    (3, _("3 – neither satisfied nor dissatisfied")),
    (4, _("4 – satisfied")),
    (5, _("5 – very satisfied")),
]
# The questions' short names, for the results (models.QUESTIONS order).
QUESTION_LABELS = {
    "response_time": _("response time"),
    "communication": _("communication"),
    "guidance": _("guidance"),
    "understanding": _("understanding of needs"),
    "overall": _("overall cooperation"),
}
# What the company is asked, per question (models.QUESTIONS).
QUESTION_TEXTS = {
    "response_time": _("How satisfied are you with how quickly we responded to you?"),
    "communication": _("How satisfied are you with our communication?"),
    "guidance": _("How satisfied are you with the guidance we gave you?"),
    "understanding": _("How satisfied are you with our understanding of your needs?"),
    "overall": _("How satisfied are you with the cooperation overall?"),
}


def _scale_field(label: StrOrPromise) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={
            "required": _("Choose an answer from 1 to 5."),
            "invalid_choice": _("Choose an answer from 1 to 5."),
        },
    )


class AnswerForm(forms.Form):
    response_time = _scale_field(QUESTION_TEXTS["response_time"])
    communication = _scale_field(QUESTION_TEXTS["communication"])
    guidance = _scale_field(QUESTION_TEXTS["guidance"])
    understanding = _scale_field(QUESTION_TEXTS["understanding"])
    overall = _scale_field(QUESTION_TEXTS["overall"])
    comment = forms.CharField(
        label=_("Anything you would like to tell us?"),
        help_text=_("For example what we did well, or what we could do better."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 5}),
        error_messages={
            "max_length": _(
                "Keep the comment within %(limit_value)d characters (it has %(show_value)d)."
            )
        },
    )


class ResultsFilter(forms.Form):
    job_centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        empty_label=_("All job centres"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    quarter = forms.ChoiceField(
        label=_("Quarter"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, centres: Any, quarters: list[Quarter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_centre"].queryset = centres  # type: ignore[attr-defined]
        self.fields["quarter"].choices = [("", _("All quarters"))] + [  # type: ignore[attr-defined]
            (quarter.key, str(quarter)) for quarter in quarters
        ]

    def chosen_quarter(self) -> Quarter | None:
        return Quarter.from_key(self.cleaned_data.get("quarter") or "")


class SendConfirmForm(forms.Form):
    """The confirmation of the round: it carries the companies and addresses the user saw,
    one hidden `recipient` value each ("<company id>:<address>")."""

    recipient = forms.Field(required=False, widget=forms.MultipleHiddenInput)

    def clean_recipient(self) -> Shown:
        pairs = set()
        for value in self.cleaned_data["recipient"] or []:
            pk, _sep, email = str(value).partition(":")
            if not pk.isdigit() or not email:
                raise forms.ValidationError(_("The confirmation is incomplete. Look again."))
            pairs.add((int(pk), email))
        return frozenset(pairs)


def recipient_values(shown: Shown) -> list[str]:
    """The hidden values of `SendConfirmForm`, in a stable order."""
    return [f"{pk}:{email}" for pk, email in sorted(shown)]
