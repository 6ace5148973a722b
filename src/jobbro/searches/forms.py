"""The free search form and the form that names a saved search."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.selectors import job_centres_for_filter
from jobbro.matching.selectors import FreeSearch, LanguageWish, SearchFilters
from jobbro.organisations.models import JobCentre, Municipality, User
from jobbro.taxonomy.forms import PickedSkillsField, TaxonomyPicker
from jobbro.taxonomy.models import CefrLevel, Language, Occupation, Qualification, Skill

from .models import NAME_MAX_LENGTH, QUERY_MAX_LENGTH
from .selectors import Interpretation, interpret

DISTANCE_CHOICES = [
    ("", _("any distance")),
    ("10", _("10 km")),
    ("25", _("25 km")),
    ("50", _("50 km")),
    ("100", _("100 km")),
]
# A removed interpretation: o<occupation pk>, s<skill pk> or q<qualification pk>.
DROP = re.compile(r"^[osq]\d{1,9}$")
TEXT_MAX_LENGTH = 200
# Widgets that carry their own markup (the pickers, hidden fields, radio and checkbox lists).
SKIP_CSS = (TaxonomyPicker, forms.HiddenInput, forms.MultipleHiddenInput, forms.RadioSelect)


class DropField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        values = [str(v) for v in (value or [])]
        if any(not DROP.match(v) for v in values):
            raise forms.ValidationError(_("The search link is damaged; start a new search."))
        return values[:50]


class FreeSearchForm(forms.Form):
    """What the consultant looks for. Picked skills, certificates and the language are
    must-haves; what the text is read as adds to the score."""

    occupations = forms.ModelMultipleChoiceField(
        label=_("Occupations"),
        queryset=Occupation.objects.all(),
        required=False,
        widget=TaxonomyPicker(kind="occupations", multiple=True),
        help_text=_("By experience or wish; related occupations rank lower."),
    )
    skills = PickedSkillsField(
        label=_("Skills, certificates and licences (must have)"),
        queryset=Skill.objects.all(),
        required=False,
        widget=TaxonomyPicker(kind="skills", multiple=True, qualification_field="qualifications"),
    )
    qualifications = forms.ModelMultipleChoiceField(
        queryset=Qualification.objects.all(), required=False, widget=forms.MultipleHiddenInput
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Language.objects.all(),
        required=False,
        empty_label=_("No language requirement"),
    )
    language_level = forms.ChoiceField(
        label=_("At least"),
        choices=[("", "–"), *CefrLevel.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Describe what you look for"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("E.g. “carpenter with forklift certificate”; we show how it is read."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    drop = DropField(required=False)
    near = forms.ModelChoiceField(
        label=_("Near municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Anywhere"),
    )
    max_distance = forms.TypedChoiceField(
        label=_("maximum distance"),
        choices=DISTANCE_CHOICES,
        required=False,
        coerce=float,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    job_centres = forms.ModelMultipleChoiceField(
        label=_("job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all job centres."),
    )
    available_by = forms.DateField(
        label=_("Available by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centres = self.fields["job_centres"]
        assert isinstance(centres, forms.ModelMultipleChoiceField)
        centres.queryset = job_centres_for_filter(user)
        self.interpretation = Interpretation()
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, SKIP_CSS):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("language") and not data.get("language_level"):
            self.add_error("language_level", _("Choose the level the language is needed at."))
        if data.get("language_level") and not data.get("language"):
            self.add_error("language", _("Choose the language the level is for."))
        if data.get("max_distance") is not None and not data.get("near"):
            self.add_error("near", _("Choose the municipality to measure the distance from."))
        if not self.errors and data.get("text"):
            self.interpretation = interpret(data["text"], dropped=set(data.get("drop") or []))
        return data

    def has_criteria(self) -> bool:
        data = self.cleaned_data
        return any(
            data.get(name) for name in ("occupations", "skills", "qualifications", "language")
        ) or bool(self.interpretation)

    def search(self) -> FreeSearch:
        """The valid form as a search (call after `is_valid()`)."""
        data = self.cleaned_data
        meant = self.interpretation
        languages = []
        if data.get("language") and data.get("language_level"):
            languages.append(LanguageWish(data["language"], data["language_level"]))
        occupations = list(data.get("occupations") or [])
        occupations += [o for o in meant.occupations if o not in occupations]
        return FreeSearch(
            occupations=occupations,
            skills=list(data.get("skills") or []),
            qualifications=list(data.get("qualifications") or []),
            languages=languages,
            nice_skills=list(meant.skills),
            nice_qualifications=list(meant.qualifications),
            near=data.get("near"),
            filters=SearchFilters(
                job_centres=list(data.get("job_centres") or []),
                max_distance_km=data.get("max_distance"),
                available_by=data.get("available_by"),
            ),
        )

    def query_string(self) -> str:
        """The form's own fields of the submitted data: what a saved search keeps."""
        kept = QueryDict(mutable=True)
        for name in self.fields:
            data = self.data
            values = [v for v in data.getlist(name) if v] if isinstance(data, QueryDict) else []
            if values:
                kept.setlist(name, values)
        return kept.urlencode()


class SaveSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the search"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    query = forms.CharField(required=False, max_length=QUERY_MAX_LENGTH, widget=forms.HiddenInput)
