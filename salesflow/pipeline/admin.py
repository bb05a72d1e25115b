from django.contrib import admin

from salesflow.core.admin_history import RecordHistoryAdminMixin
from salesflow.pipeline.models import (
    Competitor,
    MilestoneCheck,
    Opportunity,
    OpportunityContact,
    OpportunityLine,
    SalesProcess,
    Stage,
    StageChange,
)
from salesflow.pipeline.services import TRACKED_FIELDS
from salesflow.playbook.models import Milestone, PlaybookItem


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ("number", "name_en", "name_zh", "funnel_state", "buying_stage", "probability")


@admin.register(SalesProcess)
class SalesProcessAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_zh", "key", "is_default", "is_active")
    inlines = [StageInline]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class PlaybookItemInline(admin.TabularInline):
    model = PlaybookItem
    extra = 0


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ("process", "number", "name_en", "funnel_state", "probability")
    list_filter = ("process", "funnel_state")
    list_select_related = ("process",)
    inlines = [MilestoneInline, PlaybookItemInline]


class CompetitorInline(admin.TabularInline):
    model = Competitor
    extra = 0


class LineInline(admin.TabularInline):
    model = OpportunityLine
    extra = 0
    autocomplete_fields = ("product",)


class DealContactInline(admin.TabularInline):
    model = OpportunityContact
    extra = 0
    autocomplete_fields = ("contact",)


@admin.register(Opportunity)
class OpportunityAdmin(RecordHistoryAdminMixin, admin.ModelAdmin):
    history_fields = TRACKED_FIELDS
    list_display = ("name", "account", "owner", "stage", "status", "amount", "expected_close_date")
    list_filter = ("status", "process", "stage__funnel_state")
    list_select_related = ("account", "owner", "stage", "stage__process")
    search_fields = ("name", "account__name")
    autocomplete_fields = ("account", "owner")
    readonly_fields = ("process", "stage", "status", "stage_entered_at", "closed_at", "version")
    inlines = [DealContactInline, CompetitorInline, LineInline]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ("opportunity", "kind", "from_number", "to_number", "changed_by", "changed_at")
    list_filter = ("kind",)
    list_select_related = ("opportunity", "changed_by")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(MilestoneCheck)
class MilestoneCheckAdmin(admin.ModelAdmin):
    list_display = ("opportunity", "milestone_text", "done", "checked_by", "checked_at")
    list_select_related = ("opportunity", "checked_by")
