"""Pipeline analytics, the leaderboard and the rep scorecard: filters in, selectors, a page or
(with ?format=csv or ?format=xlsx) the same figures as a download."""

from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.selectors import process_default
from salesflow.reports import analytics, dashboard_charts, export_tables, scorecards
from salesflow.reports.analytics import window_bounds
from salesflow.reports.dashboards import link
from salesflow.reports.exports import export_response, requested_format
from salesflow.reports.forms_analytics import (
    AnalyticsFilterForm,
    LeaderboardFilterForm,
    ScorecardFilterForm,
    shortcuts,
)
from salesflow.reports.periods import months_from
from salesflow.reports.selectors import stage_conversion
from salesflow.users.models import Role


def _period_context(window: Any) -> dict[str, Any]:
    return {
        "window": window,
        "shortcuts": [
            (label, option, option == window) for label, option in shortcuts(timezone.localdate())
        ],
    }


def _month_links(request: HttpRequest, months: list[analytics.MonthResults]) -> list[str]:
    """This page for each month alone, the other filters kept."""
    params = request.GET.copy()
    params.pop("format", None)
    links = []
    for row in months:
        params["start"] = row.month.isoformat()
        params["end"] = (months_from(row.month, 1) - timedelta(days=1)).isoformat()
        links.append(f"{request.path}?{params.urlencode()}")
    return links


@login_required
def analytics_page(request: HttpRequest) -> HttpResponse:
    form = AnalyticsFilterForm(request.GET, user=request.user)
    window = form.window()
    process = form.chosen_process()
    scope = {"process": process, **form.scope()}
    period = {"start": window.start, "end": window.end}
    conversion_process = process or process_default()
    entered_from, entered_before = window_bounds(window.start, window.end)
    report: dict[str, Any] = {
        "results": analytics.results(request.user, **period, **scope),
        "reasons": analytics.loss_reasons(request.user, **period, **scope),
        "competitors": analytics.losses_by_competitor(request.user, **period, **scope),
        "months": analytics.results_by_month(request.user, **period, **scope),
        "conversion_process": conversion_process,
        "conversion": stage_conversion(
            request.user,
            process=conversion_process,
            entered_from=entered_from,
            entered_before=entered_before,
            **form.scope(),
        )
        if conversion_process
        else [],
    }
    fmt = requested_format(request)
    if fmt:
        return export_response(
            fmt=fmt, **export_tables.analytics_table(report, window=window, process=process)
        )
    context = {
        "form": form,
        "process": process,
        **report,
        **_period_context(window),
        "has_history": any(row.reached for row in report["conversion"]),
        "trend_figure": dashboard_charts.win_rate_line(
            report["months"], _month_links(request, report["months"])
        )
        if len(report["months"]) > 1 and report["results"].closed
        else None,
    }
    return render(request, "reports/analytics.html", context)


@login_required
def leaderboard_page(request: HttpRequest) -> HttpResponse:
    form = LeaderboardFilterForm(request.GET, user=request.user)
    window = form.window()
    rows = analytics.leaderboard(
        request.user,
        start=window.start,
        end=window.end,
        process=form.chosen_process(),
        **form.scope(),
    )
    fmt = requested_format(request)
    if fmt:
        return export_response(fmt=fmt, **export_tables.leaderboard_table(rows, window=window))
    context = {
        "form": form,
        "rows": rows,
        **_period_context(window),
        "figure": dashboard_charts.revenue_by_person(
            rows,
            [
                link("reports:scorecard_of", row.person.username, **window.as_query())
                for row in rows
            ],
        )
        if any(row.results.won for row in rows)
        else None,
    }
    return render(request, "reports/leaderboard.html", context)


@login_required
def scorecard_page(request: HttpRequest, username: str | None = None) -> HttpResponse:
    """A person's scorecard: /scorecard/<username>/, or /scorecard/?person=<username>, or (with
    neither) the reader's own."""
    username = username or request.GET.get("person") or request.user.username
    person = scorecards.rep_get_visible(request.user, username)
    form = ScorecardFilterForm(request.GET)
    window = form.window()
    card = scorecards.scorecard(request.user, person=person, window=window)
    fmt = requested_format(request)
    if fmt:
        return export_response(fmt=fmt, **export_tables.scorecard_table(card))
    reader: Any = request.user
    reads_others = reader.role in (Role.MANAGER, Role.DIRECTOR) or reader.is_superuser
    context = {
        "form": form,
        "card": card,
        "person": person,
        **_period_context(window),
        "people": users_visible_to(request.user).exclude(role=Role.DIRECTOR)
        if reads_others
        else None,
    }
    return render(request, "reports/scorecard.html", context)
