"""Forms of the requests between job centres; they validate input, the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.organisations.models import JobCentre

from .services import MESSAGE_MAX_LENGTH


class CentreChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class RequestSendForm(forms.Form):
    job_centres = CentreChoiceField(
        label=_("Job centres to ask"),
        queryset=JobCentre.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to ask every other job centre of the cooperation."),
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-input"}),
        help_text=_("What you need and why your own job centre cannot fill it."),
        error_messages={"required": _("Write a message to the job centres.")},
    )

    def __init__(self, *args: Any, others: QuerySet[JobCentre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["job_centres"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = others


class RequestAnswerForm(forms.Form):
    """Offer ticked candidates (`answer=offer`) or answer that there is none."""

    answer = forms.ChoiceField(choices=[("offer", "offer"), ("none", "none")])
    candidates = forms.ModelMultipleChoiceField(
        queryset=Candidate.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Offer only your own job centre's candidates.")},
    )
    note = forms.CharField(
        label=_("Note to the asking job centre (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
    )

    def __init__(self, *args: Any, own: QuerySet[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidates"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = own

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("answer") == "offer" and not cleaned.get("candidates"):
            self.add_error("candidates", _("Tick the candidates to offer."))
        if cleaned.get("answer") == "none":
            cleaned["candidates"] = []
        return cleaned
