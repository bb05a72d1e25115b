"""Deleting an account: a confirmation page first, then the account is gone."""

from django.urls import reverse

from salesflow.accounts.models import Account
from salesflow.contacts.models import Contact


def test_the_confirmation_page_says_what_goes_with_the_account(
    org, make_account, make_contact, client_for
):
    account = make_account(org["rep1"])
    make_contact(account)
    make_contact(account)

    response = client_for(org["rep1"]).get(reverse("accounts:delete", args=[account.pk]))

    assert "Its 2 contacts are deleted with it." in response.content.decode()
    assert Account.objects.filter(pk=account.pk).exists()


def test_confirming_deletes_the_account_and_returns_to_the_list(
    org, make_account, make_contact, client_for
):
    account = make_account(org["rep1"], name="Gone Co")
    make_contact(account)

    response = client_for(org["rep1"]).post(
        reverse("accounts:delete", args=[account.pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:list")
    assert "Account “Gone Co” deleted." in response.content.decode()
    assert not Account.objects.filter(pk=account.pk).exists()
    assert not Contact.objects.exists()
