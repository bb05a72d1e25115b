"""Another rep's account answers 404 on every route; managers see their reps', directors all."""

import pytest
from django.urls import reverse

from salesflow.accounts.models import Account, AccountTeamMember

READ_ROUTES = ["accounts:detail", "accounts:edit", "accounts:delete"]


@pytest.fixture
def rep2_account(org, make_account):
    return make_account(org["rep2"], name="Rep two's account")


@pytest.mark.parametrize("route", READ_ROUTES)
def test_a_rep_gets_not_found_for_another_reps_account(route, org, rep2_account, client_for):
    response = client_for(org["rep1"]).get(reverse(route, args=[rep2_account.pk]))

    assert response.status_code == 404


def test_a_rep_cannot_edit_another_reps_account(org, rep2_account, client_for):
    response = client_for(org["rep1"]).post(
        reverse("accounts:edit", args=[rep2_account.pk]), {"name": "Taken over"}
    )

    assert response.status_code == 404
    rep2_account.refresh_from_db()
    assert rep2_account.name == "Rep two's account"


def test_a_rep_cannot_delete_another_reps_account(org, rep2_account, client_for):
    response = client_for(org["rep1"]).post(reverse("accounts:delete", args=[rep2_account.pk]))

    assert response.status_code == 404
    assert Account.objects.filter(pk=rep2_account.pk).exists()


def test_a_rep_cannot_change_another_reps_account_team(org, rep2_account, client_for):
    client = client_for(org["rep1"])

    added = client.post(
        reverse("accounts:team_add", args=[rep2_account.pk]),
        {"user": org["rep1"].pk, "team_role": "sales"},
    )
    removed = client.post(reverse("accounts:team_remove", args=[rep2_account.pk, org["rep2"].pk]))

    assert (added.status_code, removed.status_code) == (404, 404)
    assert not AccountTeamMember.objects.exists()


@pytest.mark.parametrize("route", READ_ROUTES)
def test_the_manager_of_both_reps_sees_both_accounts(route, org, make_account, client_for):
    mine = make_account(org["rep1"])
    theirs = make_account(org["rep2"])
    client = client_for(org["manager1"])

    statuses = [client.get(reverse(route, args=[a.pk])).status_code for a in (mine, theirs)]

    assert statuses == [200, 200]


@pytest.mark.parametrize("route", READ_ROUTES)
def test_another_teams_manager_gets_not_found(route, org, rep2_account, client_for):
    response = client_for(org["manager2"]).get(reverse(route, args=[rep2_account.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("route", READ_ROUTES)
def test_a_director_sees_every_account(route, org, make_account, client_for):
    accounts = [make_account(org[rep]) for rep in ("rep1", "rep2", "rep3")]
    client = client_for(org["director"])

    statuses = [client.get(reverse(route, args=[a.pk])).status_code for a in accounts]

    assert statuses == [200, 200, 200]


def test_a_director_lists_every_account(org, make_account, client_for):
    for rep in ("rep1", "rep2", "rep3"):
        make_account(org[rep], name=f"{rep} account")

    response = client_for(org["director"]).get(reverse("accounts:list"))

    assert [a.name for a in response.context["accounts"]] == [
        "rep1 account",
        "rep2 account",
        "rep3 account",
    ]


def test_signed_out_visitors_are_sent_to_sign_in(org, rep2_account, client):
    response = client.get(reverse("accounts:detail", args=[rep2_account.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_colleague_on_the_account_team_edits_the_account_but_cannot_delete_it(
    org, make_account, client_for
):
    from salesflow.accounts.services import account_team_member_set

    account = make_account(org["rep3"], name="Shared")
    account_team_member_set(
        account=account, user=org["rep1"], team_role="sales", acting_user=org["rep3"]
    )
    client = client_for(org["rep1"])

    page = client.get(reverse("accounts:detail", args=[account.pk])).content.decode()
    assert reverse("accounts:edit", args=[account.pk]) in page
    assert reverse("accounts:delete", args=[account.pk]) not in page
    assert client.get(reverse("accounts:edit", args=[account.pk])).status_code == 200
    assert client.get(reverse("accounts:delete", args=[account.pk])).status_code == 404
    assert client.post(reverse("accounts:delete", args=[account.pk])).status_code == 404
