"""Forms for candidates and the CV; they validate input, the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model, Q, QuerySet
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.organisations import access
from jobbro.organisations.models import (
    JobCentre,
    Municipality,
    PartnerKind,
    PartnerOrganisation,
    User,
)
from jobbro.organisations.selectors import job_centres_of
from jobbro.taxonomy.forms import PickedSkillsField, TaxonomyPicker
from jobbro.taxonomy.models import Language, Occupation, Qualification, Skill
from jobbro.ui import SharedChoicesFormSet, dkfds

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
    TargetGroup,
)
from .validators import normalise_cpr, validate_cpr


def unemployment_funds(centres: QuerySet[JobCentre]) -> QuerySet[PartnerOrganisation]:
    """The unemployment funds (a-kasser) among the partners of the job centres' cooperations."""
    return PartnerOrganisation.objects.filter(
        kind=PartnerKind.UNEMPLOYMENT_FUND, cooperation__job_centres__in=centres
    ).distinct()


def _candidate_widgets(form: forms.BaseForm, funds: QuerySet[PartnerOrganisation]) -> None:
    """What the create and edit forms share: the choices of their lists, and DKFDS."""
    municipality_field = form.fields["municipality"]
    assert isinstance(municipality_field, forms.ModelChoiceField)
    municipality_field.queryset = Municipality.objects.order_by("name")
    fund_field = form.fields["unemployment_fund"]
    assert isinstance(fund_field, forms.ModelChoiceField)
    fund_field.queryset = funds.order_by("name")
    fund_field.empty_label = _("None / not known")
    groups_field = form.fields["target_groups"]
    assert isinstance(groups_field, forms.ModelMultipleChoiceField)
    groups_field.queryset = TargetGroup.objects.order_by("pk")
    dkfds(form)
    form.fields["postcode"].widget.attrs["class"] += " input-char-4"


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
        # The secretariat owns no candidates: "mine only" would always find none.
        self.has_own_candidates = selectors.own_job_centres(user).exists()
        if not self.has_own_candidates:
            del self.fields["mine"]
        dkfds(self)
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
            if name in self.fields:
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
            "mine_only": data.get("mine", False),
        }


class CandidateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "street",
            "postcode",
            "municipality",
            "unemployment_fund",
            "target_groups",
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
            "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "consent_given_on": _("Left empty when consent is given, it is today."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centre = JobCentre.objects.filter(pk=self.instance.job_centre_id)
        # The stored fund stays a choice, so the page saves unchanged whatever the admin set.
        funds = PartnerOrganisation.objects.filter(
            Q(pk__in=unemployment_funds(centre).values("pk"))
            | Q(pk=self.instance.unemployment_fund_id)
        )
        _candidate_widgets(self, funds)
        self.fields["consent_scope"].widget.attrs["class"] = "form-radio"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # As the service does: consent given without a date was given today; none, no date.
        if data.get("consent_scope") == ConsentScope.COOPERATION:
            data["consent_given_on"] = data.get("consent_given_on") or timezone.localdate()
        elif "consent_scope" in data:
            data["consent_given_on"] = None
        return data


class CandidateCreateForm(forms.ModelForm):
    """A new candidate at one of the job centres where the user is a job consultant."""

    job_centre = forms.ModelChoiceField(label=_("Job centre"), queryset=JobCentre.objects.none())
    cpr = forms.CharField(
        label=_("CPR number"),
        max_length=11,
        help_text=_("Ten digits, e.g. 010190-1234. The birth date is read from it."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    wished_occupations = forms.ModelMultipleChoiceField(
        label=_("Wished occupations"),
        queryset=Occupation.objects.all(),
        required=False,
        help_text=_("The candidate is found for job orders in these occupations at once."),
        widget=TaxonomyPicker(kind="occupations", multiple=True),
    )

    class Meta:
        model = Candidate
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "street",
            "postcode",
            "municipality",
            "unemployment_fund",
            "target_groups",
            "available_from",
        ]
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric"}),
            "target_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {"available_from": _("Left empty: from today.")}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centres = job_centres_of(user, access.CANDIDATE_EDITORS).order_by("name")
        centre_field = self.fields["job_centre"]
        assert isinstance(centre_field, forms.ModelChoiceField)
        centre_field.queryset = centres
        only = list(centres[:2])
        if len(only) == 1:
            centre_field.initial = only[0].pk
            centre_field.empty_label = None
            first_municipality = only[0].municipalities.order_by("name").first()
            if first_municipality is not None:
                self.fields["municipality"].initial = first_municipality.pk
        self.fields["available_from"].required = False
        _candidate_widgets(self, unemployment_funds(centres))

    def clean_cpr(self) -> str:
        value = normalise_cpr(self.cleaned_data["cpr"])
        validate_cpr(value)
        return value


class CvForm(forms.ModelForm):
    wished_occupations = forms.ModelMultipleChoiceField(
        label=_("Wished occupations"),
        queryset=Occupation.objects.all(),
        required=False,
        widget=TaxonomyPicker(kind="occupations", multiple=True),
    )
    skills = PickedSkillsField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        required=False,
        help_text=_(
            "Certificates and licences found here are added to “Certificates and licences” "
            "below when the CV is saved."
        ),
        widget=TaxonomyPicker(
            kind="skills", multiple=True, qualification_field="picked_qualifications"
        ),
    )
    # Ticked in the skills picker; the view adds them as rows of "Certificates and licences".
    picked_qualifications = forms.ModelMultipleChoiceField(
        queryset=Qualification.objects.all(), required=False, widget=forms.MultipleHiddenInput
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
        dkfds(self)
        self.fields["max_commute_km"].widget.attrs["class"] += " input-width-xs"


class ExperienceForm(forms.ModelForm):
    occupation = forms.ModelChoiceField(
        label=_("Occupation"),
        queryset=Occupation.objects.all(),
        widget=TaxonomyPicker(kind="occupations", multiple=False),
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
        if self.instance.occupation_id is not None:
            # The row's occupation comes with the row (`cv_formsets`): shown without a query.
            picker = self.fields["occupation"].widget
            assert isinstance(picker, TaxonomyPicker)
            picker.known = {self.instance.occupation_id: self.instance.occupation}
        dkfds(self)


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["title", "level", "institution", "completed_year"]
        widgets = {"completed_year": forms.NumberInput(attrs={"min": 1940, "max": 2100})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)


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
        dkfds(self)

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
        dkfds(self)


class CvRowFormSet(SharedChoicesFormSet, forms.BaseInlineFormSet):
    shared_choices = ("qualification", "language")

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
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
    # Each experience's picker shows its occupation: read with the rows, not once per row.
    querysets = {"experiences": Experience.objects.select_related("occupation")}
    return {
        prefix: formset_class(data, instance=cv, prefix=prefix, queryset=querysets.get(prefix))
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
