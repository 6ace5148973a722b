"""Forms of the screening checklists: answering one when proposing, editing them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import ScreeningItem, ScreeningValue
from .services import NOTE_MAX_LENGTH, ChecklistItem, ScreeningResponse


@dataclass(frozen=True)
class ScreeningRow:
    """One question as the propose form shows it, with what was entered."""

    item: ScreeningItem
    text: str
    name: str
    value: str
    note: str
    errors: list[str]


class ScreeningForm(forms.Form):
    """Every question of the job order's checklist: yes / no / not relevant, and a note."""

    def __init__(self, *args: Any, questions: Sequence[ScreeningItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for item in self.questions:
            self.fields[f"screening-{item.pk}"] = forms.ChoiceField(
                choices=ScreeningValue.choices,
                error_messages={
                    "required": _("Answer this question."),
                    "invalid_choice": _("Answer yes, no or not relevant."),
                },
            )
            self.fields[f"screening-{item.pk}-note"] = forms.CharField(
                required=False,
                max_length=NOTE_MAX_LENGTH,
                error_messages={
                    "max_length": _("Keep each screening note within %(max)s characters.")
                    % {"max": NOTE_MAX_LENGTH}
                },
            )

    def responses(self) -> dict[int, ScreeningResponse]:
        data = self.cleaned_data
        return {
            item.pk: ScreeningResponse(
                data[f"screening-{item.pk}"], data.get(f"screening-{item.pk}-note", "")
            )
            for item in self.questions
        }

    def rows(self) -> list[ScreeningRow]:
        language = get_language() or "da"
        rows = []
        for item in self.questions:
            name = f"screening-{item.pk}"
            errors = [*self[name].errors, *self[f"{name}-note"].errors]
            rows.append(
                ScreeningRow(
                    item=item,
                    text=item.text(language),
                    name=name,
                    value=str(self[name].value() or ""),
                    note=str(self[f"{name}-note"].value() or ""),
                    errors=[str(e) for e in errors],
                )
            )
        return rows

    def summary(self) -> str:
        """One message for the whole checklist, so the row shows why nothing was written:
        unanswered questions, else the fields' own errors (e.g. a note too long)."""
        missing = sum(1 for item in self.questions if f"screening-{item.pk}" in self.errors)
        if missing:
            return str(
                _("Answer every screening question before proposing (%(count)s missing).")
                % {"count": missing}
            )
        return " ".join(str(e) for errors in self.errors.values() for e in errors)


class ChecklistItemForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text_da = forms.CharField(label=_("Question in Danish"), max_length=300)
    text_en = forms.CharField(label=_("Question in English"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("text_da", "text_en"):
            self.fields[name].widget.attrs["class"] = "form-input"
            self.fields[name].error_messages["required"] = _("Give the question in both languages.")


class BaseChecklistFormSet(forms.BaseFormSet):
    def items(self) -> list[ChecklistItem]:
        """The questions to keep, in the order given; blank new rows and deleted ones go."""
        return [
            ChecklistItem(
                text_da=form.cleaned_data["text_da"],
                text_en=form.cleaned_data["text_en"],
                pk=form.cleaned_data.get("pk"),
            )
            for form in self.ordered_forms
        ]


ChecklistFormSet = forms.formset_factory(
    ChecklistItemForm,
    formset=BaseChecklistFormSet,
    extra=2,
    can_order=True,
    can_delete=True,
    max_num=40,
)


def checklist_initial(items: Sequence[ScreeningItem]) -> list[dict[str, Any]]:
    return [
        {"pk": item.pk, "text_da": item.text_da, "text_en": item.text_en, "ORDER": index}
        for index, item in enumerate(items, start=1)
    ]
