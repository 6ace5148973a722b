"""Forms of the pool pages; they validate input, the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.companies import industries
from jobbro.companies.models import Company, Industry
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.taxonomy.forms import TaxonomyPicker
from jobbro.taxonomy.models import Occupation
from jobbro.ui import dkfds

from .models import Pool, PoolKind


class PoolForm(forms.Form):
    FIELDS = ("name", "kind", "industries", "company", "occupations", "shared")

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Give the pool a name.")},
    )
    job_centre = forms.ModelChoiceField(
        label=_("Owning job centre"),
        queryset=JobCentre.objects.none(),
        error_messages={"required": _("Choose the job centre that owns the pool.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PoolKind.choices, widget=forms.RadioSelect)
    industries = forms.ModelMultipleChoiceField(
        label=_("Industries"),
        queryset=Industry.objects.none(),
        required=False,
        help_text=_("Industry pools: the industries whose new job orders concern the pool."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    company = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Company.objects.none(),
        required=False,
        help_text=_("Company pools: the company the pool recruits for."),
    )
    occupations = forms.ModelMultipleChoiceField(
        label=_("Occupations"),
        queryset=Occupation.objects.all(),
        required=False,
        help_text=_("New job orders in these occupations concern the pool too."),
        widget=TaxonomyPicker(kind="occupations", multiple=True),
    )
    shared = forms.BooleanField(
        label=_("Shared with the cooperation's other job centres"),
        required=False,
        help_text=_(
            "A shared pool holds only candidates who consent to sharing in the cooperation."
        ),
    )
    # The version the editor started from (optimistic locking, see services.pool_update).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(
        self,
        *args: Any,
        cooperation: Cooperation,
        job_centres: Any,
        pool: Pool | None = None,
        **kwargs: Any,
    ) -> None:
        if pool is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": pool.name,
                    "kind": pool.kind,
                    "industries": list(pool.industries.all()),
                    "company": pool.company_id,
                    "occupations": list(pool.occupations.all()),
                    "shared": pool.shared,
                    "version": pool.version,
                },
            )
        else:
            kwargs.setdefault("initial", {}).setdefault("shared", True)
        super().__init__(*args, **kwargs)
        if pool is not None:
            del self.fields["job_centre"]  # the owner stays
        else:
            del self.fields["version"]
            field = self.fields["job_centre"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = job_centres
            if job_centres.count() == 1:
                self.initial.setdefault("job_centre", job_centres.first())
        company = self.fields["company"]
        assert isinstance(company, forms.ModelChoiceField)
        company.queryset = Company.objects.filter(cooperation=cooperation).order_by("name", "pk")
        industry = self.fields["industries"]
        assert isinstance(industry, forms.ModelMultipleChoiceField)
        kept = list(pool.industries.values_list("pk", flat=True)) if pool is not None else []
        industry.queryset = industries.for_picker(kept)
        industry.choices = industries.grouped_choices(industries.for_picker(kept))
        dkfds(self)

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class MemberAddForm(forms.Form):
    candidate = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class CandidatePickForm(forms.Form):
    q = forms.CharField(label=_("Find a candidate by name"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)
