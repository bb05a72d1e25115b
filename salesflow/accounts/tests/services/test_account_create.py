import pytest
from django.core.exceptions import ValidationError

from salesflow.accounts.models import Account
from salesflow.accounts.services import account_create, account_update
from salesflow.core.history import history_for
from salesflow.core.models import ChangeRecord

VALID_CODE = "91350100M000100Y43"


def create_errors(**fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        account_create(**fields)
    return caught.value.message_dict


def test_a_credit_code_is_stored_normalised(org):
    account = account_create(
        acting_user=org["rep1"], name="Fuzhou Ltd", credit_code=" 9135 0100 m000 100y 43"
    )

    account.refresh_from_db()
    assert account.credit_code == VALID_CODE


def test_an_invalid_credit_code_is_a_field_error(org):
    errors = create_errors(
        acting_user=org["rep1"], name="Fuzhou Ltd", credit_code="91350100M000100Y44"
    )

    assert list(errors) == ["credit_code"]


def test_a_blank_credit_code_is_stored_as_none_so_many_accounts_can_leave_it_out(org):
    first = account_create(acting_user=org["rep1"], name="One", credit_code="   ")
    second = account_create(acting_user=org["rep1"], name="Two", credit_code=" ")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.credit_code is None
    assert second.credit_code is None


def test_a_duplicate_credit_code_names_the_existing_account_the_user_can_see(org, make_account):
    existing = make_account(org["rep1"], name="Fuzhou Ltd", credit_code=VALID_CODE)

    errors = create_errors(acting_user=org["manager1"], name="Fuzhou Again", credit_code=VALID_CODE)

    assert "Fuzhou Ltd" in errors["credit_code"][0]
    assert f"#{existing.pk}" in errors["credit_code"][0]


def test_a_duplicate_credit_code_does_not_leak_an_account_the_user_cannot_see(org, make_account):
    make_account(org["rep3"], name="Secret Holdings", credit_code=VALID_CODE)

    errors = create_errors(acting_user=org["rep1"], name="Mine", credit_code=VALID_CODE.lower())

    message = errors["credit_code"][0]
    assert "Secret Holdings" not in message
    assert "already recorded for another account" in message


def test_a_rep_cannot_give_a_new_account_to_another_rep(org):
    errors = create_errors(acting_user=org["rep1"], name="Gift", owner=org["rep2"])

    assert "owner" in errors


def test_a_manager_can_give_a_new_account_to_their_rep(org):
    account = account_create(acting_user=org["manager1"], name="Assigned", owner=org["rep2"])

    assert account.owner == org["rep2"]


def test_a_manager_cannot_give_a_new_account_to_another_managers_rep(org):
    errors = create_errors(acting_user=org["manager1"], name="Gift", owner=org["rep3"])

    assert "owner" in errors


def test_a_parent_the_user_cannot_see_is_refused(org, make_account):
    hidden = make_account(org["rep3"], name="Hidden Group")

    errors = create_errors(acting_user=org["rep1"], name="Subsidiary", parent=hidden)

    assert "parent" in errors


def test_a_visible_parent_is_accepted(org, make_account):
    group = make_account(org["rep1"], name="Group")

    account = account_create(acting_user=org["rep1"], name="Subsidiary", parent=group)

    assert list(group.subsidiaries.all()) == [account]


def test_a_field_that_is_not_editable_is_refused(org):
    errors = create_errors(acting_user=org["rep1"], name="X", created_at=None)

    assert "created_at" in errors


def test_a_failed_create_leaves_no_account_and_no_history(org, make_account):
    make_account(org["rep3"], name="Secret Holdings", credit_code=VALID_CODE)
    accounts_before = Account.objects.count()
    history_before = ChangeRecord.objects.count()

    create_errors(acting_user=org["rep1"], name="Bad", credit_code=VALID_CODE, owner=org["rep2"])
    create_errors(acting_user=org["rep1"], name="", employees=10)

    assert Account.objects.count() == accounts_before
    assert ChangeRecord.objects.count() == history_before


def test_every_error_is_reported_at_once(org):
    errors = create_errors(acting_user=org["rep1"], name="", credit_code="short", owner=org["rep3"])

    assert {"name", "credit_code", "owner"} <= set(errors)


def test_creation_history_records_the_initial_values(org):
    account = account_create(acting_user=org["rep1"], name="Fuzhou Ltd", industry="Steel")

    values = {r.field: (r.old_value, r.new_value) for r in history_for(account) if r.field}
    assert values["name"] == ("", "Fuzhou Ltd")
    assert values["industry"] == ("", "Steel")
    assert values["owner"] == ("", "rep1")


def test_the_same_credit_code_can_be_kept_when_the_account_is_edited(org, make_account):
    account = make_account(org["rep1"], name="Fuzhou Ltd", credit_code=VALID_CODE)

    updated = account_update(account=account, acting_user=org["rep1"], credit_code=VALID_CODE)

    assert updated.credit_code == VALID_CODE
