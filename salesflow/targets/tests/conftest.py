"""Fixtures for the target tests: targets set through the real services, won deals and payments.

    company = set_target("company", "2026", 1_000_000)            # by the director
    east = set_target(org["region"], "2026", 600_000, parent=company)
    deal = won(org["rep1"], 50_000, cost=30_000, at=shanghai(2026, 3, 31, 23, 30))
    pay(deal, 20_000, on=date(2026, 4, 2))

`won` creates the deal with opportunity_create and then marks it won at `at`: the actuals read
only status, closed_at, amount, cost, owner, account and product lines, and walking every deal
through the eight gates would only slow the arithmetic tests down; `win_through_gates` does
that for the browser test.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps

from salesflow.accounts.models import Account
from salesflow.org.models import Dealer, Region, Team
from salesflow.pipeline.models import ForecastCategory, Opportunity, SalesProcess, Status
from salesflow.pipeline.services import line_add, opportunity_create
from salesflow.playbook.models import Product
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Payment, Target
from salesflow.targets.services import payment_record, target_create
from salesflow.users.models import User

SHANGHAI = ZoneInfo("Asia/Shanghai")

_shipped = import_module("salesflow.pipeline.migrations.0003_shipped_processes")


def shanghai(*parts: int) -> datetime:
    """A moment on the Shanghai clock: shanghai(2026, 3, 31, 23, 30)."""
    return datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


def as_holder(who: Any) -> Holder:
    if who == "company":
        return Holder.company()
    kind = {
        Region: HolderKind.REGION,
        Team: HolderKind.TEAM,
        User: HolderKind.REP,
        Dealer: HolderKind.DEALER,
    }[type(who)]
    return Holder(kind, who)


@pytest.fixture
def eight_step(db: Any) -> SalesProcess:
    _shipped.create_processes(django_apps, None)
    return SalesProcess.objects.get(key="eight_step")


@pytest.fixture
def set_target(org: dict[str, Any]) -> Callable[..., Target]:
    """set_target(holder, period, amount, *, metric="revenue", parent=None, product=None,
    by=director). `holder` is "company", a Region, Team, User or Dealer."""

    def make(
        holder: Any,
        period: str,
        amount: Any,
        *,
        metric: str = "revenue",
        parent: Target | None = None,
        product: Product | None = None,
        by: User | None = None,
    ) -> Target:
        return target_create(
            acting_user=by or org["director"],
            metric=metric,
            period=period,
            holder=as_holder(holder),
            amount=Decimal(amount),
            product=product,
            parent=parent,
        )

    return make


@pytest.fixture
def won(
    eight_step: SalesProcess, make_account: Callable[..., Account]
) -> Callable[..., Opportunity]:
    """won(owner, amount, *, cost=None, at=shanghai(2026, 3, 10, 10), account=None,
    lines=[(product, quantity, unit_price)])."""

    def make(
        owner: User,
        amount: Any,
        *,
        cost: Any = None,
        at: datetime | None = None,
        account: Account | None = None,
        lines: list[tuple[Product, Any, Any]] = (),  # type: ignore[assignment]
    ) -> Opportunity:
        deal = opportunity_create(
            acting_user=owner,
            account=account or make_account(owner),
            owner=owner,
            name=f"Deal for {amount}",
            amount=Decimal(amount),
            cost=None if cost is None else Decimal(cost),
            expected_close_date=date(2026, 6, 30),
        )
        for product, quantity, unit_price in lines:
            line_add(
                opportunity=deal,
                acting_user=owner,
                product=product,
                quantity=Decimal(quantity),
                unit_price=Decimal(unit_price),
            )
        Opportunity.objects.filter(pk=deal.pk).update(
            status=Status.WON,
            closed_at=at or shanghai(2026, 3, 10, 10),
            forecast_category=ForecastCategory.CLOSED,
        )
        deal.refresh_from_db()
        return deal

    return make


@pytest.fixture
def pay() -> Callable[..., Payment]:
    def make(deal: Opportunity, amount: Any, *, on: date) -> Payment:
        return payment_record(
            opportunity=deal, acting_user=deal.owner, amount=Decimal(amount), received_on=on
        )

    return make


@pytest.fixture
def product(db: Any) -> Product:
    return Product.objects.create(name="Pump")


@pytest.fixture
def win_through_gates(eight_step: SalesProcess) -> Callable[[Opportunity], Opportunity]:
    """win_through_gates(deal): tick every milestone, answer the five questions, advance stage
    by stage through the real gates and close as won (closed_at is now)."""
    from salesflow.pipeline.models import QUALIFICATION_FIELDS, Answer, Stage
    from salesflow.pipeline.selectors import milestones_of, stage_next
    from salesflow.pipeline.services import (
        milestone_set,
        opportunity_advance,
        opportunity_close,
        qualification_set,
    )

    def tick(deal: Opportunity) -> None:
        for milestone in milestones_of(deal.stage):
            milestone_set(opportunity=deal, milestone=milestone, done=True, acting_user=deal.owner)
        deal.refresh_from_db()

    def win(deal: Opportunity) -> Opportunity:
        qualification_set(
            opportunity=deal,
            acting_user=deal.owner,
            **dict.fromkeys(QUALIFICATION_FIELDS, Answer.YES),
        )
        deal.refresh_from_db()
        last = Stage.objects.filter(process_id=deal.process_id).order_by("-number")[0]
        while deal.stage_id != last.pk:
            assert stage_next(deal.stage) is not None
            tick(deal)
            deal = opportunity_advance(opportunity=deal, acting_user=deal.owner)
        tick(deal)
        return opportunity_close(opportunity=deal, acting_user=deal.owner, result=Status.WON)

    return win
