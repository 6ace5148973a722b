"""The steering group's form for a target: the key figure, the period, an industry or a
project, the cooperation's target and each member job centre's part."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from jobbro.companies.models import Industry
from jobbro.joborders.models import Project
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.taxonomy.forms import PickerItem
from jobbro.ui import dkfds

from .models import Target
from .periods import check_day
from .selectors import FAMILIES
from .targets import IndustryScope, Measure, industry_scope, measure_of

UNITS = {
    Measure.COUNT: _("a number"),
    Measure.PERCENT: _("%"),
    Measure.SCORE: _("score 1–5"),
    Measure.DAYS: _("days, median at most"),
}
PART = "part_"


def kpi_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The key figures by family, each saying what its target is given in."""
    return [
        (
            str(family),
            [(kpi.key, f"{kpi.label} ({UNITS[measure_of(kpi)]})") for kpi in kpis],
        )
        for family, kpis in FAMILIES
    ]


def plain(value: Decimal | None) -> Decimal | None:
    """500.0 shown as 500: a whole number without its decimal."""
    if value is not None and value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


def industry_items(name: str, scopes: list[IndustryScope]) -> list[PickerItem]:
    return [PickerItem(name, scope.value, scope.label) for scope in scopes]


def all_industries(name: str) -> PickerItem:
    scope = industry_scope("")
    assert scope is not None
    return PickerItem(name, scope.value, scope.label)


class IndustryPicker(forms.Widget):
    """A target's industry or industry group, searched rather than scrolled through 700
    codes: the taxonomy's picker (its templates; no script of its own) over the sections
    and the codes. The search box asks `kpis:target_industries` (htmx) for matches, each a
    radio; the one chosen stays ticked, and "All industries" goes back to no scope."""

    template_name = "kpis/widgets/industry_picker.html"

    def format_value(self, value: Any) -> str:
        if isinstance(value, Industry):
            return str(value.pk)
        return "" if value is None else str(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        html_id = context["widget"]["attrs"].get("id", name)
        chosen = industry_scope(self.format_value(value)) or industry_scope("")
        assert chosen is not None
        options = f"#{html_id}_options"
        url = f"{reverse('kpis:target_industries')}?{urlencode({'field': name})}"
        context["widget"].update(
            {
                "chosen": industry_items(name, [chosen]),
                "found": [all_industries(name)] if chosen.value else [],
                "search_attrs": {
                    "hx-get": url,
                    "hx-trigger": "input changed delay:300ms, search",
                    "hx-target": options,
                    "hx-include": options,
                    "hx-sync": f"{options}:replace",
                },
            }
        )
        return context


class IndustryScopeField(forms.Field):
    """The picker's value as (industry, industry group letter): one of them or neither."""

    widget = IndustryPicker

    def to_python(self, value: Any) -> tuple[Industry | None, str]:
        scope = industry_scope(str(value or ""))
        if scope is None:
            raise ValidationError(
                _("Choose an industry or an industry group from the list."), code="invalid"
            )
        if scope.value.isdigit():
            return Industry.objects.get(pk=int(scope.value)), ""
        return None, scope.value

    def has_changed(self, initial: Any, data: Any) -> bool:
        return str(initial or "") != str(data or "")


class TargetForm(forms.ModelForm):
    kpi = forms.ChoiceField(label=_("Key figure"))
    industry = IndustryScopeField(
        label=_("Industry or industry group"),
        required=False,
        help_text=_(
            "Only job orders and hires of companies in this industry, or in any industry of "
            "the group (such as F · Construction, codes 41–43). Search by name or code."
        ),
    )
    # The version the editor started from (optimistic locking, see targets.target_update).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Target
        fields = ["kpi", "start", "end", "industry", "project", "value", "note"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"end": _("Last day (included)"), "value": _("Target for the cooperation")}
        help_texts = {
            "start": _("A year, a quarter or a span of several years, such as 2015–2018."),
            "value": _(
                "A number for a count (placements, job orders …), a percentage for a share, "
                "days for time to fill (the median at most), a score from 1 to 5 for "
                "satisfaction."
            ),
            "project": _("Only job orders and hires of this project."),
        }

    def __init__(
        self, *args: Any, cooperation: Cooperation, centres: list[JobCentre], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.centres = centres
        kpi = self.fields["kpi"]
        assert isinstance(kpi, forms.ChoiceField)
        kpi.choices = [("", "---------"), *kpi_choices()]
        project = self.fields["project"]
        assert isinstance(project, forms.ModelChoiceField)
        project.queryset = Project.objects.filter(cooperation=cooperation)
        project.empty_label = _("All projects")
        parts = (
            {p.job_centre_id: p.value for p in self.instance.parts.all()}
            if self.instance.pk
            else {}
        )
        for centre in centres:
            self.fields[f"{PART}{centre.pk}"] = forms.DecimalField(
                label=centre.name,
                required=False,
                max_digits=10,
                decimal_places=1,
                initial=plain(parts.get(centre.pk)),
            )
        if self.instance.pk:
            self.initial["industry"] = self.instance.industry_section or (
                str(self.instance.industry_id) if self.instance.industry_id else ""
            )
            self.initial.setdefault("version", self.instance.version)
            self.initial["value"] = plain(self.instance.value)
        else:
            del self.fields["version"]
        dkfds(self)
        for name in ("value", *self.part_names()):
            self.fields[name].widget.attrs["class"] += " input-width-xs"

    def part_names(self) -> list[str]:
        return [f"{PART}{centre.pk}" for centre in self.centres]

    def part_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.part_names()]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def _post_clean(self) -> None:
        # The service validates the target whole (with its parts) in its transaction.
        pass

    def parts(self) -> dict[int, Decimal]:
        """The parts filled in, by job centre id (call after is_valid)."""
        return {
            centre.pk: self.cleaned_data[f"{PART}{centre.pk}"]
            for centre in self.centres
            if self.cleaned_data.get(f"{PART}{centre.pk}") is not None
        }

    def service_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        industry, section = self.cleaned_data.get("industry") or (None, "")
        return fields | {"industry": industry, "industry_section": section}


class ProgressDayForm(forms.Form):
    """The day the targets' progress is shown as on: today, or a day looked back at."""

    on = forms.DateField(
        label=_("Progress as on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today if empty; the figures count up to and including this day."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)

    def clean_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("on")
        if day is not None:
            check_day(day)  # the bound the dashboard and the targets share
        return day

    def day(self) -> dt.date:
        chosen = self.cleaned_data.get("on") if self.is_valid() else None
        return chosen or timezone.localdate()
