import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from salesflow.accounts.models import TeamRole
from salesflow.accounts.selectors import (
    account_get_visible,
    account_list_visible,
    subsidiaries_visible,
)
from salesflow.accounts.services import account_team_member_set
from salesflow.users.models import Role


def visible_names(user) -> set[str]:
    return set(account_list_visible(user).values_list("name", flat=True))


@pytest.fixture
def accounts(org, make_account):
    """One account per rep and one per manager; rep2 is on the team of rep3's account."""
    made = {name: make_account(org[name], name=f"{name}'s") for name in ("rep1", "rep2", "rep3")}
    made["manager2"] = make_account(org["manager2"], name="manager2's")
    shared = make_account(org["rep3"], name="rep3's shared")
    account_team_member_set(
        account=shared, user=org["rep2"], team_role=TeamRole.SALES, acting_user=org["rep3"]
    )
    made["shared"] = shared
    return made


def test_a_rep_sees_their_own_accounts_and_those_whose_team_they_are_on(org, accounts):
    assert visible_names(org["rep2"]) == {"rep2's", "rep3's shared"}


def test_a_rep_does_not_see_another_reps_accounts(org, accounts):
    assert visible_names(org["rep1"]) == {"rep1's"}


def test_a_manager_sees_their_reps_accounts_but_not_another_managers_reps(org, accounts):
    assert visible_names(org["manager1"]) == {"rep1's", "rep2's", "rep3's shared"}


def test_a_manager_sees_what_the_reps_of_the_managers_below_them_see(
    org, accounts, make_user, make_account
):
    head = make_user(Role.MANAGER, username="head", supervisor=org["director"])
    middle = make_user(Role.MANAGER, username="middle", supervisor=head)
    deep_rep = make_user(Role.REP, username="deep", supervisor=middle)
    make_account(deep_rep, name="deep's")

    assert visible_names(head) == {"deep's"}
    assert visible_names(org["manager1"]) == {"rep1's", "rep2's", "rep3's shared"}


def test_a_director_sees_every_account(org, accounts):
    assert len(visible_names(org["director"])) == 5


def test_an_inactive_user_sees_nothing(org, accounts):
    for name in ("rep1", "manager1", "director"):
        user = org[name]
        user.is_active = False
        user.save()

        assert visible_names(user) == set()


def test_an_anonymous_visitor_sees_nothing(accounts):
    assert visible_names(AnonymousUser()) == set()


def test_fetching_another_reps_account_answers_not_found(org, accounts):
    with pytest.raises(Http404):
        account_get_visible(org["rep1"], accounts["rep3"].pk)


@pytest.mark.parametrize("pk", ["not-a-number", None, 999999])
def test_fetching_a_malformed_or_missing_account_answers_not_found(org, pk):
    with pytest.raises(Http404):
        account_get_visible(org["director"], pk)


def test_fetching_a_team_account_returns_it(org, accounts):
    assert account_get_visible(org["rep2"], accounts["shared"].pk) == accounts["shared"]


def test_subsidiaries_are_listed_only_when_visible(org, make_account):
    group = make_account(org["rep1"], name="Group")
    make_account(org["rep1"], name="Own plant", parent=group)
    make_account(org["director"], name="Hidden plant", parent=group)

    names = [a.name for a in subsidiaries_visible(org["rep1"], group)]

    assert names == ["Own plant"]
