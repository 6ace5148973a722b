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
# A removed reading of the text: o<occupation pk>, s<skill pk>, q<qualification pk>,
# l<language pk>, p<municipality pk>, d (the distance), a (the availability) or y (the years).
DROP = re.compile(r"^(?:[osqlp]\d{1,9}|[day])$")
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
    must-haves, and so are the languages, certificates and licences and the years of
    experience the text names; skills read from the text only add to the score. The place,
    distance and start the text names apply unless the fields say otherwise."""

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
        help_text=_(
            "E.g. “cleaner who speaks Polish near Hvidovre within 15 km”; we show how it is read."
        ),
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
        if not self.errors and data.get("text"):
            self.interpretation = interpret(data["text"], dropped=set(data.get("drop") or []))
        if data.get("max_distance") is not None and not self._near():
            self.add_error("near", _("Choose the municipality to measure the distance from."))
        return data

    def _near(self) -> Municipality | None:
        return self.cleaned_data.get("near") or self.interpretation.place

    def _max_distance(self) -> float | None:
        chosen = self.cleaned_data.get("max_distance")
        if chosen is not None:
            return float(chosen)
        meant = self.interpretation.distance_km
        return float(meant) if meant is not None and self._near() else None

    def reading_notes(self) -> list[str]:
        """Why some of what the text says is not searched, for the reader of the chips."""
        data, meant = self.cleaned_data, self.interpretation
        notes = list(meant.notes)
        if meant.place and data.get("near") and data["near"] != meant.place:
            notes.append(
                _("“%(words)s” is not used: the municipality chosen in the form applies.")
                % {"words": meant.words.get(f"p{meant.place.pk}", meant.place.name)}
            )
        if meant.distance_km is not None and data.get("max_distance") is not None:
            notes.append(
                _("“%(words)s” is not used: the distance chosen in the form applies.")
                % {"words": meant.words.get("d", "")}
            )
        elif meant.distance_km is not None and not self._near():
            notes.append(
                _("“%(words)s” needs a place to measure from: write one or choose a municipality.")
                % {"words": meant.words.get("d", "")}
            )
        if meant.unread:
            notes.append(_("Not understood: %(words)s.") % {"words": ", ".join(meant.unread)})
        return notes

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
        # The field's level wins over the text's for the same language.
        languages += [w for w in meant.languages if w.language != data.get("language")]
        occupations = list(data.get("occupations") or [])
        occupations += [o for o in meant.occupations if o not in occupations]
        qualifications = list(data.get("qualifications") or [])
        qualifications += [q for q in meant.qualifications if q not in qualifications]
        return FreeSearch(
            occupations=occupations,
            skills=list(data.get("skills") or []),
            qualifications=qualifications,
            languages=languages,
            min_years=meant.min_years,
            nice_skills=list(meant.skills),
            near=self._near(),
            filters=SearchFilters(
                job_centres=list(data.get("job_centres") or []),
                max_distance_km=self._max_distance(),
                available_by=data.get("available_by") or meant.available_by,
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
