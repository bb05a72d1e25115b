from django.contrib import admin

from salesflow.targets.models import Payment, Target, TargetChange


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("metric", "period", "holder_kind", "region", "team", "user", "amount")
    list_filter = ("metric", "period_kind", "holder_kind")
    list_select_related = ("region", "team", "user", "dealer", "product")


@admin.register(TargetChange)
class TargetChangeAdmin(admin.ModelAdmin):
    list_display = ("target", "old_amount", "new_amount", "changed_by", "changed_at")


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("opportunity", "amount", "received_on", "recorded_by")
    list_select_related = ("opportunity", "recorded_by")
