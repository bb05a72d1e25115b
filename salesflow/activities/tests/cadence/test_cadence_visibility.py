"""Whose due calls and visits each role sees: a rep their own, a manager their team's, a director
everyone's; never another team's."""

from datetime import date

import pytest

from salesflow.accounts.services import account_team_member_set
from salesflow.activities.selectors.cadence import cadence_due

pytestmark = pytest.mark.django_db

ON = date(2025, 6, 16)
LONG_AGO = date(2020, 1, 1)


@pytest.fixture
def accounts(org, account_since):
    return {
        name: account_since(org[name], "A", LONG_AGO, name=f"{name} account")
        for name in ("rep1", "rep2", "rep3", "manager1")
    }


def seen(user, **kwargs):
    return {touch.account.name for touch in cadence_due(user, on=ON, **kwargs)}


def test_a_rep_sees_only_what_is_due_on_their_own_accounts(org, accounts):
    assert seen(org["rep1"]) == {"rep1 account"}


def test_a_manager_sees_their_own_and_their_reps_accounts(org, accounts):
    assert seen(org["manager1"]) == {"rep1 account", "rep2 account", "manager1 account"}


def test_a_director_sees_every_account(org, accounts):
    assert seen(org["director"]) == {
        "rep1 account",
        "rep2 account",
        "rep3 account",
        "manager1 account",
    }


def test_another_teams_owner_yields_nothing_for_a_manager(org, accounts):
    assert seen(org["manager1"], owner=org["rep3"]) == set()


def test_a_colleague_on_the_account_team_sees_its_due_touches(org, accounts):
    account_team_member_set(
        account=accounts["rep3"], user=org["rep1"], team_role="sales", acting_user=org["rep3"]
    )

    assert seen(org["rep1"]) == {"rep1 account", "rep3 account"}
