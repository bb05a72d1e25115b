from django.contrib import admin

from salesflow.playbook.models import Benefit, Feature, Objection, Product, ProposalBenefit


class FeatureInline(admin.TabularInline):
    model = Feature
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "list_price", "is_active")
    search_fields = ("name",)
    inlines = [FeatureInline]


class BenefitInline(admin.TabularInline):
    model = Benefit
    extra = 0


@admin.register(Feature)
class FeatureAdmin(admin.ModelAdmin):
    list_display = ("feature", "product", "advantage")
    list_select_related = ("product",)
    inlines = [BenefitInline]


@admin.register(ProposalBenefit)
class ProposalBenefitAdmin(admin.ModelAdmin):
    list_display = ("opportunity", "benefit")
    list_select_related = ("opportunity", "benefit")


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    list_display = ("number", "title_en", "title_zh", "is_active")
