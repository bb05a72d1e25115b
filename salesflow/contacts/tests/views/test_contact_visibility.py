"""Whose contacts a user may open, change and delete: another rep's record answers 404."""

import pytest
from django.urls import reverse

from salesflow.contacts.models import Contact
from salesflow.contacts.services import contact_update


@pytest.fixture
def colleagues_contact(org, make_account, make_contact):
    return make_contact(make_account(org["rep2"], name="Colleague Ltd"), name="Not Yours")


@pytest.mark.parametrize("url_name", ["contacts:detail", "contacts:edit", "contacts:delete"])
def test_rep_gets_404_for_another_reps_contact(client_for, org, colleagues_contact, url_name):
    response = client_for(org["rep1"]).get(reverse(url_name, args=[colleagues_contact.pk]))

    assert response.status_code == 404


def test_rep_cannot_change_another_reps_contact(client_for, org, colleagues_contact):
    url = reverse("contacts:edit", args=[colleagues_contact.pk])

    response = client_for(org["rep1"]).post(
        url, {"name": "Hijacked", "account": colleagues_contact.account_id}
    )

    assert response.status_code == 404
    colleagues_contact.refresh_from_db()
    assert colleagues_contact.name == "Not Yours"


def test_rep_cannot_delete_another_reps_contact(client_for, org, colleagues_contact):
    url = reverse("contacts:delete", args=[colleagues_contact.pk])

    response = client_for(org["rep1"]).post(url, {"confirm": "1"})

    assert response.status_code == 404
    assert Contact.objects.filter(pk=colleagues_contact.pk).exists()


def test_rep_cannot_create_a_contact_on_an_account_they_cannot_see(
    client_for, org, colleagues_contact
):
    response = client_for(org["rep1"]).post(
        reverse("contacts:create"),
        {"name": "Sneaky", "account": colleagues_contact.account_id},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="field has-error required" data-field="account"' in html
    assert not Contact.objects.filter(name="Sneaky").exists()


def test_preselecting_an_invisible_account_selects_nothing(client_for, org, colleagues_contact):
    response = client_for(org["rep1"]).get(
        reverse("contacts:create"), {"account": colleagues_contact.account_id}
    )

    html = response.content.decode()
    assert "Colleague Ltd" not in html
    assert "Not Yours" not in html


def test_manager_sees_and_opens_both_reps_contacts(org, make_account, make_contact, client_for):
    mine = make_contact(make_account(org["rep1"]), name="Rep One's")
    theirs = make_contact(make_account(org["rep2"]), name="Rep Two's")
    client = client_for(org["manager1"])

    listed = [c.name for c in client.get(reverse("contacts:list")).context["page_obj"]]

    assert listed == ["Rep One's", "Rep Two's"]
    for contact in (mine, theirs):
        assert client.get(reverse("contacts:detail", args=[contact.pk])).status_code == 200


def test_other_teams_manager_gets_404(org, make_account, make_contact, client_for):
    contact = make_contact(make_account(org["rep1"]))

    response = client_for(org["manager2"]).get(reverse("contacts:detail", args=[contact.pk]))

    assert response.status_code == 404


def test_direct_reports_at_an_account_the_user_cannot_see_are_not_shown(
    org, make_account, make_contact, client_for
):
    colleagues_account = make_account(org["rep2"])
    boss = make_contact(colleagues_account, name="Boss")
    make_contact(colleagues_account, name="Left Behind", reports_to=boss)
    contact_update(contact=boss, acting_user=org["manager1"], account=make_account(org["rep1"]))

    html = client_for(org["rep1"]).get(reverse("contacts:detail", args=[boss.pk])).content.decode()

    assert "Boss" in html
    assert "Left Behind" not in html


def test_anonymous_user_is_sent_to_sign_in(client, org, colleagues_contact):
    response = client.get(reverse("contacts:detail", args=[colleagues_contact.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
