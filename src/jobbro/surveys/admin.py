from django.contrib import admin

from .models import SurveyInvitation, SurveyResponse, SurveyRound


@admin.register(SurveyRound)
class SurveyRoundAdmin(admin.ModelAdmin):
    list_display = ["cooperation", "year", "quarter", "created_at"]
    list_filter = ["cooperation"]


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(admin.ModelAdmin):
    list_display = ["company", "survey_round", "job_centre", "consultant", "sent_at", "answered_at"]
    list_filter = ["survey_round", "job_centre"]
    search_fields = ["company__name", "email"]
    exclude = ["token"]  # the company's key; nobody needs to copy it from here


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["invitation", "overall", "created_at"]
