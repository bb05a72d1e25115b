from django.urls import reverse

from salesflow.contacts.models import Contact
from salesflow.core.history import history_for


def test_delete_asks_for_confirmation_first(org, make_account, make_contact, client_for):
    contact = make_contact(make_account(org["rep1"]), name="Wang Wei")

    response = client_for(org["rep1"]).get(reverse("contacts:delete", args=[contact.pk]))

    assert "Delete Wang Wei?" in response.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_post_without_confirm_deletes_nothing(org, make_account, make_contact, client_for):
    contact = make_contact(make_account(org["rep1"]))

    client_for(org["rep1"]).post(reverse("contacts:delete", args=[contact.pk]))

    assert Contact.objects.filter(pk=contact.pk).exists()


def test_confirmed_delete_removes_the_contact_and_keeps_it_in_history(
    org, make_account, make_contact, client_for
):
    rep = org["rep1"]
    account = make_account(rep)
    boss = make_contact(account, name="Boss")
    report = make_contact(account, name="Report", reports_to=boss)

    response = client_for(rep).post(reverse("contacts:delete", args=[boss.pk]), {"confirm": "1"})

    assert response.status_code == 302
    assert response.url == reverse("contacts:list")
    assert not Contact.objects.filter(pk=boss.pk).exists()
    assert history_for(boss).filter(action="delete", changed_by=rep).exists()
    report.refresh_from_db()
    assert report.reports_to is None
