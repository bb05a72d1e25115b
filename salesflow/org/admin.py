from django.contrib import admin

from salesflow.org.models import Dealer, Region, Team


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "region")
    list_filter = ("region",)
    search_fields = ("name",)


@admin.register(Dealer)
class DealerAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "team")
    search_fields = ("name",)
