"""Progress against targets: target, actual, achievement, the share of the period gone, the gap
and the result projected at the current run rate; and the three rhythms of §7 (reps daily,
managers weekly, directors monthly) as sets of holders and periods."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from salesflow.org.models import Region, Team
from salesflow.org.visibility import sees_everything, users_visible_to
from salesflow.targets.actuals import Actual, Slot, actuals_for, slot_of
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric, Target
from salesflow.targets.periods import Period, parse_period
from salesflow.targets.selectors import (
    HOLDER_RELATIONS,
    holder_lookup,
    target_list_visible,
    team_ids_of,
    with_allocation,
)
from salesflow.users.models import Role

ONE_PLACE = Decimal("0.1")


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Progress:
    metric: str
    holder: Holder
    period: Period
    target: Decimal | None  # None: no target set for this slot
    actual: Decimal | None  # None: not measured (dealers)
    elapsed_share: float  # 0 before the period, 1 after it
    uncosted: int = 0
    target_record: Target | None = None

    @property
    def metric_label(self) -> str:
        return str(Metric(self.metric).label)

    @property
    def achievement(self) -> Decimal | None:
        """actual / target, in per cent."""
        if self.target is None or self.actual is None or self.target <= 0:
            return None
        return _percent(self.actual, self.target)

    @property
    def elapsed(self) -> Decimal:
        """The share of the period gone, in per cent."""
        return (Decimal(self.elapsed_share) * 100).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)

    @property
    def gap(self) -> Decimal | None:
        if self.target is None or self.actual is None:
            return None
        return self.target - self.actual

    @property
    def projected(self) -> Decimal | None:
        """The result at the current run rate: actual / share of the period gone (0 before)."""
        if self.actual is None:
            return None
        if self.elapsed_share <= 0:
            return Decimal("0.00")
        return (self.actual / Decimal(self.elapsed_share)).quantize(Decimal("0.01"))

    @property
    def on_track(self) -> bool | None:
        projected = self.projected
        if self.target is None or projected is None or self.elapsed_share <= 0:
            return None
        return projected >= self.target

    @property
    def bar_width(self) -> Decimal:
        return min(self.achievement or Decimal(0), Decimal(100))


def progress_of(slot: Slot, actual: Actual, today: date, target: Target | None = None) -> Progress:
    return Progress(
        metric=slot.metric,
        holder=slot.holder,
        period=slot.period,
        target=None if target is None else target.amount,
        actual=actual.value,
        elapsed_share=slot.period.elapsed_share(today),
        uncosted=actual.uncosted,
        target_record=target,
    )


def progress_of_targets(targets: list[Target], today: date) -> dict[int, Progress]:
    """Progress of each target by id, in a constant number of queries."""
    slots = {t.pk: slot_of(t) for t in targets}
    actuals = actuals_for(slots.values())
    return {t.pk: progress_of(slots[t.pk], actuals[slots[t.pk]], today, t) for t in targets}


# --- the three rhythms ---------------------------------------------------------------------------

DAILY, WEEKLY, MONTHLY = "daily", "weekly", "monthly"
RHYTHMS = [
    (DAILY, _("Daily: my targets")),
    (WEEKLY, _("Weekly: team and reps")),
    (MONTHLY, _("Monthly: company and regions")),
]


def default_rhythm(user: Any) -> str:
    if sees_everything(user):
        return MONTHLY
    return WEEKLY if user.role == Role.MANAGER else DAILY


def periods_around(today: date, rhythm: str) -> list[Period]:
    month = parse_period(f"{today:%Y-%m}")
    quarter = parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    year = parse_period(str(today.year))
    return [month, quarter] if rhythm == WEEKLY else [month, quarter, year]


def rhythm_holders(user: Any, rhythm: str) -> list[Holder]:
    """Whose progress the rhythm shows: a rep their own; a manager their team and its reps; a
    director the company and its regions (teams for anyone who does not see everything)."""
    if rhythm == DAILY:
        return [Holder(HolderKind.REP, user)]
    if rhythm == MONTHLY and sees_everything(user):
        regions = Region.objects.order_by("name")
        return [Holder.company(), *(Holder(HolderKind.REGION, r) for r in regions)]
    teams = (
        Team.objects.order_by("name")
        if sees_everything(user)
        else Team.objects.filter(pk__in=team_ids_of(user)).order_by("name")
    )
    if rhythm != WEEKLY:
        return [Holder(HolderKind.TEAM, t) for t in teams]
    people = list(users_visible_to(user).filter(team__in=teams).exclude(pk=user.pk))
    holders = []
    for team in teams:
        holders.append(Holder(HolderKind.TEAM, team))
        holders += [Holder(HolderKind.REP, u) for u in people if u.team_id == team.pk]
    return holders


@dataclass
class PeriodSection:
    period: Period
    rows: list[Progress] = field(default_factory=list)


def rhythm_sections(
    user: Any, *, holders: list[Holder], periods: list[Period], today: date
) -> list[PeriodSection]:
    """For each period, each holder's progress on every metric it has a target for (revenue when
    it has none, so the actual still shows). Constant queries whatever the number of holders."""
    targets = list(_targets_of(user, holders, periods))
    by_slot: dict[tuple[Any, ...], Target] = {}
    for t in targets:
        by_slot[(Holder.of(t), t.period, t.metric, t.product_id)] = t
    wanted: list[tuple[Slot, Target | None]] = []
    for period in periods:
        for holder in holders:
            mine = [t for t in targets if t.period == period.key and Holder.of(t) == holder]
            keys = sorted(
                {(t.metric, t.product_id) for t in mine} or {(Metric.REVENUE, None)},
                key=lambda k: (Metric.values.index(k[0]), k[1] or 0),
            )
            for metric, product_id in keys:
                slot = Slot(metric, holder, period, product_id)
                wanted.append((slot, by_slot.get((holder, period.key, metric, product_id))))
    actuals = actuals_for(slot for slot, _target in wanted)
    sections = {p.key: PeriodSection(p) for p in periods}
    for slot, target in wanted:
        sections[slot.period.key].rows.append(progress_of(slot, actuals[slot], today, target))
    return list(sections.values())


def _targets_of(user: Any, holders: list[Holder], periods: list[Period]) -> Any:
    where = Q(pk__in=[])
    for holder in holders:
        where |= Q(**holder_lookup(holder))
    qs = target_list_visible(user).filter(where, period__in=[p.key for p in periods])
    return with_allocation(qs).select_related(*HOLDER_RELATIONS).order_by("period_start", "id")


def home_progress(user: Any, today: date) -> list[Progress]:
    """The home page's "My targets": this month's, quarter's and year's targets of the user's
    own level (a rep's own, a manager's team's, the company's for a director). One query when
    there are none."""
    if sees_everything(user):
        mine = Q(holder_kind=HolderKind.COMPANY)
    elif user.role == Role.MANAGER:
        mine = Q(holder_kind=HolderKind.TEAM, team_id=user.team_id)
    else:
        mine = Q(holder_kind=HolderKind.REP, user_id=user.pk)
    keys = [p.key for p in periods_around(today, MONTHLY)]
    # The user's own level is always theirs to see, so no visibility lookups are needed.
    targets = list(
        with_allocation(Target.objects.filter(mine, period__in=keys)).select_related(
            *HOLDER_RELATIONS
        )
    )
    if not targets:
        return []
    found = progress_of_targets(targets, today)
    targets.sort(key=lambda t: (t.period_end - t.period_start, Metric.values.index(t.metric), t.pk))
    return [found[t.pk] for t in targets]
