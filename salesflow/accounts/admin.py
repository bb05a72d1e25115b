from django.contrib import admin

from salesflow.accounts.models import Account, AccountTeamMember, TierRule
from salesflow.accounts.services import TRACKED_FIELDS
from salesflow.core.admin_history import RecordHistoryAdminMixin


class AccountTeamMemberInline(admin.TabularInline):
    model = AccountTeamMember
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Account)
class AccountAdmin(RecordHistoryAdminMixin, admin.ModelAdmin):
    history_fields = TRACKED_FIELDS
    list_display = ("name", "tier", "key_account_type", "region", "owner", "status")
    list_filter = ("tier", "key_account_type", "region", "status")
    list_select_related = ("region", "owner")
    search_fields = ("name", "credit_code")
    autocomplete_fields = ("parent", "owner")
    inlines = [AccountTeamMemberInline]


@admin.register(TierRule)
class TierRuleAdmin(admin.ModelAdmin):
    list_display = ("tier", "min_annual_revenue", "min_employees", "min_net_assets")
