"""Calendar fixtures: visit plans with their visits, planned activities, a live feed address."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from salesflow.accounts.models import Account
from salesflow.activities.models import Activity, PlannedVisit, PlanStatus, VisitPlan
from salesflow.users.models import User
from salesflow.users.services import calendar_feed_token_create


def at(days: float, hour: int = 10) -> datetime:
    """A local time `days` from today, at `hour` o'clock."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=hour)))


@pytest.fixture
def plan_visit(db: Any) -> Callable[..., PlannedVisit]:
    """A visit in `owner`'s plan for its day, the plan in `status`."""

    def make(
        account: Account, when: datetime, *, status: str = PlanStatus.APPROVED, **fields: Any
    ) -> PlannedVisit:
        owner = fields.pop("owner", account.owner)
        plan, _created = VisitPlan.objects.get_or_create(
            owner=owner, date=timezone.localtime(when).date(), defaults={"status": status}
        )
        fields.setdefault("purpose", "service")
        return PlannedVisit.objects.create(plan=plan, account=account, planned_at=when, **fields)

    return make


@pytest.fixture
def plan_activity(db: Any) -> Callable[..., Activity]:
    """An activity of `kind` planned for `when` and not yet held."""

    def make(account: Account, kind: str, when: datetime, **fields: Any) -> Activity:
        fields.setdefault("owner", account.owner)
        return Activity.objects.create(account=account, kind=kind, planned_at=when, **fields)

    return make


@pytest.fixture
def feed_of() -> Callable[[User], str]:
    """The path of a new live feed address for `user`."""

    def make(user: User) -> str:
        _token, raw = calendar_feed_token_create(user=user)
        return f"/calendar/{raw}.ics"

    return make


@pytest.fixture
def anonymous() -> Client:
    return Client()
