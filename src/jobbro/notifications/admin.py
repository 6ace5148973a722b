from django.contrib import admin

from .models import Notification, NotificationSettings


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "address", "subject", "sent_at", "error"]
    list_filter = ["kind", "sent_at"]
    search_fields = ["address", "subject", "key"]
    readonly_fields = [f.name for f in Notification._meta.fields]


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    search_fields = ["user__username", "user__email"]
