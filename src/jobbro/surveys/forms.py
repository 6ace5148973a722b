"""The company's answer form, the confirmation of a round and the results filter; the
services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from jobbro.organisations.models import JobCentre
from jobbro.taxonomy.forms import TaxonomyPicker
from jobbro.taxonomy.models import Occupation

from .models import BarometerRound
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


# --- the job barometer ------------------------------------------------------------------

BAROMETER_ROWS = 6  # occupations per answer
WHOLE_NUMBER = {
    "required": _("Write a number (0 if none)."),
    "invalid": _("Write a whole number, 0 or more."),
    "min_value": _("Write a whole number, 0 or more."),
    "max_value": _("Write a number below 100,000."),
}
HORIZONS = ("hires_3m", "hires_6m", "hires_12m")


def _count_field(label: StrOrPromise, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=99_999,
        required=required,
        error_messages=WHOLE_NUMBER,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs", "min": "0"}),
    )


class BarometerForm(forms.Form):
    small_jobs = _count_field(_("Small jobs"))
    apprentices = _count_field(_("Apprentices"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["small_jobs"].help_text = _(
            "How many small jobs (a few hours a week) do you expect to offer in the next 12 months?"
        )
        self.fields["apprentices"].help_text = _(
            "How many new apprentices do you expect to take on in the next 12 months?"
        )


class OutlookForm(forms.Form):
    """One occupation's row; an empty row is skipped, a half-filled one is refused.

    The occupation is a select of the cooperation's usual occupations, which works without
    script; with script the page puts the taxonomy's search picker in its place
    (`occupation_picker`, asking the link's own search), so any occupation can be named."""

    occupation = forms.ModelChoiceField(
        label=_("Occupation"),
        queryset=Occupation.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("Choose an occupation from the list.")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    hires_3m = _count_field(_("Within 3 months"), required=False)
    hires_6m = _count_field(_("Within 6 months"), required=False)
    hires_12m = _count_field(_("Within 12 months"), required=False)
    hard_to_fill = forms.BooleanField(
        label=pgettext_lazy("one occupation", "Hard to fill"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )

    def __init__(
        self,
        *args: Any,
        occupations: list[tuple[int, str]],
        search_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "–"), *occupations]
        chosen = self._chosen_pk()
        if chosen is not None and chosen not in {pk for pk, _label in occupations}:
            # Found with the search: the select keeps it too, should the page be reloaded
            # without script.
            found = Occupation.objects.filter(pk=chosen).first()
            if found is not None:
                choices.append((found.pk, found.label))
        self.fields["occupation"].widget.choices = choices
        self.search_url = search_url

    def _chosen_pk(self) -> int | None:
        raw = self.data.get(self.add_prefix("occupation")) if self.is_bound else None
        return int(raw) if isinstance(raw, str) and raw.isdigit() else None

    @property
    def occupation_picker(self) -> SafeString:
        """The search picker that replaces the select where script runs (see the class)."""
        if not self.search_url:
            return format_html("")
        picker = TaxonomyPicker(kind="occupations", multiple=False, suggest_url=self.search_url)
        bound = self["occupation"]
        return picker.render(bound.html_name, self._chosen_pk(), attrs={"id": bound.auto_id})

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return data.get("occupation") is None and not any(
            data.get(name) is not None for name in HORIZONS
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors or self.is_blank:
            return data
        if data.get("occupation") is None:
            raise forms.ValidationError(_("Choose the occupation the numbers are for."))
        for name in HORIZONS:
            if data.get(name) is None:
                self.add_error(name, _("Write a number (0 if none)."))
        if not self.errors:
            self._check_horizons(data)
        return data

    def _check_horizons(self, data: dict[str, Any]) -> None:
        """Each horizon counts from the day of the answer, so a longer one holds the hires of
        the shorter ones: the error is put on the number that is too small."""
        h3, h6, h12 = (data[name] for name in HORIZONS)
        if h6 < h3:
            self.add_error(
                "hires_6m",
                _(
                    "Write at least %(least)s: the hires within 6 months include those within "
                    "3 months, as both count from today."
                )
                % {"least": h3},
            )
        if h12 < max(h3, h6):
            self.add_error(
                "hires_12m",
                _(
                    "Write at least %(least)s: the hires within 12 months include those within "
                    "3 and 6 months, as all count from today."
                )
                % {"least": max(h3, h6)},
            )


class BaseOutlookFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        chosen = [
            form.cleaned_data["occupation"]
            for form in self.forms
            if form.cleaned_data and not form.is_blank
        ]
        if len(set(chosen)) != len(chosen):
            raise forms.ValidationError(_("Name each occupation once."))


OutlookFormSet = forms.formset_factory(
    OutlookForm, formset=BaseOutlookFormSet, extra=BAROMETER_ROWS, max_num=BAROMETER_ROWS
)


class BarometerSendForm(forms.Form):
    """Which companies get the barometer: all the cooperation's, or those of some centres."""

    job_centre = forms.ModelMultipleChoiceField(
        label=_("Only the companies of these job centres"),
        help_text=_("Choose none to invite every company of the cooperation."),
        queryset=JobCentre.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )

    def __init__(self, *args: Any, centres: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_centre"].queryset = centres  # type: ignore[attr-defined]


class BarometerFilter(forms.Form):
    barometer_round = forms.ModelChoiceField(
        label=_("Job barometer"),
        queryset=BarometerRound.objects.none(),
        required=False,
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    job_centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        empty_label=_("All job centres (joint barometer)"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, rounds: Any, centres: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["barometer_round"].queryset = rounds  # type: ignore[attr-defined]
        self.fields["job_centre"].queryset = centres  # type: ignore[attr-defined]
