"""A demo deal's history, computed without a database: many seeds and every ending, each one
told as the services would have recorded it."""

from datetime import date, datetime, time
from functools import cache

import pytest
from django.utils import timezone

from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.histories import Fate, History, history
from salesflow.core.demo.processes import MilestoneInfo, ProcessInfo, StageInfo
from salesflow.pipeline.models import StageChange, Status

TODAY = date(2030, 6, 15)
Kind = StageChange.Kind


def stage(number: int, funnel_state: str, milestones: int) -> StageInfo:
    return StageInfo(
        pk=100 + number,
        number=number * 10,  # numbers need not run 1, 2, 3…
        name_en=f"Stage {number}",
        name_zh=f"阶段{number}",
        funnel_state=funnel_state,
        buying_stage="",
        probability=number * 10,
        requires_full_qualification=False,
        min_qualification_score=None,
        milestones=tuple(
            MilestoneInfo(pk=number * 100 + m, text_en=f"M{number}.{m}", text_zh=f"里程碑{m}")
            for m in range(milestones)
        ),
    )


PROCESS = ProcessInfo(
    pk=1,
    key="test",
    is_default=True,
    stages=(
        stage(1, "search", 2),
        stage(2, "search", 1),
        stage(3, "in_funnel", 0),
        stage(4, "in_funnel", 2),
        stage(5, "best", 3),
        stage(6, "best", 1),
    ),
)
FATES = (
    [Fate(PROCESS, Status.OPEN, step) for step in range(6)]
    + [
        Fate(PROCESS, status, step)
        for status in (Status.LOST, Status.ABANDONED)
        for step in range(6)
    ]
    + [Fate(PROCESS, Status.WON, 5)]
)


@cache
def many() -> list[tuple[Fate, History]]:
    """Sixty histories for every ending, from one seeded source."""
    randomness = DemoRandom(11)
    return [
        (fate, history(fate, randomness=randomness, today=TODAY))
        for _round in range(60)
        for fate in FATES
    ]


def test_the_same_seed_tells_the_same_story() -> None:
    fate = Fate(PROCESS, Status.LOST, 4)
    assert history(fate, randomness=DemoRandom(3), today=TODAY) == history(
        fate, randomness=DemoRandom(3), today=TODAY
    )


def test_a_deal_opens_at_the_first_stage_and_ends_at_its_own() -> None:
    for fate, told in many():
        assert told.moves[0].kind == Kind.OPENED and told.moves[0].to_step == 0
        assert told.moves[-1].to_step == fate.step


def test_moves_go_one_stage_forward_or_back_with_a_reason() -> None:
    for _fate, told in many():
        for before, move in zip(told.moves, told.moves[1:], strict=False):
            assert move.from_step == before.to_step
            if move.kind == Kind.MOVED_BACK:
                assert move.to_step < move.from_step and move.reason
            else:
                assert move.to_step == move.from_step + 1
                assert (move.kind == Kind.SKIPPED_GATE) == move.by_manager
                assert bool(move.reason) == move.by_manager


def test_every_kind_of_move_happens() -> None:
    kinds = {move.kind for _fate, told in many() for move in told.moves}
    assert kinds == {Kind.OPENED, Kind.ADVANCED, Kind.MOVED_BACK, Kind.SKIPPED_GATE}


def test_time_runs_forward_and_stops_before_today() -> None:
    midnight = timezone.make_aware(datetime.combine(TODAY, time(0, 0)))
    for _fate, told in many():
        moments = [m.at for m in told.moves] + ([told.closed_at] if told.closed_at else [])
        assert moments == sorted(moments) and len(set(moments)) == len(moments)
        assert told.last_event < midnight
        assert (midnight - told.opened_at).days <= 541


def test_only_deals_that_ended_have_a_close() -> None:
    for fate, told in many():
        assert (told.closed_at is None) == (fate.status == Status.OPEN)


def test_a_gate_is_passed_only_after_its_milestones_are_checked() -> None:
    for _fate, told in many():
        checked = {c.milestone.pk: c.at for c in told.checks}
        for move in told.moves:
            if move.kind != Kind.ADVANCED:
                continue
            for milestone in PROCESS.stages[move.from_step].milestones:
                assert checked[milestone.pk] < move.at


def test_a_skipped_gate_was_really_closed() -> None:
    for _fate, told in many():
        checked = {c.milestone.pk for c in told.checks}
        for move in told.moves:
            if move.kind == Kind.SKIPPED_GATE:
                gate = {m.pk for m in PROCESS.stages[move.from_step].milestones}
                assert gate and not gate <= checked


@pytest.mark.parametrize("status", [Status.OPEN, Status.LOST, Status.ABANDONED])
def test_the_current_stage_is_sometimes_partly_checked(status: str) -> None:
    partly = 0
    for fate, told in many():
        if fate.status != status or fate.step != 4:
            continue
        wanted = {m.pk for m in PROCESS.stages[4].milestones}
        have = {c.milestone.pk for c in told.checks} & wanted
        partly += 0 < len(have) < len(wanted)
    assert partly > 0


def test_a_won_deal_has_the_last_stage_checked_before_it_closed() -> None:
    for fate, told in many():
        if fate.status != Status.WON:
            continue
        last = {m.pk for m in PROCESS.stages[-1].milestones}
        assert told.closed_at is not None
        assert last <= {c.milestone.pk for c in told.checks if c.at < told.closed_at}


def test_checks_record_the_stage_number_not_its_position() -> None:
    for _fate, told in many():
        for check in told.checks:
            assert check.stage_number == check.milestone.pk // 100 * 10


def test_without_a_manager_no_gate_is_skipped() -> None:
    randomness = DemoRandom(5)
    for _round in range(200):
        fate = Fate(PROCESS, Status.OPEN, 5)
        told = history(fate, randomness=randomness, today=TODAY, may_skip=False)
        assert all(move.kind != Kind.SKIPPED_GATE for move in told.moves)
