"""The Pareto selector on real records: margins of won deals, selling time of activities, which
customers count, visibility and the span in Shanghai time."""

from datetime import date
from decimal import Decimal

from salesflow.activities.models import ActivityKind
from salesflow.reports.pareto import pareto
from salesflow.reports.scope import Scope
from salesflow.reports.spans import Span
from salesflow.reports.tests.management_fixtures import at

YEAR = Span(date(2025, 1, 1), date(2025, 12, 31))


def test_customers_with_activities_only_count_with_a_margin_of_zero(org, make_account, log, won):
    rep = org["rep1"]
    big, small, courted = make_account(rep), make_account(rep), make_account(rep)
    won(rep, 100000, at(2025, 2, 1), cost=60000, account=big)
    won(rep, 30000, at(2025, 3, 1), cost=25000, account=small)
    log(rep, ActivityKind.VISIT, big, at(2025, 1, 20), minutes=60)
    log(rep, ActivityKind.VISIT, courted, at(2025, 4, 2), minutes=240)
    log(rep, ActivityKind.CALL, courted, at(2025, 4, 3), minutes=60, connected=True)

    report = pareto(rep, span=YEAR, scope=Scope(), cuts=(33, 33, 34))

    assert report.customers == 3
    assert [(g.customers, g.margin, g.minutes) for g in report.groups] == [
        (1, Decimal("40000.00"), 60),
        (1, Decimal("5000.00"), 0),
        (1, Decimal("0.00"), 300),
    ]
    assert [g.share_of_time for g in report.groups] == [
        Decimal("16.7"),
        Decimal(0),
        Decimal("83.3"),
    ]
    assert [g.share_of_margin for g in report.groups] == [
        Decimal("88.9"),
        Decimal("11.1"),
        Decimal(0),
    ]


def test_a_deal_sold_below_cost_makes_a_negative_margin(org, make_account, won):
    rep = org["rep1"]
    loser = make_account(rep)
    won(rep, 10000, at(2025, 5, 1), cost=14000, account=loser)
    won(rep, 50000, at(2025, 5, 2), cost=20000)

    report = pareto(rep, span=YEAR, scope=Scope(), cuts=(50, 50))

    assert [g.margin for g in report.groups] == [Decimal("30000.00"), Decimal("-4000.00")]
    assert report.margin == Decimal("26000.00")


def test_deals_without_a_cost_add_no_margin_and_are_counted_apart(org, make_account, won):
    rep = org["rep1"]
    account = make_account(rep)
    won(rep, 10000, at(2025, 5, 1), cost=4000, account=account)
    won(rep, 90000, at(2025, 5, 2), account=account)
    won(rep, 7000, at(2025, 5, 3))

    report = pareto(rep, span=YEAR, scope=Scope(), cuts=(50, 50))

    assert report.customers == 2
    assert report.margin == Decimal("6000.00")
    assert report.deals_without_cost == 2


def test_only_the_span_counts_on_the_shanghai_clock(org, make_account, log, won):
    rep = org["rep1"]
    account = make_account(rep)
    # 00:30 on 1 January 2025 in Shanghai is 31 December 2024 in UTC: inside the year.
    won(rep, 5000, at(2025, 1, 1, 0, 30), cost=1000, account=account)
    # 00:30 on 1 January 2026 in Shanghai is 31 December 2025 in UTC: outside it.
    won(rep, 8000, at(2026, 1, 1, 0, 30), cost=1000, account=account)
    log(rep, ActivityKind.VISIT, make_account(rep), at(2024, 12, 31, 23, 30), minutes=90)

    report = pareto(rep, span=YEAR, scope=Scope())

    assert (report.customers, report.margin, report.minutes) == (1, Decimal("4000.00"), 0)


def test_a_manager_ranks_only_the_customers_of_work_they_may_see(org, make_account, log, won):
    won(org["rep1"], 10000, at(2025, 5, 1), cost=1000)
    won(org["rep3"], 20000, at(2025, 5, 1), cost=1000)
    log(org["rep3"], ActivityKind.VISIT, make_account(org["rep3"]), at(2025, 5, 2), minutes=30)

    mine = pareto(org["manager1"], span=YEAR, scope=Scope())
    everyone = pareto(org["director"], span=YEAR, scope=Scope())

    assert (mine.customers, mine.margin, mine.minutes) == (1, Decimal("9000.00"), 0)
    assert (everyone.customers, everyone.margin, everyone.minutes) == (3, Decimal("28000.00"), 30)


def test_a_team_or_a_region_narrows_the_customers(org, make_account, won):
    won(org["rep1"], 10000, at(2025, 5, 1), cost=1000)
    won(org["rep2"], 10000, at(2025, 5, 1), cost=2000)
    won(org["rep3"], 20000, at(2025, 5, 1), cost=1000)
    director = org["director"]

    team = pareto(director, span=YEAR, scope=Scope(team=org["team2"].pk))
    region = pareto(director, span=YEAR, scope=Scope(region=org["region"].pk))

    assert (team.customers, team.margin) == (1, Decimal("19000.00"))
    assert (region.customers, region.margin) == (2, Decimal("17000.00"))
