"""The call and visit cadence of §8: A monthly call and quarterly visit, B every 3 and 6 months,
C every 6 and 12 months. Admins change them in the app."""

from django.db import migrations

DEFAULTS = [("A", 1, 3), ("B", 3, 6), ("C", 6, 12)]


def create_rules(apps, schema_editor):
    CadenceRule = apps.get_model("activities", "CadenceRule")
    for tier, call, visit in DEFAULTS:
        CadenceRule.objects.get_or_create(
            tier=tier, defaults={"call_every_months": call, "visit_every_months": visit}
        )


def remove_rules(apps, schema_editor):
    apps.get_model("activities", "CadenceRule").objects.filter(
        tier__in=[t for t, _c, _v in DEFAULTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0003_daily_loop")]
    operations = [migrations.RunPython(create_rules, remove_rules)]
