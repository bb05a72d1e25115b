"""Cutting ranked customers into Pareto groups: sizes, shares, negative margins, ties, custom cuts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salesflow.reports.pareto import Customer, group_customers, parse_cuts


def customers(*rows: tuple[int, int]) -> list[Customer]:
    """(margin, minutes) per customer; account ids 1, 2, 3… in the order given."""
    return [
        Customer(account_id=n, margin=Decimal(margin), minutes=minutes)
        for n, (margin, minutes) in enumerate(rows, start=1)
    ]


def figures(groups) -> list[tuple[int, Decimal, int]]:
    return [(g.customers, g.margin, g.minutes) for g in groups]


def test_the_bank_table_comes_out_of_ten_customers_shaped_like_the_bank():
    # Margins add up to 100 and minutes to 100, so the shares read directly.
    ten = customers(
        (-5, 9), (93, 18), (8, 10), (6, 9), (3, 9), (1, 9), (0, 9), (-1, 9), (-2, 9), (-3, 9)
    )

    groups = group_customers(ten, (10, 30, 60))

    assert [g.label for g in groups] == ["Top 10%", "Next 30%", "Last 60%"]
    assert [g.customers for g in groups] == [1, 3, 6]
    assert [g.share_of_customers for g in groups] == [Decimal(10), Decimal(30), Decimal(60)]
    assert [g.share_of_time for g in groups] == [Decimal(18), Decimal(28), Decimal(54)]
    assert [g.share_of_margin for g in groups] == [Decimal(93), Decimal(17), Decimal(-10)]


def test_negative_margins_rank_last_and_pull_their_group_below_zero():
    groups = group_customers(customers((-50, 60), (10, 10), (300, 30), (-20, 5)), (25, 25, 50))

    assert figures(groups) == [(1, Decimal(300), 30), (1, Decimal(10), 10), (2, Decimal(-70), 65)]
    assert groups[2].share_of_margin == Decimal("-29.2")  # -70 of 240


def test_of_two_customers_with_the_same_margin_the_one_that_took_less_time_ranks_higher():
    # Accounts 1 and 2 tie at ¥50; the top quarter holds one customer.
    groups = group_customers(customers((50, 120), (50, 30), (10, 10), (5, 5)), (25, 75))

    assert figures(groups) == [(1, Decimal(50), 30), (3, Decimal(65), 135)]


def test_a_full_tie_is_broken_by_the_older_account_so_the_cut_is_always_the_same():
    tied = customers((0, 60), (0, 60), (0, 60), (0, 60))

    first = group_customers(tied, (50, 50))
    again = group_customers(list(reversed(tied)), (50, 50))

    assert figures(first) == figures(again) == [(2, Decimal(0), 120), (2, Decimal(0), 120)]


def test_a_custom_cut_of_20_and_80():
    ten = customers(*[(margin, 10) for margin in (90, 70, 50, 30, 10, 5, 4, 3, 2, 1)])

    groups = group_customers(ten, (20, 80))

    assert [g.label for g in groups] == ["Top 20%", "Last 80%"]
    assert figures(groups) == [(2, Decimal(160), 20), (8, Decimal(105), 80)]
    assert [g.share_of_margin for g in groups] == [Decimal("60.4"), Decimal("39.6")]


def test_a_short_list_still_has_a_top_group():
    groups = group_customers(customers((30, 1), (20, 1), (10, 1)), (10, 30, 60))

    assert [g.customers for g in groups] == [1, 1, 1]


def test_without_a_positive_total_margin_or_any_time_those_shares_are_left_out():
    groups = group_customers(customers((10, 0), (-30, 0)), (50, 50))

    assert [g.share_of_margin for g in groups] == [None, None]
    assert [g.share_of_time for g in groups] == [None, None]
    assert [g.share_of_customers for g in groups] == [Decimal(50), Decimal(50)]


def test_no_customers_make_empty_groups():
    groups = group_customers([], (10, 30, 60))

    assert [g.customers for g in groups] == [0, 0, 0]
    assert groups[0].share_of_customers is None


@pytest.mark.parametrize(
    ("text", "cuts"),
    [
        ("", (10, 30, 60)),
        ("20,80", (20, 80)),
        (" 10, 30, 60 ", (10, 30, 60)),
        ("5，15，80", (5, 15, 80)),
    ],
)
def test_cuts_are_read_from_percentages_separated_by_commas(text, cuts):
    assert parse_cuts(text) == cuts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10,30", "add up to 100%; these add up to 40%"),
        ("10,a,90", "whole percentages"),
        ("100", "2 to 10 groups"),
        ("0,100", "whole percentages"),
    ],
)
def test_cuts_that_do_not_make_groups_are_refused(text, message):
    with pytest.raises(ValidationError) as refused:
        parse_cuts(text)

    assert message in refused.value.message_dict["cuts"][0]
