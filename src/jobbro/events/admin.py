from django.contrib import admin

from .models import Event, EventCompany


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "job_centre", "cooperation"]
    list_filter = ["cooperation"]
    search_fields = ["title"]


@admin.register(EventCompany)
class EventCompanyAdmin(admin.ModelAdmin):
    list_display = ["event", "company", "status", "participants", "interviews", "hires"]
