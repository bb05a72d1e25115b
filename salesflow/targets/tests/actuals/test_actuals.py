"""Each metric's arithmetic on small hand-computed data, bucketed by the Shanghai calendar."""

from datetime import date
from decimal import Decimal

from salesflow.org.models import Dealer
from salesflow.pipeline.models import Opportunity, Status
from salesflow.targets.actuals import Actual, Slot, actuals_for, actuals_of
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind
from salesflow.targets.periods import parse_period
from salesflow.targets.tests.conftest import as_holder, shanghai


def actual(metric, holder, period, product=None):
    slot = Slot(metric, as_holder(holder), parse_period(period), product)
    return actuals_for([slot])[slot]


def test_a_deal_won_at_half_past_eleven_on_march_31_in_shanghai_counts_in_march(org, won):
    won(org["rep1"], 70_000, at=shanghai(2026, 3, 31, 23, 30))  # 15:30 UTC, still March 31
    won(org["rep1"], 5_000, at=shanghai(2026, 4, 1, 0, 10))  # 16:10 UTC on March 31

    assert actual("revenue", org["rep1"], "2026-03").value == Decimal("70000.00")
    assert actual("revenue", org["rep1"], "2026-04").value == Decimal("5000.00")
    assert actual("revenue", org["rep1"], "2026-Q1").value == Decimal("70000.00")
    assert actual("revenue", org["rep1"], "2026").value == Decimal("75000.00")


def test_revenue_counts_won_deals_only(org, won):
    won(org["rep1"], 40_000)
    lost = won(org["rep1"], 900_000)
    Opportunity.objects.filter(pk=lost.pk).update(status=Status.LOST)

    assert actual("revenue", org["rep1"], "2026-03").value == Decimal("40000.00")


def test_a_team_region_and_company_add_up_their_reps(org, won):
    won(org["rep1"], 10_000)  # Shanghai team, East region
    won(org["rep2"], 20_000)  # Shanghai team, East region
    won(org["rep3"], 40_000)  # Beijing team, no region

    assert actual("revenue", org["team1"], "2026").value == Decimal("30000.00")
    assert actual("revenue", org["team2"], "2026").value == Decimal("40000.00")
    assert actual("revenue", org["region"], "2026").value == Decimal("30000.00")
    assert actual("revenue", "company", "2026").value == Decimal("70000.00")


def test_gross_margin_counts_only_deals_with_a_known_cost_and_says_how_many_are_left_out(org, won):
    won(org["rep1"], 100_000, cost=60_000)
    won(org["rep1"], 50_000, cost=45_000)
    won(org["rep1"], 80_000)  # no cost: margin unknown

    margin = actual("gross_margin", org["rep1"], "2026-Q1")

    assert margin == Actual(Decimal("45000.00"), uncosted=1)


def test_a_new_customer_is_an_account_whose_first_won_deal_falls_in_the_period(
    org, won, make_account
):
    old = make_account(org["rep1"])
    won(org["rep1"], 1_000, account=old, at=shanghai(2026, 2, 10, 9))
    won(org["rep1"], 2_000, account=old, at=shanghai(2026, 3, 5, 9))  # a second win: not new
    fresh = make_account(org["rep1"])
    won(org["rep1"], 3_000, account=fresh, at=shanghai(2026, 3, 6, 9))
    won(org["rep1"], 4_000, account=fresh, at=shanghai(2026, 3, 20, 9))  # same customer again

    assert actual("new_customers", org["rep1"], "2026-02").value == 1
    assert actual("new_customers", org["rep1"], "2026-03").value == 1
    assert actual("new_customers", org["rep1"], "2026-Q1").value == 2


def test_a_new_customer_counts_for_the_owner_of_the_first_won_deal(org, won, make_account):
    account = make_account(org["rep1"])
    won(org["rep1"], 1_000, account=account, at=shanghai(2026, 3, 1, 9))
    won(org["manager1"], 9_000, account=account, at=shanghai(2026, 3, 2, 9))

    assert actual("new_customers", org["rep1"], "2026-03").value == 1
    assert actual("new_customers", org["manager1"], "2026-03").value == 0


def test_two_first_wins_at_the_same_moment_make_one_new_customer_for_the_earlier_deal(
    org, won, make_account
):
    account = make_account(org["rep1"])
    moment = shanghai(2026, 3, 3, 10)
    won(org["rep1"], 1_000, account=account, at=moment)
    won(org["manager1"], 2_000, account=account, at=moment)

    assert actual("new_customers", org["rep1"], "2026-03").value == 1
    assert actual("new_customers", org["manager1"], "2026-03").value == 0
    assert actual("new_customers", org["team1"], "2026-03").value == 1
    assert actual("new_customers", "company", "2026").value == 1


def test_a_product_new_customer_needs_the_product_on_the_first_won_deal(
    org, won, product, make_account
):
    other = type(product).objects.create(name="Valve")
    account = make_account(org["rep1"])
    won(org["rep1"], 10_000, account=account, at=shanghai(2026, 3, 1, 9), lines=[(other, 1, 10)])
    won(org["rep1"], 20_000, account=account, at=shanghai(2026, 3, 9, 9), lines=[(product, 1, 20)])

    assert actual("new_customers", org["rep1"], "2026-03", product.pk).value == 0
    assert actual("new_customers", org["rep1"], "2026-03", other.pk).value == 1


def test_collections_add_up_payments_by_the_day_received(org, won, pay):
    deal = won(org["rep1"], 100_000, at=shanghai(2026, 2, 1, 9))
    pay(deal, 30_000, on=date(2026, 3, 31))
    pay(deal, 50_000, on=date(2026, 4, 1))

    assert actual("collections", org["rep1"], "2026-03").value == Decimal("30000.00")
    assert actual("collections", org["team1"], "2026-04").value == Decimal("50000.00")
    assert actual("collections", org["rep1"], "2026-02").value == Decimal("0.00")


def test_a_product_target_counts_the_products_lines_and_its_share_of_margin(org, won, product, pay):
    other = type(product).objects.create(name="Valve")
    deal = won(
        org["rep1"],
        100_000,
        cost=60_000,
        lines=[(product, 2, 30_000), (other, 1, 40_000)],
    )
    won(org["rep1"], 50_000, lines=[(other, 1, 50_000)])
    pay(deal, 50_000, on=date(2026, 3, 20))

    assert actual("revenue", org["rep1"], "2026-03", product.pk).value == Decimal("60000.00")
    # 60% of the deal's ¥40,000 margin, and 60% of the ¥50,000 payment.
    assert actual("gross_margin", org["rep1"], "2026-03", product.pk).value == Decimal("24000.00")
    assert actual("collections", org["rep1"], "2026-03", product.pk).value == Decimal("30000.00")
    assert actual("new_customers", org["rep1"], "2026-03", product.pk).value == 1


def test_a_dealer_has_no_actual_yet(org):
    dealer = Dealer.objects.create(name="Wuxi Trading", region=org["region"])

    assert actual("revenue", dealer, "2026").value is None


def test_many_targets_cost_a_constant_number_of_queries(
    org, won, set_target, django_assert_max_num_queries
):
    won(org["rep1"], 10_000)
    holders = ["company", org["region"], org["team1"], org["team2"], org["rep1"], org["rep2"]]
    targets = [
        set_target(holder, period, 1_000, metric=metric)
        for holder in holders
        for period in ("2026", "2026-Q1", "2026-01", "2026-02", "2026-03")
        for metric in ("revenue", "gross_margin", "new_customers", "collections")
    ]

    # One query per metric family, and one for the people's teams and regions.
    with django_assert_max_num_queries(4):
        found = actuals_of(targets)

    assert len(found) == 120
    rep1_march = next(
        t
        for t in targets
        if t.user == org["rep1"] and t.period == "2026-03" and t.metric == "revenue"
    )
    assert found[rep1_march.pk].value == Decimal("10000.00")


def test_holders_compare_by_kind_and_record(org):
    assert Holder(HolderKind.REP, org["rep1"]) == Holder("rep", org["rep1"])
