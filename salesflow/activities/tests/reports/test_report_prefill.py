"""The daily report opens with the day's figures: visits made against the approved plan's visits,
each activity's outcome, the orders won that day (a Shanghai day) and the ratio to the target."""

from datetime import timedelta
from decimal import Decimal

import pytest

from salesflow.activities.models import ActivityKind
from salesflow.activities.selectors.reports import achievement_ratio, report_figures
from salesflow.activities.services.activities import activity_update
from salesflow.activities.services.reports import daily_report_update
from salesflow.activities.tests.loop_fixtures import at


@pytest.fixture
def yesterday(today):
    return today - timedelta(days=1)


def test_visits_made_are_counted_against_the_approved_plans_visits(
    org, clock, approved_plan, log_visit, make_account, make_report, today, tomorrow
):
    rep = org["rep1"]
    plan = approved_plan(rep, day=tomorrow)
    planned = list(plan.visits.order_by("planned_at"))
    clock.set(at(tomorrow, "20:00"))
    log_visit(rep, planned[0].account, at(tomorrow, "09:40"))
    log_visit(rep, make_account(rep), at(tomorrow, "11:00"))  # not on the plan
    log_visit(rep, planned[1].account, at(tomorrow, "15:00"), kind=ActivityKind.MEETING)
    log_visit(rep, planned[1].account, at(today, "15:00"))  # the day before

    figures = report_figures(make_report(rep, day=tomorrow))

    assert (figures.visits_made, figures.visits_planned) == (2, 2)
    assert len(figures.activities) == 3
    assert figures.plan == plan


def test_a_plan_that_is_not_approved_plans_no_visits(
    org, submitted_plan, make_report, clock, tomorrow
):
    submitted_plan(org["rep1"], day=tomorrow)
    clock.set(at(tomorrow, "20:00"))

    figures = report_figures(make_report(org["rep1"], day=tomorrow))

    assert (figures.visits_planned, figures.plan) == (0, None)


def test_planned_visits_done_counts_the_plans_activities_that_happened(
    org, clock, approved_plan, make_report, tomorrow
):
    plan = approved_plan(org["rep1"], day=tomorrow)
    clock.set(at(tomorrow, "20:00"))
    first = plan.visits.order_by("planned_at")[0]
    activity_update(
        activity=first.activity, acting_user=org["rep1"], occurred_at=at(tomorrow, "09:45")
    )

    figures = report_figures(make_report(org["rep1"], day=tomorrow))

    assert (figures.visits_made, figures.visits_planned, figures.planned_visits_done) == (1, 2, 1)


def test_each_activity_brings_its_outcome_and_the_objections_met(
    org, make_account, log_visit, make_report, objections, today
):
    rep = org["rep1"]
    account = make_account(rep, name="Baosteel")
    log_visit(
        rep,
        account,
        at(today, "09:00"),
        kind=ActivityKind.CALL,
        connected=True,
        appointment_set=True,
        notes="Meeting on Friday",
        met=[(objections[6], True), (objections[5], False)],
    )

    (activity,) = report_figures(make_report(rep)).activities

    assert (activity.connected, activity.appointment_set, activity.notes) == (
        True,
        True,
        "Meeting on Friday",
    )
    assert [(m.objection.number, m.overcome) for m in activity.objections_met.all()] == [
        (5, False),
        (6, True),
    ]


def test_orders_of_the_day_are_the_deals_won_that_shanghai_day(
    org, win_deal, make_report, yesterday
):
    rep = org["rep1"]
    win_deal(rep, "120000", at(yesterday, "00:00"))  # first minute of the day
    win_deal(rep, "30000.50", at(yesterday, "23:59"))  # 15:59 UTC: still that day in Shanghai
    win_deal(rep, "999", at(yesterday - timedelta(days=1), "23:59"))  # the day before
    win_deal(rep, "777", at(yesterday + timedelta(days=1), "00:00"))  # the day after
    win_deal(org["rep2"], "5000", at(yesterday, "12:00"))  # a colleague's

    report = make_report(rep, day=yesterday)

    assert report.orders_amount == Decimal("150000.50")
    assert report_figures(report).orders == Decimal("150000.50")


def test_the_ratio_is_orders_over_the_days_target(org, win_deal, make_report, yesterday):
    win_deal(org["rep1"], "30000", at(yesterday, "11:00"))

    report = make_report(org["rep1"], day=yesterday, daily_target=Decimal("40000"))

    figures = report_figures(report)
    assert figures.ratio == Decimal("0.75")
    assert figures.ratio_percent == Decimal("75")


def test_without_a_target_there_is_no_ratio(org, make_report):
    assert report_figures(make_report(org["rep1"])).ratio is None
    assert achievement_ratio(Decimal("100"), Decimal("0")) is None


def test_collections_are_the_reps_own_figure(org, make_report):
    report = make_report(org["rep1"])

    saved = daily_report_update(
        report=report, acting_user=org["rep1"], collections_amount=Decimal("8800")
    )

    assert report_figures(saved).collections == Decimal("8800")


def test_a_deal_won_after_the_report_was_started_is_counted_on_saving(
    org, win_deal, make_report, today
):
    report = make_report(org["rep1"])
    win_deal(org["rep1"], "50000", at(today, "09:30"))

    assert report_figures(report).orders == Decimal("50000")
    saved = daily_report_update(report=report, acting_user=org["rep1"], lessons="Ask early")
    assert saved.orders_amount == Decimal("50000")
