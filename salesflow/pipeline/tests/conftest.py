"""Fixtures for opportunity tests: the shipped processes, opportunities built through the real
services, and helpers that tick milestones, answer the five qualification questions and walk a deal
down its process.

Everything here goes through the service functions, so a test's data looks exactly like data a
user made (StageChange rows, milestone checks, history).

    def test_something(org, eight_step, make_opportunity, tick_all_milestones):
        deal = make_opportunity(org["rep1"], stage=3)   # at stage 3 of the eight-step process
        tick_all_milestones(deal)                       # stage 3's milestones checked by the owner
        ...

Defaults of `make_opportunity`: a new account owned by the owner, amount ¥100,000, no cost,
expected close date DEFAULT_CLOSE_DATE, the default (eight-step) process. Pass any field of
`opportunity_create` to change them.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps

from salesflow.accounts.models import Account
from salesflow.pipeline.models import (
    QUALIFICATION_FIELDS,
    Answer,
    MilestoneCheck,
    Opportunity,
    SalesProcess,
    Stage,
)
from salesflow.pipeline.selectors import milestones_of
from salesflow.pipeline.services import (
    milestone_set,
    opportunity_advance,
    opportunity_create,
    qualification_set,
)
from salesflow.users.models import User

DEFAULT_CLOSE_DATE = date(2030, 6, 28)
DEFAULT_AMOUNT = Decimal("100000")

_shipped = import_module("salesflow.pipeline.migrations.0003_shipped_processes")


@pytest.fixture
def shipped_processes(db: Any) -> dict[str, SalesProcess]:
    """The three processes of migration 0003 by key: eight_step, ten_step, prospecting.

    A transactional test (browser tests) empties the database afterwards, data migrations
    included, so the processes are created again here when they are missing."""
    _shipped.create_processes(django_apps, None)
    return {p.key: p for p in SalesProcess.objects.filter(key__in=_shipped_keys())}


def _shipped_keys() -> list[str]:
    return [process[0] for process in _shipped.PROCESSES]


@pytest.fixture
def eight_step(shipped_processes: dict[str, SalesProcess]) -> SalesProcess:
    """The default process: the eight-step advancement process of domain.md §1."""
    return shipped_processes["eight_step"]


@pytest.fixture
def ten_step(shipped_processes: dict[str, SalesProcess]) -> SalesProcess:
    return shipped_processes["ten_step"]


@pytest.fixture
def prospecting(shipped_processes: dict[str, SalesProcess]) -> SalesProcess:
    return shipped_processes["prospecting"]


@pytest.fixture
def stage_of() -> Callable[[SalesProcess, int], Stage]:
    """stage_of(process, number) -> that Stage."""

    def get(process: SalesProcess, number: int) -> Stage:
        return Stage.objects.get(process=process, number=number)

    return get


@pytest.fixture
def tick_all_milestones() -> Callable[..., list[MilestoneCheck]]:
    """tick_all_milestones(opportunity, user=None, evidence="") checks every milestone of the
    opportunity's current stage (as its owner unless `user` is given) and returns the checks.
    The opportunity object is refreshed (its version goes up)."""

    def tick(
        opportunity: Opportunity, user: User | None = None, evidence: str = ""
    ) -> list[MilestoneCheck]:
        checks = [
            milestone_set(
                opportunity=opportunity,
                milestone=milestone,
                done=True,
                acting_user=user or opportunity.owner,
                evidence=evidence,
            )
            for milestone in milestones_of(opportunity.stage)
        ]
        opportunity.refresh_from_db()
        return checks

    return tick


@pytest.fixture
def answer_all_qualification() -> Callable[..., Opportunity]:
    """answer_all_qualification(opportunity, answer="yes", user=None) answers the five
    qualification questions of §5 with `answer` and returns the refreshed opportunity."""

    def answer_all(
        opportunity: Opportunity, answer: str = Answer.YES, user: User | None = None
    ) -> Opportunity:
        qualification_set(
            opportunity=opportunity,
            acting_user=user or opportunity.owner,
            **dict.fromkeys(QUALIFICATION_FIELDS, answer),
        )
        opportunity.refresh_from_db()
        return opportunity

    return answer_all


@pytest.fixture
def walk_to_stage(
    tick_all_milestones: Callable[..., list[MilestoneCheck]],
    answer_all_qualification: Callable[..., Opportunity],
) -> Callable[..., Opportunity]:
    """walk_to_stage(opportunity, number, user=None) advances the opportunity through the real
    gates to stage `number`: it ticks each stage's milestones and, when a stage needs it, answers
    every qualification question "yes" first. Returns the refreshed opportunity."""

    def walk(opportunity: Opportunity, number: int, user: User | None = None) -> Opportunity:
        actor = user or opportunity.owner
        while opportunity.stage.number < number:
            nxt = Stage.objects.filter(
                process_id=opportunity.process_id, number__gt=opportunity.stage.number
            ).order_by("number")[0]
            needs_answers = nxt.requires_full_qualification or nxt.min_qualification_score
            if needs_answers and opportunity.qualification_answered < len(QUALIFICATION_FIELDS):
                answer_all_qualification(opportunity, user=actor)
            tick_all_milestones(opportunity, user=actor)
            opportunity_advance(opportunity=opportunity, acting_user=actor)
            opportunity.refresh_from_db()
        return opportunity

    return walk


@pytest.fixture
def make_opportunity(
    make_account: Callable[..., Account],
    shipped_processes: dict[str, SalesProcess],
    walk_to_stage: Callable[..., Opportunity],
) -> Callable[..., Opportunity]:
    """make_opportunity(owner, *, account=None, stage=1, acting_user=None, **fields).

    Creates the opportunity through `opportunity_create` (acting as `acting_user`, default the
    owner) on `account` (default: a new account of the owner), then, when `stage` > 1, walks it
    there through the real gates. `process=` picks another process; other keyword arguments are
    opportunity fields (name, amount, cost, expected_close_date, ...).

    People usually come from the `org` fixture: make_opportunity(org["rep1"], stage=2)."""
    counter = {"n": 0}

    def make(
        owner: User,
        *,
        account: Account | None = None,
        stage: int = 1,
        acting_user: User | None = None,
        **fields: Any,
    ) -> Opportunity:
        counter["n"] += 1
        fields.setdefault("name", f"Opportunity {counter['n']}")
        fields.setdefault("amount", DEFAULT_AMOUNT)
        fields.setdefault("expected_close_date", DEFAULT_CLOSE_DATE)
        opportunity = opportunity_create(
            acting_user=acting_user or owner,
            account=account or make_account(owner),
            owner=owner,
            **fields,
        )
        if stage > 1:
            walk_to_stage(opportunity, stage)
        return opportunity

    return make
