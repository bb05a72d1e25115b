"""Fixtures for the report tests: the shipped processes and opportunities walked down the
eight-step process through the real services (milestones ticked, qualification answered), so the
stage history the reports read is the history a user would have made.

    deal = make_deal(org["rep1"], stage=3, amount=Decimal("50000"))
    win(deal)                    # walks to stage 8, ticks its milestones, closes as won
    log_activity(deal, minutes=90, expenses=Decimal("120"))
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from salesflow.accounts.models import Account
from salesflow.activities.models import Activity, ActivityKind
from salesflow.pipeline.models import (
    QUALIFICATION_FIELDS,
    Answer,
    Opportunity,
    SalesProcess,
    Stage,
    Status,
)
from salesflow.pipeline.selectors import milestones_of, stage_next
from salesflow.pipeline.services import (
    milestone_set,
    opportunity_advance,
    opportunity_close,
    opportunity_create,
    qualification_set,
)
from salesflow.users.models import User

CLOSE_DATE = date(2030, 6, 28)
AMOUNT = Decimal("100000")

_shipped = import_module("salesflow.pipeline.migrations.0003_shipped_processes")


@pytest.fixture
def eight_step(db: Any) -> SalesProcess:
    """The default process. A transactional test (the browser's) empties the database after
    itself, data migrations included, so the shipped processes are made again when missing."""
    _shipped.create_processes(django_apps, None)
    return SalesProcess.objects.get(key="eight_step")


@pytest.fixture
def ten_step(eight_step: SalesProcess) -> SalesProcess:
    return SalesProcess.objects.get(key="ten_step")


def _step_forward(deal: Opportunity, actor: User) -> Opportunity:
    """Meet the current stage's gate (milestones, the next stage's qualification rule), advance."""
    target = stage_next(deal.stage)
    assert target is not None
    if target.requires_full_qualification or target.min_qualification_score:
        qualification_set(
            opportunity=deal, acting_user=actor, **dict.fromkeys(QUALIFICATION_FIELDS, Answer.YES)
        )
    tick_stage(deal, actor)
    return opportunity_advance(opportunity=deal, acting_user=actor)


def tick_stage(deal: Opportunity, actor: User) -> None:
    for milestone in milestones_of(deal.stage):
        milestone_set(opportunity=deal, milestone=milestone, done=True, acting_user=actor)
    deal.refresh_from_db()


@pytest.fixture
def walk_to() -> Callable[..., Opportunity]:
    """walk_to(deal, number, user=None): advance through the real gates to stage `number`."""

    def walk(deal: Opportunity, number: int, user: User | None = None) -> Opportunity:
        while deal.stage.number < number:
            deal = _step_forward(deal, user or deal.owner)
        return deal

    return walk


@pytest.fixture
def make_deal(
    eight_step: SalesProcess,
    make_account: Callable[..., Account],
    walk_to: Callable[..., Opportunity],
) -> Callable[..., Opportunity]:
    """make_deal(owner, *, stage=1, account=None, **fields): created with opportunity_create on
    a new account of the owner (¥100,000, closing CLOSE_DATE, eight-step), walked to `stage`."""
    counter = {"n": 0}

    def make(
        owner: User, *, stage: int = 1, account: Account | None = None, **fields: Any
    ) -> Opportunity:
        counter["n"] += 1
        fields.setdefault("name", f"Deal {counter['n']}")
        fields.setdefault("amount", AMOUNT)
        fields.setdefault("expected_close_date", CLOSE_DATE)
        deal = opportunity_create(
            acting_user=owner, account=account or make_account(owner), owner=owner, **fields
        )
        return walk_to(deal, stage)

    return make


@pytest.fixture
def win(walk_to: Callable[..., Opportunity]) -> Callable[..., Opportunity]:
    """win(deal, at=None): walk to the last stage, meet it, close as won; `at` backdates the
    moment it was won (a service always stamps "now")."""

    def do(deal: Opportunity, at: datetime | None = None) -> Opportunity:
        last = Stage.objects.filter(process_id=deal.process_id).order_by("-number")[0]
        deal = walk_to(deal, last.number)
        tick_stage(deal, deal.owner)
        deal = opportunity_close(opportunity=deal, acting_user=deal.owner, result=Status.WON)
        if at is not None:
            Opportunity.objects.filter(pk=deal.pk).update(closed_at=at)
            deal.refresh_from_db()
        return deal

    return do


@pytest.fixture
def log_activity(db: Any) -> Callable[..., Activity]:
    """log_activity(deal, minutes=60, expenses=0, happened=True): an activity on the deal.
    Activities have no service yet (the daily-loop screens come later), so it is saved directly."""

    def log(
        deal: Opportunity,
        *,
        minutes: int = 60,
        expenses: Decimal = Decimal(0),
        happened: bool = True,
    ) -> Activity:
        return Activity.objects.create(
            owner=deal.owner,
            kind=ActivityKind.VISIT,
            account=deal.account,
            opportunity=deal,
            planned_at=timezone.now(),
            occurred_at=timezone.now() if happened else None,
            duration_minutes=minutes,
            expenses=expenses,
        )

    return log
