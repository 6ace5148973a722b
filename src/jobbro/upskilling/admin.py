from django.contrib import admin

from .models import Course, Provider, Team, TeamGroup


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "cooperation"]
    list_filter = ["cooperation", "kind"]
    search_fields = ["name"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "weeks"]
    search_fields = ["title"]
    filter_horizontal = ["qualifications"]
    raw_id_fields = ["skills"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["course", "starts_on", "place", "seats", "price", "host", "group"]


@admin.register(TeamGroup)
class TeamGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "average", "minimum", "cooperation"]
