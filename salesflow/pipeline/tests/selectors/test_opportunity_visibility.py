"""Who sees which opportunities: the owner, the owner's managers, directors, and the account team
of the customer. Anything else answers 404."""

import pytest
from django.http import Http404

from salesflow.accounts import selectors as account_selectors
from salesflow.accounts.services import account_team_member_remove, account_team_member_set
from salesflow.pipeline.selectors import opportunity_get_visible, opportunity_list_visible
from salesflow.users.models import User


@pytest.fixture
def deals(org, make_account, make_opportunity):
    """One deal per rep, each on the rep's own account."""
    return {
        name: make_opportunity(org[name], name=f"{name}'s deal")
        for name in ("rep1", "rep2", "rep3")
    }


def visible_names(user) -> set[str]:
    return set(opportunity_list_visible(user).values_list("name", flat=True))


def test_a_rep_sees_only_their_own_opportunities(org, deals):
    assert visible_names(org["rep1"]) == {"rep1's deal"}


def test_a_manager_sees_the_opportunities_of_their_reps_but_not_another_teams(org, deals):
    assert visible_names(org["manager1"]) == {"rep1's deal", "rep2's deal"}
    assert visible_names(org["manager2"]) == {"rep3's deal"}


def test_a_director_sees_every_opportunity(org, deals):
    assert visible_names(org["director"]) == {"rep1's deal", "rep2's deal", "rep3's deal"}


def test_a_member_of_the_account_team_sees_the_opportunities_on_that_account(
    org, make_account, make_opportunity
):
    shared = make_account(org["rep3"], name="Shared Co")
    make_opportunity(org["rep3"], account=shared, name="On the shared account")
    make_opportunity(org["rep3"], name="Elsewhere")

    account_team_member_set(
        account=shared, user=org["rep1"], team_role="sales", acting_user=org["rep3"]
    )

    assert visible_names(org["rep1"]) == {"On the shared account"}


def test_the_manager_of_an_account_team_member_sees_the_opportunities_on_that_account(
    org, make_account, make_opportunity
):
    shared = make_account(org["rep3"], name="Shared Co")
    make_opportunity(org["rep3"], account=shared, name="On the shared account")
    account_team_member_set(
        account=shared, user=org["rep1"], team_role="sales", acting_user=org["rep3"]
    )

    assert "On the shared account" in visible_names(org["manager1"])


def test_a_deal_of_a_visible_owner_on_another_teams_account_stays_visible(
    org, make_account, make_opportunity
):
    # rep1 may sell on rep3's account as a member of its account team; rep1's manager follows
    # rep1's deals wherever they are.
    shared = make_account(org["rep3"], name="Shared Co")
    account_team_member_set(
        account=shared, user=org["rep1"], team_role="sales", acting_user=org["rep3"]
    )
    make_opportunity(org["rep1"], account=shared, name="rep1 on rep3's account")

    assert "rep1 on rep3's account" in visible_names(org["manager1"])
    assert "rep1 on rep3's account" in visible_names(org["manager2"])
    assert "rep1 on rep3's account" not in visible_names(org["rep2"])


def test_an_inactive_user_sees_nothing(org, deals):
    rep1 = org["rep1"]
    rep1.is_active = False
    rep1.save()

    assert visible_names(rep1) == set()


def test_get_visible_returns_a_visible_opportunity(org, deals):
    found = opportunity_get_visible(org["manager1"], deals["rep2"].pk)

    assert found == deals["rep2"]


def test_get_visible_answers_404_for_another_reps_opportunity(org, deals):
    with pytest.raises(Http404):
        opportunity_get_visible(org["rep1"], deals["rep2"].pk)


def test_get_visible_answers_404_for_another_teams_manager(org, deals):
    with pytest.raises(Http404):
        opportunity_get_visible(org["manager2"], deals["rep1"].pk)


@pytest.mark.parametrize("pk", ["not-a-number", None, 999999])
def test_get_visible_answers_404_for_an_id_that_names_nothing(org, deals, pk):
    with pytest.raises(Http404):
        opportunity_get_visible(org["director"], pk)


def test_joining_and_leaving_an_account_team_shows_at_once_to_the_same_user_object(
    org, make_account, make_opportunity
):
    """The visible accounts are remembered on the user object; a change to an account team must
    not leave them stale, even within one request."""
    shared = make_account(org["rep3"], name="Shared Co")
    make_opportunity(org["rep3"], account=shared, name="On the shared account")
    reader = org["rep1"]
    assert visible_names(reader) == set()

    account_team_member_set(account=shared, user=reader, team_role="sales", acting_user=org["rep3"])
    assert visible_names(reader) == {"On the shared account"}

    account_team_member_remove(account=shared, user=reader, acting_user=org["rep3"])
    assert visible_names(reader) == set()


def test_handing_an_account_over_shows_its_deals_to_the_new_owner_at_once(
    org, make_account, make_opportunity
):
    account = make_account(org["rep3"], name="Handed over")
    make_opportunity(org["rep3"], account=account, name="Rep 3's deal there")
    reader = org["rep1"]
    assert visible_names(reader) == set()

    account.owner = reader
    account.save()

    assert visible_names(reader) == {"Rep 3's deal there"}


def test_a_reader_with_more_accounts_than_fit_in_a_list_sees_the_same_deals(
    org, make_account, make_opportunity, monkeypatch
):
    """Past ACCOUNT_IDS_INLINE visible accounts the ids are no longer written out; the answer
    must not change."""
    shared = make_account(org["rep3"], name="Shared Co")
    make_opportunity(org["rep3"], account=shared, name="On the shared account")
    make_opportunity(org["rep1"], name="Own deal")
    make_opportunity(org["rep3"], name="Not seen")
    account_team_member_set(
        account=shared, user=org["rep1"], team_role="sales", acting_user=org["rep3"]
    )
    listed = visible_names(org["rep1"])

    monkeypatch.setattr(account_selectors, "ACCOUNT_IDS_INLINE", 1)
    reader = User.objects.get(pk=org["rep1"].pk)

    assert account_selectors.visible_account_ids(reader) is None
    assert visible_names(reader) == listed == {"On the shared account", "Own deal"}
