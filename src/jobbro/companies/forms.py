"""Forms for companies; they validate input, the services decide and write."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import Cooperation, JobCentre, Municipality, User
from jobbro.taxonomy.forms import TaxonomyPicker
from jobbro.taxonomy.models import Occupation
from jobbro.ui import ManyOptionsSelect, dkfds

from . import industries, selectors
from .cvr import CvrRecord
from .models import (
    AllianceCommitment,
    Company,
    ContactPerson,
    Industry,
    Interaction,
    InteractionKind,
    InteractionOutcome,
    RecruitmentAgreement,
)
from .services import normalise_cvr


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality_field = self.fields["municipality"]
        assert isinstance(municipality_field, forms.ModelChoiceField)
        municipality_field.queryset = Municipality.objects.order_by("name")
        # DB25's 738 codes under their 22 sections. A DB07 code is valid (a company from
        # before 2025 has one, and the register gives one for an entry from then) but offered
        # only where the company, the register's answer or the user's choice has it.
        industry_field = self.fields["industry"]
        assert isinstance(industry_field, forms.ModelChoiceField)
        industry_field.queryset = Industry.objects.all()
        kept = [
            str(getattr(value, "pk", value) or "")
            for value in (
                self.instance.industry_id,
                self.initial.get("industry"),
                self.data.get(self.add_prefix("industry")),
            )
        ]
        offered = industries.for_picker(int(pk) for pk in kept if pk.isdigit())
        industry_field.choices = [
            ("", industry_field.empty_label or ""),
            *industries.grouped_choices(offered),
        ]
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
        dkfds(self)

    def clean_cvr(self) -> str:
        return normalise_cvr(self.cleaned_data["cvr"])

    def clean_p_number(self) -> str:
        return "".join(self.cleaned_data["p_number"].split())

    def filled_from(self, record: CvrRecord) -> dict[str, Any]:
        """The form's values with the register's answer on top, for a new unbound form."""
        values: dict[str, Any] = {
            name: self.data.get(name, "") for name in self.fields if name != "is_ambassador"
        }
        values["is_ambassador"] = bool(self.data.get("is_ambassador"))
        values.update(
            cvr=record.cvr,
            name=record.name,
            street=record.street,
            postcode=record.postcode,
            city=record.city,
        )
        if record.phone and not values["phone"]:
            values["phone"] = record.phone
        if record.email and not values["email"]:
            values["email"] = record.email
        municipality = Municipality.objects.filter(code=record.municipality_code).first()
        if municipality is not None:
            values["municipality"] = municipality.pk
        industry = Industry.objects.filter(
            version=record.industry_version, code=record.industry_code
        ).first()
        if industry is not None:
            values["industry"] = industry.pk
        return values


class ContactConsultantForm(forms.Form):
    consultant = ConsultantChoiceField(
        queryset=User.objects.none(),
        label=_("Contact consultant"),
        empty_label=None,
        help_text=_(
            "A business consultant of the home job centre: the one person the company calls."
        ),
    )

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["consultant"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.contact_consultant_choices(company)
        if company.contact_consultant_id:
            field.initial = company.contact_consultant_id
        dkfds(self)


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "title", "email", "phone", "is_primary"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)


class InteractionForm(forms.ModelForm):
    """Two clicks: choose the kind, save. The rest may stay empty (the time is then now)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=InteractionKind.choices,
        initial=InteractionKind.CALL,
        widget=forms.RadioSelect,
    )
    # Not prefilled: a time set when the page was shown is stale when the form is saved.
    occurred_at = forms.DateTimeField(
        label=_("When"),
        required=False,
        help_text=_("Empty = now"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Interaction
        fields = [
            "kind",
            "occurred_at",
            "outcome_code",
            "outcome",
            "follow_up_on",
            "summary",
            "contact",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2, "class": "input-width-xl"}),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"outcome": _("Outcome in your own words"), "summary": _("Note")}

    def __init__(self, *args: Any, company: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outcome_field = self.fields["outcome_code"]
        assert isinstance(outcome_field, forms.ChoiceField)
        # Capitalised as the contact log's table shows them.
        outcome_field.choices = [
            ("", _("Choose an outcome")),
            *((value, capfirst(label)) for value, label in InteractionOutcome.choices),
        ]
        contact_field = self.fields["contact"]
        assert isinstance(contact_field, forms.ModelChoiceField)
        contact_field.queryset = company.contacts.all()
        contact_field.empty_label = _("No one in particular")
        if not company.contacts.exists():
            del self.fields["contact"]
        self.fields["follow_up_on"].widget.attrs["min"] = timezone.localdate().isoformat()
        dkfds(self)


class RescheduleForm(forms.Form):
    follow_up_on = forms.DateField(
        label=_("New date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up_on"].widget.attrs["min"] = timezone.localdate().isoformat()
        dkfds(self)


class AllianceCommitmentForm(forms.ModelForm):
    class Meta:
        model = AllianceCommitment
        fields = ["alliance", "commitment", "start_date", "end_date"]
        widgets = {
            "commitment": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "alliance": _("The alliance or partnership, e.g. a trade's recruitment alliance."),
            "end_date": _("Leave empty while the commitment runs."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate()
        dkfds(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must not be before the start date."))
        return cleaned


class CommitmentEndForm(forms.Form):
    end_date = forms.DateField(
        label=_("Last day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, commitment: AllianceCommitment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = timezone.localdate()
        self.fields["end_date"].widget.attrs["min"] = commitment.start_date.isoformat()
        if commitment.end_date is not None:
            self.fields["end_date"].widget.attrs["max"] = commitment.end_date.isoformat()
        dkfds(self)


class AgreementForm(forms.ModelForm):
    occupations = forms.ModelMultipleChoiceField(
        queryset=Occupation.objects.all(),
        required=False,
        label=_("Occupations"),
        help_text=_("Leave empty when the agreement covers every occupation."),
        widget=TaxonomyPicker(kind="occupations", multiple=True),
    )

    class Meta:
        model = RecruitmentAgreement
        fields = [
            "start_date",
            "end_date",
            "occupations",
            "expected_hires",
            "job_guarantee",
            "guarantee_terms",
            "terms",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "guarantee_terms": forms.Textarea(attrs={"rows": 3}),
            "terms": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "job_guarantee": _(
                "The job centres train candidates whom the company promises to hire."
            ),
            "guarantee_terms": _(
                "Required with a job guarantee: who is trained for what, and the promise."
            ),
            "expected_hires": _("0 when the agreement names no target."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expected_hires"].widget.attrs["class"] = "input-char-4"
        dkfds(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must not be before the start date."))
        guarantee, terms = (
            cleaned.get("job_guarantee"),
            (cleaned.get("guarantee_terms") or "").strip(),
        )
        if guarantee and not terms:
            self.add_error("guarantee_terms", _("Describe the terms of the job guarantee."))
        if not guarantee:
            cleaned["guarantee_terms"] = ""
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
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("All"),
        widget=ManyOptionsSelect,
    )
    industry: forms.ModelChoiceField[Industry] = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=None,
        required=False,
        empty_label=_("All"),
        widget=ManyOptionsSelect,
    )
    job_centre: forms.ModelChoiceField[JobCentre] = forms.ModelChoiceField(
        label=_("Home job centre"), queryset=None, required=False, empty_label=_("All")
    )
    alliance = forms.ChoiceField(label=_("Alliance"), required=False)
    ambassadors = forms.BooleanField(label=_("Ambassadors only"), required=False)

    def __init__(self, *args: Any, cooperation: Cooperation | None, url: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        alliance_field = self.fields["alliance"]
        assert isinstance(alliance_field, forms.ChoiceField)
        alliance_field.choices = [("", _("All"))] + [
            (name, name) for name in selectors.alliances_for_filter(cooperation)
        ]
        alliance_field.widget.attrs.update({"hx-get": url, "hx-trigger": "change"})
        self.fields["ambassadors"].widget.attrs.update({"hx-get": url, "hx-trigger": "change"})
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
        dkfds(self)

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments; invalid choices are ignored, not an error page."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "municipality": data.get("municipality"),
            "industry": data.get("industry"),
            "job_centre": data.get("job_centre"),
            "alliance": data.get("alliance") or "",
            "ambassadors": bool(data.get("ambassadors")),
        }


class AgreementFilterForm(forms.Form):
    """Whose agreements: a job centre's, or the secretariat's (not its host centre's)."""

    job_centre = forms.ChoiceField(label=_("Job centre"), required=False)

    def __init__(self, *args: Any, cooperation: Cooperation | None, url: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.centres = {str(c.pk): c for c in selectors.job_centres_for_filter(cooperation)}
        choices: list[tuple[str, str | Promise]] = [("", _("All"))]
        if cooperation is not None and cooperation.secretariat_id is not None:
            choices.append((selectors.SECRETARIAT, _("The secretariat")))
        choices += [(pk, centre.name) for pk, centre in self.centres.items()]
        field = self.fields["job_centre"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.widget.attrs.update({"hx-get": url, "hx-trigger": "change"})
        dkfds(self)

    def chosen_signer(self) -> selectors.Signer | None:
        """The chosen signer; None (all) when nothing or an unknown value is chosen."""
        if not self.is_valid():
            return None
        value = self.cleaned_data["job_centre"]
        if value == selectors.SECRETARIAT:
            return selectors.SECRETARIAT
        return self.centres.get(value)


class MergeForm(forms.Form):
    """Which of the two companies stays; the other is merged into it."""

    keep = forms.TypedChoiceField(label=_("Company to keep"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args: Any, first: Company, second: Company, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["keep"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (c.pk, f"{c.name} (CVR {c.cvr}, {c.postcode} {c.city})") for c in (first, second)
        ]
        field.initial = first.pk
        dkfds(self)
