import pytest

from salesflow.contacts.models import Contact, Relationship, relationship_for


@pytest.mark.parametrize(
    "personal, organisational, expected",
    [
        (True, True, Relationship.PARTNER),
        (True, False, Relationship.FRIEND),
        (False, True, Relationship.STRANGER),
        (False, False, Relationship.OPPONENT),
    ],
)
def test_the_needs_matrix_names_the_relationship(personal, organisational, expected):
    assert (
        relationship_for(meets_personal_needs=personal, meets_org_needs=organisational) == expected
    )


def test_a_contacts_relationship_follows_the_needs_they_have_met():
    contact = Contact(meets_personal_needs=False, meets_org_needs=True)

    assert contact.relationship == Relationship.STRANGER
    contact.meets_personal_needs = True
    assert contact.relationship == Relationship.PARTNER
