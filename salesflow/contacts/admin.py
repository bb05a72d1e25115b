from django.contrib import admin

from salesflow.contacts.models import Contact
from salesflow.contacts.services import TRACKED_FIELDS
from salesflow.core.admin_history import RecordHistoryAdminMixin


@admin.register(Contact)
class ContactAdmin(RecordHistoryAdminMixin, admin.ModelAdmin):
    history_fields = TRACKED_FIELDS
    list_display = ("name", "title", "account", "decision_role", "attitude", "is_ally")
    list_filter = ("decision_role", "attitude", "buying_role", "is_ally", "social_style")
    list_select_related = ("account",)
    search_fields = ("name", "title", "account__name")
    autocomplete_fields = ("account", "reports_to")
