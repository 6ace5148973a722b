"""Forms of the upskilling pages; they validate input, the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.organisations.models import Cooperation, JobCentre, Municipality
from jobbro.taxonomy.forms import QUALIFICATION_MARK, PickedSkillsField, TaxonomyPicker
from jobbro.taxonomy.models import Qualification, Skill
from jobbro.ui import VersionedModelForm, dkfds

from .models import Course, Provider, Team, TeamGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {
    "required": _("Give the date."),
    "invalid": _("Give the date, for example 2027-01-04."),
}


def one_space(name: str) -> str:
    """ "TEC  – Teknisk Erhvervsskole" is "TEC – Teknisk Erhvervsskole": names are compared
    (unique in the cooperation, whatever the case) with single spaces."""
    return " ".join(name.split())


class ProviderForm(VersionedModelForm):
    class Meta:
        model = Provider
        fields = ["name", "kind", "municipality"]

    def clean_name(self) -> str:
        return one_space(self.cleaned_data["name"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Municipality.objects.order_by("name")
        dkfds(self)


class CourseForm(VersionedModelForm):
    """A course and what it gives: one searchable picker (the CV's and the search's) finds
    skills, certificates and licences in the taxonomy; certificates tick `qualifications`."""

    skills = PickedSkillsField(
        label=_("Skills, certificates and licences it gives"),
        queryset=Skill.objects.all(),
        required=False,
        widget=TaxonomyPicker(kind="skills", multiple=True, qualification_field="qualifications"),
        help_text=_("Those who complete the course get them on their CV."),
    )
    # The model's field is a positive one (0 allowed) narrowed to 1–104: one limit here, so
    # that the browser and the message name the same one.
    weeks = forms.IntegerField(label=_("Weeks"), min_value=1, max_value=104)
    # Ticked in the skills picker, not shown on its own.
    qualifications = forms.ModelMultipleChoiceField(
        queryset=Qualification.objects.all(), required=False, widget=forms.MultipleHiddenInput
    )

    class Meta:
        model = Course
        fields = ["provider", "title", "weeks"]

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Provider.objects.filter(cooperation=cooperation)
        if self.instance.pk is not None and "skills" not in self.initial:
            # The picker shows what the course gives: its skills and its certificates, marked.
            qualifications = list(self.instance.qualifications.values_list("pk", flat=True))
            self.initial["qualifications"] = qualifications
            self.initial["skills"] = [
                *self.instance.skills.values_list("pk", flat=True),
                *(f"{QUALIFICATION_MARK}{pk}" for pk in qualifications),
            ]
        dkfds(self)


class TeamForm(VersionedModelForm):
    starts_on = forms.DateField(label=_("Starts"), widget=DATE, error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE, error_messages=DATE_ERRORS)

    class Meta:
        model = Team
        fields = ["course", "group", "host", "starts_on", "ends_on", "place", "seats", "price"]

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        querysets: dict[str, QuerySet[Any]] = {
            "course": Course.objects.filter(provider__cooperation=cooperation),
            "group": TeamGroup.objects.filter(cooperation=cooperation),
            "host": JobCentre.objects.filter(cooperation=cooperation),
        }
        for name, queryset in querysets.items():
            if name not in self.fields:
                continue
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        dkfds(self)


class TeamEditForm(TeamForm):
    """A team's own facts; its course stays (another course is another team)."""

    class Meta(TeamForm.Meta):
        fields = ["host", "group", "starts_on", "ends_on", "place", "seats", "price"]

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, cooperation=cooperation, **kwargs)
        self.fields["seats"].help_text = _(
            "Not fewer than the seats the job centres have reserved. More seats go to the "
            "waiting list first."
        )


class GroupForm(VersionedModelForm):
    # One limit each, so the browser and the message name the same one (a team has at most
    # 200 seats).
    average = forms.IntegerField(
        label=_("Average participants per team"),
        min_value=1,
        max_value=200,
        help_text=_("All the group's teams together must average this many participants."),
    )
    minimum = forms.IntegerField(
        label=_("Minimum participants per team"),
        min_value=1,
        max_value=200,
        help_text=_("A team with fewer participants does not run."),
    )

    def clean_name(self) -> str:
        return one_space(self.cleaned_data["name"])

    class Meta:
        model = TeamGroup
        fields = ["name", "average", "minimum"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)


class SeatsForm(forms.Form):
    job_centre = forms.ModelChoiceField(label=_("Job centre"), queryset=JobCentre.objects.none())
    seats = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=200,
        error_messages={
            "required": _("Give the number of seats."),
            "invalid": _("Give the number of seats as a whole number."),
            "min_value": _("Give a number of seats of 1 or more."),
            "max_value": _("Give at most 200 seats."),
        },
    )

    def __init__(self, *args: Any, centres: QuerySet[JobCentre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["job_centre"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = centres
        if len(centres) == 1:
            field.initial = centres[0].pk
            field.empty_label = None
        dkfds(self)


class CandidateChoiceField(forms.ModelChoiceField):
    """A job centre's candidates by name and birth year: two of one name are told apart."""

    def label_from_instance(self, obj: Any) -> str:
        return _("%(name)s (born %(year)s)") % {"name": obj, "year": obj.birth_date.year}


class EnrolForm(forms.Form):
    candidate = CandidateChoiceField(
        label=_("Candidate"),
        queryset=Candidate.objects.none(),
        error_messages={"required": _("Choose the candidate.")},
    )

    def __init__(self, *args: Any, candidates: QuerySet[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates
        dkfds(self)


class RequiredForOneAnswer(forms.CharField):
    """A field required for one answer of another (the form checks it): its label does not
    say "optional" (includes/field.html)."""

    required_for_one_answer = True


class NotKnownYetSelect(forms.NullBooleanSelect):
    """Yes, no or not known yet; shows the stored answer (a plain Select did not, so saving
    the outcome again erased it)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", _("Not known yet")), ("true", _("Yes")), ("false", _("No"))]


class EnrolmentChange(forms.Form):
    """A change of an enrolment sends back, hidden, the version the page showed
    (`services._locked_enrolment`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class FinishForm(EnrolmentChange):
    COMPLETED, DROPPED_OUT = "completed", "dropped_out"
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[(COMPLETED, _("Completed the course")), (DROPPED_OUT, _("Dropped out"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the candidate completed or dropped out.")},
    )
    finished_on = forms.DateField(label=_("Date"), widget=DATE, error_messages=DATE_ERRORS)
    reason = RequiredForOneAnswer(
        label=_("Reason for dropping out"),
        required=False,
        max_length=300,
        help_text=_("Required when the candidate dropped out."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data and data.get("result") == self.DROPPED_OUT and not data.get("reason"):
            self.add_error("reason", _("Give the reason for dropping out."))
        return data


class AttendanceForm(EnrolmentChange):
    week = forms.IntegerField(
        label=_("Week"),
        min_value=1,
        error_messages={
            "required": _("Give the week."),
            "invalid": _("Give the week as a whole number."),
            "min_value": _("Give a week of 1 or more."),
        },
    )
    attended = forms.BooleanField(label=_("Attended the week"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)


class OutcomeForm(EnrolmentChange):
    got_job = forms.BooleanField(label=_("Got an ordinary job"), required=False)
    got_hours = forms.BooleanField(label=_("Got ordinary hours"), required=False)
    hours_after_three_months = forms.NullBooleanField(
        label=_("Still had ordinary hours after three months"),
        required=False,
        widget=NotKnownYetSelect,
    )
    started_education = forms.BooleanField(label=_("Started an education"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)
