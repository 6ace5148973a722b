"""Forms of the ranked list (filters, proposing) and of the CV requests; they validate
input, the services decide and write."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from jobbro.joborders import selectors
from jobbro.joborders.forms import LabelMultipleChoiceField, date_input
from jobbro.joborders.models import JobOrder
from jobbro.matching.engine import FacetCounts, FacetRequest, Order
from jobbro.matching.selectors import SearchFilters
from jobbro.organisations.models import JobCentre
from jobbro.pools.selectors import PoolFacet
from jobbro.taxonomy.models import Qualification, QualificationKind
from jobbro.ui import dkfds

from .services import NOTE_MAX_LENGTH


class RequestForm(forms.Form):
    token = forms.CharField(max_length=500, widget=forms.HiddenInput)
    job_order = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    rank = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH)


ANSWER_CHOICES = [
    ("shared", _("The candidate consents: share the CV")),
    ("declined", _("Declined")),
]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("The candidate's answer"), choices=ANSWER_CHOICES, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )


# --- the ranked list's filters and the proposal --------------------------------------

DISTANCE_CHOICES = [
    ("", _("any distance")),
    ("10", _("10 km")),
    ("25", _("25 km")),
    ("50", _("50 km")),
    ("100", _("100 km")),
]


def licence_choices() -> QuerySet[Qualification]:
    """Certificates and driving licences, the facet's boxes, licences first."""
    kinds = [QualificationKind.DRIVING_LICENCE, QualificationKind.CERTIFICATE]
    return Qualification.objects.filter(kind__in=kinds).order_by("-kind", "label_da", "pk")


SORT_CHOICES = [
    (Order.SCORE.value, _("best match")),
    (Order.DISTANCE.value, _("shortest distance")),
    (Order.AVAILABLE.value, _("available soonest")),
]


@dataclass(frozen=True)
class CountedChoice:
    """A facet's box or radio button with how many hits choosing it would give."""

    widget: BoundWidget
    count: int

    @property
    def data(self) -> dict[str, Any]:
        return self.widget.data

    @property
    def id_for_label(self) -> str:
        return str(self.widget.id_for_label)

    @property
    def choice_label(self) -> str:
        return str(self.widget.choice_label)


# What the list ranks for: the job as a whole (its trade), or the tasks it is broken into
# that need no trade (substitution labour), offered when the order has such tasks.
FOR_TASKS = "tasks"
SEARCH_FOR_CHOICES = [
    ("", _("the whole job, with the trade")),
    (FOR_TASKS, _("the tasks without the trade")),
]


class RankFilterForm(forms.Form):
    """The facets of a job order's ranked list (every one a hard filter), its order, and
    whether it ranks for the whole job or for the tasks without the trade."""

    search_for = forms.ChoiceField(
        label=_("rank candidates for"),
        choices=SEARCH_FOR_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "The tasks without the trade: the occupation is not required; the candidates are "
            "ranked by the tasks' skills. Must-have certificates and languages still apply."
        ),
    )

    job_centres = forms.ModelMultipleChoiceField(
        label=_("job centre"),
        queryset=JobCentre.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all job centres."),
    )
    max_distance = forms.TypedChoiceField(
        label=_("maximum distance from the workplace"),
        choices=DISTANCE_CHOICES,
        required=False,
        coerce=float,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    licences = LabelMultipleChoiceField(
        label=_("licences and certificates (must hold)"),
        queryset=Qualification.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_by = forms.DateField(label=_("available by"), required=False, widget=date_input())
    among = forms.TypedChoiceField(
        label=_("candidate pool"),
        choices=[("", _("all candidates"))],
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    sort = forms.ChoiceField(label=_("sort by"), choices=SORT_CHOICES, required=False)

    FACETS = ("job_centres", "max_distance", "licences", "available_by", "among")

    def __init__(
        self,
        *args: Any,
        job_order: JobOrder,
        pools: Sequence[PoolFacet] = (),
        tasks: bool = False,
        **kwargs: Any,
    ) -> None:
        """`tasks`: whether the order has tasks without the trade to rank for."""
        super().__init__(*args, **kwargs)
        if not tasks:
            del self.fields["search_for"]
        elif not self.is_bound or not self.data.get("search_for"):
            self.initial.setdefault("search_for", "")
        self.pools = {facet.pool.pk: facet for facet in pools}
        among = self.fields["among"]
        assert isinstance(among, forms.TypedChoiceField)
        among.choices = [("", _("all candidates")), *((f.pool.pk, f.pool.name) for f in pools)]
        if not self.is_bound or not self.data.get("among"):
            self.initial.setdefault("among", "")
        querysets: dict[str, QuerySet[Any]] = {
            "job_centres": selectors.job_centres_in(job_order.company.cooperation).order_by("name"),
            "licences": licence_choices(),
        }
        for name, queryset in querysets.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField)
            field.queryset = queryset
        if not self.is_bound or not self.data.get("max_distance"):
            self.initial.setdefault("max_distance", "")
        dkfds(self)

    def _valid(self) -> dict[str, Any]:
        """The fields that are valid; an invalid one is left out (its error shows)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def search_filters(self) -> SearchFilters:
        data = self._valid()
        return SearchFilters(
            job_centres=list(data.get("job_centres") or []),
            max_distance_km=data.get("max_distance"),
            licences=list(data.get("licences") or []),
            available_by=data.get("available_by"),
            among=self.pools[data["among"]].candidate_ids if data.get("among") else None,
        )

    def for_tasks(self) -> bool:
        """Whether the list ranks for the order's tasks without the trade."""
        return "search_for" in self.fields and self._valid().get("search_for") == FOR_TASKS

    def order(self) -> Order:
        return Order(self._valid().get("sort") or Order.SCORE)

    def filtered(self) -> bool:
        """Whether a facet narrows the list (sorting and paging do not)."""
        data = self._valid()
        return any(bool(data.get(name)) or name in self.errors for name in self.FACETS)

    def facet_request(self) -> FacetRequest:
        """The counts to show beside the facets' choices (the licences' as rendered)."""
        return FacetRequest(
            distances_km=tuple(float(value) for value, _label in DISTANCE_CHOICES if value),
            licences=tuple(int(str(choice.data["value"])) for choice in self["licences"]),
            among=tuple((pk, facet.candidate_ids) for pk, facet in self.pools.items()),
        )

    def counted(self, counts: FacetCounts) -> dict[str, list[CountedChoice]]:
        """Each facet's choices with their counts, for the template."""
        by_value: dict[str, dict[str, int]] = {
            "job_centres": {str(pk): n for pk, n in counts.job_centres.items()},
            "max_distance": {
                "": counts.any_distance,
                **{
                    value: counts.within_km.get(float(value), 0)
                    for value, _l in DISTANCE_CHOICES
                    if value
                },
            },
            "licences": {str(pk): n for pk, n in counts.licences.items()},
        }
        if self.pools:  # the facet shows only where the user sees a pool
            by_value["among"] = {
                "": counts.any_among,
                **{str(k): n for k, n in counts.among.items()},
            }
        return {
            name: [
                CountedChoice(widget, values.get(str(widget.data["value"]), 0))
                for widget in self[name]
            ]
            for name, values in by_value.items()
        }


class ProposeForm(forms.Form):
    candidate = forms.IntegerField(widget=forms.HiddenInput)
    motivation = forms.CharField(
        label=_("Why this candidate"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
