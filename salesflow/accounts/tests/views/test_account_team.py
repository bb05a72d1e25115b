"""Adding and removing account team members from the account page."""

from django.urls import reverse

from salesflow.accounts.models import AccountTeamMember, TeamRole
from salesflow.accounts.services import account_team_member_set


def test_adding_a_member_puts_them_on_the_team_with_their_role(org, make_account, client_for):
    account = make_account(org["rep1"])

    response = client_for(org["manager1"]).post(
        reverse("accounts:team_add", args=[account.pk]),
        {"user": org["rep2"].pk, "team_role": TeamRole.PRESALES},
        follow=True,
    )

    member = AccountTeamMember.objects.get(account=account)
    assert (member.user, member.team_role) == (org["rep2"], TeamRole.PRESALES)
    assert "rep2 is on the account team as Pre-sales / technical." in response.content.decode()


def test_adding_an_existing_member_changes_their_role(org, make_account, client_for):
    account = make_account(org["rep1"])
    account_team_member_set(
        account=account, user=org["rep1"], team_role=TeamRole.SALES, acting_user=org["rep1"]
    )

    client_for(org["rep1"]).post(
        reverse("accounts:team_add", args=[account.pk]),
        {"user": org["rep1"].pk, "team_role": TeamRole.LEAD},
    )

    assert AccountTeamMember.objects.get(account=account).team_role == TeamRole.LEAD


def test_members_can_only_be_chosen_from_people_the_user_may_see(org, make_account, client_for):
    account = make_account(org["rep1"])
    client = client_for(org["manager1"])

    page = client.get(reverse("accounts:detail", args=[account.pk]))
    response = client.post(
        reverse("accounts:team_add", args=[account.pk]),
        {"user": org["rep3"].pk, "team_role": TeamRole.SALES},
    )

    choices = [label for value, label in page.context["team_form"].fields["user"].choices if value]
    assert choices == ["manager1", "rep1", "rep2"]
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not AccountTeamMember.objects.exists()


def test_removing_a_member_takes_them_off_the_team(org, make_account, client_for):
    account = make_account(org["rep1"])
    account_team_member_set(
        account=account, user=org["rep2"], team_role=TeamRole.SALES, acting_user=org["manager1"]
    )

    response = client_for(org["rep1"]).post(
        reverse("accounts:team_remove", args=[account.pk, org["rep2"].pk]), follow=True
    )

    assert not AccountTeamMember.objects.exists()
    assert "rep2 left the account team." in response.content.decode()


def test_removing_someone_not_on_the_team_is_not_found(org, make_account, client_for):
    account = make_account(org["rep1"])

    response = client_for(org["rep1"]).post(
        reverse("accounts:team_remove", args=[account.pk, org["rep2"].pk])
    )

    assert response.status_code == 404


def test_a_team_member_who_only_reads_the_account_cannot_change_its_team(
    org, make_account, client_for
):
    account = make_account(org["rep3"])
    account_team_member_set(
        account=account, user=org["rep1"], team_role=TeamRole.SALES, acting_user=org["manager2"]
    )

    response = client_for(org["rep1"]).post(
        reverse("accounts:team_add", args=[account.pk]),
        {"user": org["rep1"].pk, "team_role": TeamRole.LEAD},
    )

    assert response.status_code == 404
    assert AccountTeamMember.objects.get(account=account).team_role == TeamRole.SALES
