import pytest
from django.http import Http404

from salesflow.accounts.models import TeamRole
from salesflow.accounts.services import account_team_member_set
from salesflow.contacts.models import Attitude, DecisionRole
from salesflow.contacts.selectors import contact_get_visible, contact_list_visible, contact_search


def visible_names(user) -> set[str]:
    return set(contact_list_visible(user).values_list("name", flat=True))


@pytest.fixture
def people(org, make_account, make_contact):
    own = make_account(org["rep1"], name="Fuzhou Steel")
    shared = make_account(org["rep3"], name="Zhejiang Steel")
    hidden = make_account(org["rep3"], name="Hidden Ltd")
    account_team_member_set(
        account=shared, user=org["rep1"], team_role=TeamRole.SALES, acting_user=org["rep3"]
    )
    return {
        "own": make_contact(
            own, name="Wang Wei", title="Buyer", decision_role=DecisionRole.DECISION_MAKER
        ),
        "shared": make_contact(shared, name="Li Na", attitude=Attitude.DOUBTS, is_ally=True),
        "hidden": make_contact(hidden, name="Zhao Lei", decision_role=DecisionRole.INFLUENCER),
    }


def test_a_rep_sees_contacts_at_own_and_team_accounts_only(org, people):
    assert visible_names(org["rep1"]) == {"Wang Wei", "Li Na"}


def test_a_manager_sees_contacts_at_their_reps_accounts(org, people):
    assert visible_names(org["manager1"]) == {"Wang Wei", "Li Na"}
    assert visible_names(org["manager2"]) == {"Li Na", "Zhao Lei"}


def test_a_director_sees_every_contact(org, people):
    assert visible_names(org["director"]) == {"Wang Wei", "Li Na", "Zhao Lei"}


def test_an_inactive_user_sees_no_contacts(org, people):
    org["director"].is_active = False

    assert visible_names(org["director"]) == set()


def test_fetching_a_contact_at_another_reps_account_answers_not_found(org, people):
    with pytest.raises(Http404):
        contact_get_visible(org["rep1"], people["hidden"].pk)


def test_fetching_a_visible_contact_returns_it(org, people):
    assert contact_get_visible(org["rep1"], people["shared"].pk) == people["shared"]


@pytest.mark.parametrize(
    "criteria, expected",
    [
        ({"q": "wang"}, ["Wang Wei"]),
        ({"q": "buyer"}, ["Wang Wei"]),
        ({"q": "steel"}, ["Li Na", "Wang Wei"]),
        ({"q": "zhao"}, []),
        ({"decision_role": DecisionRole.DECISION_MAKER}, ["Wang Wei"]),
        ({"attitude": Attitude.DOUBTS}, ["Li Na"]),
        ({"is_ally": True}, ["Li Na"]),
        ({"is_ally": False}, ["Wang Wei"]),
    ],
)
def test_contact_search_filters_visible_contacts(org, people, criteria, expected):
    assert [c.name for c in contact_search(org["rep1"], **criteria)] == expected


def test_contact_search_by_account_cannot_reach_a_hidden_account(org, people):
    hidden_account = people["hidden"].account_id

    assert list(contact_search(org["rep1"], account=hidden_account)) == []
