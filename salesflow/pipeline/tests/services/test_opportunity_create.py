"""Opening an opportunity: the default process and its first stage, the owner, and refusals that
name the field and leave nothing behind."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salesflow.core.history import history_for
from salesflow.core.models import ChangeRecord
from salesflow.pipeline.models import Opportunity, Stage, StageChange
from salesflow.pipeline.services import opportunity_create
from salesflow.pipeline.tests.conftest import DEFAULT_CLOSE_DATE


def create(acting_user, account, **fields) -> Opportunity:
    fields.setdefault("name", "New ERP")
    fields.setdefault("expected_close_date", DEFAULT_CLOSE_DATE)
    return opportunity_create(acting_user=acting_user, account=account, **fields)


def create_errors(acting_user, account, **fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        create(acting_user, account, **fields)
    return caught.value.message_dict


def row_counts() -> tuple[int, int, int]:
    return (
        Opportunity.objects.count(),
        StageChange.objects.count(),
        ChangeRecord.objects.count(),
    )


def test_a_new_opportunity_starts_at_stage_1_of_the_default_process(org, eight_step, make_account):
    deal = create(org["rep1"], make_account(org["rep1"]))

    assert deal.process == eight_step
    assert (deal.stage.number, deal.stage.name_en) == (1, "Project initiation")
    assert deal.status == "open"
    assert deal.version == 1


def test_the_creator_owns_the_opportunity_unless_someone_else_is_named(
    org, eight_step, make_account
):
    deal = create(org["rep1"], make_account(org["rep1"]))

    assert deal.owner == org["rep1"]


def test_a_manager_can_open_an_opportunity_for_their_rep(org, eight_step, make_account):
    deal = create(org["manager1"], make_account(org["rep2"]), owner=org["rep2"])

    assert deal.owner == org["rep2"]


def test_another_process_starts_at_its_own_first_stage(org, ten_step, make_account):
    deal = create(org["rep1"], make_account(org["rep1"]), process=ten_step)

    assert (deal.process, deal.stage.name_en) == (ten_step, "Customer analysis")


def test_opening_writes_the_first_stage_change_and_the_history(org, eight_step, make_account):
    deal = create(org["rep1"], make_account(org["rep1"]), amount=Decimal("250000"))

    opened = StageChange.objects.get(opportunity=deal)
    assert (opened.kind, opened.from_number, opened.to_number) == ("opened", None, 1)
    assert (opened.to_name, opened.to_funnel_state) == ("Project initiation", "search")
    assert opened.changed_by == org["rep1"]
    records = history_for(deal)
    assert records.filter(action=ChangeRecord.Action.CREATE).count() == 1
    assert records.get(field="amount").new_value == "250000.00"


def test_a_new_search_stage_deal_is_forecast_as_pipeline(org, eight_step, make_account):
    deal = create(org["rep1"], make_account(org["rep1"]))

    assert deal.forecast_category == "pipeline"


def test_a_negative_amount_is_refused_as_a_field_error(org, eight_step, make_account):
    errors = create_errors(org["rep1"], make_account(org["rep1"]), amount=Decimal("-1"))

    assert list(errors) == ["amount"]


def test_a_negative_cost_is_refused_as_a_field_error(org, eight_step, make_account):
    errors = create_errors(org["rep1"], make_account(org["rep1"]), cost=Decimal("-5"))

    assert list(errors) == ["cost"]


def test_an_absurd_amount_is_refused(org, eight_step, make_account):
    errors = create_errors(org["rep1"], make_account(org["rep1"]), amount=Decimal("1e13"))

    assert "amount" in errors


def test_a_name_and_close_date_are_required(org, eight_step, make_account):
    errors = create_errors(
        org["rep1"], make_account(org["rep1"]), name="", expected_close_date=None
    )

    assert set(errors) == {"name", "expected_close_date"}


def test_an_account_the_user_cannot_see_is_refused(org, eight_step, make_account):
    errors = create_errors(org["rep1"], make_account(org["rep3"]))

    assert list(errors) == ["account"]


def test_an_owner_outside_the_users_visibility_is_refused(org, eight_step, make_account):
    errors = create_errors(org["rep1"], make_account(org["rep1"]), owner=org["rep2"])

    assert list(errors) == ["owner"]


def test_another_teams_manager_cannot_give_a_deal_to_a_rep_they_do_not_manage(
    org, eight_step, make_account
):
    errors = create_errors(org["manager2"], make_account(org["manager2"]), owner=org["rep1"])

    assert list(errors) == ["owner"]


def test_fields_that_are_not_the_users_to_set_are_refused(org, eight_step, make_account):
    errors = create_errors(org["rep1"], make_account(org["rep1"]), status="won", version=7)

    assert set(errors) == {"status", "version"}


def test_an_inactive_process_is_refused(org, ten_step, make_account):
    ten_step.is_active = False
    ten_step.save()

    errors = create_errors(org["rep1"], make_account(org["rep1"]), process=ten_step)

    assert list(errors) == ["process"]


def test_a_process_without_stages_is_refused_as_a_field_error(org, ten_step, make_account):
    Stage.objects.filter(process=ten_step).delete()

    errors = create_errors(org["rep1"], make_account(org["rep1"]), process=ten_step)

    assert list(errors) == ["process"]


@pytest.mark.parametrize(
    "bad",
    [
        {"amount": Decimal("-1")},
        {"account_of": "rep3"},
        {"owner_of": "rep2"},
        {"name": ""},
    ],
    ids=["negative amount", "hidden account", "hidden owner", "no name"],
)
def test_a_refused_create_leaves_no_opportunity_stage_change_or_history(
    org, eight_step, make_account, bad
):
    account = make_account(org[bad.pop("account_of", "rep1")])
    if "owner_of" in bad:
        bad["owner"] = org[bad.pop("owner_of")]
    before = row_counts()

    with pytest.raises(ValidationError):
        create(org["rep1"], account, **bad)

    assert row_counts() == before
