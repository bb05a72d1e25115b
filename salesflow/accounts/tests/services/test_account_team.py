import pytest
from django.core.exceptions import ValidationError

from salesflow.accounts.models import AccountTeamMember, TeamRole
from salesflow.accounts.services import account_team_member_remove, account_team_member_set
from salesflow.core.history import history_for


def team_history(account) -> list[tuple[str, str]]:
    return [
        (r.old_value, r.new_value)
        for r in history_for(account).order_by("id")
        if r.field == "account team"
    ]


def test_adding_a_member_is_recorded_in_the_account_history(org, make_account):
    account = make_account(org["rep1"])

    account_team_member_set(
        account=account, user=org["rep2"], team_role=TeamRole.PRESALES, acting_user=org["rep1"]
    )

    assert team_history(account) == [("", "rep2: Pre-sales / technical")]


def test_changing_a_members_role_records_old_and_new_role(org, make_account):
    account = make_account(org["rep1"])
    account_team_member_set(
        account=account, user=org["rep2"], team_role=TeamRole.SALES, acting_user=org["rep1"]
    )

    member = account_team_member_set(
        account=account, user=org["rep2"], team_role=TeamRole.LEAD, acting_user=org["rep1"]
    )

    assert member.team_role == TeamRole.LEAD
    assert team_history(account)[-1] == ("rep2: Sales", "rep2: Account lead")


def test_setting_the_same_role_again_records_nothing(org, make_account):
    account = make_account(org["rep1"])
    account_team_member_set(
        account=account, user=org["rep2"], team_role=TeamRole.SALES, acting_user=org["rep1"]
    )

    account_team_member_set(
        account=account, user=org["rep2"], team_role=TeamRole.SALES, acting_user=org["rep1"]
    )

    assert len(team_history(account)) == 1


def test_removing_a_member_is_recorded_in_the_account_history(org, make_account):
    account = make_account(org["rep1"])
    account_team_member_set(
        account=account, user=org["rep2"], team_role=TeamRole.SERVICE, acting_user=org["rep1"]
    )

    account_team_member_remove(account=account, user=org["rep2"], acting_user=org["rep1"])

    assert not AccountTeamMember.objects.filter(account=account).exists()
    assert team_history(account)[-1] == ("rep2: Service", "")


def test_removing_someone_who_is_not_on_the_team_records_nothing(org, make_account):
    account = make_account(org["rep1"])

    account_team_member_remove(account=account, user=org["rep2"], acting_user=org["rep1"])

    assert team_history(account) == []


@pytest.mark.parametrize("existing", [False, True])
def test_an_unknown_team_role_is_a_field_error(org, make_account, existing):
    account = make_account(org["rep1"])
    if existing:
        account_team_member_set(
            account=account, user=org["rep2"], team_role=TeamRole.SALES, acting_user=org["rep1"]
        )

    with pytest.raises(ValidationError) as caught:
        account_team_member_set(
            account=account, user=org["rep2"], team_role="janitor", acting_user=org["rep1"]
        )

    assert "team_role" in caught.value.message_dict
    assert not AccountTeamMember.objects.filter(account=account, team_role="janitor").exists()
