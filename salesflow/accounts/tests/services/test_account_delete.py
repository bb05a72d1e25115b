from salesflow.accounts.models import Account
from salesflow.accounts.services import account_delete
from salesflow.contacts.models import Contact
from salesflow.core.models import ChangeRecord


def test_deleting_an_account_removes_its_contacts_and_records_the_deletion(
    org, make_account, make_contact
):
    account = make_account(org["rep1"], name="Gone Ltd")
    make_contact(account)
    pk = account.pk

    account_delete(account=account, acting_user=org["rep1"])

    assert not Account.objects.filter(pk=pk).exists()
    assert not Contact.objects.filter(account_id=pk).exists()
    deletion = ChangeRecord.objects.get(object_id=pk, action=ChangeRecord.Action.DELETE)
    assert (deletion.new_value, deletion.changed_by) == ("Gone Ltd", org["rep1"])


def test_deleting_a_group_keeps_its_subsidiaries_without_a_parent(org, make_account):
    group = make_account(org["rep1"], name="Group")
    plant = make_account(org["rep1"], name="Plant", parent=group)

    account_delete(account=group, acting_user=org["rep1"])

    plant.refresh_from_db()
    assert plant.parent is None
