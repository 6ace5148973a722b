from django.contrib import admin

from .models import Assessment, AssessmentChange, Recommendation


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["number", "area", "obligation", "first_year", "last_year", "cooperation"]
    list_filter = ["cooperation", "obligation"]
    search_fields = ["number", "text"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    # The history is only added to through the report form; the admin reads it.
    list_display = ["recommendation", "municipality", "year", "status", "version", "updated_at"]
    list_filter = ["year", "status"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(AssessmentChange)
class AssessmentChangeAdmin(AssessmentAdmin):
    list_display = ["assessment", "version", "status", "changed_by", "changed_at"]
    list_filter = ["status"]
