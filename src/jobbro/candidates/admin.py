"""Admin for candidates, their CVs and the target groups."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.crypto import hash_cpr

from .models import (
    Candidate,
    Cv,
    Education,
    Experience,
    HeldQualification,
    SpokenLanguage,
    TargetGroup,
)
from .validators import validate_cpr


class CandidateAdminForm(forms.ModelForm):
    """The CPR number is typed in, validated, and stored only encrypted; it is never shown."""

    cpr = forms.CharField(
        label=_("CPR number"),
        max_length=11,
        required=False,
        help_text=_("Ten digits. Leave empty to keep the stored number."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Candidate
        fields = [
            "job_centre",
            "first_name",
            "last_name",
            "birth_date",
            "email",
            "phone",
            "street",
            "postcode",
            "municipality",
            "target_groups",
            "unemployment_fund",
            "consent_scope",
            "consent_given_on",
            "available_from",
            "status",
            "registered_on",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["cpr"].required = True

    def clean_cpr(self) -> str:
        value = self.cleaned_data["cpr"].replace("-", "").strip()
        if not value:
            return value
        validate_cpr(value)
        others = Candidate.objects.exclude(pk=self.instance.pk)
        if others.filter(cpr_hash=hash_cpr(value)).exists():
            raise forms.ValidationError(
                _("A candidate with this CPR number exists already."), code="duplicate_cpr"
            )
        return value

    def save(self, commit: bool = True) -> Candidate:
        if self.cleaned_data.get("cpr"):
            self.instance.cpr = self.cleaned_data["cpr"]
        return super().save(commit=commit)


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "label_da", "label_en"]
    search_fields = ["code", "label_da", "label_en"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    form = CandidateAdminForm
    list_display = [
        "last_name",
        "first_name",
        "job_centre",
        "municipality",
        "status",
        "consent_scope",
        "available_from",
    ]
    list_filter = ["status", "consent_scope", "job_centre"]
    list_select_related = ["job_centre", "municipality"]
    # By name only: the CPR number is not a search key anyone should type into an admin.
    search_fields = ["first_name", "last_name"]
    autocomplete_fields = ["municipality", "unemployment_fund"]
    filter_horizontal = ["target_groups"]
    readonly_fields = ["created_at", "updated_at", "anonymised_at"]

    # Reads in the admin are reads of personal data like any other: they go in the log.
    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            log_access(
                user=request.user,  # type: ignore[arg-type]
                candidates=changelist.result_list,
                purpose=Purpose.LIST,
                request=request,
            )
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and original is not None:
            log_access(
                user=request.user,  # type: ignore[arg-type]
                candidates=[original],
                purpose=Purpose.VIEW,
                request=request,
            )
        return response


class ExperienceInline(admin.StackedInline):
    model = Experience
    extra = 0
    autocomplete_fields = ["occupation"]


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class HeldQualificationInline(admin.TabularInline):
    model = HeldQualification
    extra = 0


class SpokenLanguageInline(admin.TabularInline):
    model = SpokenLanguage
    extra = 0


@admin.register(Cv)
class CvAdmin(admin.ModelAdmin):
    list_display = ["candidate", "max_commute_km", "updated_at"]
    list_select_related = ["candidate"]
    search_fields = ["candidate__first_name", "candidate__last_name"]
    raw_id_fields = ["candidate"]
    autocomplete_fields = ["wished_occupations", "skills"]
    readonly_fields = ["updated_at"]
    inlines = [ExperienceInline, EducationInline, HeldQualificationInline, SpokenLanguageInline]
