"""A demo deal's life as the services would have recorded it: the stages it went through one at a
time (a few moved back, a few taken past an open gate by a manager), when each move happened, and
which milestones were checked and when. Pure computation; opportunities.py writes the rows.

Every event lies on a working day before today, at a working hour, so one seed gives the same
history all day and no row is dated in the future.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from salesflow.core.demo import deal_texts as texts
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.processes import MilestoneInfo, ProcessInfo
from salesflow.pipeline.models import FunnelState, StageChange, Status

MOVED_BACK_SHARE = 0.08
SKIPPED_GATE_SHARE = 0.05
OLDEST_DAYS = 540
# (shortest, longest) days a deal usually spends in a stage, by funnel state.
DWELL_DAYS = {
    FunnelState.SEARCH: (5, 35),
    FunnelState.IN_FUNNEL: (7, 40),
    FunnelState.BEST: (4, 28),
}
# Chance that a milestone of the stage the deal is in (or was closed in) is already checked.
CURRENT_DONE: dict[str, float] = {Status.OPEN: 0.45, Status.LOST: 0.35, Status.ABANDONED: 0.2}
# Chance that a milestone of a stage whose gate a manager skipped was checked anyway.
SKIPPED_DONE = 0.4
Kind = StageChange.Kind


@dataclass(frozen=True)
class Fate:
    """How a deal ends up: its process, its status and the position of its (last) stage."""

    process: ProcessInfo
    status: str
    step: int


@dataclass(frozen=True)
class Move:
    kind: str
    from_step: int | None
    to_step: int
    at: datetime
    by_manager: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Check:
    milestone: MilestoneInfo
    stage_number: int
    at: datetime


@dataclass(frozen=True)
class History:
    moves: tuple[Move, ...]  # opened first; the close of a closed deal is not a move
    checks: tuple[Check, ...]
    closed_at: datetime | None

    @property
    def opened_at(self) -> datetime:
        return self.moves[0].at

    @property
    def stage_entered_at(self) -> datetime:
        return self.moves[-1].at

    @property
    def last_event(self) -> datetime:
        times = [self.moves[-1].at, *(c.at for c in self.checks)]
        if self.closed_at is not None:
            times.append(self.closed_at)
        return max(times)


def stage_path(
    fate: Fate, randomness: DemoRandom, *, may_skip: bool = True
) -> tuple[list[int], int | None]:
    """The positions the deal stood at, in order, and the index in that list of a move a manager
    made past an open gate (None when there is none). A deal either moves straight down, or is
    moved back once and advances again, or has one gate skipped."""
    rng = randomness.rng
    final, last = fate.step, fate.process.last
    straight = list(range(final + 1))
    roll = rng.random()
    highest_peak = final if fate.status == Status.WON else min(final + 1, last)
    if roll < MOVED_BACK_SHARE and highest_peak >= 2:
        peak = rng.randint(2, highest_peak)
        back_to = rng.randint(max(0, peak - 2), min(peak - 1, final))
        return list(range(peak + 1)) + list(range(back_to, final + 1)), None
    if may_skip and roll < MOVED_BACK_SHARE + SKIPPED_GATE_SHARE:
        gated = [i for i in range(1, final + 1) if fate.process.stages[i - 1].milestones]
        if gated:
            return straight, rng.choice(gated)
    return straight, None


def _at_work(day: date, randomness: DemoRandom) -> datetime:
    rng = randomness.rng
    naive = datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59)))
    return timezone.make_aware(naive)


def _between(start: datetime, end: datetime, randomness: DemoRandom) -> datetime:
    """A whole minute strictly between start and end, at a working hour when the window allows."""
    rng = randomness.rng
    moment = start + (end - start) * rng.uniform(0.05, 0.95)
    local = timezone.localtime(moment).replace(second=0, microsecond=0)
    at_work = local.replace(hour=rng.randint(9, 17), minute=rng.randint(0, 59))
    for candidate in (at_work, local):
        if start < candidate < end:
            return candidate
    return moment


def _checked_times(
    start: datetime, end: datetime, count: int, randomness: DemoRandom
) -> list[datetime]:
    return sorted(_between(start, end, randomness) for _ in range(count))


def _move_days(
    fate: Fate, path: list[int], randomness: DemoRandom, today: date
) -> tuple[list[date], date | None]:
    """The day of each entry in `path` and the day a closed deal was closed, all before today."""
    rng = randomness.rng
    stages = fate.process.stages
    dwell = []
    for step in path[:-1]:
        low, high = DWELL_DAYS[FunnelState(stages[step].funnel_state)]
        dwell.append(max(1, round(randomness.log_uniform(low, high))))
    closed_day = None
    if fate.status == Status.OPEN:
        in_stage = rng.randint(1, 45) if randomness.chance(0.85) else rng.randint(46, 150)
        last_day = today - timedelta(days=in_stage)
    else:
        closed_day = today - timedelta(days=rng.randint(1, 88))
        last_day = closed_day - timedelta(days=rng.randint(2, 30))
    room = (last_day - (today - timedelta(days=OLDEST_DAYS))).days
    if sum(dwell) > room:
        total = sum(dwell)
        dwell = [max(1, d * room // total) for d in dwell]
    days = [last_day]
    for d in reversed(dwell):
        days.append(days[-1] - timedelta(days=d))
    return days[::-1], closed_day


def history(fate: Fate, *, randomness: DemoRandom, today: date, may_skip: bool = True) -> History:
    rng = randomness.rng
    stages = fate.process.stages
    path, skipped_at = stage_path(fate, randomness, may_skip=may_skip)
    days, closed_day = _move_days(fate, path, randomness, today)
    times = [_at_work(day, randomness) for day in days]
    closed_at = None if closed_day is None else _at_work(closed_day, randomness)

    moves = [Move(Kind.OPENED, None, path[0], times[0])]
    for i in range(1, len(path)):
        before, after = path[i - 1], path[i]
        if after < before:
            moves.append(
                Move(
                    Kind.MOVED_BACK,
                    before,
                    after,
                    times[i],
                    reason=rng.choice(texts.MOVE_BACK_REASONS),
                )
            )
        elif i == skipped_at:
            moves.append(
                Move(
                    Kind.SKIPPED_GATE,
                    before,
                    after,
                    times[i],
                    by_manager=True,
                    reason=rng.choice(texts.SKIP_GATE_REASONS),
                )
            )
        else:
            moves.append(Move(Kind.ADVANCED, before, after, times[i]))

    checks: list[Check] = []
    left_forward: set[int] = set()
    for i in range(len(path) - 1):
        step = path[i]
        if path[i + 1] < step or step in left_forward:
            continue
        left_forward.add(step)
        milestones = list(stages[step].milestones)
        if i + 1 == skipped_at:
            done = [m for m in milestones if randomness.chance(SKIPPED_DONE)]
            milestones = done[:-1] if len(done) == len(milestones) else done
        checks += _checks(milestones, stages[step].number, times[i], times[i + 1], randomness)
    final = path[-1]
    if final not in left_forward:
        end = closed_at or timezone.make_aware(datetime.combine(today, time(0, 0)))
        milestones = list(stages[final].milestones)
        if fate.status != Status.WON:
            share = CURRENT_DONE[fate.status]
            milestones = [m for m in milestones if randomness.chance(share)]
        checks += _checks(milestones, stages[final].number, times[-1], end, randomness)
    return History(moves=tuple(moves), checks=tuple(checks), closed_at=closed_at)


def _checks(
    milestones: list[MilestoneInfo],
    stage_number: int,
    start: datetime,
    end: datetime,
    randomness: DemoRandom,
) -> list[Check]:
    moments = _checked_times(start, end, len(milestones), randomness)
    return [Check(m, stage_number, at) for m, at in zip(milestones, moments, strict=True)]
