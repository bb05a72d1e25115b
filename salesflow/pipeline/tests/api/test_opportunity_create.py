"""POST /api/v1/opportunities: defaults, references, read-only stage and status, 422s."""

import pytest

from salesflow.core.history import history_for
from salesflow.pipeline.models import Opportunity, StageChange

URL = "/api/v1/opportunities"


def create(client, **fields):
    fields.setdefault("name", "Boiler retrofit")
    fields.setdefault("expected_close_date", "2030-06-30")
    return client.post(URL, fields, content_type="application/json")


def errors_of(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert all(set(error) == {"field", "message"} for error in detail)
    return {error["field"]: error["message"] for error in detail}


@pytest.fixture
def account(org, make_account):
    return make_account(org["rep1"], name="Steel Plant")


def test_a_new_opportunity_starts_at_stage_one_of_the_default_process(org, account, api_client_for):
    response = create(api_client_for(org["rep1"]), account=account.pk, amount="250000")

    assert response.status_code == 201
    body = response.json()
    assert (body["account"], body["owner"], body["process"], body["status"]) == (
        account.pk,
        "rep1",
        "eight_step",
        "open",
    )
    assert body["stage"] == {"number": 1, "name": "Project initiation", "funnel_state": "search"}
    assert (body["amount"], body["weighted_amount"], body["version"]) == (
        "250000.00",
        "25000.00",
        1,
    )


def test_a_new_opportunity_is_recorded_in_its_history_and_stage_history(
    org, account, api_client_for
):
    body = create(api_client_for(org["rep1"]), account=account.pk).json()

    opportunity = Opportunity.objects.get(pk=body["id"])
    assert "create" in history_for(opportunity).values_list("action", flat=True)
    assert list(opportunity.stage_changes.values_list("kind", flat=True)) == [
        StageChange.Kind.OPENED
    ]


def test_the_process_can_be_chosen_by_key(org, account, api_client_for):
    body = create(api_client_for(org["rep1"]), account=account.pk, process="ten_step").json()

    assert body["process"] == "ten_step"
    assert body["stage"]["name"] == "Customer analysis"


def test_every_writable_field_is_saved(org, account, api_client_for):
    response = create(
        api_client_for(org["rep1"]),
        account=account.pk,
        amount="1000",
        cost="600.50",
        source="tender",
        project_type="state_funded",
        our_position="challenger",
        decision_cycle_state=3,
        forecast_category="best_case",
        favourable_factors="Coach in purchasing",
        unfavourable_factors="Incumbent supplier",
    )

    body = response.json()
    assert body["gross_margin"] == "399.50"
    assert (body["source"], body["project_type"], body["our_position"]) == (
        "tender",
        "state_funded",
        "challenger",
    )
    assert (body["decision_cycle_state"], body["forecast_category"]) == (3, "best_case")
    assert body["favourable_factors"] == "Coach in purchasing"


def test_a_manager_may_create_an_opportunity_for_one_of_their_reps(
    org, make_account, api_client_for
):
    account = make_account(org["rep2"])

    response = create(api_client_for(org["manager1"]), account=account.pk, owner="rep2")

    assert response.status_code == 201
    assert response.json()["owner"] == "rep2"


def test_a_rep_may_not_give_a_new_opportunity_to_another_rep(org, account, api_client_for):
    response = create(api_client_for(org["rep1"]), account=account.pk, owner="rep2")

    assert set(errors_of(response)) == {"owner"}
    assert not Opportunity.objects.exists()


def test_an_invisible_account_is_refused_like_a_missing_one(org, make_account, api_client_for):
    hidden = make_account(org["rep2"], name="Secret Holdings")
    client = api_client_for(org["rep1"])

    invisible = errors_of(create(client, account=hidden.pk))
    missing = errors_of(create(client, account=hidden.pk + 1000))

    assert invisible == missing
    assert set(invisible) == {"account"}
    assert "Secret" not in invisible["account"]
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "endpoint"),
    [("stage", 3, "/advance"), ("status", "won", "/close")],
)
def test_stage_and_status_are_refused_with_the_endpoint_to_use(
    org, account, api_client_for, field, value, endpoint
):
    response = create(api_client_for(org["rep1"]), account=account.pk, **{field: value})

    message = errors_of(response)[field]
    assert endpoint in message
    assert not Opportunity.objects.exists()


def test_an_unknown_process_is_a_422_naming_the_process(org, account, api_client_for):
    response = create(api_client_for(org["rep1"]), account=account.pk, process="nine_step")

    assert "nine_step" in errors_of(response)["process"]


def test_a_negative_amount_is_a_422_naming_the_amount(org, account, api_client_for):
    response = create(api_client_for(org["rep1"]), account=account.pk, amount="-5")

    assert set(errors_of(response)) == {"amount"}
    assert not Opportunity.objects.exists()


def test_an_absurd_amount_is_a_422_naming_the_amount(org, account, api_client_for):
    response = create(api_client_for(org["rep1"]), account=account.pk, amount="1e15")

    assert set(errors_of(response)) == {"amount"}


def test_missing_account_name_and_close_date_are_each_named(org, api_client_for):
    response = api_client_for(org["rep1"]).post(URL, {}, content_type="application/json")

    assert set(errors_of(response)) == {"account", "name", "expected_close_date"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("source", "rumour"), ("our_position", "king"), ("decision_cycle_state", 9)],
)
def test_a_bad_choice_is_a_422_naming_the_field(org, account, api_client_for, field, value):
    response = create(api_client_for(org["rep1"]), account=account.pk, **{field: value})

    assert errors_of(response)[field].startswith("Choose one of:")
