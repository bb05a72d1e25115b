"""The home page's charts for each role, every one of them a way into the list behind it.

rep:      my pipeline by stage, my activities this week;
manager:  the team's pipeline by stage, revenue won by rep this month, report punctuality;
director: the company pipeline by funnel state, revenue by region and team this quarter, the
          win-rate trend by month.

Each chart is one query (the pipeline reads the default process only: stages differ between
processes). Each point of a figure carries, in its customdata, the address of the filtered list
it stands for; static/reports/charts.js follows it on click.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from salesflow.org.visibility import sees_everything
from salesflow.pipeline.models import Stage, Status
from salesflow.pipeline.selectors import opportunity_list_visible
from salesflow.reports import dashboard_charts as figures
from salesflow.reports.analytics import (
    activities_logged,
    closed_between,
    leaderboard,
    results_by_month,
)
from salesflow.reports.forms_analytics import Window, this_month, this_quarter
from salesflow.reports.periods import months_from
from salesflow.reports.scorecards import punctuality_by_rep
from salesflow.reports.selectors import CENT, MONEY, ZERO
from salesflow.users.models import Role

TREND_MONTHS = 12


@dataclass(frozen=True)
class DashboardChart:
    key: str
    title: str
    note: str
    figure: dict[str, Any] | None  # None when there is nothing to draw
    empty: str
    list_url: str
    list_label: str


def link(name: str, *args: Any, **query: Any) -> str:
    """The address of a page with a query string (empty values left out)."""
    url = reverse(name, args=args)
    params = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{url}?{urlencode(params)}" if params else url


def span(window: Window) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(window.start, "MONTH_DAY_FORMAT"),
        "end": date_format(window.end, "MONTH_DAY_FORMAT"),
    }


def home_dashboard(user: Any, *, today: date | None = None) -> list[DashboardChart]:
    today = today or timezone.localdate()
    if sees_everything(user):
        return [
            company_pipeline(user),
            revenue_by_team(user, window=this_quarter(today)),
            win_rate_trend(user, today=today),
        ]
    if user.role == Role.MANAGER:
        month = this_month(today)
        return [
            team_pipeline(user),
            revenue_by_rep(user, window=month),
            report_punctuality(user, window=month),
        ]
    return [my_pipeline(user), my_week(user, today=today)]


# --- the pipeline by stage ---------------------------------------------------------------------


@dataclass(frozen=True)
class StageValue:
    stage: Stage
    count: int
    amount: Decimal
    url: str


def pipeline_by_stage(user: Any, *, owner: Any = None) -> list[StageValue]:
    """Open opportunities `user` sees (of `owner`, if given) in each stage of the default
    process, every stage present. One query."""
    deals = opportunity_list_visible(user).filter(status=Status.OPEN, stage_id=OuterRef("pk"))
    if owner is not None:
        deals = deals.filter(owner=owner)
    grouped = deals.order_by().values("stage_id")
    stages = (
        Stage.objects.filter(process__is_default=True, process__is_active=True)
        .select_related("process")
        .annotate(
            open_count=Subquery(
                grouped.annotate(n=Count("id")).values("n")[:1], output_field=IntegerField()
            ),
            open_amount=Subquery(grouped.annotate(s=Sum("amount")).values("s")[:1], MONEY),
        )
        .order_by("number")
    )
    return [
        StageValue(
            stage=stage,
            count=stage.open_count or 0,
            amount=(stage.open_amount or ZERO).quantize(CENT),
            url=link(
                "pipeline:list",
                stage=stage.pk,
                status=Status.OPEN.value,
                owner=getattr(owner, "pk", None),
            ),
        )
        for stage in stages
    ]


def _pipeline_chart(
    key: str, title: str, rows: list[StageValue], *, owner: Any = None, as_funnel: bool = False
) -> DashboardChart:
    has_deals = any(row.count for row in rows)
    draw = figures.pipeline_funnel if as_funnel else figures.pipeline_bars
    return DashboardChart(
        key=key,
        title=title,
        note=str(rows[0].stage.process) if rows else "",
        figure=draw(rows) if has_deals else None,
        empty=_("No open opportunities."),
        list_url=link("pipeline:list", status=Status.OPEN.value, owner=getattr(owner, "pk", None)),
        list_label=_("Open opportunities"),
    )


def my_pipeline(user: Any) -> DashboardChart:
    rows = pipeline_by_stage(user, owner=user)
    return _pipeline_chart("my-pipeline", _("My pipeline by stage"), rows, owner=user)


def team_pipeline(user: Any) -> DashboardChart:
    return _pipeline_chart("team-pipeline", _("Team pipeline by stage"), pipeline_by_stage(user))


def company_pipeline(user: Any) -> DashboardChart:
    rows = pipeline_by_stage(user)
    return _pipeline_chart(
        "company-pipeline", _("Company pipeline by funnel state"), rows, as_funnel=True
    )


# --- my activities this week ---------------------------------------------------------------------


@dataclass(frozen=True)
class DayKindCount:
    day: date
    kind: str
    count: int
    url: str


def my_week(user: Any, *, today: date) -> DashboardChart:
    """The user's activities from Monday to Sunday of this week, by day and kind. One query."""
    monday = today - timedelta(days=today.weekday())
    week = Window(monday, monday + timedelta(days=6))
    zone = ZoneInfo(settings.TIME_ZONE)
    rows = (
        activities_logged(user, start=week.start, end=week.end)
        .filter(owner=user)
        .order_by()
        .annotate(day=TruncDate("occurred_at", tzinfo=zone))
        .values("day", "kind")
        .annotate(n=Count("id"))
    )
    counts = [
        DayKindCount(
            day=row["day"],
            kind=row["kind"],
            count=row["n"],
            url=link(
                "activities:list",
                owner=user.pk,
                kind=row["kind"],
                date_from=row["day"].isoformat(),
                date_to=row["day"].isoformat(),
            ),
        )
        for row in rows
    ]
    return DashboardChart(
        key="my-week",
        title=_("My activities this week"),
        note=span(week),
        figure=figures.week_by_kind(week, counts) if counts else None,
        empty=_("No activities logged this week yet."),
        list_url=link(
            "activities:list",
            owner=user.pk,
            date_from=week.start.isoformat(),
            date_to=week.end.isoformat(),
        ),
        list_label=_("This week's activities"),
    )


# --- revenue by rep, report punctuality ----------------------------------------------------------


def revenue_by_rep(user: Any, *, window: Window) -> DashboardChart:
    rows = leaderboard(user, start=window.start, end=window.end)
    urls = [link("reports:scorecard_of", row.person.username, **window.as_query()) for row in rows]
    return DashboardChart(
        key="revenue-by-rep",
        title=_("Revenue won by rep this month"),
        note=span(window),
        figure=figures.revenue_by_person(rows, urls)
        if any(row.results.won for row in rows)
        else None,
        empty=_("Nothing won this month yet."),
        list_url=link("reports:leaderboard", **window.as_query()),
        list_label=_("Leaderboard"),
    )


def report_punctuality(user: Any, *, window: Window) -> DashboardChart:
    rows = punctuality_by_rep(user, window=window)
    urls = [
        link(
            "loop:reports",
            owner=row.person.pk,
            date_from=window.start.isoformat(),
            date_to=window.end.isoformat(),
        )
        for row in rows
    ]
    has_days = any(row.punctuality.due or row.punctuality.submitted for row in rows)
    return DashboardChart(
        key="report-punctuality",
        title=_("Daily report punctuality this month"),
        note=_("Working days due so far: on time, late, missing"),
        figure=figures.punctuality_bars(rows, urls) if has_days else None,
        empty=_("No daily reports are due yet this month.")
        if rows
        else _("Nobody reports to you yet."),
        list_url=link(
            "loop:reports",
            date_from=window.start.isoformat(),
            date_to=window.end.isoformat(),
        ),
        list_label=_("Daily reports"),
    )


# --- the director's: revenue by region and team, win-rate trend ----------------------------------


@dataclass(frozen=True)
class TeamRevenue:
    region: str
    team: str
    amount: Decimal
    url: str


def revenue_by_team(user: Any, *, window: Window) -> DashboardChart:
    """Revenue won in the window by the owners' team, grouped by the team's region. One query."""
    rows = (
        closed_between(user, start=window.start, end=window.end)
        .filter(status=Status.WON)
        .order_by()
        .values("owner__team_id", "owner__team__name", "owner__team__region__name")
        .annotate(amount=Sum("amount"))
        .order_by("owner__team__region__name", "owner__team__name")
    )
    teams = [
        TeamRevenue(
            region=row["owner__team__region__name"] or _("No region"),
            team=row["owner__team__name"] or _("No team"),
            amount=(row["amount"] or ZERO).quantize(CENT),
            url=link("reports:leaderboard", team=row["owner__team_id"], **window.as_query()),
        )
        for row in rows
    ]
    return DashboardChart(
        key="revenue-by-team",
        title=_("Revenue by region and team this quarter"),
        note=span(window),
        figure=figures.revenue_by_team(teams) if teams else None,
        empty=_("Nothing won this quarter yet."),
        list_url=link("reports:leaderboard", **window.as_query()),
        list_label=_("Leaderboard"),
    )


def win_rate_trend(user: Any, *, today: date) -> DashboardChart:
    first = months_from(today, 1 - TREND_MONTHS)
    months = results_by_month(user, start=first, end=today)
    urls = [
        link(
            "reports:analytics",
            start=row.month.isoformat(),
            end=(months_from(row.month, 1) - timedelta(days=1)).isoformat(),
        )
        for row in months
    ]
    return DashboardChart(
        key="win-rate-trend",
        title=_("Win rate by month"),
        note=_("Won ÷ (won + lost + abandoned), by the month they closed"),
        figure=figures.win_rate_line(months, urls)
        if any(row.results.closed for row in months)
        else None,
        empty=_("No deal has closed in the last twelve months."),
        list_url=link("reports:analytics"),
        list_label=_("Pipeline analytics"),
    )
