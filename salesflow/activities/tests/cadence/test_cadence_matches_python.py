"""The database's due dates agree with add_months on the local day of the last touch, on every
day around month ends and a leap day, and for touches just either side of local midnight."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from salesflow.activities.models import Activity, CadenceRule
from salesflow.activities.months import add_months
from salesflow.activities.selectors.cadence import cadence_due

pytestmark = pytest.mark.django_db

CREATED = date(2020, 1, 1)

LAST_CALLS = [
    date(2024, 1, 28),
    date(2024, 1, 29),
    date(2024, 1, 30),
    date(2024, 1, 31),
    date(2024, 2, 29),
    date(2024, 3, 31),
    date(2024, 8, 31),
    date(2024, 12, 31),
]


def expected(on, accounts):
    rules = {r.tier: r.call_every_months for r in CadenceRule.objects.all()}
    rows = set()
    for account, last in accounts:
        since = last if last <= on else CREATED  # a later touch has not happened yet on `on`
        due = add_months(since, rules[account.tier])
        if due <= on:
            rows.add((account.pk, due, (on - due).days))
    return rows


def test_every_day_from_february_to_april_matches_python(org, account_since, touch):
    accounts = []
    for tier in ("A", "B"):
        for last in LAST_CALLS:
            account = account_since(org["rep1"], tier, CREATED)
            touch(account, "call", last)
            touch(account, "visit", date(2025, 12, 31))
            accounts.append((account, last))

    for offset in range(100):
        on = date(2024, 2, 20) + timedelta(days=offset)
        found = {
            (t.account.pk, t.due_date, t.overdue_days)
            for t in cadence_due(org["rep1"], on=on)
            if t.kind == "call"
        }
        assert found == expected(on, accounts), on


def test_a_touch_counts_on_its_local_day_not_its_utc_day(org, account_since):
    late_evening = account_since(org["rep1"], "A", date(2020, 1, 1), name="Late evening")
    just_after_midnight = account_since(org["rep1"], "A", date(2020, 1, 1), name="After midnight")
    for account, day, hour in (
        (late_evening, date(2025, 1, 31), 23),
        (just_after_midnight, date(2025, 2, 1), 0),
    ):
        moment = timezone.make_aware(datetime.combine(day, time(hour, 30)))
        Activity.objects.create(owner=org["rep1"], account=account, kind="call", occurred_at=moment)
        Activity.objects.create(
            owner=org["rep1"], account=account, kind="visit", occurred_at=moment
        )

    due = {t.account.name: t.due_date for t in cadence_due(org["rep1"], on=date(2025, 2, 28))}

    assert due == {"Late evening": date(2025, 2, 28)}
