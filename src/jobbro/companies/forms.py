"""Forms for companies; they validate input, the services decide and write."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, Municipality, User
from jobbro.taxonomy.models import Occupation

from . import selectors
from .models import (
    Company,
    ContactPerson,
    Industry,
    Interaction,
    InteractionKind,
    RecruitmentAgreement,
)
from .services import normalise_cvr


def _dkfds(form: forms.BaseForm) -> None:
    """Give every widget its DKFDS class."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-checkbox"
        elif isinstance(widget, forms.RadioSelect):
            css = "form-radio"
        elif isinstance(widget, forms.SelectMultiple):
            # DKFDS styles a select as a one-line dropdown; a list box needs its own height.
            css = "form-input"
            widget.attrs.setdefault("style", "height: auto")
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-input"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def consultants_of(cooperation: Cooperation) -> QuerySet[User]:
    """Who can be a company's contact consultant: editors at the cooperation's job centres."""
    return (
        User.objects.filter(
            memberships__job_centre__cooperation=cooperation,
            memberships__role__in=list(access.COMPANY_EDITORS),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ConsultantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class CompanyForm(forms.ModelForm):
    # Room for how people paste numbers ("DK 1000 0009"); the model checks the cleaned value.
    cvr = forms.CharField(
        label=_("CVR number"),
        max_length=16,
        help_text=_("Eight digits, as in the Central Business Register."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    p_number = forms.CharField(
        label=_("P-number"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    contact_consultant = ConsultantChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Contact consultant"),
        help_text=_("The one person the company calls. Left empty, it is you."),
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "cvr",
            "p_number",
            "street",
            "postcode",
            "city",
            "municipality",
            "industry",
            "phone",
            "email",
            "website",
            "contact_consultant",
            "is_ambassador",
            "notes",
        ]
        # A web address typed without a scheme is https (Django 6's default, chosen now).
        field_classes = {"website": partial(forms.URLField, assume_scheme="https")}
        widgets = {
            "postcode": forms.TextInput(attrs={"inputmode": "numeric"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "is_ambassador": _("The company speaks for the recruitment service to others."),
        }

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        consultant_field = self.fields["contact_consultant"]
        assert isinstance(consultant_field, forms.ModelChoiceField)
        # Keep the current consultant choosable even if they have since changed role.
        consultant_field.queryset = User.objects.filter(
            Q(pk__in=consultants_of(cooperation).values("pk"))
            | Q(pk=self.instance.contact_consultant_id or 0)
        ).order_by("first_name", "last_name", "username")
        municipality_field = self.fields["municipality"]
        assert isinstance(municipality_field, forms.ModelChoiceField)
        municipality_field.queryset = Municipality.objects.order_by("name")
        # A field's width hints at how long its answer is.
        widths = {
            "cvr": "input-char-11",
            "p_number": "input-char-11",
            "postcode": "input-char-4",
            "name": "input-width-l",
            "street": "input-width-l",
            "email": "input-width-l",
            "website": "input-width-l",
        }
        for name, width in widths.items():
            self.fields[name].widget.attrs["class"] = width
        _dkfds(self)

    def clean_cvr(self) -> str:
        return normalise_cvr(self.cleaned_data["cvr"])

    def clean_p_number(self) -> str:
        return "".join(self.cleaned_data["p_number"].split())


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "title", "email", "phone", "is_primary"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dkfds(self)


class InteractionForm(forms.ModelForm):
    """Two clicks: how, what was said; outcome and follow-up only when there is one."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=InteractionKind.choices,
        initial=InteractionKind.CALL,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Interaction
        fields = ["kind", "contact", "summary", "outcome", "follow_up_on"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "class": "input-width-xl"}),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact_field = self.fields["contact"]
        assert isinstance(contact_field, forms.ModelChoiceField)
        contact_field.queryset = company.contacts.all()
        contact_field.empty_label = _("No one in particular")
        if not company.contacts.exists():
            del self.fields["contact"]
        self.fields["follow_up_on"].widget.attrs["min"] = timezone.localdate().isoformat()
        _dkfds(self)


def occupations_by_label() -> QuerySet[Occupation]:
    """Occupations in the order of the label the user sees (Danish may be missing)."""
    if (get_language() or "da").startswith("da"):
        label = Coalesce(NullIf("label_da", Value("")), "label_en")
        return Occupation.objects.order_by(label, "pk")
    return Occupation.objects.order_by("label_en", "pk")


class OccupationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.label


class AgreementForm(forms.ModelForm):
    occupations = OccupationChoiceField(
        queryset=Occupation.objects.none(),
        required=False,
        label=_("Occupations"),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = RecruitmentAgreement
        fields = [
            "start_date",
            "end_date",
            "occupations",
            "expected_hires",
            "job_guarantee",
            "terms",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "terms": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        occupations = self.fields["occupations"]
        assert isinstance(occupations, forms.ModelMultipleChoiceField)
        occupations.queryset = occupations_by_label()
        self.fields["expected_hires"].widget.attrs["class"] = "input-char-4"
        _dkfds(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must not be before the start date."))
        return cleaned


class CompanyFilterForm(forms.Form):
    """The list's search; every control updates the results as the user types or picks."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Name, CVR number or city"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    municipality: forms.ModelChoiceField[Municipality] = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, required=False, empty_label=_("All")
    )
    industry: forms.ModelChoiceField[Industry] = forms.ModelChoiceField(
        label=_("Industry"), queryset=None, required=False, empty_label=_("All")
    )
    job_centre: forms.ModelChoiceField[JobCentre] = forms.ModelChoiceField(
        label=_("Home job centre"), queryset=None, required=False, empty_label=_("All")
    )

    def __init__(self, *args: Any, cooperation: Cooperation | None, url: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        querysets = {
            "municipality": selectors.municipalities_for_filter(cooperation),
            "industry": selectors.industries_for_filter(cooperation),
            "job_centre": selectors.job_centres_for_filter(cooperation),
        }
        for name, queryset in querysets.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
            field.widget.attrs.update({"hx-get": url, "hx-trigger": "change"})
        self.fields["q"].widget.attrs.update(
            {"hx-get": url, "hx-trigger": "input changed delay:300ms, search"}
        )
        _dkfds(self)

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments; invalid choices are ignored, not an error page."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "municipality": data.get("municipality"),
            "industry": data.get("industry"),
            "job_centre": data.get("job_centre"),
        }
