"""The parts of a target: same metric and product, a period inside, a holder under (or the same
holder over a shorter period), never adding up to more than the target, no duplicates."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from salesflow.org.models import Dealer, Region, Team
from salesflow.targets.models import Target

NEXT = str(timezone.localdate().year + 1)  # a year that has not started: nothing is locked


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_parts_that_would_exceed_the_target_are_refused_with_the_figures(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    set_target(org["region"], NEXT, 700_000, parent=company)
    west = Region.objects.create(name="West")

    with pytest.raises(ValidationError) as excinfo:
        set_target(west, NEXT, 500_000, parent=company)

    assert errors_of(excinfo)["amount"] == [
        "The parts would total ¥1,200,000, ¥200,000 more than the target of ¥1,000,000."
    ]
    assert not Target.objects.filter(region=west).exists()


def test_parts_may_add_up_to_exactly_the_target(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    west = Region.objects.create(name="West")
    set_target(org["region"], NEXT, 600_000, parent=company)

    set_target(west, NEXT, 400_000, parent=company)

    assert company.parts.count() == 2


def test_what_the_parts_leave_over_is_unallocated(org, set_target):
    from salesflow.targets.selectors import target_get_visible

    company = set_target("company", NEXT, 1_000_000)
    set_target(org["region"], NEXT, 600_000, parent=company)

    seen = target_get_visible(org["director"], company.pk)

    assert seen.allocated == Decimal("600000")
    assert seen.amount - seen.allocated == Decimal("400000")


def test_new_customer_figures_are_counts_not_yuan(org, set_target):
    company = set_target("company", NEXT, 10, metric="new_customers")
    set_target(org["region"], NEXT, 8, metric="new_customers", parent=company)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["team2"], NEXT, 4, metric="new_customers", parent=company)

    assert errors_of(excinfo)["amount"] == [
        "The parts would total 12, 2 more than the target of 10."
    ]


def test_lowering_a_target_below_its_parts_is_refused(org, set_target):
    from salesflow.targets.services import target_update

    company = set_target("company", NEXT, 1_000_000)
    set_target(org["region"], NEXT, 800_000, parent=company)

    with pytest.raises(ValidationError) as excinfo:
        target_update(target=company, acting_user=org["director"], amount=Decimal(500_000))

    assert "¥800,000, ¥300,000 more than ¥500,000" in errors_of(excinfo)["amount"][0]


def test_raising_a_part_past_what_its_target_leaves_is_refused(org, set_target):
    from salesflow.targets.services import target_update

    company = set_target("company", NEXT, 1_000_000)
    east = set_target(org["region"], NEXT, 600_000, parent=company)
    set_target(org["team2"], NEXT, 300_000, parent=company)

    with pytest.raises(ValidationError) as excinfo:
        target_update(target=east, acting_user=org["director"], amount=Decimal(800_000))

    assert errors_of(excinfo)["amount"] == [
        "The parts would total ¥1,100,000, ¥100,000 more than the target of ¥1,000,000."
    ]


def test_a_part_goes_down_the_organisation(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    east = set_target(org["region"], NEXT, 600_000, parent=company)
    shanghai = set_target(org["team1"], NEXT, 400_000, parent=east)
    dealer = Dealer.objects.create(name="Suzhou Trading", team=org["team1"])

    set_target(org["rep1"], NEXT, 200_000, parent=shanghai)
    set_target(dealer, NEXT, 100_000, parent=shanghai)

    assert [t.holder_kind for t in shanghai.parts.order_by("id")] == ["rep", "dealer"]


def test_a_team_outside_the_region_is_not_a_part_of_it(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    east = set_target(org["region"], NEXT, 600_000, parent=company)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["team2"], NEXT, 100_000, parent=east)  # Beijing has no region

    assert errors_of(excinfo)["holder"] == [
        "Beijing is not under East: a part goes to a region under the company, a team in that "
        "region, a rep in that team or a dealer of that region or team."
    ]


def test_a_rep_of_another_team_is_not_a_part_of_the_team(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    shanghai = set_target(org["team1"], NEXT, 500_000, parent=company)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["rep3"], NEXT, 100_000, parent=shanghai)

    assert "rep3 is not under Shanghai" in errors_of(excinfo)["holder"][0]


def test_a_region_may_go_straight_to_a_rep_in_one_of_its_teams(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    east = set_target(org["region"], NEXT, 600_000, parent=company)

    part = set_target(org["rep1"], NEXT, 100_000, parent=east)

    assert part.parent == east


def test_the_same_holder_breaks_its_year_down_into_quarters(org, set_target):
    year = set_target(org["rep1"], NEXT, 400_000)

    quarter = set_target(org["rep1"], f"{NEXT}-Q1", 100_000, parent=year)
    month = set_target(org["rep1"], f"{NEXT}-02", 30_000, parent=quarter)

    assert (quarter.period_kind, month.period_kind) == ("quarter", "month")


def test_the_same_holder_over_the_same_period_is_not_a_part(org, set_target):
    year = set_target(org["team1"], NEXT, 400_000)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["team1"], NEXT, 100_000, parent=year)

    assert errors_of(excinfo)["period"] == [
        f"A part for the same holder covers a shorter period inside {NEXT}."
    ]


def test_a_part_lies_inside_its_targets_period(org, set_target):
    quarter = set_target("company", f"{NEXT}-Q1", 300_000)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["region"], f"{NEXT}-04", 100_000, parent=quarter)

    assert errors_of(excinfo)["period"] == [
        f"A part's period lies inside its target's period, {NEXT}-Q1."
    ]


def test_a_part_measures_what_its_target_measures(org, set_target, product):
    revenue = set_target("company", NEXT, 1_000_000)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["region"], NEXT, 100, metric="new_customers", parent=revenue)
    assert "parent" in errors_of(excinfo)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["region"], NEXT, 100, product=product, parent=revenue)
    assert "parent" in errors_of(excinfo)


def test_one_target_per_metric_period_holder_and_product(org, set_target, product):
    set_target(org["team1"], NEXT, 500_000)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["team1"], NEXT, 600_000)

    assert errors_of(excinfo)["holder"] == [
        f"Shanghai already has a sales revenue target for {NEXT}; change that one instead."
    ]
    assert set_target(org["team1"], NEXT, 100_000, product=product).product == product
    assert set_target(org["team1"], NEXT, 9, metric="new_customers").metric == "new_customers"


def test_two_parts_for_one_holder_over_overlapping_periods_are_refused(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    set_target(org["region"], NEXT, 400_000, parent=company)

    with pytest.raises(ValidationError) as excinfo:
        set_target(org["region"], f"{NEXT}-Q2", 100_000, parent=company)

    assert errors_of(excinfo)["period"] == [
        f"East already has a part of this target for {NEXT}; break that one down instead."
    ]


def test_new_customers_are_whole_customers(org, set_target):
    with pytest.raises(ValidationError) as excinfo:
        set_target("company", NEXT, "2.5", metric="new_customers")

    assert errors_of(excinfo)["amount"] == ["New customers are counted in whole customers."]


def test_a_period_that_does_not_parse_is_refused(org, set_target):
    with pytest.raises(ValidationError) as excinfo:
        set_target("company", "2026-Q5", 1)

    assert "period" in errors_of(excinfo)


def test_a_team_in_a_region_may_hold_a_part_of_the_company_target_directly(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    north = Team.objects.create(name="Tianjin")

    assert set_target(north, NEXT, 100_000, parent=company).parent == company
