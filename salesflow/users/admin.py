from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from salesflow.users.models import ApiToken, User


@admin.register(User)
class SalesflowUserAdmin(UserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "supervisor",
        "team",
        "is_active",
    )
    list_filter = ("role", "team", "is_active")
    list_select_related = ("supervisor", "team")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            _("Sales organisation"),
            {"fields": ("role", "supervisor", "team", "social_style", "language")},
        ),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")
