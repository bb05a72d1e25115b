from django.contrib import admin

from salesflow.activities.models import Activity, CadenceRule, DailyReport, MarketReport, VisitPlan


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "kind", "purpose", "account", "owner", "duration_minutes")
    list_filter = ("kind", "purpose")
    list_select_related = ("account", "owner")
    autocomplete_fields = ("account", "opportunity", "contacts")


@admin.register(VisitPlan)
class VisitPlanAdmin(admin.ModelAdmin):
    list_display = ("date", "owner", "area", "status", "decided_by")
    list_filter = ("status",)
    list_select_related = ("owner", "decided_by")


@admin.register(DailyReport)
class DailyReportAdmin(admin.ModelAdmin):
    list_display = ("date", "owner", "status", "on_time", "signed_by")
    list_filter = ("status", "on_time")
    list_select_related = ("owner", "signed_by")


@admin.register(MarketReport)
class MarketReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "subject", "kind", "urgent", "status", "raised_by")
    list_filter = ("kind", "urgent", "status")
    list_select_related = ("raised_by",)


@admin.register(CadenceRule)
class CadenceRuleAdmin(admin.ModelAdmin):
    list_display = ("tier", "call_every_months", "visit_every_months")
