"""`salesflow demo`: the data it builds is complete, valid, deterministic and respects visibility."""

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError
from django.db.models import F

from salesflow.accounts.credit_code import validate_credit_code
from salesflow.accounts.models import Account, AccountTeamMember, KeyAccountType, Tier
from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.models import Activity
from salesflow.contacts.models import Contact, DecisionRole
from salesflow.pipeline.models import MilestoneCheck, Opportunity, StageChange
from salesflow.users.models import Role, User

pytestmark = pytest.mark.django_db

RECOMMENDERS = {
    DecisionRole.TECHNICAL_RECOMMENDER,
    DecisionRole.FINANCIAL_RECOMMENDER,
    DecisionRole.MANAGEMENT_RECOMMENDER,
}


def dump() -> list[tuple[Any, ...]]:
    accounts = Account.objects.order_by("id").values_list(
        "name", "credit_code", "tier", "key_account_type", "owner__username", "parent__name"
    )
    contacts = Contact.objects.order_by("id").values_list(
        "account__name", "name", "title", "reports_to__name", "attitude", "is_ally"
    )
    opportunities = Opportunity.objects.order_by("id").values_list(
        "account__name",
        "name",
        "amount",
        "cost",
        "stage__number",
        "status",
        "expected_close_date",
        "stage_entered_at",
        "need",
    )
    changes = StageChange.objects.order_by("id").values_list(
        "opportunity__name", "kind", "to_number", "changed_at", "reason"
    )
    checks = MilestoneCheck.objects.order_by("id").values_list(
        "opportunity__name", "milestone_text", "checked_at"
    )
    activities = Activity.objects.order_by("id").values_list(
        "account__name", "opportunity__name", "kind", "occurred_at", "duration_minutes"
    )
    return [*accounts, *contacts, *opportunities, *changes, *checks, *activities]


def test_the_same_seed_builds_the_same_data(
    run_demo: Callable[..., str], empty_the_database: Callable[[], None]
) -> None:
    # given a demo built with seed 11
    run_demo("--scale", "0.1", "--seed", "11")
    first = dump()
    # when the database is emptied and the demo built again with the same seed
    empty_the_database()
    run_demo("--scale", "0.1", "--seed", "11")
    # then every account and contact is the same
    assert first and dump() == first


def test_a_different_seed_builds_different_companies(
    run_demo: Callable[..., str], empty_the_database: Callable[[], None]
) -> None:
    run_demo("--scale", "0.1", "--seed", "11")
    first = set(Account.objects.values_list("name", flat=True))
    empty_the_database()
    run_demo("--scale", "0.1", "--seed", "12")
    second = set(Account.objects.values_list("name", flat=True))
    assert len(first & second) < len(first) / 2


def test_the_demo_has_every_tier_and_key_account_type(tiny_demo: str) -> None:
    assert set(Account.objects.values_list("tier", flat=True)) == set(Tier.values)
    assert set(Account.objects.values_list("key_account_type", flat=True)) == set(
        KeyAccountType.values
    )


def test_groups_have_subsidiaries(tiny_demo: str) -> None:
    assert Account.objects.filter(subsidiaries__isnull=False).exists()
    assert Account.objects.filter(parent__isnull=False).count() >= 2


def test_credit_codes_are_valid_and_unique(tiny_demo: str) -> None:
    codes = list(Account.objects.values_list("credit_code", flat=True))
    for code in codes:
        validate_credit_code(code)
    assert len(set(codes)) == len(codes) == Account.objects.count()


def test_every_account_has_a_full_buying_centre(tiny_demo: str) -> None:
    roles_by_account: dict[int, Counter[str]] = {}
    for account_id, role in Contact.objects.values_list("account_id", "decision_role"):
        roles_by_account.setdefault(account_id, Counter())[role] += 1
    assert len(roles_by_account) == Account.objects.count()
    for roles in roles_by_account.values():
        assert roles[DecisionRole.DECISION_MAKER] == 1
        assert all(roles[r] >= 1 for r in RECOMMENDERS)
        assert roles[DecisionRole.INFLUENCER] >= 1


def test_every_contact_reports_to_someone_at_the_same_account(tiny_demo: str) -> None:
    contacts = {c.pk: c for c in Contact.objects.all()}
    with_manager = [c for c in contacts.values() if c.reports_to_id]
    assert len(with_manager) > len(contacts) / 2
    for contact in with_manager:
        assert contacts[contact.reports_to_id].account_id == contact.account_id


def test_org_charts_are_two_or_three_levels_deep(tiny_demo: str) -> None:
    managers = dict(Contact.objects.values_list("id", "reports_to_id"))
    depth_by_account: dict[int, int] = {}
    for contact_id, account_id in Contact.objects.values_list("id", "account_id"):
        depth, current = 1, managers[contact_id]
        while current is not None:
            depth, current = depth + 1, managers[current]
        depth_by_account[account_id] = max(depth_by_account.get(account_id, 0), depth)
    assert set(depth_by_account.values()) <= {2, 3}
    assert 3 in depth_by_account.values()


def test_most_key_accounts_have_an_ally(tiny_demo: str) -> None:
    key_accounts = Account.objects.exclude(key_account_type=KeyAccountType.NONE)
    with_ally = key_accounts.filter(contacts__is_ally=True).distinct()
    assert with_ally.count() > key_accounts.count() / 2


def test_contacts_carry_a_stakeholder_sheet_in_chinese(tiny_demo: str) -> None:
    decision_maker = Contact.objects.filter(decision_role=DecisionRole.DECISION_MAKER).first()
    assert decision_maker is not None
    for text in (
        decision_maker.view_of_need,
        decision_maker.view_of_us,
        decision_maker.buying_criteria,
        decision_maker.our_strategy,
    ):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert decision_maker.attitude and decision_maker.social_style


def test_the_organisation_has_a_director_managers_and_reps(tiny_demo: str) -> None:
    director = User.objects.get(username="director")
    managers = User.objects.filter(role=Role.MANAGER)
    reps = User.objects.filter(role=Role.REP)
    assert director.role == Role.DIRECTOR
    assert managers.count() >= 2
    assert all(m.supervisor == director and m.team_id for m in managers)
    assert all(
        r.supervisor.role == Role.MANAGER and r.team_id == r.supervisor.team_id for r in reps
    )
    assert not User.objects.filter(social_style="").exists()


def test_owners_are_spread_over_the_reps(tiny_demo: str) -> None:
    owned = Counter(Account.objects.values_list("owner__username", flat=True))
    reps = User.objects.filter(role=Role.REP).values_list("username", flat=True)
    assert set(owned) == set(reps)
    assert max(owned.values()) - min(owned.values()) <= 1


def test_some_account_teams_include_a_rep_besides_the_owner(tiny_demo: str) -> None:
    teammates = AccountTeamMember.objects.filter(user__role=Role.REP).exclude(
        user=F("account__owner")
    )
    assert teammates.exists()


def test_every_demo_user_signs_in_with_the_demo_password(tiny_demo: str) -> None:
    for username in ("director", "manager1", "rep1"):
        assert authenticate(username=username, password="salesflow") is not None


def test_a_manager_sees_more_than_any_one_of_their_reps(tiny_demo: str) -> None:
    manager = User.objects.get(username="manager1")
    reps = User.objects.filter(supervisor=manager)
    manager_sees = account_list_visible(manager).count()
    assert reps.count() >= 2
    assert all(manager_sees > account_list_visible(rep).count() for rep in reps)


def test_a_rep_does_not_see_another_teams_accounts(tiny_demo: str) -> None:
    rep = User.objects.get(username="rep1")
    other = User.objects.filter(role=Role.REP).exclude(team=rep.team).first()
    assert other is not None and Account.objects.filter(owner=other).exists()
    visible = account_list_visible(rep)
    assert not visible.filter(owner=other).exists()
    assert not visible.exclude(owner__team=rep.team).exists()


def test_it_prints_a_line_per_phase(tiny_demo: str) -> None:
    for phase in (
        "organisation",
        "accounts",
        "account teams",
        "contacts",
        "products",
        "opportunities",
        "activities",
    ):
        assert f"  {phase} " in tiny_demo
    assert "team load" not in tiny_demo
    assert "Done:" in tiny_demo


def test_if_empty_leaves_a_database_with_accounts_alone(
    tiny_demo: str, run_demo: Callable[..., str]
) -> None:
    def counts() -> tuple[int, ...]:
        return tuple(
            model.objects.count() for model in (Account, Contact, User, Opportunity, Activity)
        )

    before = counts()
    printed = run_demo("--scale", "0.1", "--if-empty")
    assert "already has data" in printed
    assert counts() == before


def test_without_if_empty_it_refuses_a_database_with_accounts(
    tiny_demo: str, run_demo: Callable[..., str]
) -> None:
    before = Account.objects.count()
    with pytest.raises(CommandError, match="already has accounts"):
        run_demo("--scale", "0.1")
    assert Account.objects.count() == before


def test_it_refuses_when_a_demo_username_is_taken(
    make_user: Callable[..., User], run_demo: Callable[..., str]
) -> None:
    make_user(Role.REP, username="rep3")
    with pytest.raises(CommandError, match="rep3"):
        run_demo("--scale", "0.1")
    assert not Account.objects.exists()


@pytest.mark.parametrize("scale", ["0", "-1", "many"])
def test_it_rejects_a_scale_that_is_not_a_positive_number(
    scale: str, run_demo: Callable[..., str]
) -> None:
    with pytest.raises(CommandError, match="scale"):
        run_demo("--scale", scale)
