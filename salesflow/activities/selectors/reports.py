"""Reading daily sales reports (每日销售报告) through visibility, and the figures of a rep's day that
prefill them: visits made against visits planned, each activity's outcome, orders won that day and
the ratio against the day's share of the target. A day is a day in settings.TIME_ZONE."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Unpack

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityObjection,
    DailyReport,
    PlanStatus,
    ReportStatus,
    VisitPlan,
)
from salesflow.activities.selectors.plans import with_visits
from salesflow.activities.selectors.signoff import (
    DayFilters,
    filter_days,
    one_or_404,
    owned_visible,
    waiting_for,
)
from salesflow.pipeline.models import Status
from salesflow.pipeline.selectors import opportunity_list_visible

RATIO_PLACES = Decimal("0.0001")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first moment of `day` and of the next day, local time."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, time()), zone)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time()), zone)
    return start, end


# --- reports -----------------------------------------------------------------------------------


def daily_report_list_visible(user: Any) -> QuerySet[DailyReport]:
    return owned_visible(DailyReport.objects.all(), user)


def daily_report_get_visible(user: Any, pk: Any) -> DailyReport:
    """One report with its owner, their supervisor and who signed it; 404 for one `user` may
    not see."""
    reports = daily_report_list_visible(user).select_related(
        "owner", "owner__supervisor", "signed_by"
    )
    return one_or_404(reports, pk, "No such daily report")


def daily_report_search(user: Any, **filters: Unpack[DayFilters]) -> QuerySet[DailyReport]:
    """Visible reports, newest day first."""
    return (
        filter_days(daily_report_list_visible(user), **filters)
        .select_related("owner", "signed_by")
        .order_by("-date", "owner__username", "id")
    )


def daily_report_of_day(owner: Any, day: date) -> DailyReport | None:
    return DailyReport.objects.filter(owner=owner, date=day).first()


def reports_waiting_for(user: Any) -> QuerySet[DailyReport]:
    """Submitted reports `user` may sign: their direct reports' (a director: everyone's but
    their own), grouped by rep, oldest day first."""
    submitted = DailyReport.objects.filter(status=ReportStatus.SUBMITTED)
    return (
        waiting_for(submitted, user)
        .select_related("owner", "owner__team")
        .order_by("owner__username", "date", "id")
    )


def latest_instructions(owner: Any) -> DailyReport | None:
    """The owner's most recent signed report that carries instructions."""
    return (
        DailyReport.objects.filter(owner=owner, status=ReportStatus.SIGNED)
        .exclude(instructions="")
        .select_related("signed_by")
        .order_by("-date")
        .first()
    )


# --- the figures of a day ----------------------------------------------------------------------


def orders_of_the_day(owner: Any, day: date) -> Decimal:
    """The amounts of the owner's opportunities won on `day`."""
    start, end = day_bounds(day)
    total = (
        opportunity_list_visible(owner)
        .filter(owner=owner, status=Status.WON, closed_at__gte=start, closed_at__lt=end)
        .aggregate(total=Sum("amount"))["total"]
    )
    return total or Decimal(0)


def activities_of_the_day(owner: Any, day: date) -> QuerySet[Activity]:
    """What the owner did on `day`, in time order, with accounts and the objections met."""
    start, end = day_bounds(day)
    objections = ActivityObjection.objects.select_related("objection").order_by("objection__number")
    return (
        Activity.objects.filter(owner=owner, occurred_at__gte=start, occurred_at__lt=end)
        .select_related("account")
        .prefetch_related(Prefetch("objections_met", queryset=objections))
        .order_by("occurred_at", "id")
    )


def approved_plan_of_day(owner: Any, day: date) -> VisitPlan | None:
    return with_visits(
        VisitPlan.objects.filter(owner=owner, date=day, status=PlanStatus.APPROVED)
    ).first()


def achievement_ratio(actual: Decimal, target: Decimal | None) -> Decimal | None:
    """actual ÷ target (1 is 100 %); None without a target to measure against."""
    if not target:
        return None
    return (Decimal(actual) / Decimal(target)).quantize(RATIO_PLACES)


@dataclass(frozen=True)
class DayFigures:
    visits_made: int
    visits_planned: int
    planned_visits_done: int
    plan: VisitPlan | None
    activities: list[Activity]
    orders: Decimal
    collections: Decimal
    target: Decimal | None
    ratio: Decimal | None

    @property
    def ratio_percent(self) -> Decimal | None:
        return None if self.ratio is None else self.ratio * 100


def report_figures(report: DailyReport) -> DayFigures:
    """The day behind the report. Orders come from the won opportunities while the report is
    open; once submitted, the figures the rep submitted stand."""
    activities = list(activities_of_the_day(report.owner, report.date))
    plan = approved_plan_of_day(report.owner, report.date)
    planned = list(plan.visits.all()) if plan else []
    is_open = report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
    orders = orders_of_the_day(report.owner, report.date) if is_open else report.orders_amount
    return DayFigures(
        visits_made=sum(1 for a in activities if a.kind == ActivityKind.VISIT),
        visits_planned=len(planned),
        planned_visits_done=sum(
            1 for v in planned if v.activity is not None and v.activity.occurred_at is not None
        ),
        plan=plan,
        activities=activities,
        orders=orders,
        collections=report.collections_amount,
        target=report.daily_target,
        ratio=achievement_ratio(orders, report.daily_target),
    )


def visits_made_by_report(reports: list[DailyReport]) -> dict[int, int]:
    """How many visits each report's owner made on its day, in one query (for lists)."""
    if not reports:
        return {}
    earliest = min(r.date for r in reports)
    latest = max(r.date for r in reports)
    start, _ = day_bounds(earliest)
    _, end = day_bounds(latest)
    rows = (
        Activity.objects.filter(
            owner_id__in={r.owner_id for r in reports},
            kind=ActivityKind.VISIT,
            occurred_at__gte=start,
            occurred_at__lt=end,
        )
        .values_list("owner_id", "occurred_at")
        .order_by()
    )
    counts: dict[tuple[int, date], int] = {}
    for owner_id, moment in rows:
        key = (owner_id, timezone.localtime(moment, timezone.get_default_timezone()).date())
        counts[key] = counts.get(key, 0) + 1
    return {r.pk: counts.get((r.owner_id, r.date), 0) for r in reports}


def visit_counts_of_plans(owner_days: set[tuple[int, date]]) -> dict[tuple[int, date], int]:
    """How many visits the approved plan of each (owner, day) holds."""
    if not owner_days:
        return {}
    rows = (
        VisitPlan.objects.filter(
            status=PlanStatus.APPROVED,
            owner_id__in={o for o, _ in owner_days},
            date__in={d for _, d in owner_days},
        )
        .annotate(n=Count("visits"))
        .values_list("owner_id", "date", "n")
    )
    return {(o, d): n for o, d, n in rows}
