"""The rep scorecard: revenue against target, deals won, activity volume by kind and the
punctuality of the daily reports over a period, for a rep the reader may see.

Report punctuality counts working days (Monday to Friday; there is no holiday calendar) whose
report is due: the day's cut-off hour (settings.DAILY_REPORT_CUTOFF_HOUR) has passed, and that
fall on or after the day the person joined (User.date_joined, local date). A due day
without a submitted report is missing; a submitted report is on time when it went in before the
cut-off of its own day (DailyReport.on_time, set on first submission).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from salesflow.activities.models import ActivityKind, DailyReport
from salesflow.activities.selectors.reports import day_bounds
from salesflow.org.visibility import users_visible_to
from salesflow.reports.analytics import Results, activities_logged, percent, results
from salesflow.reports.forms_analytics import Window
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric
from salesflow.targets.periods import parse_period
from salesflow.targets.selectors import target_for
from salesflow.users.models import Role, User

# Django's week_day lookup counts from Sunday (1) to Saturday (7).
WORKING_WEEK_DAYS = (2, 3, 4, 5, 6)


def rep_get_visible(viewer: Any, username: str) -> User:
    """The person whose scorecard `viewer` asks for: themselves, someone below them, or (for a
    director) anyone. 404 otherwise."""
    person = users_visible_to(viewer).select_related("team").filter(username=username).first()
    if person is None:
        raise Http404("No such person")
    return person


# --- report punctuality -----------------------------------------------------------------------


def due_working_days(window: Window, now: datetime | None = None) -> list[date]:
    """The working days of the window whose daily report is already due."""
    now = now or timezone.now()
    cutoff = timedelta(hours=settings.DAILY_REPORT_CUTOFF_HOUR)
    days = (window.start + timedelta(days=n) for n in range(window.days))
    return [d for d in days if d.weekday() < 5 and day_bounds(d)[0] + cutoff <= now]


@dataclass(frozen=True)
class Punctuality:
    due: int
    submitted: int
    on_time: int
    covered: int  # due working days with a submitted report

    @property
    def late(self) -> int:
        return self.submitted - self.on_time

    @property
    def missing(self) -> int:
        return max(self.due - self.covered, 0)

    @property
    def on_time_rate(self) -> Decimal | None:
        """On-time reports over the days that called for one, in per cent."""
        return percent(self.on_time, max(self.due, self.submitted))


def _report_count(reports: QuerySet[DailyReport], condition: Q) -> Coalesce:
    return Coalesce(
        Subquery(
            reports.filter(condition)
            .order_by()
            .values("owner_id")
            .annotate(n=Count("id"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def with_punctuality(
    people: QuerySet[User], *, window: Window, now: datetime | None = None
) -> tuple[QuerySet[User], list[date]]:
    """`people` annotated with submitted, on_time and covered report counts in the window (three
    subqueries, no extra query), and the working days due in it."""
    due = due_working_days(window, now)
    reports = DailyReport.objects.filter(
        owner_id=OuterRef("pk"),
        date__gte=window.start,
        date__lte=window.end,
        submitted_at__isnull=False,
    )
    annotated = people.annotate(
        reports_submitted=_report_count(reports, Q()),
        reports_on_time=_report_count(reports, Q(on_time=True)),
        reports_covering=_report_count(reports, Q(date__in=due)),
    )
    return annotated, due


def punctuality_of(person: Any, due: list[date]) -> Punctuality:
    """The Punctuality of a person annotated by with_punctuality: no report is due from before
    they joined."""
    joined = timezone.localtime(person.date_joined).date()
    return Punctuality(
        due=sum(1 for day in due if day >= joined),
        submitted=person.reports_submitted,
        on_time=person.reports_on_time,
        covered=person.reports_covering,
    )


@dataclass(frozen=True)
class RepPunctuality:
    person: User
    punctuality: Punctuality


def punctuality_by_rep(
    viewer: Any, *, window: Window, now: datetime | None = None
) -> list[RepPunctuality]:
    """Report punctuality of every rep `viewer` sees (not themselves), by name. One query."""
    people = users_visible_to(viewer).filter(role=Role.REP).exclude(pk=viewer.pk)
    annotated, due = with_punctuality(people, window=window, now=now)
    return [
        RepPunctuality(person=person, punctuality=punctuality_of(person, due))
        for person in annotated.order_by("username")
    ]


# --- the revenue target -------------------------------------------------------------------------


def period_key(window: Window) -> str | None:
    """ "2026", "2026-Q1" or "2026-03" when the window is exactly that period, else None."""
    first = window.start
    quarter = (first.month - 1) // 3 + 1
    for key in (f"{first.year}", f"{first.year}-Q{quarter}", f"{first.year}-{first.month:02d}"):
        period = parse_period(key)
        if (period.start, period.end) == (window.start, window.end):
            return key
    return None


def revenue_target(person: Any, window: Window) -> Decimal | None:
    """The person's revenue target (all products) for the window when the window is a whole
    year, quarter or month that has one; otherwise None. At most one query."""
    key = period_key(window)
    if key is None:
        return None
    target = target_for(
        Holder(HolderKind.REP, person), metric=Metric.REVENUE, period=parse_period(key)
    )
    return None if target is None else target.amount


# --- the scorecard ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindCount:
    kind: ActivityKind
    count: int
    minutes: int

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Scorecard:
    person: User
    window: Window
    results: Results
    target: Decimal | None
    period_key: str | None
    activities: list[KindCount]
    punctuality: Punctuality

    @property
    def achievement(self) -> Decimal | None:
        """Revenue won over the target, in per cent."""
        if not self.target:
            return None
        return (self.results.won_amount * 100 / self.target).quantize(Decimal("0.1"))

    @property
    def activity_total(self) -> int:
        return sum(row.count for row in self.activities)

    @property
    def hours(self) -> Decimal:
        minutes = sum(row.minutes for row in self.activities)
        return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def scorecard(
    viewer: Any, *, person: User, window: Window, now: datetime | None = None
) -> Scorecard:
    """The person's figures over the window, as `viewer` sees them. Four queries."""
    won = results(viewer, start=window.start, end=window.end, owner=person.pk)
    by_kind = {
        row["kind"]: row
        for row in activities_logged(viewer, start=window.start, end=window.end)
        .filter(owner=person)
        .order_by()
        .values("kind")
        .annotate(n=Count("id"), minutes=Sum("duration_minutes"))
    }
    annotated, due = with_punctuality(
        users_visible_to(viewer).filter(pk=person.pk), window=window, now=now
    )
    return Scorecard(
        person=person,
        window=window,
        results=won,
        target=revenue_target(person, window),
        period_key=period_key(window),
        activities=[
            KindCount(
                kind=kind,
                count=by_kind.get(kind, {}).get("n") or 0,
                minutes=by_kind.get(kind, {}).get("minutes") or 0,
            )
            for kind in ActivityKind
        ],
        punctuality=punctuality_of(annotated.get(), due),
    )
