"""POST /api/v1/accounts: defaults, references by name, and 422s in one shape."""

import pytest

from salesflow.accounts.models import Account
from salesflow.core.history import history_for

URL = "/api/v1/accounts"
VALID_CODE = "91350100M000100Y43"
WRONG_CHECKSUM = "91350100M000100Y44"


def create(client, **fields):
    return client.post(URL, fields, content_type="application/json")


def errors_of(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert all(set(error) == {"field", "message"} for error in detail)
    return {error["field"]: error["message"] for error in detail}


def test_a_new_account_belongs_to_the_caller_and_answers_201(org, api_client_for):
    response = create(api_client_for(org["rep1"]), name="Acme", region="East", tier="A")

    assert response.status_code == 201
    body = response.json()
    assert (body["owner"], body["region"], body["tier"]) == ("rep1", "East", "A")
    account = Account.objects.get(pk=body["id"])
    assert (account.owner, account.region) == (org["rep1"], org["region"])


def test_a_new_account_is_recorded_in_its_history(org, api_client_for):
    body = create(api_client_for(org["rep1"]), name="Acme").json()

    actions = history_for(Account.objects.get(pk=body["id"])).values_list("action", flat=True)
    assert "create" in actions


def test_the_selection_score_is_the_total_of_the_given_scores(org, api_client_for):
    response = create(
        api_client_for(org["rep1"]),
        name="Acme",
        score_sales_potential=5,
        score_market_strength=3,
        selection_score=99,
    )

    assert response.json()["selection_score"] == 8


def test_a_manager_may_create_an_account_for_one_of_their_reps(org, api_client_for):
    response = create(api_client_for(org["manager1"]), name="Acme", owner="rep2")

    assert response.status_code == 201
    assert response.json()["owner"] == "rep2"


def test_a_rep_may_not_give_a_new_account_to_another_rep(org, api_client_for):
    response = create(api_client_for(org["rep1"]), name="Acme", owner="rep2")

    assert set(errors_of(response)) == {"owner"}
    assert not Account.objects.exists()


def test_an_unknown_region_is_a_422_naming_the_region_field(org, api_client_for):
    response = create(api_client_for(org["rep1"]), name="Acme", region="Atlantis")

    assert "Atlantis" in errors_of(response)["region"]


def test_a_missing_name_is_a_422_naming_the_field(org, api_client_for):
    response = create(api_client_for(org["rep1"]), industry="Steel")

    assert set(errors_of(response)) == {"name"}


@pytest.mark.parametrize(
    ("field", "allowed"),
    [
        ("tier", ["A", "B", "C"]),
        ("key_account_type", ["global", "national", "regional", "none"]),
        ("status", ["prospect", "customer", "dormant", "closed"]),
    ],
)
def test_a_bad_enum_value_is_a_422_naming_the_field_and_the_allowed_values(
    org, api_client_for, field, allowed
):
    response = create(api_client_for(org["rep1"]), name="Acme", **{field: "platinum"})

    message = errors_of(response)[field]
    assert all(f"{value}" in message for value in allowed)
    assert not Account.objects.exists()


def test_a_score_outside_one_to_five_is_a_422_naming_the_field(org, api_client_for):
    response = create(api_client_for(org["rep1"]), name="Acme", score_innovation=6)

    assert set(errors_of(response)) == {"score_innovation"}


def test_a_credit_code_with_a_wrong_check_character_is_a_422_on_credit_code(org, api_client_for):
    response = create(api_client_for(org["rep1"]), name="Acme", credit_code=WRONG_CHECKSUM)

    assert "check character" in errors_of(response)["credit_code"]
    assert not Account.objects.exists()


def test_a_duplicate_credit_code_is_a_422_and_saves_nothing(org, make_account, api_client_for):
    make_account(org["rep1"], name="First", credit_code=VALID_CODE)

    response = create(api_client_for(org["rep1"]), name="Second", credit_code=VALID_CODE)

    assert "First" in errors_of(response)["credit_code"]
    assert list(Account.objects.values_list("name", flat=True)) == ["First"]


def test_a_duplicate_of_an_invisible_accounts_credit_code_does_not_reveal_it(
    org, make_account, api_client_for
):
    make_account(org["rep2"], name="Secret Holdings", credit_code=VALID_CODE)

    response = create(api_client_for(org["rep1"]), name="Mine", credit_code=VALID_CODE)

    assert "Secret" not in errors_of(response)["credit_code"]


def test_service_and_request_validation_errors_share_one_shape(org, api_client_for):
    client = api_client_for(org["rep1"])

    from_request = create(client, name="Acme", tier="Z").json()
    from_service = create(client, name="Acme", credit_code=WRONG_CHECKSUM).json()

    assert from_request.keys() == from_service.keys() == {"detail"}
    assert from_request["detail"][0].keys() == from_service["detail"][0].keys()


def test_an_invisible_parent_is_refused_like_a_missing_one(org, make_account, api_client_for):
    hidden = make_account(org["rep2"], name="Hidden Group")
    client = api_client_for(org["rep1"])

    invisible = errors_of(create(client, name="Acme", parent=hidden.pk))
    missing = errors_of(create(client, name="Acme", parent=hidden.pk + 1000))

    assert invisible == missing
    assert set(invisible) == {"parent"}
    assert "Hidden" not in invisible["parent"]
