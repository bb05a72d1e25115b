from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salesflow.accounts.models import TeamRole
from salesflow.accounts.services import account_team_member_set, account_update
from salesflow.core.history import history_for
from salesflow.core.models import ChangeRecord


def update_errors(**fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        account_update(**fields)
    return caught.value.message_dict


def changes(account) -> list[tuple[str, str, str]]:
    return [
        (r.field, r.old_value, r.new_value)
        for r in history_for(account).filter(action=ChangeRecord.Action.UPDATE)
    ]


def test_an_update_records_only_the_fields_that_changed_with_old_and_new(org, make_account):
    account = make_account(org["rep1"], name="Old Name", industry="Steel", employees=50)
    created = set(history_for(account).values_list("pk", flat=True))

    account_update(
        account=account, acting_user=org["rep1"], name="New Name", industry="Steel", employees=80
    )

    new_rows = history_for(account).exclude(pk__in=created)
    assert sorted((r.field, r.old_value, r.new_value) for r in new_rows) == [
        ("employees", "50", "80"),
        ("name", "Old Name", "New Name"),
    ]


def test_resaving_the_same_revenue_written_differently_records_no_change(org, make_account):
    account = make_account(org["rep1"], annual_revenue=Decimal("1500000"))
    created = set(history_for(account).values_list("pk", flat=True))

    account_update(account=account, acting_user=org["rep1"], annual_revenue=Decimal("1500000"))
    account_update(account=account, acting_user=org["rep1"], annual_revenue=1500000)

    assert not history_for(account).exclude(pk__in=created).exists()


def test_a_changed_owner_is_recorded_by_name(org, make_account):
    account = make_account(org["rep1"])

    account_update(account=account, acting_user=org["manager1"], owner=org["rep2"])

    assert ("owner", "rep1", "rep2") in changes(account)


def test_an_account_cannot_be_its_own_parent(org, make_account):
    account = make_account(org["rep1"])

    errors = update_errors(account=account, acting_user=org["rep1"], parent=account)

    assert "parent" in errors


def test_a_parent_that_would_make_a_loop_is_refused(org, make_account):
    group = make_account(org["rep1"], name="Group")
    division = make_account(org["rep1"], name="Division", parent=group)
    plant = make_account(org["rep1"], name="Plant", parent=division)

    errors = update_errors(account=group, acting_user=org["rep1"], parent=plant)

    assert "loop" in errors["parent"][0]
    group.refresh_from_db()
    assert group.parent is None


def test_a_parent_the_user_cannot_see_is_refused_on_update(org, make_account):
    account = make_account(org["rep1"])
    hidden = make_account(org["rep3"])

    errors = update_errors(account=account, acting_user=org["rep1"], parent=hidden)

    assert "parent" in errors


def test_a_rep_cannot_hand_their_account_to_another_rep(org, make_account):
    account = make_account(org["rep1"])

    errors = update_errors(account=account, acting_user=org["rep1"], owner=org["rep2"])

    assert "owner" in errors


def test_an_account_team_member_can_edit_an_account_owned_by_someone_they_do_not_manage(
    org, make_account
):
    account = make_account(org["rep3"], name="Shared")
    account_team_member_set(
        account=account, user=org["rep1"], team_role=TeamRole.PRESALES, acting_user=org["rep3"]
    )

    updated = account_update(account=account, acting_user=org["rep1"], industry="Chemicals")

    assert updated.industry == "Chemicals"
    assert updated.owner == org["rep3"]


def test_an_unchanged_parent_owned_by_someone_else_does_not_block_an_edit(org, make_account):
    group = make_account(org["rep3"], name="Group")
    account = make_account(org["rep3"], name="Plant", parent=group)
    account_team_member_set(
        account=account, user=org["rep1"], team_role=TeamRole.SALES, acting_user=org["rep3"]
    )

    updated = account_update(account=account, acting_user=org["rep1"], address="Pudong")

    assert updated.address == "Pudong"
    assert updated.parent == group


def test_a_failed_update_changes_nothing_and_records_nothing(org, make_account):
    account = make_account(org["rep1"], name="Kept")
    history_before = ChangeRecord.objects.count()

    update_errors(account=account, acting_user=org["rep1"], name="Changed", employees=-1)

    account.refresh_from_db()
    assert account.name == "Kept"
    assert ChangeRecord.objects.count() == history_before
