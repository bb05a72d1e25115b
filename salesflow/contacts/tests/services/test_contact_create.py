import pytest
from django.core.exceptions import ValidationError

from salesflow.contacts.models import Contact, DecisionRole
from salesflow.contacts.services import contact_create, contact_delete, contact_update
from salesflow.core.history import history_for
from salesflow.core.models import ChangeRecord


def test_a_contact_is_created_at_a_visible_account_with_history(org, make_account):
    account = make_account(org["rep1"])

    contact = contact_create(
        acting_user=org["rep1"],
        account=account,
        name="Li Na",
        decision_role=DecisionRole.DECISION_MAKER,
    )

    fields = {r.field: r.new_value for r in history_for(contact) if r.field}
    assert fields["name"] == "Li Na"
    assert fields["decision_role"] == "Decision maker"


def test_a_contact_cannot_be_added_to_an_account_the_user_cannot_see(org, make_account):
    hidden = make_account(org["rep3"])
    rows_before = ChangeRecord.objects.count()

    with pytest.raises(ValidationError) as caught:
        contact_create(acting_user=org["rep1"], account=hidden, name="Spy")

    assert "account" in caught.value.message_dict
    assert not Contact.objects.exists()
    assert ChangeRecord.objects.count() == rows_before


def test_an_unknown_choice_is_a_field_error(org, make_account):
    account = make_account(org["rep1"])

    with pytest.raises(ValidationError) as caught:
        contact_create(acting_user=org["rep1"], account=account, name="X", attitude="sulky")

    assert "attitude" in caught.value.message_dict


def test_an_update_records_only_changed_fields(org, make_account, make_contact):
    contact = make_contact(make_account(org["rep1"]), name="Li Na", title="Buyer")
    created = set(history_for(contact).values_list("pk", flat=True))

    contact_update(contact=contact, acting_user=org["rep1"], title="Head buyer", name="Li Na")

    rows = history_for(contact).exclude(pk__in=created)
    assert [(r.field, r.old_value, r.new_value) for r in rows] == [("title", "Buyer", "Head buyer")]


def test_clearing_a_text_field_with_none_stores_it_empty(org, make_account, make_contact):
    contact = make_contact(make_account(org["rep1"]), title="Buyer")

    updated = contact_update(contact=contact, acting_user=org["rep1"], title=None)

    assert updated.title == ""


def test_deleting_a_contact_is_recorded(org, make_account, make_contact):
    contact = make_contact(make_account(org["rep1"]), name="Li Na")
    pk = contact.pk

    contact_delete(contact=contact, acting_user=org["rep1"])

    assert not Contact.objects.filter(pk=pk).exists()
    assert ChangeRecord.objects.filter(
        object_id=pk, action=ChangeRecord.Action.DELETE, new_value="Li Na"
    ).exists()
