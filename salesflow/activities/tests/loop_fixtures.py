"""Fixtures for the daily loop's tests (visit plans, daily reports, their API): a clock stopped at a
known moment in Shanghai, plans and reports built through the real services, visits logged as
activities, and deals won on a given day.

    def test_something(org, clock, today, make_plan):
        plan = make_plan(org["rep1"])              # tomorrow, two visits, a draft
        clock.set(at(today, "21:00"))              # move the clock
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from salesflow.accounts.models import Account
from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityPurpose,
    DailyReport,
    VisitPlan,
)
from salesflow.activities.services.activities import ObjectionMet, activity_log
from salesflow.activities.services.plans import (
    VisitIn,
    visit_plan_approve,
    visit_plan_create,
    visit_plan_submit,
)
from salesflow.activities.services.reports import daily_report_create
from salesflow.pipeline.models import Opportunity, Stage
from salesflow.pipeline.services import opportunity_close
from salesflow.pipeline.tests.conftest import (
    answer_all_qualification,
    make_opportunity,
    shipped_processes,
    tick_all_milestones,
    walk_to_stage,
)
from salesflow.playbook.models import Objection
from salesflow.users.models import User

# A Tuesday, mid-morning in Shanghai.
DEFAULT_NOW = datetime(2026, 3, 10, 10, 0, tzinfo=timezone.get_fixed_timezone(8 * 60))

_objections = import_module("salesflow.playbook.migrations.0003_shipped_objections")

__all__ = [
    "answer_all_qualification",
    "approved_plan",
    "at",
    "clock",
    "log_visit",
    "make_opportunity",
    "make_plan",
    "make_report",
    "objections",
    "shipped_processes",
    "submitted_plan",
    "tick_all_milestones",
    "today",
    "tomorrow",
    "walk_to_stage",
    "win_deal",
]


def at(day: date, hh_mm: str) -> datetime:
    """`day` at "HH:MM", Shanghai time."""
    hour, minute = (int(part) for part in hh_mm.split(":"))
    return timezone.make_aware(
        datetime.combine(day, time(hour, minute)), timezone.get_default_timezone()
    )


class Clock:
    def __init__(self, monkeypatch: Any) -> None:
        self.now = DEFAULT_NOW
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, moment: datetime) -> None:
        self.now = moment


@pytest.fixture
def clock(monkeypatch: Any) -> Clock:
    """timezone.now() stopped at DEFAULT_NOW until the test moves it with clock.set(...)."""
    return Clock(monkeypatch)


@pytest.fixture
def today(clock: Clock) -> date:
    return timezone.localdate()


@pytest.fixture
def tomorrow(today: date) -> date:
    return today + timedelta(days=1)


@pytest.fixture
def objections(db: Any) -> dict[int, Objection]:
    """The seven objections of §9 by number."""
    _objections.create_objections(django_apps, None)
    return {o.number: o for o in Objection.objects.all()}


@pytest.fixture
def make_plan(make_account: Callable[..., Account], tomorrow: date) -> Callable[..., VisitPlan]:
    """make_plan(owner, *, day=tomorrow, visits=None, area="North") -> a draft plan.

    `visits` is a list of (account, "HH:MM", purpose); left out: two visits to new accounts of
    the owner, at 09:30 (new customer) and 14:00 (collection)."""

    def make(
        owner: User,
        *,
        day: date | None = None,
        visits: list[tuple[Account, str, str]] | None = None,
        area: str = "North",
    ) -> VisitPlan:
        day = day or tomorrow
        if visits is None:
            visits = [
                (make_account(owner), "09:30", ActivityPurpose.NEW_CUSTOMER),
                (make_account(owner), "14:00", ActivityPurpose.COLLECTION),
            ]
        return visit_plan_create(
            acting_user=owner,
            date=day,
            area=area,
            visits=[VisitIn(account, at(day, when), purpose) for account, when, purpose in visits],
        )

    return make


@pytest.fixture
def submitted_plan(make_plan: Callable[..., VisitPlan]) -> Callable[..., VisitPlan]:
    def make(owner: User, **kwargs: Any) -> VisitPlan:
        plan = make_plan(owner, **kwargs)
        return visit_plan_submit(plan=plan, acting_user=owner)

    return make


@pytest.fixture
def approved_plan(submitted_plan: Callable[..., VisitPlan]) -> Callable[..., VisitPlan]:
    """approved_plan(owner, **make_plan kwargs) -> the plan, approved by the owner's supervisor."""

    def make(owner: User, **kwargs: Any) -> VisitPlan:
        plan = submitted_plan(owner, **kwargs)
        return visit_plan_approve(plan=plan, acting_user=owner.supervisor)

    return make


@pytest.fixture
def make_report(db: Any, today: date) -> Callable[..., DailyReport]:
    def make(owner: User, *, day: date | None = None, **fields: Any) -> DailyReport:
        return daily_report_create(acting_user=owner, date=day or today, **fields)

    return make


@pytest.fixture
def log_visit(db: Any) -> Callable[..., Activity]:
    """log_visit(owner, account, moment, **fields) -> a visit that happened at `moment`."""

    def log(owner: User, account: Account, moment: datetime, **fields: Any) -> Activity:
        fields.setdefault("kind", ActivityKind.VISIT)
        objections_met = [ObjectionMet(o, overcome) for o, overcome in fields.pop("met", [])]
        return activity_log(
            acting_user=owner,
            account=account,
            occurred_at=moment,
            objections=objections_met,
            **fields,
        )

    return log


@pytest.fixture
def win_deal(
    make_opportunity: Callable[..., Opportunity],
    tick_all_milestones: Callable[..., Any],
    shipped_processes: dict[str, Any],
    clock: Clock,
) -> Callable[..., Opportunity]:
    """win_deal(owner, amount, moment) -> an opportunity of the owner's won at `moment`."""

    def win(owner: User, amount: str, moment: datetime) -> Opportunity:
        process = shipped_processes["eight_step"]
        last = Stage.objects.filter(process=process).order_by("-number")[0]
        deal = make_opportunity(owner, amount=Decimal(amount), stage=last.number)
        tick_all_milestones(deal)
        before = clock.now
        clock.set(moment)
        won = opportunity_close(opportunity=deal, acting_user=owner, result="won")
        clock.set(before)
        return won

    return win
