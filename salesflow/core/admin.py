from django.contrib import admin

from salesflow.core.models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ("changed_at", "changed_by", "content_type", "object_id", "action", "field")
    list_filter = ("content_type", "action")
    list_select_related = ("changed_by", "content_type")
    readonly_fields = [f.name for f in ChangeRecord._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
