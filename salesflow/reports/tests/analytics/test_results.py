"""Win rate, deal size, the monthly trend and loss reasons, on small hand-counted data."""

from datetime import date
from decimal import Decimal

from salesflow.pipeline.models import Status
from salesflow.reports.analytics import (
    loss_reasons,
    losses_by_competitor,
    results,
    results_by_month,
)
from salesflow.reports.tests.closing import local

MARCH = {"start": date(2024, 3, 1), "end": date(2024, 3, 31)}


def test_win_rate_is_won_over_won_lost_and_abandoned_closed_in_the_period(
    org, make_deal, win, lose
):
    rep = org["rep1"]
    win(make_deal(rep, amount=Decimal("100000")), at=local(date(2024, 3, 2)))
    win(make_deal(rep, amount=Decimal("50000")), at=local(date(2024, 3, 20)))
    lose(make_deal(rep), at=local(date(2024, 3, 5)))
    lose(make_deal(rep), at=local(date(2024, 3, 6)), result=Status.ABANDONED)
    win(make_deal(rep, amount=Decimal("999999")), at=local(date(2024, 4, 1)))
    make_deal(rep)  # still open

    figures = results(rep, **MARCH)

    assert (figures.won, figures.lost, figures.abandoned) == (2, 1, 1)
    assert figures.win_rate == Decimal("50.0")
    assert figures.won_amount == Decimal("150000.00")
    assert figures.average_deal == Decimal("75000.00")


def test_nothing_closed_means_no_win_rate_and_no_average(org, make_deal):
    make_deal(org["rep1"])

    figures = results(org["rep1"], **MARCH)

    assert figures.closed == 0
    assert figures.win_rate is None
    assert figures.average_deal is None


def test_a_deal_belongs_to_the_local_day_it_closed_on(org, make_deal, win):
    rep = org["rep1"]
    # 23:30 on 31 March in Shanghai is still 31 March; 00:30 on 1 April is April (16:30 UTC
    # on 31 March).
    win(make_deal(rep, amount=Decimal("10")), at=local(date(2024, 3, 31), 23, 30))
    win(make_deal(rep, amount=Decimal("20")), at=local(date(2024, 4, 1), 0, 30))

    march = results(rep, **MARCH)
    april = results(rep, start=date(2024, 4, 1), end=date(2024, 4, 30))

    assert march.won_amount == Decimal("10.00")
    assert april.won_amount == Decimal("20.00")


def test_filters_narrow_the_results_by_owner_and_team(org, make_deal, win):
    win(make_deal(org["rep1"]), at=local(date(2024, 3, 2)))
    win(make_deal(org["rep2"]), at=local(date(2024, 3, 2)))
    win(make_deal(org["rep3"]), at=local(date(2024, 3, 2)))

    director = org["director"]
    assert results(director, **MARCH).won == 3
    assert results(director, **MARCH, owner=org["rep2"].pk).won == 1
    assert results(director, **MARCH, team=org["team1"].pk).won == 2


def test_a_manager_counts_only_the_deals_they_may_see(org, make_deal, win):
    win(make_deal(org["rep1"]), at=local(date(2024, 3, 2)))
    win(make_deal(org["rep3"]), at=local(date(2024, 3, 2)))

    assert results(org["manager1"], **MARCH).won == 1
    assert results(org["rep3"], **MARCH).won == 1


def test_the_monthly_trend_lists_every_month_with_its_own_win_rate(org, make_deal, win, lose):
    rep = org["rep1"]
    win(make_deal(rep), at=local(date(2024, 1, 10)))
    lose(make_deal(rep), at=local(date(2024, 1, 11)))
    lose(make_deal(rep), at=local(date(2024, 1, 12)))
    win(make_deal(rep), at=local(date(2024, 3, 31), 23, 59))

    months = results_by_month(rep, start=date(2024, 1, 15), end=date(2024, 3, 31))

    assert [m.month for m in months] == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    assert [m.results.win_rate for m in months] == [Decimal("33.3"), None, Decimal("100.0")]


def test_loss_reasons_group_lost_and_abandoned_deals_by_the_reason_given(org, make_deal, win, lose):
    rep = org["rep1"]
    lose(
        make_deal(rep, amount=Decimal("1000")), reason="Price too high", at=local(date(2024, 3, 2))
    )
    lose(
        make_deal(rep, amount=Decimal("2000")),
        reason=" Price too high ",
        at=local(date(2024, 3, 3)),
    )
    lose(
        make_deal(rep, amount=Decimal("500")),
        reason="Price too high",
        result=Status.ABANDONED,
        at=local(date(2024, 3, 4)),
    )
    lose(make_deal(rep, amount=Decimal("7000")), reason="No budget", at=local(date(2024, 3, 5)))
    lose(make_deal(rep), reason="Price too high", at=local(date(2024, 2, 28)))
    win(make_deal(rep), at=local(date(2024, 3, 6)))

    groups = loss_reasons(rep, **MARCH)

    assert [(g.label, g.lost, g.abandoned, g.amount) for g in groups] == [
        ("Price too high", 2, 1, Decimal("3500.00")),
        ("No budget", 1, 0, Decimal("7000.00")),
    ]


def test_losses_by_competitor_count_only_lost_deals_that_name_the_winner(org, make_deal, lose):
    rep = org["rep1"]
    lose(make_deal(rep, amount=Decimal("100")), won_by="西门子", at=local(date(2024, 3, 2)))
    lose(make_deal(rep, amount=Decimal("300")), won_by="西门子", at=local(date(2024, 3, 3)))
    lose(make_deal(rep, amount=Decimal("200")), won_by="ABB", at=local(date(2024, 3, 4)))
    lose(make_deal(rep), at=local(date(2024, 3, 5)))  # no competitor named
    lose(make_deal(rep), result=Status.ABANDONED, at=local(date(2024, 3, 6)))

    groups = losses_by_competitor(rep, **MARCH)

    assert [(g.label, g.count, g.amount) for g in groups] == [
        ("西门子", 2, Decimal("400.00")),
        ("ABB", 1, Decimal("200.00")),
    ]
