"""The leaderboard: people ranked by revenue won in the period, with their other figures."""

from datetime import date
from decimal import Decimal

from salesflow.reports.analytics import leaderboard
from salesflow.reports.tests.closing import local

MARCH = {"start": date(2024, 3, 1), "end": date(2024, 3, 31)}
IN_MARCH = local(date(2024, 3, 10))


def ranking(rows):
    return [(row.rank, row.person.username) for row in rows]


def test_people_are_ranked_by_revenue_won_then_by_deals_won(org, make_deal, win, lose):
    win(make_deal(org["rep1"], amount=Decimal("30000")), at=IN_MARCH)
    win(make_deal(org["rep2"], amount=Decimal("50000")), at=IN_MARCH)
    win(make_deal(org["rep3"], amount=Decimal("10000")), at=IN_MARCH)
    win(make_deal(org["rep3"], amount=Decimal("20000")), at=IN_MARCH)
    win(make_deal(org["rep3"], amount=Decimal("900000")), at=local(date(2024, 4, 1)))

    rows = leaderboard(org["director"], **MARCH)

    assert ranking(rows) == [(1, "rep2"), (2, "rep3"), (3, "rep1")]


def test_each_row_carries_win_rate_average_deal_and_activities(
    org, make_deal, win, lose, activity_at, make_account
):
    rep = org["rep1"]
    win(make_deal(rep, amount=Decimal("30000")), at=IN_MARCH)
    win(make_deal(rep, amount=Decimal("10000")), at=IN_MARCH)
    lose(make_deal(rep), at=IN_MARCH)
    account = make_account(rep)
    activity_at(rep, account, local(date(2024, 3, 2)))
    activity_at(rep, account, local(date(2024, 3, 31), 23, 50), kind="visit")
    activity_at(rep, account, local(date(2024, 4, 1), 0, 10))

    row = leaderboard(org["director"], **MARCH)[0]

    assert row.person == rep
    assert row.results.won_amount == Decimal("40000.00")
    assert row.results.won == 2
    assert row.results.win_rate == Decimal("66.7")
    assert row.results.average_deal == Decimal("20000.00")
    assert row.activities == 2


def test_reps_without_results_are_listed_and_idle_managers_are_not(org, make_deal, win):
    win(make_deal(org["manager2"], amount=Decimal("5000")), at=IN_MARCH)

    rows = leaderboard(org["director"], **MARCH)

    assert ranking(rows) == [(1, "manager2"), (2, "rep1"), (3, "rep2"), (4, "rep3")]
    assert rows[1].results.win_rate is None and rows[1].activities == 0


def test_a_manager_ranks_only_the_people_they_see(org, make_deal, win):
    win(make_deal(org["rep3"], amount=Decimal("99000")), at=IN_MARCH)
    win(make_deal(org["rep2"], amount=Decimal("1000")), at=IN_MARCH)

    rows = leaderboard(org["manager1"], **MARCH)

    assert ranking(rows) == [(1, "rep2"), (2, "rep1")]


def test_team_and_region_filters_keep_the_people_of_that_team_or_region(org):
    by_team = leaderboard(org["director"], **MARCH, team=org["team2"].pk)
    by_region = leaderboard(org["director"], **MARCH, region=org["region"].pk)

    assert ranking(by_team) == [(1, "rep3")]
    assert ranking(by_region) == [(1, "rep1"), (2, "rep2")]
