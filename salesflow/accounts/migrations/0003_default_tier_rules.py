from decimal import Decimal

from django.db import migrations

DEFAULTS = [
    ("A", Decimal("1000000000"), 1000, None),
    ("B", Decimal("100000000"), 100, None),
]


def create_default_rules(apps, schema_editor):
    TierRule = apps.get_model("accounts", "TierRule")
    for tier, revenue, employees, net_assets in DEFAULTS:
        TierRule.objects.get_or_create(
            tier=tier,
            defaults={
                "min_annual_revenue": revenue,
                "min_employees": employees,
                "min_net_assets": net_assets,
            },
        )


def remove_default_rules(apps, schema_editor):
    apps.get_model("accounts", "TierRule").objects.filter(tier__in=["A", "B"]).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(create_default_rules, remove_default_rules)]
