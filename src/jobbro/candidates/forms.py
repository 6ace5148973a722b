"""Forms for candidates and the CV; they validate input, the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import JobCentre, Municipality, User
from jobbro.taxonomy.models import Language, Occupation, Qualification, Skill

from . import selectors
from .models import (
    Candidate,
    CandidateStatus,
    ConsentScope,
    Cv,
    Education,
    Experience,
    HeldQualification,
    SpokenLanguage,
)


def _dkfds(form: forms.BaseForm) -> None:
    """Give every widget its DKFDS class."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, TaxonomyPicker | forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-checkbox"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-input"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def _picked_pks(value: Any) -> list[int]:
    values = value if isinstance(value, list | tuple) else [value]
    pks = []
    for item in values:
        raw: Any = getattr(item, "pk", item)
        try:
            pks.append(int(raw))
        except (TypeError, ValueError):
            continue
    return pks


class TaxonomyPicker(forms.Widget):
    """Occupations or skills without a select of thousands of options.

    The chosen items are checked boxes (or a checked radio for one choice); a search box
    asks the suggestion endpoint, with htmx, for matching items to tick. The endpoint
    re-renders the chosen ones too, so a new search never loses a choice.
    """

    template_name = "candidates/widgets/picker.html"

    def __init__(
        self,
        *,
        model: type[Occupation] | type[Skill],
        suggest_url_name: str,
        multiple: bool,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.model = model
        self.suggest_url_name = suggest_url_name
        self.allow_multiple_selected = multiple

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.allow_multiple_selected:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        # An unticked box sends nothing, exactly like "nothing chosen".
        return False

    def format_value(self, value: Any) -> Any:
        return value

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        pks = _picked_pks(value) if value not in (None, "") else []
        chosen = list(self.model.objects.filter(pk__in=pks)) if pks else []
        context["widget"].update(
            {
                "chosen": chosen,
                "multiple": self.allow_multiple_selected,
                "suggest_url": reverse(self.suggest_url_name),
            }
        )
        return context


def occupation_picker(*, multiple: bool) -> TaxonomyPicker:
    return TaxonomyPicker(
        model=Occupation, suggest_url_name="candidates:occupation_suggest", multiple=multiple
    )


def skill_picker() -> TaxonomyPicker:
    return TaxonomyPicker(model=Skill, suggest_url_name="candidates:skill_suggest", multiple=True)


class CandidateFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False)
    job_centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        empty_label=_("All job centres"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    mine = forms.BooleanField(label=_("Only my job centre's candidates"), required=False)

    def __init__(self, *args: Any, user: User, url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centre_field = self.fields["job_centre"]
        assert isinstance(centre_field, forms.ModelChoiceField)
        centre_field.queryset = selectors.job_centres_for_filter(user)
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [("", _("All statuses")), *CandidateStatus.choices]
        _dkfds(self)
        # Every control refreshes the results as the user types or picks.
        live = {"hx-get": url, "hx-trigger": "change"}
        self.fields["q"].widget.attrs.update(
            {
                **live,
                "type": "search",
                "autocomplete": "off",
                "hx-trigger": "input changed delay:300ms, search",
            }
        )
        for name in ("job_centre", "status", "mine"):
            self.fields[name].widget.attrs.update(live)

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments; invalid input filters nothing rather than fail."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"],
            "job_centre": data["job_centre"],
            "status": data["status"],
            "mine_only": data["mine"],
        }


class CandidateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = [
            "email",
            "phone",
            "street",
            "postcode",
            "municipality",
            "available_from",
            "status",
            "consent_scope",
            "consent_given_on",
        ]
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "consent_given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric"}),
            "consent_scope": forms.RadioSelect,
        }
        help_texts = {
            "consent_given_on": _("Left empty when consent is given, it is today."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality_field = self.fields["municipality"]
        assert isinstance(municipality_field, forms.ModelChoiceField)
        municipality_field.queryset = Municipality.objects.order_by("name")
        _dkfds(self)
        self.fields["consent_scope"].widget.attrs["class"] = "form-radio"
        self.fields["postcode"].widget.attrs["class"] += " input-char-4"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # As the service does: consent given without a date was given today; none, no date.
        if data.get("consent_scope") == ConsentScope.COOPERATION:
            data["consent_given_on"] = data.get("consent_given_on") or timezone.localdate()
        elif "consent_scope" in data:
            data["consent_given_on"] = None
        return data


class CvForm(forms.ModelForm):
    wished_occupations = forms.ModelMultipleChoiceField(
        label=_("Wished occupations"),
        queryset=Occupation.objects.all(),
        required=False,
        widget=occupation_picker(multiple=True),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        required=False,
        widget=skill_picker(),
    )

    class Meta:
        model = Cv
        fields = ["profile_da", "profile_en", "max_commute_km", "wished_occupations", "skills"]
        widgets = {
            "profile_da": forms.Textarea(attrs={"rows": 5, "lang": "da"}),
            "profile_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "max_commute_km": forms.NumberInput(attrs={"min": 0, "max": 500}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dkfds(self)
        self.fields["max_commute_km"].widget.attrs["class"] += " input-width-xs"


class ExperienceForm(forms.ModelForm):
    occupation = forms.ModelChoiceField(
        label=_("Occupation"),
        queryset=Occupation.objects.all(),
        widget=occupation_picker(multiple=False),
    )

    class Meta:
        model = Experience
        fields = ["occupation", "title", "employer", "start_date", "end_date", "description"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dkfds(self)


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["title", "level", "institution", "completed_year"]
        widgets = {"completed_year": forms.NumberInput(attrs={"min": 1940, "max": 2100})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dkfds(self)


class QualificationForm(forms.ModelForm):
    class Meta:
        model = HeldQualification
        fields = ["qualification", "obtained_on", "expires_on"]
        widgets = {
            "obtained_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["qualification"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Qualification.objects.order_by("kind", "label_da")
        _dkfds(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        obtained, expires = data.get("obtained_on"), data.get("expires_on")
        if obtained and expires and expires < obtained:
            self.add_error("expires_on", _("It cannot expire before it was obtained."))
        return data


class LanguageForm(forms.ModelForm):
    class Meta:
        model = SpokenLanguage
        fields = ["language", "level"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["language"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Language.objects.order_by("label_da")
        _dkfds(self)


class CvRowFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-checkbox"


def _formset(model: type[Model], form: type[forms.ModelForm], extra: int) -> Any:
    return inlineformset_factory(
        Cv, model, form=form, formset=CvRowFormSet, extra=extra, can_delete=True
    )


ExperienceFormSet = _formset(Experience, ExperienceForm, extra=2)
EducationFormSet = _formset(Education, EducationForm, extra=2)
QualificationFormSet = _formset(HeldQualification, QualificationForm, extra=2)
LanguageFormSet = _formset(SpokenLanguage, LanguageForm, extra=2)

# Prefix, formset class and heading of each CV section, in page order.
CV_SECTIONS: list[tuple[str, Any, Any]] = [
    ("experiences", ExperienceFormSet, _("Experience")),
    ("educations", EducationFormSet, _("Education")),
    ("qualifications", QualificationFormSet, _("Certificates and licences")),
    ("languages", LanguageFormSet, _("Languages")),
]


def cv_formsets(data: Any, cv: Cv) -> dict[str, forms.BaseInlineFormSet]:
    return {
        prefix: formset_class(data, instance=cv, prefix=prefix)
        for prefix, formset_class, _title in CV_SECTIONS
    }


def kept_rows(formset: forms.BaseInlineFormSet) -> list[dict[str, Any]]:
    """The cleaned rows that stay: filled in and not marked for deletion."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({k: v for k, v in data.items() if k not in ("id", "cv", "DELETE")})
    return rows
