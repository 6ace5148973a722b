"""Forms for job orders, referrals and follow-ups; they validate input, the services write."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import Cooperation, Municipality, User
from jobbro.taxonomy.forms import PickedSkillField, PickedSkillsField, TaxonomyPicker
from jobbro.taxonomy.models import (
    Language,
    Occupation,
    Qualification,
    Skill,
)
from jobbro.ui import SharedChoicesFormSet, dkfds

from . import selectors
from .models import (
    Importance,
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    Project,
    ReferralState,
    Requirement,
    RequirementKind,
)
from .services import REQUIREMENT_TARGET_FIELDS, REQUIREMENT_TARGETS

DATE_WIDGET = {"type": "date"}


class LabelChoiceField(forms.ModelChoiceField):
    """Taxonomy entries in the user's language."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class LabelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


# --- list ---------------------------------------------------------------------------------


class JobOrderFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Title, company or tasks"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("All")), *JobOrderStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("All")), *JobOrderKind.choices]
    )
    # Who runs the orders: a job centre, or the secretariat (not its host centre).
    job_centre = forms.ChoiceField(label=_("job centre"), required=False)
    project: forms.ModelChoiceField[Project] = forms.ModelChoiceField(
        label=_("project"), queryset=Project.objects.none(), required=False, empty_label=_("All")
    )
    mine = forms.BooleanField(label=_("Only my job centres"), required=False)

    def __init__(self, *args: Any, cooperation: Cooperation | None, url: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.centres = {str(c.pk): c for c in selectors.job_centres_in(cooperation)}
        centre_choices: list[tuple[str, Any]] = [("", _("All"))]
        if cooperation is not None and cooperation.secretariat_id is not None:
            centre_choices.append((selectors.SECRETARIAT, _("The secretariat")))
        centre_choices += [(pk, centre.name) for pk, centre in self.centres.items()]
        centre_field = self.fields["job_centre"]
        project_field = self.fields["project"]
        assert isinstance(centre_field, forms.ChoiceField)
        assert isinstance(project_field, forms.ModelChoiceField)
        centre_field.choices = centre_choices
        project_field.queryset = selectors.projects_of(cooperation)
        if not project_field.queryset.exists():
            del self.fields["project"]
        for name, field in self.fields.items():
            trigger = "input changed delay:300ms, search" if name == "q" else "change"
            field.widget.attrs.update({"hx-get": url, "hx-trigger": trigger})
        dkfds(self)

    def _runner(self, value: str) -> selectors.Runner | None:
        if value == selectors.SECRETARIAT:
            return selectors.SECRETARIAT
        return self.centres.get(value)

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments; invalid choices are ignored, not an error page."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "status": data.get("status") or "",
            "kind": data.get("kind") or "",
            "job_centre": self._runner(data.get("job_centre") or ""),
            "project": data.get("project"),
            "mine": bool(data.get("mine")),
        }


# --- job order and requirements ---------------------------------------------------------


class JobOrderForm(forms.ModelForm):
    occupation = forms.ModelChoiceField(
        label=_("occupation"),
        queryset=Occupation.objects.all(),
        help_text=_("Type part of the job title and choose from the suggestions."),
        widget=TaxonomyPicker(kind="occupations", multiple=False),
        error_messages={
            "required": _("Choose an occupation from the suggestions."),
            "invalid_choice": _("Choose an occupation from the suggestions."),
        },
    )
    project = forms.ModelChoiceField(
        label=_("project"), queryset=Project.objects.none(), required=False, empty_label=_("None")
    )
    workplace_municipality = forms.ModelChoiceField(
        label=_("workplace municipality"), queryset=Municipality.objects.order_by("name")
    )
    # The version the editor started from (optimistic locking, see job_order_update).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = JobOrder
        fields = [
            "title",
            "occupation",
            "kind",
            "positions",
            "hours_per_week",
            "tasks",
            "workplace_address",
            "workplace_municipality",
            "start_date",
            "deadline",
            "project",
            "status",
            "published",
            "public_description",
            "how_to_apply",
            "salary_min",
            "salary_max",
            "salary_unit",
        ]
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 4}),
            "public_description": forms.Textarea(attrs={"rows": 6}),
            "how_to_apply": forms.Textarea(attrs={"rows": 3}),
            "start_date": date_input(),
            "deadline": date_input(),
        }

    def __init__(
        self, *args: Any, cooperation: Cooperation, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        project_field = self.fields["project"]
        assert isinstance(project_field, forms.ModelChoiceField)
        project_field.queryset = selectors.projects_of(cooperation)
        if not editing:
            del self.fields["status"]
            del self.fields["version"]
        else:
            self.initial.setdefault("version", self.instance.version)
            # "Filled" follows from the hires; the user opens, closes or cancels.
            status_field = self.fields["status"]
            assert isinstance(status_field, forms.ChoiceField)
            current = self.instance.status if self.instance else ""
            status_field.choices = [
                (value, label)
                for value, label in JobOrderStatus.choices
                if value != JobOrderStatus.FILLED or value == current
            ]
        for name in ("positions", "hours_per_week"):
            self.fields[name].widget.attrs["class"] = "input-char-4"
        self.fields["published"].label = _("Publish as a job posting")
        self.fields["published"].help_text = _(
            "Open to everyone without login on the job postings page and in the feed that "
            "Jobnet and other job boards read, until the deadline or the order closes."
        )
        self.fields["public_description"].help_text = _(
            "What the public reads about the job. Write no names of persons: the company's "
            "name, the place and the job centre's contact details are added."
        )
        self.fields["how_to_apply"].help_text = _(
            "For example: Send your application to the job centre, mark it with the job title."
        )
        self.fields["title"].help_text = _(
            "As the company says it. Choose the matching occupation from the suggestions."
        )
        dkfds(self)
        # The title the company uses suggests the occupation too ("tømrersvend" → carpenter):
        # it searches into the occupation's picker and stays as typed. (After dkfds: the
        # bound field keeps the label it has when first asked for.)
        occupation = self["occupation"]
        picker = cast(TaxonomyPicker, occupation.field.widget)
        self.fields["title"].widget.attrs.update(
            picker.search_attrs(occupation.html_name, occupation.auto_id, limit=5)
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, deadline = cleaned.get("start_date"), cleaned.get("deadline")
        if start and deadline and deadline > start:
            self.add_error(
                "deadline", _("The application deadline must not be after the start date.")
            )
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class RequirementForm(forms.ModelForm):
    importance = forms.ChoiceField(
        label=_("importance"), choices=Importance.choices, initial=Importance.MUST
    )
    kind = forms.ChoiceField(label=_("kind"), choices=[("", "–"), *RequirementKind.choices])
    qualification = LabelChoiceField(
        label=_("certificate or licence"), queryset=Qualification.objects.none(), required=False
    )
    language = LabelChoiceField(
        label=_("language"), queryset=Language.objects.none(), required=False
    )
    # The job order's occupation goes with each search: its own skills come first.
    skill = PickedSkillField(
        label=_("skill"),
        queryset=Skill.objects.all(),
        required=False,
        widget=TaxonomyPicker(kind="skills", multiple=False, include="[name='occupation']"),
    )

    class Meta:
        model = Requirement
        fields = [
            "importance",
            "kind",
            "qualification",
            "language",
            "language_level",
            "skill",
            "min_years",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qualification = self.fields["qualification"]
        language = self.fields["language"]
        assert isinstance(qualification, forms.ModelChoiceField)
        assert isinstance(language, forms.ModelChoiceField)
        qualification.queryset = Qualification.objects.order_by("kind", "label_da")
        language.queryset = Language.objects.order_by("label_da")
        self.fields["min_years"].widget.attrs.update({"class": "input-char-4", "min": 0})
        # Certificates and licences are offered too, as the skill's alternatives in the same
        # choice: picking one makes the row a certificate requirement (see `clean`;
        # joborders.js shows it at once), as requirements keep the two apart.
        picker = cast(TaxonomyPicker, self.fields["skill"].widget)
        picker.qualification_field = self.add_prefix("skill")
        # A saved requirement's skill was read with it: the picker need not read it again.
        skill = self.initial.get("skill")
        if isinstance(skill, Skill):
            picker.known = {skill.pk: skill}
        dkfds(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        picked = cleaned.get("skill")
        if isinstance(picked, Qualification):
            if cleaned.get("kind") == RequirementKind.SKILL:
                cleaned["kind"] = RequirementKind.QUALIFICATION
                cleaned["qualification"] = picked
            cleaned["skill"] = None
        kind = cleaned.get("kind")
        if kind not in REQUIREMENT_TARGETS:
            return cleaned
        keep = REQUIREMENT_TARGETS[kind]
        # Only the field the kind names counts; the others may hold leftovers from the page.
        for name in REQUIREMENT_TARGET_FIELDS:
            if name not in keep:
                cleaned[name] = "" if name == "language_level" else None
        messages = {
            "qualification": _("Choose the certificate or licence."),
            "language": _("Choose the language."),
            "language_level": _("Choose the minimum level."),
            "skill": _("Choose the skill from the suggestions."),
            "min_years": _("Give the minimum years of experience."),
        }
        for name in keep:
            if cleaned.get(name) in (None, "") and not self.has_error(name):
                self.add_error(name, messages[name])
        return cleaned

    def _post_clean(self) -> None:
        # The check constraint needs the job order's row; the service validates the whole.
        pass

    def requirement_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class BaseRequirementFormSet(SharedChoicesFormSet):
    shared_choices = ("qualification", "language")

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")
            form.fields["DELETE"].widget.attrs["class"] = "form-checkbox"

    def requirements(self) -> list[dict[str, Any]]:
        """The requirements to keep: rows with a kind, not marked for deletion.

        An existing requirement saved unchanged has not "changed" against its initial data,
        yet it is kept: the service replaces the whole list with what this returns.
        """
        return [
            form.requirement_data()
            for form in self.forms
            if form.cleaned_data.get("kind")
            and not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]


RequirementFormSet = cast(
    type[BaseRequirementFormSet],
    forms.formset_factory(
        RequirementForm, formset=BaseRequirementFormSet, extra=1, can_delete=True, max_num=30
    ),
)


def requirement_initial(job_order: JobOrder) -> list[dict[str, Any]]:
    return [
        {
            "importance": r.importance,
            "kind": r.kind,
            "qualification": r.qualification,
            "language": r.language,
            "language_level": r.language_level,
            "skill": r.skill,
            "min_years": r.min_years,
        }
        for r in selectors.requirements_of(job_order)
    ]


# --- the job order broken into tasks (substitution labour) ------------------------------


class JobOrderTaskForm(forms.Form):
    """One task of the job order; `id` names the task it changes (none: a new one)."""

    id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("task"),
        max_length=200,
        error_messages={"required": _("Give the task a title.")},
    )
    description = forms.CharField(
        label=_("description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The job order's occupation goes with each search: its own skills come first.
    skills = PickedSkillsField(
        label=_("skills it needs"),
        queryset=Skill.objects.all(),
        required=False,
        widget=TaxonomyPicker(kind="skills", multiple=True, include="#task-occupation"),
    )
    needs_trade = forms.BooleanField(
        label=_("needs the trade"),
        required=False,
        help_text=_("Only someone with the trade (e.g. a journeyman's certificate) can do it."),
    )
    positions = forms.IntegerField(label=_("people"), min_value=1, max_value=999, initial=1)
    hours_per_week = forms.IntegerField(
        label=_("hours per week"), min_value=1, max_value=80, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("positions", "hours_per_week"):
            self.fields[name].widget.attrs.update({"class": "input-char-4", "min": 1})
        # A saved task's skills were read with it: the picker need not read them again.
        skills = self.initial.get("skills") or []
        picker = cast(TaxonomyPicker, self.fields["skills"].widget)
        picker.known = {skill.pk: skill for skill in skills if isinstance(skill, Skill)}
        dkfds(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("DELETE"):
            return cleaned
        if (
            not cleaned.get("needs_trade")
            and not cleaned.get("skills")
            and not self.has_error("skills")
        ):
            self.add_error(
                "skills",
                _("Choose at least one skill: a task without the trade is matched by its skills."),
            )
        return cleaned

    def task_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.fields if name != "DELETE"}
        data["skills"] = list(data.get("skills") or [])
        return data


class BaseTaskFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")
            form.fields["DELETE"].widget.attrs["class"] = "form-checkbox"

    def tasks(self) -> list[dict[str, Any]]:
        """The tasks to keep: every filled-in row not marked for removal. A saved task
        left unchanged is kept too: the service replaces the list with this one."""
        return [
            form.task_data()
            for form in self.forms
            if form.has_changed() or form.initial
            if not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]


TaskFormSet = cast(
    type[BaseTaskFormSet],
    forms.formset_factory(
        JobOrderTaskForm,
        formset=BaseTaskFormSet,
        extra=1,
        can_delete=True,
        max_num=30,
        validate_max=True,
    ),
)


def task_initial(job_order: JobOrder) -> list[dict[str, Any]]:
    return [
        {
            "id": task.pk,
            "title": task.title,
            "description": task.description,
            "skills": list(task.skills.all()),
            "needs_trade": task.needs_trade,
            "positions": task.positions,
            "hours_per_week": task.hours_per_week,
        }
        for task in selectors.tasks_of(job_order)
    ]


class VersionForm(forms.Form):
    """The version of the job order the editor started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


# --- search and referrals ----------------------------------------------------------------


ANSWER_STATES = (ReferralState.INTERVIEW, ReferralState.DECLINED, ReferralState.WITHDRAWN)


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(
        choices=[(s.value, s.label) for s in ANSWER_STATES],
        error_messages={
            "required": _("Choose the answer."),
            "invalid_choice": _("Unknown answer."),
        },
    )
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)


class HireForm(forms.Form):
    start_date = forms.DateField(label=_("first working day"), widget=date_input())
    hours_per_week = forms.IntegerField(label=_("hours per week"), min_value=1, max_value=80)
    ordinary_hours = forms.BooleanField(label=_("ordinary hours (not subsidised)"), required=False)
    onboarding_consultant = UserChoiceField(
        label=_("onboarding consultant"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("Follows up after 1 week, 1 month and 3 months."),
    )

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        consultant = self.fields["onboarding_consultant"]
        assert isinstance(consultant, forms.ModelChoiceField)
        consultant.queryset = selectors.onboarding_consultants_of(cooperation)
        self.fields["hours_per_week"].widget.attrs["class"] = "input-char-4"
        dkfds(self)


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class FollowUpForm(forms.Form):
    still_employed = forms.TypedChoiceField(
        label=_("Is the person still employed?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer whether the person is still employed.")},
    )
    ordinary_hours = forms.TypedChoiceField(
        label=_("On ordinary hours (not subsidised)?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    note = forms.CharField(
        label=_("note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dkfds(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("still_employed") and cleaned.get("ordinary_hours") is None:
            self.add_error("ordinary_hours", _("Answer whether the hours are ordinary."))
        return cleaned


FOLLOW_UP_SHOW_CHOICES = [
    (selectors.FollowUpFilter.DUE.value, _("Open")),
    (selectors.FollowUpFilter.OVERDUE.value, _("Overdue")),
    (selectors.FollowUpFilter.DONE.value, _("Done")),
]


# --- projects -------------------------------------------------------------------------------


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "description", "start_date", "end_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": date_input(),
            "end_date": date_input(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _("For example: Metro line M5, New hospital in Hillerød")
        dkfds(self)

    def validate_unique(self) -> None:
        """The service says so in the user's words (the cooperation is not on the form)."""
