"""Moving a deal back to an earlier stage: always with a reason, never forward or sideways."""

import pytest
from django.core.exceptions import ValidationError

from salesflow.pipeline.models import StageChange
from salesflow.pipeline.services import GateClosed, opportunity_close, opportunity_move_back


def back(deal, user, to_stage, reason="The customer re-opened the requirements"):
    return opportunity_move_back(
        opportunity=deal, acting_user=user, to_stage=to_stage, reason=reason
    )


def back_errors(deal, user, to_stage, reason="The customer re-opened the requirements") -> dict:
    with pytest.raises(ValidationError) as caught:
        back(deal, user, to_stage, reason)
    return caught.value.message_dict


def test_a_deal_moves_back_to_an_earlier_stage_with_a_reason(
    org, eight_step, stage_of, make_opportunity
):
    deal = make_opportunity(org["rep1"], stage=4)

    deal = back(deal, org["rep1"], stage_of(eight_step, 2))

    assert deal.stage.number == 2
    assert deal.forecast_category == "pipeline"


def test_the_move_back_is_recorded_with_its_reason(org, eight_step, stage_of, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=4)

    deal = back(deal, org["rep1"], stage_of(eight_step, 3), reason="  New CIO  ")

    change = deal.stage_changes.latest("id")
    assert change.kind == StageChange.Kind.MOVED_BACK
    assert (change.from_number, change.from_name) == (4, "Capability demonstration")
    assert (change.to_number, change.to_name, change.to_funnel_state) == (
        3,
        "Solution design",
        "in_funnel",
    )
    assert change.reason == "New CIO"
    assert change.changed_by == org["rep1"]


@pytest.mark.parametrize("reason", ["", "  ", None])
def test_moving_back_without_a_reason_is_refused(
    org, eight_step, stage_of, make_opportunity, reason
):
    deal = make_opportunity(org["rep1"], stage=3)

    errors = back_errors(deal, org["rep1"], stage_of(eight_step, 1), reason=reason)

    assert list(errors) == ["reason"]
    deal.refresh_from_db()
    assert deal.stage.number == 3


@pytest.mark.parametrize("number", [3, 4])
def test_moving_back_needs_an_earlier_stage(org, eight_step, stage_of, make_opportunity, number):
    deal = make_opportunity(org["rep1"], stage=3)

    errors = back_errors(deal, org["rep1"], stage_of(eight_step, number))

    assert list(errors) == ["stage"]


def test_moving_back_to_a_stage_of_another_process_is_refused(
    org, ten_step, stage_of, make_opportunity
):
    deal = make_opportunity(org["rep1"], stage=3)

    errors = back_errors(deal, org["rep1"], stage_of(ten_step, 1))

    assert list(errors) == ["stage"]


def test_a_closed_deal_cannot_move_back(org, eight_step, stage_of, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=3)
    opportunity_close(opportunity=deal, acting_user=org["rep1"], result="lost", reason="Price")

    with pytest.raises(GateClosed) as caught:
        back(deal, org["rep1"], stage_of(eight_step, 1))

    assert [b.code for b in caught.value.blockers] == ["closed"]
