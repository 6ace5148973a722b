"""Forms of the guarantee pages; they validate input, the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jobbro.companies.models import RecruitmentAgreement
from jobbro.joborders.models import JobOrder
from jobbro.ui import dkfds
from jobbro.upskilling.models import Team

from .models import JobGuarantee


class AgreementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        start = date_format(obj.start_date, "SHORT_DATE_FORMAT")
        end = date_format(obj.end_date, "SHORT_DATE_FORMAT")
        return f"{obj.company.name}, {start} – {end}"


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.course.title}, {date_format(obj.starts_on, 'SHORT_DATE_FORMAT')}, {obj.place}"


class JobOrderChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_status_display()})"


class AgreementStepForm(forms.Form):
    """The first step of a new guarantee: whose agreement (the job orders are its company's)."""

    agreement = AgreementChoiceField(
        label=_("recruitment agreement"),
        queryset=RecruitmentAgreement.objects.none(),
        empty_label=None,
        help_text=_("Only agreements with a job guarantee in their terms are listed."),
        error_messages={
            "required": _("Choose the recruitment agreement."),
            "invalid_choice": _("Choose one of the listed recruitment agreements."),
        },
    )

    def __init__(
        self, *args: Any, agreements: QuerySet[RecruitmentAgreement], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agreement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agreements
        dkfds(self)


class GuaranteeForm(forms.ModelForm):
    """A new guarantee (with the team) or a change (`editing`: the team stays; `version`)."""

    team = TeamChoiceField(
        label=_("course team"),
        queryset=Team.objects.none(),
        error_messages={
            "required": _("Choose the course team the guarantee is for."),
            "invalid_choice": _("Choose one of the listed course teams."),
        },
    )
    job_orders = JobOrderChoiceField(
        label=_("job orders"),
        queryset=JobOrder.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The company's open job orders. Those who complete are proposed to them."),
        error_messages={
            "required": _(
                "Choose at least one of the company's job orders to propose the participants to."
            ),
            "invalid_choice": _("Choose among the company's open job orders."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = JobGuarantee
        fields = ["team", "job_orders", "jobs_promised", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "jobs_promised": {
                "required": _("Give the number of jobs the company promises."),
                "invalid": _("Give the number of jobs as a whole number, for example 5."),
                "min_value": _("The company promises at least one job."),
                "max_value": _("Give at most 500 jobs."),
            }
        }

    def __init__(
        self,
        *args: Any,
        teams: QuerySet[Team],
        job_orders: QuerySet[JobOrder],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        orders = self.fields["job_orders"]
        assert isinstance(team, forms.ModelChoiceField)
        assert isinstance(orders, forms.ModelMultipleChoiceField)
        team.queryset = teams
        orders.queryset = job_orders
        if editing:
            del self.fields["team"]
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["version"]
        dkfds(self)
