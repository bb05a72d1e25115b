"""The call arithmetic of §8: calls, connected, appointments, presentations, sales and revenue
from logged work, what a call is worth and the return on selling time."""

from datetime import date
from decimal import Decimal

from salesflow.activities.models import Activity, ActivityKind
from salesflow.reports.callfunnel import EXAMPLE, call_funnel
from salesflow.reports.scope import Scope
from salesflow.reports.spans import Span
from salesflow.reports.tests.management_fixtures import at

MARCH = Span(date(2025, 3, 1), date(2025, 3, 31))


def calls(owner, account, n, *, when, **outcome):
    """n calls at once; the arithmetic needs volume, the service is tested with the activities."""
    Activity.objects.bulk_create(
        Activity(
            owner=owner,
            kind=ActivityKind.CALL,
            account=account,
            occurred_at=when,
            duration_minutes=6,
            **outcome,
        )
        for _ in range(n)
    )


def test_the_example_of_section_8_comes_out_at_200_yuan_and_10_yuan_commission_per_call(
    org, make_account, log, won
):
    rep = org["rep1"]
    account = make_account(rep)
    calls(rep, account, 37, when=at(2025, 3, 3), connected=True, appointment_set=False)
    calls(rep, account, 13, when=at(2025, 3, 4), connected=True, appointment_set=True)
    calls(rep, account, 50, when=at(2025, 3, 5), connected=False)
    for day in range(10, 23):
        log(rep, ActivityKind.PRESENTATION, account, at(2025, 3, day), minutes=60)
    for day, amount in [(24, 4000), (25, 4000), (26, 4000), (27, 4000), (28, 4000)]:
        won(rep, amount, at(2025, 3, day))

    report = call_funnel(rep, span=MARCH, scope=Scope())

    assert (report.calls, report.connected, report.appointments) == (100, 50, 13)
    assert (report.presentations, report.sales, report.revenue) == (13, 5, Decimal("20000.00"))
    assert report.revenue_per_call == Decimal("200.00")
    assert report.commission_per_call == Decimal("10.00")
    assert report.calls_per_sale == Decimal("20.0")
    assert [step.conversion for step in report.steps] == [
        None,
        Decimal("50.0"),
        Decimal("26.0"),
        Decimal("100.0"),
        Decimal("38.5"),
    ]
    assert [step.count for step in report.steps] == [step.count for step in EXAMPLE.steps]


def test_return_on_selling_time_is_revenue_over_the_hours_of_every_activity(
    org, make_account, log, won
):
    rep = org["rep1"]
    account = make_account(rep)
    log(rep, ActivityKind.CALL, account, at(2025, 3, 3), minutes=30, connected=True)
    log(rep, ActivityKind.VISIT, account, at(2025, 3, 4), minutes=150)
    log(rep, ActivityKind.MEETING, account, at(2025, 3, 5), minutes=60)
    won(rep, 12000, at(2025, 3, 6))

    report = call_funnel(rep, span=MARCH, scope=Scope())

    assert report.hours == Decimal("4.00")
    assert report.revenue_per_hour == Decimal("3000.00")


def test_the_commission_rate_is_configurable(org, make_account, log, won):
    rep = org["rep1"]
    calls(rep, make_account(rep), 4, when=at(2025, 3, 3), connected=True)
    won(rep, 1000, at(2025, 3, 4))

    report = call_funnel(rep, span=MARCH, scope=Scope(), commission_rate=Decimal("0.08"))

    assert report.revenue_per_call == Decimal("250.00")
    assert report.commission_per_call == Decimal("20.00")
    assert report.commission_percent == "8"


def test_without_calls_or_time_the_ratios_are_left_blank_not_zero(org):
    report = call_funnel(org["rep1"], span=MARCH, scope=Scope())

    assert report.calls == 0
    assert report.revenue_per_call is None
    assert report.commission_per_call is None
    assert report.revenue_per_hour is None
    assert [step.conversion for step in report.steps] == [None] * 5


def test_the_period_is_read_on_the_shanghai_clock(org, make_account, log, won):
    rep = org["rep1"]
    account = make_account(rep)
    # 23:30 on 31 March in Shanghai is still March; 00:30 on 1 April is not (both 31 March UTC).
    log(rep, ActivityKind.CALL, account, at(2025, 3, 31, 23, 30), connected=False)
    log(rep, ActivityKind.CALL, account, at(2025, 4, 1, 0, 30), connected=False)
    won(rep, 500, at(2025, 3, 31, 23, 30))
    won(rep, 700, at(2025, 4, 1, 0, 30))

    report = call_funnel(rep, span=MARCH, scope=Scope())

    assert (report.calls, report.sales, report.revenue) == (1, 1, Decimal("500.00"))


def test_a_rep_or_a_team_is_measured_alone(org, make_account, log, won):
    for name in ("rep1", "rep2", "rep3"):
        rep = org[name]
        calls(rep, make_account(rep), 10, when=at(2025, 3, 3), connected=True)
        won(rep, 1000, at(2025, 3, 4))
    director = org["director"]

    rep1 = call_funnel(director, span=MARCH, scope=Scope(owner=org["rep1"].pk))
    team1 = call_funnel(director, span=MARCH, scope=Scope(team=org["team1"].pk))
    everyone = call_funnel(director, span=MARCH, scope=Scope())

    assert (rep1.calls, rep1.sales) == (10, 1)
    assert (team1.calls, team1.sales) == (20, 2)
    assert (everyone.calls, everyone.sales) == (30, 3)


def test_a_manager_counts_only_the_work_they_may_see(org, make_account, won):
    for name in ("rep1", "rep3"):
        rep = org[name]
        calls(rep, make_account(rep), 10, when=at(2025, 3, 3), connected=True)
        won(rep, 1000, at(2025, 3, 4))

    report = call_funnel(org["manager1"], span=MARCH, scope=Scope())

    assert (report.calls, report.sales, report.revenue) == (10, 1, Decimal("1000.00"))
