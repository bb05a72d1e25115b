from django.contrib import admin

from salesflow.activities.models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "kind", "purpose", "account", "owner", "duration_minutes")
    list_filter = ("kind", "purpose")
    list_select_related = ("account", "owner")
    autocomplete_fields = ("account", "opportunity", "contacts")
