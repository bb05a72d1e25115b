"""The weekly report's figures on small hand-computed weeks: sales, new customers, collections,
effective visits and deals, market reports, punctuality, targets, and what each reader sees.
The week is 2025-W10: Monday 3 March to Sunday 9 March 2025, in Shanghai."""

from datetime import date
from decimal import Decimal

import pytest

from salesflow.accounts.services import account_team_member_set
from salesflow.activities.models import (
    ActivityKind,
    DailyReport,
    MarketReport,
    MarketReportKind,
    ReportStatus,
)
from salesflow.activities.services.market import market_report_raise, market_report_resolve
from salesflow.pipeline.models import MilestoneCheck, StageChange
from salesflow.pipeline.selectors import milestones_of
from salesflow.pipeline.services import milestone_set
from salesflow.reports.spans import parse_week
from salesflow.reports.tests.management_fixtures import at
from salesflow.reports.weekly import weekly_report
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric
from salesflow.targets.services import target_create

W10 = parse_week("2025-W10")
AFTER_THE_WEEK = at(2025, 3, 12)


def report_for(user, holder, week=W10, now=AFTER_THE_WEEK):
    return weekly_report(user, holder=holder, week=week, now=now)


def test_revenue_deals_and_average_sales_per_rep_of_the_team(org, won):
    won(org["rep1"], 30000, at(2025, 3, 4))
    won(org["rep2"], 10000, at(2025, 3, 5))
    won(org["rep3"], 50000, at(2025, 3, 5))  # another team
    won(org["rep1"], 99000, at(2025, 3, 10))  # the next week

    report = report_for(org["director"], org["team1"])

    assert (report.revenue, report.deals_won) == (Decimal("40000.00"), 2)
    assert report.reps == 2
    assert report.average_sales_per_rep == Decimal("20000.00")


def test_the_week_ends_at_midnight_on_sunday_in_shanghai(org, won):
    won(org["rep1"], 1, at(2025, 3, 2, 23, 30))  # Sunday before: 15:30 UTC on 2 March
    won(org["rep1"], 20, at(2025, 3, 3, 0, 30))  # Monday 00:30: still Sunday in UTC
    won(org["rep1"], 300, at(2025, 3, 9, 23, 30))  # Sunday 23:30: 15:30 UTC
    won(org["rep1"], 4000, at(2025, 3, 10, 0, 30))  # next Monday 00:30: Sunday 16:30 UTC

    report = report_for(org["manager1"], org["team1"])

    assert (report.revenue, report.deals_won) == (Decimal("320.00"), 2)


def test_a_new_customer_is_one_whose_first_won_deal_is_won_this_week(org, make_account, won):
    rep = org["rep1"]
    first_time, returning, twice = make_account(rep), make_account(rep), make_account(rep)
    won(rep, 1000, at(2025, 3, 4), account=first_time)
    won(rep, 1000, at(2025, 2, 4), account=returning)
    won(rep, 1000, at(2025, 3, 4), account=returning)
    won(rep, 1000, at(2025, 3, 4), account=twice)
    won(rep, 1000, at(2025, 3, 7), account=twice)

    report = report_for(org["manager1"], org["team1"])

    assert report.new_customers == 2


def test_collections_are_the_payments_received_in_the_week(org, won, pay):
    deal = won(org["rep1"], 50000, at(2025, 2, 20))
    pay(deal, 3000, date(2025, 3, 3))
    pay(deal, 2000, date(2025, 3, 9))
    pay(deal, 7000, date(2025, 3, 10))
    pay(won(org["rep3"], 9000, at(2025, 2, 20)), 9000, date(2025, 3, 5))

    report = report_for(org["director"], org["team1"])

    assert report.collections == Decimal("5000.00")


def test_a_rep_reading_the_team_week_counts_the_payments_on_deals_they_see(
    org, won, pay, make_account
):
    shared = make_account(org["rep2"], name="Shared customer")
    account_team_member_set(
        account=shared, user=org["rep1"], team_role="sales", acting_user=org["rep2"]
    )
    pay(won(org["rep1"], 5000, at(2025, 2, 20)), 1000, date(2025, 3, 4))  # their own deal
    pay(won(org["rep2"], 5000, at(2025, 2, 20), account=shared), 200, date(2025, 3, 4))
    pay(won(org["rep2"], 5000, at(2025, 2, 20)), 30, date(2025, 3, 4))  # a colleague's own

    assert report_for(org["rep1"], org["team1"]).collections == Decimal("1200.00")
    assert report_for(org["manager1"], org["team1"]).collections == Decimal("1230.00")


def test_effective_visits_have_an_outcome_and_deal_visits_lead_to_a_won_deal(
    org, make_account, make_deal, log, won, pay
):
    rep = org["rep1"]
    (won_after, won_before, paid, milestone, advanced, nothing, won_later) = (
        make_account(rep) for _ in range(7)
    )
    won(rep, 8000, at(2025, 3, 5, 14), account=won_after)
    log(rep, ActivityKind.VISIT, won_after, at(2025, 3, 3))  # effective, and led to the deal
    won(rep, 8000, at(2025, 3, 4), account=won_before)
    log(rep, ActivityKind.VISIT, won_before, at(2025, 3, 6))  # effective: a deal won that week
    pay(won(rep, 8000, at(2025, 2, 1), account=paid), 1000, date(2025, 3, 7))
    log(rep, ActivityKind.VISIT, paid, at(2025, 3, 7))  # effective: a payment that week
    deal = make_deal(rep, account=milestone)
    milestone_set(
        opportunity=deal, milestone=milestones_of(deal.stage)[0], done=True, acting_user=rep
    )
    MilestoneCheck.objects.filter(opportunity=deal).update(checked_at=at(2025, 3, 5, 16))
    log(rep, ActivityKind.VISIT, milestone, at(2025, 3, 5))  # effective: a milestone met
    deal = make_deal(rep, stage=2, account=advanced)
    StageChange.objects.filter(opportunity=deal, kind=StageChange.Kind.ADVANCED).update(
        changed_at=at(2025, 3, 4, 17)
    )
    log(rep, ActivityKind.VISIT, advanced, at(2025, 3, 4))  # effective: a stage advanced
    log(rep, ActivityKind.VISIT, nothing, at(2025, 3, 4))
    log(rep, ActivityKind.CALL, nothing, at(2025, 3, 4), connected=True, appointment_set=True)
    won(rep, 8000, at(2025, 3, 10, 0, 30), account=won_later)
    log(rep, ActivityKind.VISIT, won_later, at(2025, 3, 8))  # the deal came the next week

    visits = report_for(org["manager1"], org["team1"]).visits

    assert (visits.visits, visits.effective, visits.deals) == (7, 5, 1)
    assert visits.effective_rate == Decimal("71.4")
    assert visits.deal_rate == Decimal("14.3")


def test_without_visits_the_rates_are_blank(org):
    visits = report_for(org["manager1"], org["team1"]).visits

    assert (visits.visits, visits.effective_rate, visits.deal_rate) == (0, None, None)


def test_market_reports_of_the_week_are_split_into_competitor_moves_and_complaints(
    org, make_account
):
    rep, manager = org["rep1"], org["manager1"]

    def raised(kind, subject, day, by=rep, **fields):
        report = market_report_raise(acting_user=by, kind=kind, subject=subject, body="…", **fields)
        MarketReport.objects.filter(pk=report.pk).update(created_at=at(2025, 3, day))
        report.refresh_from_db()
        return report

    raised(MarketReportKind.MARKET, "Rival cuts prices 15%", 4, competitor="Rival Co")
    complaint = raised(MarketReportKind.COMPLAINT, "Late delivery", 6, account=make_account(rep))
    market_report_resolve(report=complaint, acting_user=manager, resolution="Sent a new batch")
    raised(MarketReportKind.MARKET, "Old news", 2)
    raised(MarketReportKind.MARKET, "Beijing rumour", 5, by=org["rep3"])

    report = report_for(manager, org["team1"])

    assert [r.subject for r in report.competitor_moves] == ["Rival cuts prices 15%"]
    assert [(r.subject, r.resolution) for r in report.abnormal_customers] == [
        ("Late delivery", "Sent a new batch")
    ]


def test_punctuality_counts_each_reps_daily_reports_of_the_week(org):
    rep1, rep2 = org["rep1"], org["rep2"]

    def report(owner, day, on_time, status=ReportStatus.SIGNED):
        DailyReport.objects.create(
            owner=owner,
            date=date(2025, 3, day),
            status=status,
            on_time=on_time,
            submitted_at=None if on_time is None else at(2025, 3, day, 20),
        )

    report(rep1, 3, True)
    report(rep1, 4, True)
    report(rep1, 5, False)
    report(rep1, 6, None, status=ReportStatus.DRAFT)  # never submitted: still missing
    report(rep1, 8, True)  # a Saturday: submitted, but no working day is owed
    report(rep2, 3, True, status=ReportStatus.RETURNED)  # returned after an on-time submission
    report(rep2, 10, True)  # the next week

    rows = {row.rep.username: row for row in report_for(org["manager1"], org["team1"]).punctuality}

    one, two = rows["rep1"], rows["rep2"]
    assert (one.due, one.submitted, one.on_time, one.late, one.missing) == (5, 4, 3, 1, 2)
    assert (two.due, two.submitted, two.on_time, two.late, two.missing) == (5, 1, 1, 0, 4)


def test_during_the_week_only_the_days_already_due_can_be_missing(org):
    DailyReport.objects.create(
        owner=org["rep1"], date=date(2025, 3, 3), status=ReportStatus.SUBMITTED, on_time=True
    )

    rows = report_for(org["manager1"], org["team1"], now=at(2025, 3, 5, 18)).punctuality

    rep1 = next(row for row in rows if row.rep == org["rep1"])
    assert (rep1.due, rep1.submitted, rep1.missing) == (2, 1, 1)


def test_target_achievement_compares_the_months_and_quarters_revenue_so_far(org, won):
    team = Holder(HolderKind.TEAM, org["team1"])
    for period, amount in (("2025-03", 100000), ("2025-Q1", 300000)):
        target_create(
            acting_user=org["director"],
            metric=Metric.REVENUE,
            period=period,
            holder=team,
            amount=Decimal(amount),
        )
    won(org["rep1"], 30000, at(2025, 3, 3))
    won(org["rep2"], 60000, at(2025, 2, 10))
    won(org["rep1"], 5000, at(2025, 3, 12))  # after the week
    won(org["rep3"], 70000, at(2025, 3, 4))  # another team

    month, quarter = report_for(org["manager1"], org["team1"]).targets

    assert (month.period.key, month.target, month.actual) == (
        "2025-03",
        Decimal("100000.00"),
        Decimal("30000.00"),
    )
    assert (month.achievement, month.elapsed) == (Decimal("30.0"), Decimal("29.0"))
    assert (quarter.period.key, quarter.actual, quarter.achievement) == (
        "2025-Q1",
        Decimal("90000.00"),
        Decimal("30.0"),
    )
    assert quarter.elapsed == Decimal("75.6")  # 68 of 90 days


def test_without_a_target_there_is_no_achievement_row(org, won):
    won(org["rep1"], 30000, at(2025, 3, 3))

    assert report_for(org["manager1"], org["team1"]).targets == []


def test_a_region_report_covers_the_teams_in_it(org, won):
    won(org["rep1"], 1000, at(2025, 3, 4))
    won(org["rep2"], 2000, at(2025, 3, 4))
    won(org["rep3"], 4000, at(2025, 3, 4))  # Beijing is in no region

    report = report_for(org["director"], org["region"])

    assert (report.revenue, report.reps, report.is_team) == (Decimal("3000.00"), 2, False)


@pytest.mark.parametrize(
    ("reader", "revenue", "reps"),
    [("manager1", "40000.00", 2), ("rep1", "30000.00", 1), ("director", "40000.00", 2)],
)
def test_each_reader_sees_only_what_they_may_see(org, won, reader, revenue, reps):
    won(org["rep1"], 30000, at(2025, 3, 4))
    won(org["rep2"], 10000, at(2025, 3, 5))

    report = report_for(org[reader], org["team1"])

    assert (report.revenue, report.reps) == (Decimal(revenue), reps)


def test_on_monday_morning_no_report_is_missing_yet(org):
    rows = report_for(org["manager1"], org["team1"], now=at(2025, 3, 3, 9)).punctuality

    assert [(row.due, row.submitted, row.missing) for row in rows] == [(0, 0, 0), (0, 0, 0)]
