from decimal import Decimal

import pytest

from salesflow.accounts.models import Tier, TierRule
from salesflow.accounts.services import account_create, tier_suggest

pytestmark = pytest.mark.django_db

# The default rules: A from ¥1bn revenue and 1,000 employees, B from ¥100m and 100 employees.
A_REVENUE = Decimal("1000000000")
B_REVENUE = Decimal("100000000")


def suggest(revenue, employees, net_assets=None) -> str:
    return tier_suggest(annual_revenue=revenue, employees=employees, net_assets=net_assets)


def test_a_company_exactly_at_the_a_minimums_is_suggested_tier_a():
    assert suggest(A_REVENUE, 1000) == Tier.A


def test_a_company_just_below_the_a_revenue_minimum_falls_to_tier_b():
    assert suggest(A_REVENUE - Decimal("0.01"), 1000) == Tier.B


def test_a_company_one_employee_short_of_tier_a_falls_to_tier_b():
    assert suggest(A_REVENUE, 999) == Tier.B


def test_a_company_exactly_at_the_b_minimums_is_suggested_tier_b():
    assert suggest(B_REVENUE, 100) == Tier.B


def test_a_company_just_below_the_b_minimums_is_suggested_tier_c():
    assert suggest(B_REVENUE, 99) == Tier.C
    assert suggest(B_REVENUE - Decimal("0.01"), 100) == Tier.C


def test_a_company_with_unknown_size_is_suggested_tier_c():
    assert suggest(None, None) == Tier.C


def test_a_changed_rule_changes_the_suggestion():
    TierRule.objects.filter(tier=Tier.B).update(min_annual_revenue=None, min_employees=50)

    assert suggest(None, 50) == Tier.B
    assert suggest(None, 49) == Tier.C


def test_a_rule_on_net_assets_is_followed():
    TierRule.objects.filter(tier=Tier.A).update(
        min_annual_revenue=None, min_employees=None, min_net_assets=Decimal("5000000")
    )

    assert suggest(None, None, Decimal("5000000")) == Tier.A
    assert suggest(None, None, Decimal("4999999.99")) == Tier.C


def test_a_new_account_gets_the_suggested_tier(org):
    account = account_create(
        acting_user=org["rep1"], name="Big Steel", annual_revenue=A_REVENUE, employees=5000
    )

    assert account.tier == Tier.A


def test_an_explicit_tier_wins_over_the_suggestion(org):
    account = account_create(
        acting_user=org["rep1"],
        name="Big Steel",
        annual_revenue=A_REVENUE,
        employees=5000,
        tier=Tier.C,
    )

    account.refresh_from_db()
    assert account.tier == Tier.C
