"""Cadence fixtures: accounts created on a given day, calls and visits that took place on one."""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import pytest
from django.utils import timezone

from salesflow.accounts.models import Account
from salesflow.activities.models import Activity
from salesflow.users.models import User


def local_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def account_since(make_account: Callable[..., Account]) -> Callable[..., Account]:
    """An account of `tier` whose record was created on `created` (the first touch's base)."""

    def make(owner: User, tier: str, created: date, **fields: Any) -> Account:
        account = make_account(owner, tier=tier, **fields)
        Account.objects.filter(pk=account.pk).update(created_at=local_noon(created))
        account.refresh_from_db()
        return account

    return make


@pytest.fixture
def touch(db: Any) -> Callable[..., Activity]:
    """A call or visit that took place on `day` (at noon, local time)."""

    def make(account: Account, kind: str, day: date, **fields: Any) -> Activity:
        fields.setdefault("owner", account.owner)
        return Activity.objects.create(
            account=account, kind=kind, occurred_at=local_noon(day), **fields
        )

    return make


@pytest.fixture
def today(monkeypatch: Any) -> date:
    """Pins "today" for the screens, so a touch can be due exactly today whatever the date."""
    day = date(2025, 6, 16)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return day
