"""Count, total and weighted total per column and per funnel state, from the database."""

from decimal import Decimal

from salesflow.pipeline.board import (
    Totals,
    board_build,
    board_opportunities,
    process_stages,
    totals_by_funnel_state,
    totals_by_stage,
)
from salesflow.pipeline.services import opportunity_close


def test_each_column_counts_and_sums_its_open_opportunities(
    org, eight_step, stage_of, make_opportunity
):
    make_opportunity(org["rep1"], amount=Decimal("1005.50"))
    make_opportunity(org["rep1"], amount=Decimal("2000"))
    make_opportunity(org["rep1"], amount=Decimal("40000"), stage=2)

    totals = totals_by_stage(board_opportunities(org["rep1"], process=eight_step))

    # stage 1 wins 10 %, stage 2 wins 20 %
    assert totals[stage_of(eight_step, 1).pk] == Totals(2, Decimal("3005.50"), Decimal("300.55"))
    assert totals[stage_of(eight_step, 2).pk] == Totals(1, Decimal("40000.00"), Decimal("8000.00"))
    assert stage_of(eight_step, 3).pk not in totals


def test_each_funnel_state_adds_up_its_stages(org, eight_step, make_opportunity):
    make_opportunity(org["rep1"], amount=Decimal("1000"))  # search, 10 %
    make_opportunity(org["rep1"], amount=Decimal("3000"), stage=2)  # search, 20 %
    make_opportunity(org["rep1"], amount=Decimal("10000"), stage=3)  # in funnel, 30 %
    make_opportunity(org["rep1"], amount=Decimal("20000"), stage=6)  # best, 60 %
    make_opportunity(org["rep1"], amount=Decimal("50000"), stage=8)  # best, 90 %

    totals = totals_by_funnel_state(board_opportunities(org["rep1"], process=eight_step))

    assert totals == {
        "search": Totals(2, Decimal("4000.00"), Decimal("700.00")),
        "in_funnel": Totals(1, Decimal("10000.00"), Decimal("3000.00")),
        "best": Totals(2, Decimal("70000.00"), Decimal("57000.00")),
    }


def test_closed_opportunities_and_other_processes_stay_off_the_board(
    org, eight_step, ten_step, make_opportunity
):
    make_opportunity(org["rep1"], name="Open")
    lost = make_opportunity(org["rep1"], name="Lost")
    opportunity_close(opportunity=lost, acting_user=org["rep1"], result="lost", reason="Price")
    make_opportunity(org["rep1"], name="Ten-step", process=ten_step)

    board = board_build(org["rep1"], process=eight_step, stages=process_stages(eight_step))

    names = [card.opportunity.name for g in board.groups for c in g.columns for card in c.cards]
    assert names == ["Open"]
    assert board.groups[0].totals.count == 1


def test_columns_sit_under_their_funnel_state_in_stage_order(org, eight_step):
    board = board_build(org["rep1"], process=eight_step, stages=process_stages(eight_step))

    layout = [(g.state, [c.stage.number for c in g.columns]) for g in board.groups]
    assert layout == [("search", [1, 2]), ("in_funnel", [3, 4, 5]), ("best", [6, 7, 8])]
    assert all(c.totals == Totals() and c.cards == [] for g in board.groups for c in g.columns)
