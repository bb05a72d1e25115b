"""Skipping a closed gate: only the owner's manager or a director, and only with a written reason."""

import pytest
from django.core.exceptions import ValidationError

from salesflow.pipeline.models import StageChange
from salesflow.pipeline.services import (
    GateClosed,
    may_skip_gates,
    opportunity_close,
    opportunity_skip_gate,
)


def skip(deal, user, reason="Customer's CIO asked us to present now"):
    return opportunity_skip_gate(opportunity=deal, acting_user=user, reason=reason)


def skip_errors(deal, user, reason="Customer's CIO asked us to present now") -> dict:
    with pytest.raises(ValidationError) as caught:
        skip(deal, user, reason)
    return caught.value.message_dict


def test_the_owners_manager_may_skip_a_closed_gate_with_a_reason(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    deal = skip(deal, org["manager1"])

    assert deal.stage.number == 2


def test_a_director_may_skip_a_closed_gate_with_a_reason(org, make_opportunity):
    deal = make_opportunity(org["rep3"])

    deal = skip(deal, org["director"])

    assert deal.stage.number == 2


def test_a_skip_passes_the_qualification_rule_too(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=2)

    deal = skip(deal, org["manager1"])

    assert deal.stage.number == 3
    assert deal.qualification_answered == 0


def test_the_skip_is_recorded_as_such_with_its_reason_and_who(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    deal = skip(deal, org["manager1"], reason="  Tender published early  ")

    change = deal.stage_changes.latest("id")
    assert change.kind == StageChange.Kind.SKIPPED_GATE
    assert (change.from_number, change.to_number) == (1, 2)
    assert change.reason == "Tender published early"
    assert change.changed_by == org["manager1"]


def test_a_rep_may_not_skip_a_gate_even_with_a_reason(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    errors = skip_errors(deal, org["rep1"])

    assert "manager" in errors["reason"][0]
    deal.refresh_from_db()
    assert deal.stage.number == 1


def test_another_teams_manager_may_not_skip_the_gate(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    skip_errors(deal, org["manager2"])

    deal.refresh_from_db()
    assert deal.stage.number == 1
    assert not may_skip_gates(org["manager2"], deal)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_skip_without_a_reason_is_refused(org, make_opportunity, reason):
    deal = make_opportunity(org["rep1"])

    errors = skip_errors(deal, org["manager1"], reason=reason)

    assert list(errors) == ["reason"]
    deal.refresh_from_db()
    assert (deal.stage.number, deal.stage_changes.count()) == (1, 1)


def test_a_manager_may_not_skip_the_gate_of_their_own_deal(org, make_opportunity):
    deal = make_opportunity(org["manager1"])

    skip_errors(deal, org["manager1"])

    assert may_skip_gates(org["director"], deal)


def test_a_director_may_skip_the_gate_of_their_own_deal(org, make_opportunity):
    deal = make_opportunity(org["director"])

    deal = skip(deal, org["director"])

    assert deal.stage.number == 2


def test_who_may_skip_gates(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    allowed = {
        name
        for name in ("director", "manager1", "manager2", "rep1", "rep2", "rep3")
        if may_skip_gates(org[name], deal)
    }

    assert allowed == {"director", "manager1"}


def test_the_last_stage_cannot_be_skipped_past(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=8)

    with pytest.raises(GateClosed) as caught:
        skip(deal, org["manager1"])

    assert [b.code for b in caught.value.blockers] == ["last_stage"]


def test_a_closed_deal_cannot_be_skipped_forward(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    opportunity_close(opportunity=deal, acting_user=org["rep1"], result="lost", reason="Price")

    with pytest.raises(GateClosed) as caught:
        skip(deal, org["manager1"])

    assert [b.code for b in caught.value.blockers] == ["closed"]
