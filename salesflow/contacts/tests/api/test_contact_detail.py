"""GET, PATCH and DELETE /api/v1/contacts/{id}: others' contacts are 404, edits are partial."""

import pytest

from salesflow.contacts.models import Contact
from salesflow.core.history import history_for


def url(contact) -> str:
    return f"/api/v1/contacts/{contact.pk}"


def call(client, method: str, contact, **fields):
    if method == "patch":
        return client.patch(url(contact), fields, content_type="application/json")
    return getattr(client, method)(url(contact))


@pytest.fixture
def contact_of(make_account, make_contact):
    def make(user, **fields):
        return make_contact(make_account(user), **fields)

    return make


def test_a_rep_reads_a_contact_at_their_account(org, contact_of, api_client_for):
    contact = contact_of(org["rep1"], name="Wang")

    response = api_client_for(org["rep1"]).get(url(contact))

    assert response.status_code == 200
    assert response.json()["name"] == "Wang"


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_reps_contact_is_not_found(org, contact_of, api_client_for, method):
    contact = contact_of(org["rep2"], name="Theirs")

    response = call(api_client_for(org["rep1"]), method, contact, name="Mine now")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    contact.refresh_from_db()
    assert contact.name == "Theirs"


def test_the_manager_of_both_reps_reads_both_reps_contacts(org, contact_of, api_client_for):
    client = api_client_for(org["manager1"])

    for rep in ("rep1", "rep2"):
        assert client.get(url(contact_of(org[rep]))).status_code == 200


def test_a_director_reads_any_contact(org, contact_of, api_client_for):
    client = api_client_for(org["director"])

    for rep in ("rep1", "rep2", "rep3"):
        assert client.get(url(contact_of(org[rep]))).status_code == 200


def test_a_patch_changes_only_the_given_fields(org, contact_of, api_client_for):
    contact = contact_of(org["rep1"], name="Wang", title="CTO", attitude="doubts")

    response = call(api_client_for(org["rep1"]), "patch", contact, attitude="accepts")

    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["title"], body["attitude"]) == ("Wang", "CTO", "accepts")


def test_a_patch_is_recorded_in_the_history_field_by_field(org, contact_of, api_client_for):
    contact = contact_of(org["rep1"], name="Wang", attitude="doubts")

    call(api_client_for(org["rep1"]), "patch", contact, attitude="accepts", name="Wang")

    updates = history_for(contact).filter(action="update", changed_by=org["rep1"])
    changed = {(r.field, r.old_value, r.new_value) for r in updates if r.old_value}
    assert changed == {("attitude", "Doubts", "Accepts")}


def test_a_patch_of_the_needs_changes_the_relationship(org, contact_of, api_client_for):
    contact = contact_of(org["rep1"], meets_org_needs=True)

    response = call(api_client_for(org["rep1"]), "patch", contact, meets_personal_needs=True)

    assert response.json()["relationship"] == "partner"


def test_a_patch_with_null_clears_a_choice(org, contact_of, api_client_for):
    contact = contact_of(org["rep1"], decision_role="influencer")

    response = call(api_client_for(org["rep1"]), "patch", contact, decision_role=None)

    assert response.json()["decision_role"] is None
    contact.refresh_from_db()
    assert contact.decision_role == ""


def test_moving_a_contact_to_an_invisible_account_is_refused(org, contact_of, api_client_for):
    contact = contact_of(org["rep1"], name="Wang")
    hidden = contact_of(org["rep2"]).account

    response = call(api_client_for(org["rep1"]), "patch", contact, account=hidden.pk)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["account"]
    contact.refresh_from_db()
    assert contact.account_id != hidden.pk


def test_a_failed_patch_changes_nothing(org, contact_of, api_client_for):
    contact = contact_of(org["rep1"], name="Wang", title="CTO")

    response = call(
        api_client_for(org["rep1"]), "patch", contact, title="CEO", email="not an email"
    )

    assert response.status_code == 422
    contact.refresh_from_db()
    assert contact.title == "CTO"


def test_a_rep_deletes_a_contact_at_their_account(org, contact_of, api_client_for):
    contact = contact_of(org["rep1"])

    response = call(api_client_for(org["rep1"]), "delete", contact)

    assert response.status_code == 204
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert history_for(contact).filter(action="delete").exists()
