"""Forms of the CV requests; they validate input, the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import NOTE_MAX_LENGTH


class RequestForm(forms.Form):
    token = forms.CharField(max_length=500, widget=forms.HiddenInput)
    job_order = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    rank = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH)


ANSWER_CHOICES = [
    ("shared", _("The candidate consents: share the CV")),
    ("declined", _("Declined")),
]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("The candidate's answer"), choices=ANSWER_CHOICES, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
