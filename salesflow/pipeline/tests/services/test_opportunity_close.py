"""Closing a deal: won only from the last stage with its milestones; lost or abandoned from any
stage with a reason; a closed deal stays closed."""

import pytest
from django.core.exceptions import ValidationError

from salesflow.pipeline.models import StageChange
from salesflow.pipeline.selectors import milestones_of
from salesflow.pipeline.services import GateClosed, milestone_set, opportunity_close


def close(deal, user, result, reason="", won_by=""):
    return opportunity_close(
        opportunity=deal, acting_user=user, result=result, reason=reason, won_by=won_by
    )


def test_a_deal_is_won_from_the_last_stage_with_its_milestones_met(
    org, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"], stage=8)
    tick_all_milestones(deal)

    deal = close(deal, org["rep1"], "won", reason="Signed on the 3rd")

    assert deal.status == "won"
    assert deal.is_closed
    assert deal.closed_at is not None
    assert deal.forecast_category == "closed"
    assert deal.close_reason == "Signed on the 3rd"


def test_winning_before_the_last_stage_is_refused(org, make_opportunity, tick_all_milestones):
    deal = make_opportunity(org["rep1"], stage=7)
    tick_all_milestones(deal)

    with pytest.raises(GateClosed) as caught:
        close(deal, org["rep1"], "won")

    assert [b.code for b in caught.value.blockers] == ["not_last_stage"]
    deal.refresh_from_db()
    assert deal.status == "open"


def test_winning_with_the_contract_milestone_unchecked_is_refused(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=8)

    with pytest.raises(GateClosed) as caught:
        close(deal, org["rep1"], "won")

    assert "Contract signed" in str(caught.value)


def test_winning_after_unchecking_the_contract_milestone_is_refused(
    org, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"], stage=8)
    tick_all_milestones(deal)
    (signed,) = milestones_of(deal.stage)
    milestone_set(opportunity=deal, milestone=signed, done=False, acting_user=org["rep1"])

    with pytest.raises(GateClosed):
        close(deal, org["rep1"], "won")


@pytest.mark.parametrize("stage", [1, 4, 8])
@pytest.mark.parametrize("result", ["lost", "abandoned"])
def test_lost_or_abandoned_from_any_stage_with_a_reason(org, make_opportunity, stage, result):
    deal = make_opportunity(org["rep1"], stage=stage)

    deal = close(deal, org["rep1"], result, reason="  Budget frozen  ")

    assert deal.status == result
    assert deal.close_reason == "Budget frozen"
    assert deal.stage.number == stage


@pytest.mark.parametrize("result", ["lost", "abandoned"])
@pytest.mark.parametrize("reason", ["", "   ", None])
def test_lost_or_abandoned_without_a_reason_is_refused(org, make_opportunity, result, reason):
    deal = make_opportunity(org["rep1"], stage=2)

    with pytest.raises(ValidationError) as caught:
        close(deal, org["rep1"], result, reason=reason)

    assert list(caught.value.message_dict) == ["reason"]
    deal.refresh_from_db()
    assert deal.status == "open"


def test_a_lost_deal_records_the_competitor_who_won(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=5)

    deal = close(deal, org["rep1"], "lost", reason="Price", won_by=" Kingdee ")

    assert deal.won_by == "Kingdee"


def test_an_abandoned_deal_names_no_winner(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=5)

    deal = close(deal, org["rep1"], "abandoned", reason="Project cancelled", won_by="Kingdee")

    assert deal.won_by == ""


def test_closing_is_recorded_in_the_stage_history(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=4)

    deal = close(deal, org["manager1"], "lost", reason="Price", won_by="Kingdee")

    change = deal.stage_changes.latest("id")
    assert change.kind == StageChange.Kind.CLOSED
    assert (change.from_number, change.to_number, change.to_name) == (
        4,
        4,
        "Capability demonstration",
    )
    assert (change.status, change.reason, change.changed_by) == ("lost", "Price", org["manager1"])


def test_an_unknown_result_is_refused(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    with pytest.raises(ValidationError) as caught:
        close(deal, org["rep1"], "postponed", reason="Later")

    assert list(caught.value.message_dict) == ["result"]


def test_a_closed_deal_cannot_be_closed_again(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    deal = close(deal, org["rep1"], "lost", reason="Price")

    with pytest.raises(GateClosed) as caught:
        close(deal, org["rep1"], "abandoned", reason="Changed my mind")

    assert [b.code for b in caught.value.blockers] == ["closed"]
    deal.refresh_from_db()
    assert deal.status == "lost"
