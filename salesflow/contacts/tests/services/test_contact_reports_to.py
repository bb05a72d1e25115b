import pytest
from django.core.exceptions import ValidationError

from salesflow.contacts.services import contact_create, contact_update
from salesflow.core.history import history_for


def update_errors(**fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        contact_update(**fields)
    return caught.value.message_dict


@pytest.fixture
def two_accounts(org, make_account):
    return make_account(org["rep1"], name="Fuzhou Steel"), make_account(org["rep1"], name="Other")


def test_a_contact_can_report_to_someone_at_the_same_account(org, two_accounts, make_contact):
    account, _other = two_accounts
    boss = make_contact(account, name="Boss")

    contact = contact_create(
        acting_user=org["rep1"], account=account, name="Engineer", reports_to=boss
    )

    assert list(boss.direct_reports.all()) == [contact]


def test_reporting_to_someone_at_another_account_is_refused(org, two_accounts, make_contact):
    account, other = two_accounts
    outsider = make_contact(other, name="Outsider")

    with pytest.raises(ValidationError) as caught:
        contact_create(
            acting_user=org["rep1"], account=account, name="Engineer", reports_to=outsider
        )

    assert "reports_to" in caught.value.message_dict


def test_a_contact_cannot_report_to_themselves(org, two_accounts, make_contact):
    contact = make_contact(two_accounts[0])

    errors = update_errors(contact=contact, acting_user=org["rep1"], reports_to=contact)

    assert "reports_to" in errors


def test_a_reporting_loop_is_refused(org, two_accounts, make_contact):
    account, _other = two_accounts
    ceo = make_contact(account, name="CEO")
    cto = make_contact(account, name="CTO", reports_to=ceo)
    engineer = make_contact(account, name="Engineer", reports_to=cto)

    errors = update_errors(contact=ceo, acting_user=org["rep1"], reports_to=engineer)

    assert "loop" in errors["reports_to"][0]
    ceo.refresh_from_db()
    assert ceo.reports_to is None


def test_moving_a_contact_to_another_account_clears_who_they_report_to(
    org, two_accounts, make_contact
):
    account, other = two_accounts
    boss = make_contact(account, name="Boss")
    contact = make_contact(account, name="Engineer", reports_to=boss)

    moved = contact_update(contact=contact, acting_user=org["rep1"], account=other)

    assert moved.account == other
    assert moved.reports_to is None
    changes = [(r.field, r.old_value, r.new_value) for r in history_for(moved)]
    assert ("reports_to", "Boss", "") in changes
    assert ("account", "Fuzhou Steel", "Other") in changes


def test_moving_a_contact_away_frees_the_people_who_reported_to_them(
    org, two_accounts, make_contact
):
    account, other = two_accounts
    boss = make_contact(account, name="Boss")
    engineer = make_contact(account, name="Engineer", reports_to=boss)

    contact_update(contact=boss, acting_user=org["rep1"], account=other)

    engineer.refresh_from_db()
    assert engineer.reports_to is None
    assert ("reports_to", "Boss", "") in [
        (r.field, r.old_value, r.new_value) for r in history_for(engineer)
    ]
    contact_update(contact=engineer, acting_user=org["rep1"], title="Chief engineer")


def test_editing_other_fields_keeps_who_a_contact_reports_to(org, two_accounts, make_contact):
    account, _other = two_accounts
    boss = make_contact(account, name="Boss")
    contact = make_contact(account, name="Engineer", reports_to=boss)

    updated = contact_update(
        contact=contact, acting_user=org["rep1"], account=account, title="Lead"
    )

    assert updated.reports_to == boss
