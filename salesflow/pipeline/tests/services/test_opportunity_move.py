"""A move on the board: dropping a card on the next column advances it through the gate, further
columns are refused, earlier columns move it back with a reason."""

import pytest
from django.core.exceptions import ValidationError

from salesflow.pipeline.models import StageChange
from salesflow.pipeline.services import GateClosed, opportunity_close, opportunity_move


def move(deal, user, to_stage, reason=""):
    return opportunity_move(opportunity=deal, acting_user=user, to_stage=to_stage, reason=reason)


def refused(deal, user, to_stage, reason="") -> GateClosed:
    with pytest.raises(GateClosed) as caught:
        move(deal, user, to_stage, reason)
    return caught.value


def test_dropping_on_the_next_stage_advances_when_the_gate_is_open(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)

    deal = move(deal, org["rep1"], stage_of(eight_step, 2))

    assert deal.stage.number == 2
    assert deal.stage_changes.latest("id").kind == StageChange.Kind.ADVANCED


def test_dropping_on_the_next_stage_is_refused_with_the_unmet_milestones(
    org, eight_step, stage_of, make_opportunity
):
    deal = make_opportunity(org["rep1"])

    gate = refused(deal, org["rep1"], stage_of(eight_step, 2))

    assert [b.code for b in gate.blockers] == ["milestone", "milestone"]
    deal.refresh_from_db()
    assert deal.stage.number == 1


def test_dropping_two_stages_ahead_is_refused_one_stage_at_a_time(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)

    gate = refused(deal, org["rep1"], stage_of(eight_step, 3))

    assert gate.blockers[0].code == "one_stage_at_a_time"
    assert "one stage at a time" in gate.blockers[0].message
    assert "Initial contact" in gate.blockers[0].message
    deal.refresh_from_db()
    assert deal.stage.number == 1


def test_dropping_back_with_a_reason_moves_the_deal_back(
    org, eight_step, stage_of, make_opportunity
):
    deal = make_opportunity(org["rep1"], stage=3)

    deal = move(deal, org["rep1"], stage_of(eight_step, 1), reason="Budget withdrawn")

    assert deal.stage.number == 1
    change = deal.stage_changes.latest("id")
    assert (change.kind, change.reason) == (StageChange.Kind.MOVED_BACK, "Budget withdrawn")


def test_dropping_back_without_a_reason_is_refused(org, eight_step, stage_of, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=3)

    with pytest.raises(ValidationError) as caught:
        move(deal, org["rep1"], stage_of(eight_step, 2))

    assert list(caught.value.message_dict) == ["reason"]
    deal.refresh_from_db()
    assert deal.stage.number == 3


def test_dropping_on_its_own_column_changes_nothing(org, eight_step, stage_of, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=2)
    version = deal.version

    deal = move(deal, org["rep1"], stage_of(eight_step, 2))

    assert (deal.stage.number, deal.version) == (2, version)


def test_dropping_on_a_stage_of_another_process_is_refused(
    org, ten_step, stage_of, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)

    gate = refused(deal, org["rep1"], stage_of(ten_step, 2))

    assert [b.code for b in gate.blockers] == ["other_process"]


def test_a_closed_card_cannot_be_moved_forward(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)
    opportunity_close(opportunity=deal, acting_user=org["rep1"], result="lost", reason="Price")

    gate = refused(deal, org["rep1"], stage_of(eight_step, 2))

    assert "closed" in [b.code for b in gate.blockers]
