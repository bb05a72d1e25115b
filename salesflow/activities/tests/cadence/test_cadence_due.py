"""When a call or visit is due (§8): tier rules, the boundaries, the first touch, month ends."""

from datetime import date, timedelta

import pytest

from salesflow.accounts.models import AccountStatus
from salesflow.activities.models import Activity, ActivityKind, CadenceRule
from salesflow.activities.months import add_months
from salesflow.activities.selectors.cadence import cadence_due
from salesflow.activities.tests.cadence.conftest import local_noon

pytestmark = pytest.mark.django_db

ON = date(2025, 6, 16)
LONG_AGO = date(2020, 1, 1)
OTHER = {ActivityKind.CALL: ActivityKind.VISIT, ActivityKind.VISIT: ActivityKind.CALL}
RULES = [
    ("A", ActivityKind.CALL, 1),
    ("A", ActivityKind.VISIT, 3),
    ("B", ActivityKind.CALL, 3),
    ("B", ActivityKind.VISIT, 6),
    ("C", ActivityKind.CALL, 6),
    ("C", ActivityKind.VISIT, 12),
]


def due_rows(user, on=ON, **kwargs):
    return [
        (t.account.pk, t.kind, t.due_date, t.overdue_days)
        for t in cadence_due(user, on=on, **kwargs)
    ]


def account_touched(account_since, touch, owner, tier, kind, last):
    """An old account whose last `kind` was on `last` and whose other kind was done on ON."""
    account = account_since(owner, tier, LONG_AGO)
    touch(account, kind, last)
    touch(account, OTHER[kind], ON)
    return account


@pytest.mark.parametrize(("tier", "kind", "months"), RULES)
def test_a_touch_due_exactly_today_is_listed_with_zero_overdue_days(
    tier, kind, months, org, account_since, touch
):
    account = account_touched(
        account_since, touch, org["rep1"], tier, kind, add_months(ON, -months)
    )

    assert due_rows(org["rep1"]) == [(account.pk, kind, ON, 0)]


@pytest.mark.parametrize(("tier", "kind", "months"), RULES)
def test_a_touch_one_day_past_its_cadence_is_one_day_overdue(
    tier, kind, months, org, account_since, touch
):
    last = add_months(ON, -months) - timedelta(days=1)
    account = account_touched(account_since, touch, org["rep1"], tier, kind, last)

    assert due_rows(org["rep1"]) == [(account.pk, kind, ON - timedelta(days=1), 1)]


@pytest.mark.parametrize(("tier", "kind", "months"), RULES)
def test_a_touch_not_yet_due_is_not_listed(tier, kind, months, org, account_since, touch):
    last = add_months(ON, -months) + timedelta(days=1)
    account_touched(account_since, touch, org["rep1"], tier, kind, last)

    assert due_rows(org["rep1"]) == []


@pytest.mark.parametrize("tier", ["A", "B", "C"])
def test_without_any_call_or_visit_both_are_due_from_the_accounts_creation(
    tier, org, account_since
):
    rule = CadenceRule.objects.get(tier=tier)
    created = add_months(ON, -rule.visit_every_months)
    account = account_since(org["rep1"], tier, created)
    call_due = add_months(created, rule.call_every_months)

    assert due_rows(org["rep1"]) == [
        (account.pk, "call", call_due, (ON - call_due).days),
        (account.pk, "visit", ON, 0),
    ]


def test_a_new_account_is_not_due_before_its_first_cadence_has_passed(org, account_since):
    account_since(org["rep1"], "A", ON - timedelta(days=20))

    assert due_rows(org["rep1"]) == []


def test_the_first_call_of_a_tier_a_account_is_due_a_month_after_its_creation(org, account_since):
    account = account_since(org["rep1"], "A", date(2025, 5, 16))

    assert due_rows(org["rep1"]) == [(account.pk, "call", ON, 0)]


def test_a_call_on_the_31st_is_due_again_on_the_last_day_of_a_shorter_month(
    org, account_since, touch
):
    account = account_since(org["rep1"], "A", LONG_AGO)
    touch(account, "call", date(2024, 1, 31))
    touch(account, "visit", date(2024, 2, 1))

    assert due_rows(org["rep1"], on=date(2024, 2, 28)) == []
    assert due_rows(org["rep1"], on=date(2024, 2, 29)) == [
        (account.pk, "call", date(2024, 2, 29), 0)
    ]
    assert due_rows(org["rep1"], on=date(2024, 3, 1)) == [
        (account.pk, "call", date(2024, 2, 29), 1)
    ]


def test_calls_and_visits_are_due_independently(org, account_since, touch):
    account = account_since(org["rep1"], "A", LONG_AGO)
    touch(account, "call", ON - timedelta(days=3))
    touch(account, "visit", date(2025, 2, 10))

    assert due_rows(org["rep1"]) == [(account.pk, "visit", date(2025, 5, 10), 37)]


def test_the_latest_call_sets_the_next_due_date(org, account_since, touch):
    account = account_since(org["rep1"], "B", LONG_AGO)
    touch(account, "visit", ON)
    touch(account, "call", date(2024, 1, 10))
    touch(account, "call", date(2025, 3, 1))
    touch(account, "call", date(2024, 9, 9))

    assert due_rows(org["rep1"]) == [(account.pk, "call", date(2025, 6, 1), 15)]


def test_meetings_planned_calls_and_later_calls_do_not_count_as_the_last_call(
    org, account_since, touch
):
    account = account_since(org["rep1"], "A", LONG_AGO)
    touch(account, "visit", ON)
    touch(account, "call", date(2025, 4, 1))
    touch(account, "meeting", ON)
    touch(account, "call", ON + timedelta(days=1))
    Activity.objects.create(
        owner=org["rep1"], account=account, kind="call", planned_at=local_noon(ON)
    )

    assert due_rows(org["rep1"]) == [(account.pk, "call", date(2025, 5, 1), 46)]


def test_a_call_made_on_the_day_itself_means_nothing_is_due(org, account_since, touch):
    account = account_since(org["rep1"], "A", LONG_AGO)
    touch(account, "call", ON)
    touch(account, "visit", ON)

    assert due_rows(org["rep1"]) == []


def test_closed_accounts_are_never_due(org, account_since):
    account_since(org["rep1"], "A", LONG_AGO, status=AccountStatus.CLOSED)
    dormant = account_since(org["rep1"], "A", LONG_AGO, status=AccountStatus.DORMANT)

    assert {row[0] for row in due_rows(org["rep1"])} == {dormant.pk}


def test_a_changed_rule_moves_the_due_date(org, account_since, touch):
    account = account_since(org["rep1"], "A", LONG_AGO)
    touch(account, "visit", ON)
    touch(account, "call", date(2025, 4, 16))
    CadenceRule.objects.filter(tier="A").update(call_every_months=2)

    assert due_rows(org["rep1"]) == [(account.pk, "call", ON, 0)]


def test_rows_come_most_overdue_first(org, account_since, touch):
    recent = account_since(org["rep1"], "A", LONG_AGO, name="Recent")
    touch(recent, "visit", ON)
    touch(recent, "call", date(2025, 5, 1))
    old = account_since(org["rep1"], "A", LONG_AGO, name="Old")
    touch(old, "visit", ON)
    touch(old, "call", date(2025, 1, 1))

    assert [row[0] for row in due_rows(org["rep1"])] == [old.pk, recent.pk]


def test_owner_narrows_the_rows_to_that_persons_accounts(org, account_since):
    mine = account_since(org["rep1"], "A", LONG_AGO)
    account_since(org["rep2"], "A", LONG_AGO)

    rows = due_rows(org["manager1"], owner=org["rep1"])

    assert {row[0] for row in rows} == {mine.pk}


def test_today_is_the_default_day(org, account_since):
    account = account_since(org["rep1"], "C", LONG_AGO)

    assert {(t.account, t.kind) for t in cadence_due(org["rep1"])} == {
        (account, "call"),
        (account, "visit"),
    }


def test_a_tier_whose_rule_was_deleted_keeps_the_default_cadence(org, account_since, touch):
    CadenceRule.objects.filter(tier="A").delete()
    account = account_since(org["rep1"], "A", LONG_AGO)
    touch(account, "visit", ON)
    touch(account, "call", date(2025, 5, 16))

    assert due_rows(org["rep1"]) == [(account.pk, "call", ON, 0)]
