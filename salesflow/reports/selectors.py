"""The funnel and the forecast: read-only aggregates over the opportunities a user may see.

Every figure is a SQL aggregate grouped by stage, month, owner or team; Python only adds up the
handful of grouped rows (stages into funnel states) and divides by 100 or 60. Weighted amounts are
summed as amount × probability and divided by 100 afterwards, because SQLite divides integers as
integers and a stored amount may come back as one.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    DateField,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from salesflow.activities.models import Activity
from salesflow.pipeline.history import ENTERING
from salesflow.pipeline.models import (
    ForecastCategory,
    FunnelState,
    Opportunity,
    SalesProcess,
    Stage,
    StageChange,
    Status,
)
from salesflow.pipeline.selectors import opportunity_list_visible
from salesflow.reports.periods import month_start, months_between, months_from

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
MONEY: "DecimalField[Decimal, Decimal]" = DecimalField(max_digits=20, decimal_places=2)
# Rows after which the opportunity sits in `to_number` until its next row.
STAYING = (*ENTERING, StageChange.Kind.MOVED_BACK, StageChange.Kind.REOPENED)
FUNNEL_STATES = tuple(FunnelState)
FORECAST_CATEGORIES = tuple(ForecastCategory)


def report_scope(
    user: Any,
    *,
    process: SalesProcess | None = None,
    owner: Any = None,
    team: Any = None,
    region: Any = None,
) -> QuerySet[Opportunity]:
    """The opportunities `user` sees, narrowed by process, owner, owner's team, account region."""
    qs = opportunity_list_visible(user)
    if process is not None:
        qs = qs.filter(process=process)
    if owner:
        qs = qs.filter(owner_id=owner)
    if team:
        qs = qs.filter(owner__team_id=team)
    if region:
        qs = qs.filter(account__region_id=region)
    return qs


def _hundredth(value: Decimal | int | None) -> Decimal:
    return (Decimal(value or 0) / 100).quantize(CENT)


# --- the funnel -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Value and effort of a group of open opportunities."""

    count: int = 0
    amount: Decimal = ZERO
    weighted_amount: Decimal = ZERO
    activities: int = 0
    minutes: int = 0
    expenses: Decimal = ZERO

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            count=self.count + other.count,
            amount=self.amount + other.amount,
            weighted_amount=self.weighted_amount + other.weighted_amount,
            activities=self.activities + other.activities,
            minutes=self.minutes + other.minutes,
            expenses=self.expenses + other.expenses,
        )

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(CENT)


@dataclass(frozen=True)
class StageFigures:
    stage: Stage
    figures: Figures


@dataclass(frozen=True)
class StateFigures:
    funnel_state: FunnelState
    stages: list[StageFigures]
    figures: Figures

    @property
    def label(self) -> str:
        return str(self.funnel_state.label)


@dataclass(frozen=True)
class Funnel:
    process: SalesProcess
    stages: list[StageFigures]
    states: list[StateFigures]
    total: Figures


def funnel(
    user: Any,
    *,
    process: SalesProcess,
    owner: Any = None,
    team: Any = None,
    region: Any = None,
) -> Funnel:
    """Open opportunities of `process` by stage and by funnel state: count, amount, weighted
    amount, and the effort (activities, hours, expenses) logged against them. Three queries."""
    stages = list(Stage.objects.filter(process=process).order_by("number"))
    open_deals = report_scope(user, process=process, owner=owner, team=team, region=region).filter(
        status=Status.OPEN
    )
    value_by_stage = {
        row["stage_id"]: row
        for row in open_deals.order_by()
        .values("stage_id")
        .annotate(
            count=Count("id"),
            amount_sum=Sum("amount"),
            amount_x_probability=Sum(F("amount") * F("stage__probability"), output_field=MONEY),
        )
    }
    # Activities are counted in their own query: joining them to the opportunities above would
    # repeat each amount once per activity.
    effort_by_stage = {
        row["opportunity__stage_id"]: row
        for row in Activity.objects.filter(
            opportunity__in=open_deals.values("pk"), occurred_at__isnull=False
        )
        .order_by()
        .values("opportunity__stage_id")
        .annotate(count=Count("id"), minutes=Sum("duration_minutes"), expenses_sum=Sum("expenses"))
    }
    by_stage = [
        StageFigures(
            stage=stage,
            figures=_figures(value_by_stage.get(stage.pk), effort_by_stage.get(stage.pk)),
        )
        for stage in stages
    ]
    states = [
        StateFigures(
            funnel_state=state,
            stages=[s for s in by_stage if s.stage.funnel_state == state],
            figures=_total(s.figures for s in by_stage if s.stage.funnel_state == state),
        )
        for state in FUNNEL_STATES
    ]
    return Funnel(
        process=process,
        stages=by_stage,
        states=states,
        total=_total(s.figures for s in by_stage),
    )


def _figures(value: dict[str, Any] | None, effort: dict[str, Any] | None) -> Figures:
    value = value or {}
    effort = effort or {}
    return Figures(
        count=value.get("count") or 0,
        amount=(value.get("amount_sum") or ZERO).quantize(CENT),
        weighted_amount=_hundredth(value.get("amount_x_probability")),
        activities=effort.get("count") or 0,
        minutes=effort.get("minutes") or 0,
        expenses=(effort.get("expenses_sum") or ZERO).quantize(CENT),
    )


def _total(figures: Iterable[Figures]) -> Figures:
    return sum(figures, Figures())


# --- stage-to-stage conversion ------------------------------------------------------------------


@dataclass(frozen=True)
class StageConversion:
    """Of the opportunities that ever entered `stage`, how many went on to `next_stage` (or, from
    the last stage, were won), and how long a stay in the stage lasted on average."""

    stage: Stage
    next_stage: Stage | None
    reached: int
    went_on: int
    average_days: float | None

    @property
    def rate(self) -> Decimal | None:
        """The conversion in per cent, or None when nobody reached the stage."""
        if not self.reached:
            return None
        return (Decimal(self.went_on) * 100 / self.reached).quantize(Decimal("0.1"))

    @property
    def next_label(self) -> str:
        return str(self.next_stage) if self.next_stage is not None else _("Won")


def stage_conversion(
    user: Any,
    *,
    process: SalesProcess,
    owner: Any = None,
    team: Any = None,
    region: Any = None,
    entered_from: datetime | None = None,
    entered_before: datetime | None = None,
) -> list[StageConversion]:
    """Conversion from each stage to the next, from the stage history of every opportunity of
    `process` in scope (open or closed). With `entered_from` / `entered_before` only the stays
    that began in that span count (whatever happened to them later). Four queries.

    One grouped count over the history, from the facts kept on each row as it is written
    (pipeline/history.py): a deal counts once per stage, on its first entry into the stage in
    the span; it went on if it ever entered a later stage or was won from this one; a stay lasted
    until the deal's next change."""
    stages = list(Stage.objects.filter(process=process).order_by("number"))
    deals = report_scope(user, process=process, owner=owner, team=team, region=region)
    history = StageChange.objects.filter(
        opportunity__in=deals.values("pk"), kind__in=STAYING
    ).order_by()
    first_in_span = Q(previous_entry_at__isnull=True)
    if entered_from is not None:
        history = history.filter(changed_at__gte=entered_from)
        first_in_span |= Q(previous_entry_at__lt=entered_from)
    if entered_before is not None:
        history = history.filter(changed_at__lt=entered_before)
    reaching = Q(kind__in=ENTERING) & first_in_span
    stay = ExpressionWrapper(F("left_at") - F("changed_at"), output_field=DurationField())
    found = {
        row["to_number"]: row
        for row in history.values("to_number").annotate(
            reached=Count("pk", filter=reaching),
            went_on=Count("pk", filter=reaching & Q(went_on=True)),
            # A stay that has not ended has no left_at; AVG skips the NULL it makes.
            stay=Avg(stay),
        )
    }
    rows = []
    for index, stage in enumerate(stages):
        figures = found.get(stage.number, {})
        average: timedelta | None = figures.get("stay")
        rows.append(
            StageConversion(
                stage=stage,
                next_stage=stages[index + 1] if index + 1 < len(stages) else None,
                reached=figures.get("reached") or 0,
                went_on=figures.get("went_on") or 0,
                average_days=None if average is None else average.total_seconds() / 86400,
            )
        )
    return rows


# --- the forecast -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryFigures:
    count: int = 0
    amount: Decimal = ZERO
    weighted_amount: Decimal = ZERO

    def __add__(self, other: "CategoryFigures") -> "CategoryFigures":
        return CategoryFigures(
            count=self.count + other.count,
            amount=self.amount + other.amount,
            weighted_amount=self.weighted_amount + other.weighted_amount,
        )


@dataclass
class ForecastRow:
    """One month, owner or team, with its figures per forecast category."""

    key: Any
    label: str
    by_category: dict[str, CategoryFigures] = field(default_factory=dict)

    def add(self, category: str, figures: CategoryFigures) -> None:
        self.by_category[category] = self.by_category.get(category, CategoryFigures()) + figures

    @property
    def categories(self) -> list[tuple[ForecastCategory, CategoryFigures]]:
        """(category, figures) in the order pipeline, best case, commit, closed."""
        return [(c, self.by_category.get(c, CategoryFigures())) for c in FORECAST_CATEGORIES]

    @property
    def total(self) -> CategoryFigures:
        return sum(self.by_category.values(), CategoryFigures())


@dataclass(frozen=True)
class Forecast:
    start: date
    end: date
    months: list[ForecastRow]
    owners: list[ForecastRow]
    teams: list[ForecastRow]
    total: ForecastRow


def forecast(
    user: Any,
    *,
    start: date,
    end: date,
    process: SalesProcess | None = None,
    owner: Any = None,
    team: Any = None,
    region: Any = None,
) -> Forecast:
    """Weighted pipeline from the month of `start` through the month of `end`.

    Open opportunities count in the month of their expected close date, under their forecast
    category, at amount × stage probability. Won opportunities count as "closed" in the month
    they were won (in settings.TIME_ZONE), at their full amount. Six queries."""
    first, after = month_start(start), months_from(end, 1)
    tz = ZoneInfo(settings.TIME_ZONE)
    deals = report_scope(user, process=process, owner=owner, team=team, region=region)
    open_deals = (
        deals.filter(
            status=Status.OPEN, expected_close_date__gte=first, expected_close_date__lt=after
        )
        .order_by()
        .annotate(month=TruncMonth("expected_close_date"), category=F("forecast_category"))
    )
    won_deals = (
        deals.filter(
            status=Status.WON,
            closed_at__gte=datetime(first.year, first.month, 1, tzinfo=tz),
            closed_at__lt=datetime(after.year, after.month, 1, tzinfo=tz),
        )
        .order_by()
        .annotate(
            month=TruncMonth("closed_at", output_field=DateField(), tzinfo=tz),
            category=Value(ForecastCategory.CLOSED.value),
        )
    )
    open_figures = {
        "count": Count("id"),
        "amount_sum": Sum("amount"),
        "amount_x_probability": Sum(F("amount") * F("stage__probability"), output_field=MONEY),
    }
    won_figures = {
        "count": Count("id"),
        "amount_sum": Sum("amount"),
        "amount_x_probability": Sum(F("amount") * 100, output_field=MONEY),
    }

    def grouped(*keys: str) -> Iterable[dict[str, Any]]:
        yield from open_deals.values(*keys, "category").annotate(**open_figures)
        yield from won_deals.values(*keys, "category").annotate(**won_figures)

    months = {m: ForecastRow(key=m, label="") for m in months_between(first, end)}
    for row in grouped("month"):
        months[_as_date(row["month"])].add(row["category"], _category_figures(row))

    owners: dict[Any, ForecastRow] = {}
    for row in grouped("owner__username", "owner__first_name", "owner__last_name"):
        username = row["owner__username"]
        # Shown as User.__str__ shows a person: the full name, else the username.
        name = f"{row['owner__first_name']} {row['owner__last_name']}".strip() or username
        owners.setdefault(username, ForecastRow(key=username, label=name)).add(
            row["category"], _category_figures(row)
        )

    teams: dict[Any, ForecastRow] = {}
    for row in grouped("owner__team__name"):
        name = row["owner__team__name"]
        teams.setdefault(name, ForecastRow(key=name, label=name or _("No team"))).add(
            row["category"], _category_figures(row)
        )

    total = ForecastRow(key=None, label="")
    for month_row in months.values():
        for category, figures in month_row.by_category.items():
            total.add(category, figures)
    return Forecast(
        start=first,
        end=month_start(end),
        months=list(months.values()),
        owners=sorted(owners.values(), key=lambda r: (-r.total.weighted_amount, r.label)),
        teams=sorted(
            teams.values(), key=lambda r: (r.key is None, -r.total.weighted_amount, r.label)
        ),
        total=total,
    )


def _as_date(value: date | datetime) -> date:
    # Depending on the database a truncated month may come back as a datetime.
    return value.date() if isinstance(value, datetime) else value


def _category_figures(row: dict[str, Any]) -> CategoryFigures:
    return CategoryFigures(
        count=row["count"],
        amount=(row["amount_sum"] or ZERO).quantize(CENT),
        weighted_amount=_hundredth(row["amount_x_probability"]),
    )
