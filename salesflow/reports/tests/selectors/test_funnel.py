"""The funnel: open opportunities by stage and funnel state, with the effort logged against them."""

from decimal import Decimal

from salesflow.pipeline.models import FunnelState, Status
from salesflow.pipeline.services import opportunity_close
from salesflow.reports.selectors import funnel


def by_number(report) -> dict:
    return {row.stage.number: row.figures for row in report.stages}


def by_state(report) -> dict:
    return {row.funnel_state: row.figures for row in report.states}


def test_counts_amounts_and_weighted_amounts_add_up_by_stage_and_funnel_state(
    org, eight_step, make_deal
):
    rep = org["rep1"]
    make_deal(rep, amount=Decimal("100000"))
    make_deal(rep, amount=Decimal("50000.50"))
    make_deal(rep, stage=3, amount=Decimal("200000"))
    make_deal(rep, stage=4, amount=Decimal("10000"))
    make_deal(rep, stage=6, amount=Decimal("80000"))

    report = funnel(rep, process=eight_step)

    stages = by_number(report)
    assert (stages[1].count, stages[1].amount, stages[1].weighted_amount) == (
        2,
        Decimal("150000.50"),
        Decimal("15000.05"),  # 10 %
    )
    assert (stages[3].count, stages[3].amount, stages[3].weighted_amount) == (
        1,
        Decimal("200000.00"),
        Decimal("60000.00"),  # 30 %
    )
    assert stages[6].weighted_amount == Decimal("48000.00")  # 60 %
    assert stages[2].count == 0 and stages[2].amount == 0
    states = by_state(report)
    assert (states[FunnelState.SEARCH].count, states[FunnelState.SEARCH].amount) == (
        2,
        Decimal("150000.50"),
    )
    assert states[FunnelState.IN_FUNNEL].weighted_amount == Decimal("64000.00")  # 60,000 + 4,000
    assert (states[FunnelState.BEST].count, states[FunnelState.BEST].amount) == (
        1,
        Decimal("80000.00"),
    )
    assert (report.total.count, report.total.amount, report.total.weighted_amount) == (
        5,
        Decimal("440000.50"),
        Decimal("127000.05"),
    )


def test_every_stage_of_the_process_is_listed_in_order_under_its_funnel_state(
    org, eight_step, make_deal
):
    report = funnel(org["rep1"], process=eight_step)

    assert [row.stage.number for row in report.stages] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [
        (state.funnel_state, [s.stage.number for s in state.stages]) for state in report.states
    ] == [
        (FunnelState.SEARCH, [1, 2]),
        (FunnelState.IN_FUNNEL, [3, 4, 5]),
        (FunnelState.BEST, [6, 7, 8]),
    ]
    assert report.total.count == 0


def test_closed_opportunities_leave_the_funnel(org, eight_step, make_deal, win):
    rep = org["rep1"]
    make_deal(rep, stage=2)
    lost = make_deal(rep, stage=2)
    opportunity_close(opportunity=lost, acting_user=rep, result=Status.LOST, reason="Price")
    win(make_deal(rep))

    report = funnel(rep, process=eight_step)

    assert report.total.count == 1
    assert by_number(report)[8].count == 0


def test_opportunities_of_another_process_are_left_out(org, ten_step, make_deal, eight_step):
    make_deal(org["rep1"], process=ten_step)

    assert funnel(org["rep1"], process=eight_step).total.count == 0
    assert funnel(org["rep1"], process=ten_step).total.count == 1


def test_effort_is_counted_once_per_activity_and_amounts_once_per_deal(
    org, eight_step, make_deal, log_activity
):
    rep = org["rep1"]
    busy = make_deal(rep, stage=2, amount=Decimal("30000"))
    make_deal(rep, stage=2, amount=Decimal("70000"))
    log_activity(busy, minutes=30, expenses=Decimal("10.50"))
    log_activity(busy, minutes=60, expenses=Decimal("20"))
    log_activity(busy, minutes=90, expenses=Decimal("30"))

    stage = by_number(funnel(rep, process=eight_step))[2]

    assert (stage.count, stage.amount, stage.weighted_amount) == (
        2,
        Decimal("100000.00"),
        Decimal("20000.00"),
    )
    assert (stage.activities, stage.hours, stage.expenses) == (3, Decimal("3.00"), Decimal("60.50"))


def test_effort_is_reported_by_the_funnel_state_the_deal_is_in(
    org, eight_step, make_deal, log_activity
):
    rep = org["rep1"]
    log_activity(make_deal(rep, stage=1), minutes=45)
    log_activity(make_deal(rep, stage=3), minutes=120, expenses=Decimal("800"))
    log_activity(make_deal(rep, stage=3), minutes=15)

    states = by_state(funnel(rep, process=eight_step))

    assert (states[FunnelState.SEARCH].activities, states[FunnelState.SEARCH].hours) == (
        1,
        Decimal("0.75"),
    )
    assert (
        states[FunnelState.IN_FUNNEL].activities,
        states[FunnelState.IN_FUNNEL].hours,
        states[FunnelState.IN_FUNNEL].expenses,
    ) == (2, Decimal("2.25"), Decimal("800.00"))
    assert states[FunnelState.BEST].activities == 0


def test_planned_activities_that_did_not_happen_are_not_effort(
    org, eight_step, make_deal, log_activity
):
    deal = make_deal(org["rep1"])
    log_activity(deal, minutes=60, happened=False)

    assert funnel(org["rep1"], process=eight_step).total.activities == 0


def test_filters_narrow_to_an_owner_a_team_or_a_region(org, eight_step, make_deal, make_account):
    make_deal(org["rep1"], account=make_account(org["rep1"], region=org["region"]))
    make_deal(org["rep2"])
    make_deal(org["rep3"])
    director = org["director"]

    assert funnel(director, process=eight_step).total.count == 3
    assert funnel(director, process=eight_step, owner=org["rep2"].pk).total.count == 1
    assert funnel(director, process=eight_step, team=org["team1"].pk).total.count == 2
    assert funnel(director, process=eight_step, region=org["region"].pk).total.count == 1


def test_a_rep_counts_only_what_they_see_and_a_manager_their_reps(org, eight_step, make_deal):
    make_deal(org["rep1"], amount=Decimal("1000"))
    make_deal(org["rep2"], amount=Decimal("2000"))
    make_deal(org["rep3"], amount=Decimal("4000"))

    assert funnel(org["rep1"], process=eight_step).total.amount == Decimal("1000")
    assert funnel(org["manager1"], process=eight_step).total.amount == Decimal("3000")
    assert funnel(org["director"], process=eight_step).total.amount == Decimal("7000")
    # An owner filter cannot reach past what the user sees.
    assert funnel(org["rep1"], process=eight_step, owner=org["rep3"].pk).total.count == 0
