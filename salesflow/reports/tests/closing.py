"""Fixtures for the analytics, scorecard and dashboard tests: deals closed as lost or abandoned
through the real service and backdated, moments in local time, and daily reports as submitted.

Each test folder's conftest re-exports these fixtures.
"""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import pytest
from django.utils import timezone

from salesflow.activities.models import Activity, DailyReport, ReportStatus
from salesflow.activities.services.activities import activity_log
from salesflow.pipeline.models import Opportunity, Status
from salesflow.pipeline.services import opportunity_close
from salesflow.users.models import User


def local(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A moment on `day` in settings.TIME_ZONE (Asia/Shanghai)."""
    return timezone.make_aware(
        datetime.combine(day, time(hour, minute)), timezone.get_default_timezone()
    )


@pytest.fixture
def lose() -> Callable[..., Opportunity]:
    """lose(deal, reason="Price too high", won_by="", at=None, result=Status.LOST)."""

    def do(
        deal: Opportunity,
        *,
        reason: str = "Price too high",
        won_by: str = "",
        at: datetime | None = None,
        result: str = Status.LOST,
    ) -> Opportunity:
        deal = opportunity_close(
            opportunity=deal, acting_user=deal.owner, result=result, reason=reason, won_by=won_by
        )
        if at is not None:
            Opportunity.objects.filter(pk=deal.pk).update(closed_at=at)
            deal.refresh_from_db()
        return deal

    return do


@pytest.fixture
def report_day(db: Any) -> Callable[..., DailyReport]:
    """report_day(owner, day, on_time=True): a daily report as it stands once submitted. Saved
    directly: the service stamps "now", and these reports belong to past days."""

    def make(owner: User, day: date, *, on_time: bool = True) -> DailyReport:
        return DailyReport.objects.create(
            owner=owner,
            date=day,
            status=ReportStatus.SUBMITTED,
            submitted_at=local(day, 18 if on_time else 23),
            on_time=on_time,
        )

    return make


@pytest.fixture
def activity_at(db: Any) -> Callable[..., Activity]:
    """activity_at(owner, account, when, kind="call", minutes=30): logged through the service."""

    def make(
        owner: User, account: Any, when: datetime, *, kind: str = "call", minutes: int = 30
    ) -> Activity:
        return activity_log(
            acting_user=owner,
            kind=kind,
            account=account,
            occurred_at=when,
            duration_minutes=minutes,
        )

    return make
