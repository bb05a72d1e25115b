"""Fixtures for the weekly report, call arithmetic and Pareto tests: moments in Shanghai, logged
activities, won deals (with or without a cost) and payments, built through the real services;
only the moment a deal was won is backdated, as `win` does.

    at(2025, 3, 9, 23, 30)              # Sunday 23:30 in Shanghai (15:30 UTC)
    deal = won(org["rep1"], 20000, at(2025, 3, 5), cost=15000)
    log(org["rep1"], "call", deal.account, at(2025, 3, 4), connected=True)
    pay(deal, 5000, date(2025, 3, 6))
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from salesflow.accounts.models import Account
from salesflow.activities.models import Activity
from salesflow.activities.services.activities import activity_log
from salesflow.pipeline.models import Opportunity, Status
from salesflow.targets.models import Payment
from salesflow.targets.services import payment_record
from salesflow.users.models import User

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment on a Shanghai wall clock."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def log(db: Any) -> Callable[..., Activity]:
    """log(owner, kind, account, when, minutes=0, **outcome): an activity that took place."""

    def make(
        owner: User, kind: str, account: Account, when: datetime, *, minutes: int = 0, **fields: Any
    ) -> Activity:
        return activity_log(
            acting_user=owner,
            kind=kind,
            account=account,
            occurred_at=when,
            duration_minutes=minutes,
            **fields,
        )

    return make


@pytest.fixture
def won(make_deal: Callable[..., Opportunity]) -> Callable[..., Opportunity]:
    """won(owner, amount, when, cost=None, account=None): a deal won at `when`. Closing through
    all eight gates is what `win` tests; here only the result matters, so the deal is created
    by the service and its result set on the row."""

    def make(
        owner: User,
        amount: int | str,
        when: datetime,
        *,
        cost: int | str | None = None,
        account: Account | None = None,
    ) -> Opportunity:
        deal = make_deal(
            owner,
            account=account,
            amount=Decimal(amount),
            cost=None if cost is None else Decimal(cost),
        )
        Opportunity.objects.filter(pk=deal.pk).update(status=Status.WON, closed_at=when)
        deal.refresh_from_db()
        return deal

    return make


@pytest.fixture
def pay(db: Any) -> Callable[..., Payment]:
    def make(deal: Opportunity, amount: int | str, received_on: date) -> Payment:
        return payment_record(
            opportunity=deal,
            acting_user=deal.owner,
            amount=Decimal(amount),
            received_on=received_on,
        )

    return make
