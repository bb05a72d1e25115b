from decimal import Decimal

from salesflow.accounts.models import Tier, TierRule


def rule(**minimums) -> TierRule:
    return TierRule(tier=Tier.B, **minimums)


def test_a_rule_matches_when_every_given_minimum_is_met_exactly():
    b = rule(min_annual_revenue=Decimal("100000000"), min_employees=100)

    assert b.matches(annual_revenue=Decimal("100000000"), employees=100, net_assets=None)


def test_a_rule_does_not_match_when_one_minimum_is_missed():
    b = rule(min_annual_revenue=Decimal("100000000"), min_employees=100)

    assert not b.matches(annual_revenue=Decimal("500000000"), employees=99, net_assets=None)


def test_an_unknown_size_fact_does_not_meet_a_minimum():
    b = rule(min_annual_revenue=Decimal("100000000"), min_employees=100)

    assert not b.matches(annual_revenue=Decimal("500000000"), employees=None, net_assets=None)


def test_a_fact_the_rule_does_not_ask_about_is_ignored():
    b = rule(min_employees=100)

    assert b.matches(annual_revenue=None, employees=150, net_assets=Decimal("-5"))


def test_a_rule_without_any_minimum_never_matches():
    assert not rule().matches(annual_revenue=Decimal("1"), employees=1, net_assets=Decimal("1"))
