"""Pipeline analytics over a period: win rate, deal size, loss reasons, the win-rate trend by
month, and the leaderboard of reps by won revenue.

A deal belongs to the period in which it was closed (closed_at, as a local date in
settings.TIME_ZONE). The win rate is won ÷ (won + lost + abandoned). Every figure is one SQL
aggregate over the opportunities the user sees (reports.selectors.report_scope); the leaderboard
is one query of people with a correlated subquery per figure.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Trim, TruncMonth

from salesflow.activities.models import Activity
from salesflow.activities.selectors.activities import activity_list_visible
from salesflow.activities.selectors.reports import day_bounds
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.models import Opportunity, SalesProcess, Status
from salesflow.reports.periods import month_start, months_between
from salesflow.reports.selectors import CENT, ZERO, report_scope
from salesflow.users.models import Role

CLOSED = (Status.WON, Status.LOST, Status.ABANDONED)
NOT_WON = (Status.LOST, Status.ABANDONED)
PERCENT = Decimal("0.1")


def window_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The first moment of `start` and the first moment after `end`, local time."""
    return day_bounds(start)[0], day_bounds(end)[1]


def closed_between(
    user: Any,
    *,
    start: date,
    end: date,
    process: SalesProcess | None = None,
    owner: Any = None,
    team: Any = None,
    region: Any = None,
) -> QuerySet[Opportunity]:
    """The opportunities `user` sees that were won, lost or abandoned from `start` to `end`."""
    after, before = window_bounds(start, end)
    return report_scope(user, process=process, owner=owner, team=team, region=region).filter(
        status__in=CLOSED, closed_at__gte=after, closed_at__lt=before
    )


def percent(part: int, whole: int) -> Decimal | None:
    return None if not whole else (Decimal(part) * 100 / whole).quantize(PERCENT)


def _money(value: Decimal | None) -> Decimal:
    return (value or ZERO).quantize(CENT)


# --- results: win rate and deal size ---------------------------------------------------------


@dataclass(frozen=True)
class Results:
    """How the deals closed in a period ended, and what the won ones were worth."""

    won: int = 0
    lost: int = 0
    abandoned: int = 0
    won_amount: Decimal = ZERO

    @property
    def closed(self) -> int:
        return self.won + self.lost + self.abandoned

    @property
    def win_rate(self) -> Decimal | None:
        """Won ÷ closed in per cent, or None when nothing closed."""
        return percent(self.won, self.closed)

    @property
    def average_deal(self) -> Decimal | None:
        return None if not self.won else (self.won_amount / self.won).quantize(CENT)


_RESULT_FIGURES = {
    "won": Count("id", filter=Q(status=Status.WON)),
    "lost": Count("id", filter=Q(status=Status.LOST)),
    "abandoned": Count("id", filter=Q(status=Status.ABANDONED)),
    "won_amount": Sum("amount", filter=Q(status=Status.WON)),
}


def _results(row: dict[str, Any]) -> Results:
    return Results(
        won=row["won"] or 0,
        lost=row["lost"] or 0,
        abandoned=row["abandoned"] or 0,
        won_amount=_money(row["won_amount"]),
    )


def results(user: Any, *, start: date, end: date, **scope: Any) -> Results:
    """Won, lost and abandoned deals closed in the period, and the won amount. One query."""
    deals = closed_between(user, start=start, end=end, **scope)
    return _results(deals.order_by().aggregate(**_RESULT_FIGURES))


@dataclass(frozen=True)
class MonthResults:
    month: date
    results: Results


def results_by_month(user: Any, *, start: date, end: date, **scope: Any) -> list[MonthResults]:
    """Results per calendar month from the month of `start` through the month of `end`, every
    month present (an empty month has no win rate). One query."""
    first = month_start(start)
    deals = closed_between(user, start=first, end=end, **scope)
    grouped = {
        _as_date(row["month"]): _results(row)
        for row in deals.order_by()
        .annotate(
            month=TruncMonth(
                "closed_at", output_field=DateField(), tzinfo=ZoneInfo(settings.TIME_ZONE)
            ),
        )
        .values("month")
        .annotate(**_RESULT_FIGURES)
    }
    return [
        MonthResults(month=month, results=grouped.get(month, Results()))
        for month in months_between(first, end)
    ]


def _as_date(value: date | datetime) -> date:
    # Depending on the database a truncated month may come back as a datetime.
    return value.date() if isinstance(value, datetime) else value


# --- why deals were lost -----------------------------------------------------------------------


@dataclass(frozen=True)
class LossGroup:
    """Lost and abandoned deals sharing a reason (or a competitor who won them)."""

    label: str
    lost: int
    abandoned: int
    amount: Decimal

    @property
    def count(self) -> int:
        return self.lost + self.abandoned


def _loss_groups(deals: QuerySet[Opportunity], key: Any) -> list[LossGroup]:
    rows = (
        deals.order_by()
        .annotate(label=key)
        .values("label")
        .annotate(
            lost=Count("id", filter=Q(status=Status.LOST)),
            abandoned=Count("id", filter=Q(status=Status.ABANDONED)),
            amount=Sum("amount"),
            n=Count("id"),
        )
        .order_by("-n", "-amount", "label")
    )
    return [
        LossGroup(
            label=row["label"],
            lost=row["lost"],
            abandoned=row["abandoned"],
            amount=_money(row["amount"]),
        )
        for row in rows
    ]


def loss_reasons(user: Any, *, start: date, end: date, **scope: Any) -> list[LossGroup]:
    """Lost and abandoned deals of the period grouped by the reason given (as written, spaces
    trimmed), most frequent first. One query."""
    deals = closed_between(user, start=start, end=end, **scope).filter(status__in=NOT_WON)
    return _loss_groups(deals, Trim("close_reason"))


def losses_by_competitor(user: Any, *, start: date, end: date, **scope: Any) -> list[LossGroup]:
    """Deals of the period lost to a named competitor, grouped by that competitor. One query."""
    deals = (
        closed_between(user, start=start, end=end, **scope)
        .filter(status=Status.LOST)
        .exclude(won_by="")
    )
    return _loss_groups(deals, Trim("won_by"))


# --- the leaderboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaderRow:
    rank: int
    person: Any
    results: Results
    activities: int


def _count_of(qs: QuerySet[Any], field: str = "id") -> Subquery:
    """A correlated subquery counting `qs` rows per owner (`qs` filtered on OuterRef("pk"))."""
    return Subquery(
        qs.order_by().values("owner_id").annotate(n=Count(field)).values("n")[:1],
        output_field=IntegerField(),
    )


def leaderboard(
    user: Any,
    *,
    start: date,
    end: date,
    process: SalesProcess | None = None,
    team: Any = None,
    region: Any = None,
) -> list[LeaderRow]:
    """The people `user` sees, ranked by revenue won in the period (then deals won, then name),
    with their win rate, average deal and the activities they logged in the period.

    Reps are always listed; managers only when they closed a deal or logged an activity; a
    region means the region of the person's team. Three queries: the people, the closed deals
    grouped by owner, the activities grouped by owner (grouped aggregates, not a subquery per
    person: see bench/reports.py)."""
    after, before = window_bounds(start, end)
    people = list(users_visible_to(user).exclude(role=Role.DIRECTOR).select_related("team"))
    if team:
        people = [p for p in people if p.team_id == int(team)]
    if region:
        people = [p for p in people if p.team is not None and p.team.region_id == int(region)]
    ids = [p.pk for p in people]
    deals = {
        row["owner_id"]: row
        for row in closed_between(user, start=start, end=end, process=process)
        .filter(owner_id__in=ids)
        .order_by()
        .values("owner_id")
        .annotate(
            won_amount=Sum("amount", filter=Q(status=Status.WON)),
            won_count=Count("id", filter=Q(status=Status.WON)),
            lost_count=Count("id", filter=Q(status=Status.LOST)),
            abandoned_count=Count("id", filter=Q(status=Status.ABANDONED)),
        )
    }
    logged = dict(
        activity_list_visible(user)
        .filter(owner_id__in=ids, occurred_at__gte=after, occurred_at__lt=before)
        .order_by()
        .values("owner_id")
        .annotate(n=Count("id"))
        .values_list("owner_id", "n")
    )
    ranked = []
    for person in people:
        row = deals.get(person.pk, {})
        results = Results(
            won=row.get("won_count", 0),
            lost=row.get("lost_count", 0),
            abandoned=row.get("abandoned_count", 0),
            won_amount=_money(row.get("won_amount")),
        )
        activities = logged.get(person.pk, 0)
        if person.role == Role.REP or results.won or activities:
            ranked.append((person, results, activities))
    ranked.sort(key=lambda r: (-r[1].won_amount, -r[1].won, r[0].username))
    return [
        LeaderRow(rank=rank, person=person, results=results, activities=activities)
        for rank, (person, results, activities) in enumerate(ranked, start=1)
    ]


def activities_logged(user: Any, *, start: date, end: date) -> QuerySet[Activity]:
    """Activities `user` sees that took place in the period."""
    after, before = window_bounds(start, end)
    return activity_list_visible(user).filter(occurred_at__gte=after, occurred_at__lt=before)
