"""Editing and deleting an opportunity: the same field rules as creating, and history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salesflow.core.history import history_for
from salesflow.core.models import ChangeRecord
from salesflow.pipeline.models import Opportunity, StageChange
from salesflow.pipeline.services import opportunity_delete, opportunity_update


def update_errors(deal, user, **fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        opportunity_update(opportunity=deal, acting_user=user, **fields)
    return caught.value.message_dict


def test_an_edit_is_saved_and_recorded_field_by_field(org, make_opportunity):
    deal = make_opportunity(org["rep1"], amount=Decimal("100000"))

    deal = opportunity_update(
        opportunity=deal, acting_user=org["rep1"], amount=Decimal("120000"), cost=Decimal("80000")
    )

    assert deal.gross_margin == Decimal("40000")
    change = history_for(deal).exclude(old_value="").get(field="amount")
    assert (change.old_value, change.new_value) == ("100000.00", "120000.00")


def test_saving_an_unchanged_amount_records_no_change(org, make_opportunity):
    deal = make_opportunity(org["rep1"], amount=Decimal("100000"), cost=Decimal("5.5"))

    opportunity_update(
        opportunity=deal,
        acting_user=org["rep1"],
        amount=Decimal("100000"),
        cost=Decimal("5.50"),
        name="Renamed",
    )

    updates = history_for(deal).filter(action=ChangeRecord.Action.UPDATE).exclude(old_value="")
    assert [c.field for c in updates] == ["name"]


def test_a_negative_amount_is_refused_and_nothing_changes(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    errors = update_errors(deal, org["rep1"], amount=Decimal("-10"))

    assert list(errors) == ["amount"]
    deal.refresh_from_db()
    assert (deal.amount, deal.version) == (Decimal("100000"), 1)


def test_moving_the_deal_to_an_account_the_user_cannot_see_is_refused(
    org, make_account, make_opportunity
):
    deal = make_opportunity(org["rep1"])

    errors = update_errors(deal, org["rep1"], account=make_account(org["rep3"]))

    assert list(errors) == ["account"]


def test_a_rep_cannot_hand_the_deal_to_a_colleague(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    errors = update_errors(deal, org["rep1"], owner=org["rep2"])

    assert list(errors) == ["owner"]


def test_a_manager_can_hand_the_deal_to_another_of_their_reps(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    deal = opportunity_update(opportunity=deal, acting_user=org["manager1"], owner=org["rep2"])

    assert deal.owner == org["rep2"]


def test_the_stage_and_status_are_not_edited_as_fields(org, eight_step, stage_of, make_opportunity):
    deal = make_opportunity(org["rep1"])

    errors = update_errors(deal, org["rep1"], stage=stage_of(eight_step, 5), status="won")

    assert set(errors) == {"stage", "status"}


def test_deleting_removes_the_deal_and_its_stage_history_and_records_who(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=2)
    pk = deal.pk

    opportunity_delete(opportunity=deal, acting_user=org["manager1"])

    assert not Opportunity.objects.filter(pk=pk).exists()
    assert not StageChange.objects.filter(opportunity_id=pk).exists()
    record = ChangeRecord.objects.get(object_id=pk, action=ChangeRecord.Action.DELETE)
    assert record.changed_by == org["manager1"]
