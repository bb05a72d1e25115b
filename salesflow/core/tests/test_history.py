from salesflow.accounts.services import account_update
from salesflow.core.history import history_for


def test_account_update_records_old_and_new_value_per_field(org, make_account):
    rep = org["rep1"]
    account = make_account(rep, name="Old Name", industry="Steel")

    account_update(account=account, acting_user=rep, name="New Name", industry="Steel")

    changes = [(r.field, r.old_value, r.new_value, r.changed_by) for r in history_for(account)]
    assert ("name", "Old Name", "New Name", rep) in changes
    assert not any(field == "industry" and old for field, old, _new, _by in changes)


def test_account_creation_is_recorded_with_its_author(org, make_account):
    account = make_account(org["rep1"])

    actions = list(history_for(account).values_list("action", "changed_by__username"))
    assert ("create", "rep1") in actions
