"""GET, PATCH and DELETE /api/v1/accounts/{id}: others' accounts are 404, edits are partial."""

import pytest

from salesflow.accounts.models import Account
from salesflow.accounts.services import account_team_member_set
from salesflow.core.history import history_for


def url(account) -> str:
    return f"/api/v1/accounts/{account.pk}"


def call(client, method: str, account, **fields):
    if method == "patch":
        return client.patch(url(account), fields, content_type="application/json")
    return getattr(client, method)(url(account))


def test_a_rep_reads_their_own_account(org, make_account, api_client_for):
    account = make_account(org["rep1"], name="Acme")

    response = api_client_for(org["rep1"]).get(url(account))

    assert response.status_code == 200
    assert response.json()["name"] == "Acme"


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_reps_account_is_not_found(org, make_account, api_client_for, method):
    account = make_account(org["rep2"], name="Theirs")

    response = call(api_client_for(org["rep1"]), method, account, name="Mine now")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    account.refresh_from_db()
    assert account.name == "Theirs"


def test_an_id_that_does_not_exist_is_not_found(org, api_client_for):
    response = api_client_for(org["rep1"]).get("/api/v1/accounts/987654")

    assert response.status_code == 404


def test_the_manager_of_both_reps_reads_both_reps_accounts(org, make_account, api_client_for):
    client = api_client_for(org["manager1"])

    for rep in ("rep1", "rep2"):
        assert client.get(url(make_account(org[rep]))).status_code == 200


def test_another_manager_does_not_see_them(org, make_account, api_client_for):
    response = api_client_for(org["manager2"]).get(url(make_account(org["rep1"])))

    assert response.status_code == 404


def test_a_director_reads_any_account(org, make_account, api_client_for):
    client = api_client_for(org["director"])

    for rep in ("rep1", "rep2", "rep3"):
        assert client.get(url(make_account(org[rep]))).status_code == 200


def test_a_patch_changes_only_the_given_fields(org, make_account, api_client_for):
    account = make_account(
        org["rep1"], name="Acme", industry="Steel", region=org["region"], tier="B"
    )

    response = call(api_client_for(org["rep1"]), "patch", account, tier="A", employees=500)

    assert response.status_code == 200
    body = response.json()
    assert (body["tier"], body["employees"]) == ("A", 500)
    assert (body["name"], body["industry"], body["region"]) == ("Acme", "Steel", "East")


def test_a_patch_is_recorded_in_the_history_field_by_field(org, make_account, api_client_for):
    account = make_account(org["rep1"], name="Acme", industry="Steel")

    call(api_client_for(org["rep1"]), "patch", account, name="Acme Group")

    updates = history_for(account).filter(action="update", changed_by=org["rep1"])
    changed = {(r.field, r.old_value, r.new_value) for r in updates if r.old_value}
    assert changed == {("name", "Acme", "Acme Group")}


def test_a_patch_can_clear_the_region(org, make_account, api_client_for):
    account = make_account(org["rep1"], region=org["region"])

    response = call(api_client_for(org["rep1"]), "patch", account, region=None)

    assert response.json()["region"] is None


def test_a_patch_can_set_a_visible_parent(org, make_account, api_client_for):
    group = make_account(org["rep1"], name="Group")
    account = make_account(org["rep1"], name="Subsidiary")

    response = call(api_client_for(org["rep1"]), "patch", account, parent=group.pk)

    assert response.json()["parent"] == group.pk


def test_a_failed_patch_changes_nothing(org, make_account, api_client_for):
    account = make_account(org["rep1"], name="Acme", industry="Steel")

    response = call(
        api_client_for(org["rep1"]),
        "patch",
        account,
        industry="Textiles",
        credit_code="91350100M000100Y44",
    )

    assert response.status_code == 422
    account.refresh_from_db()
    assert account.industry == "Steel"
    assert not history_for(account).filter(field="industry").exclude(old_value="").exists()


def test_a_patch_with_a_bad_enum_names_the_field(org, make_account, api_client_for):
    account = make_account(org["rep1"])

    response = call(api_client_for(org["rep1"]), "patch", account, key_account_type="galactic")

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "key_account_type"
    assert "global, national, regional, none" in error["message"]


def test_a_rep_deletes_their_own_account(org, make_account, api_client_for):
    account = make_account(org["rep1"])

    response = call(api_client_for(org["rep1"]), "delete", account)

    assert response.status_code == 204
    assert not Account.objects.filter(pk=account.pk).exists()
    assert history_for(account).filter(action="delete").exists()


def test_a_colleague_on_the_account_team_changes_it_but_cannot_delete_it(
    org, make_account, api_client_for
):
    account = make_account(org["rep3"], name="Shared")
    account_team_member_set(
        account=account, user=org["rep1"], team_role="sales", acting_user=org["rep3"]
    )
    client = api_client_for(org["rep1"])

    assert client.get(url(account)).status_code == 200
    assert call(client, "patch", account, name="Renamed").status_code == 200
    assert call(client, "delete", account).status_code == 404
    account.refresh_from_db()
    assert account.name == "Renamed"
