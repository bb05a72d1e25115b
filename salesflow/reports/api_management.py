"""The management reports over HTTP: /api/v1/reports/call-funnel, /pareto and /weekly, with the
same selectors and visibility as the pages. Mounted inside the reports router (reports/api.py)."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from ninja import Query, Router

from salesflow.core.api_support import ApiRequest, ErrorOut, ValidationErrorOut
from salesflow.reports.callfunnel import call_funnel
from salesflow.reports.pareto import pareto, parse_cuts
from salesflow.reports.schemas_management import (
    CallFunnelOut,
    CallFunnelQuery,
    ParetoGroupOut,
    ParetoQuery,
    SpanQuery,
    WeeklyOut,
    WeeklyQuery,
)
from salesflow.reports.scope import scope_from_names
from salesflow.reports.spans import Span, parse_week, span_of, week_of
from salesflow.reports.weekly import weekly_holder_get, weekly_report

router = Router(tags=["reports"])
ANSWERS = {200: None, 401: ErrorOut, 422: ValidationErrorOut}
PARETO_DAYS = 365


@router.get("/call-funnel", response={**ANSWERS, 200: CallFunnelOut})
def call_funnel_report(request: ApiRequest, filters: Query[CallFunnelQuery]) -> dict[str, Any]:
    scope = scope_from_names(request.auth, owner=filters.owner, team=filters.team)
    today = timezone.localdate()
    span = _span(filters, default_first=(filters.end or today).replace(day=1), today=today)
    report = call_funnel(
        request.auth, span=span, scope=scope, commission_rate=filters.commission_rate
    )
    steps = report.steps
    return {
        "start": span.first,
        "end": span.last,
        "owner": filters.owner or None,
        "team": filters.team or None,
        "calls": report.calls,
        "connected": report.connected,
        "appointments": report.appointments,
        "presentations": report.presentations,
        "sales": report.sales,
        "revenue": report.revenue,
        "hours": report.hours,
        "commission_rate": report.commission_rate,
        "revenue_per_call": report.revenue_per_call,
        "commission_per_call": report.commission_per_call,
        "revenue_per_hour": report.revenue_per_hour,
        "conversion": {
            "connected": steps[1].conversion,
            "appointments": steps[2].conversion,
            "presentations": steps[3].conversion,
            "sales": steps[4].conversion,
        },
    }


@router.get("/pareto", response={**ANSWERS, 200: list[ParetoGroupOut]})
def pareto_report(request: ApiRequest, filters: Query[ParetoQuery]) -> list[dict[str, Any]]:
    scope = scope_from_names(
        request.auth, owner=filters.owner, team=filters.team, region=filters.region
    )
    cuts = parse_cuts(filters.cuts)
    today = timezone.localdate()
    end = filters.end or today
    span = _span(filters, default_first=end - timedelta(days=PARETO_DAYS - 1), today=today)
    report = pareto(request.auth, span=span, scope=scope, cuts=cuts)
    return [
        {
            "group": group.number,
            "cut": group.cut,
            "customers": group.customers,
            "share_of_customers": group.share_of_customers,
            "share_of_time": group.share_of_time,
            "share_of_margin": group.share_of_margin,
            "margin": group.margin,
            "hours": group.hours,
        }
        for group in report.groups
    ]


@router.get("/weekly", response={**ANSWERS, 200: WeeklyOut})
def weekly_report_api(request: ApiRequest, filters: Query[WeeklyQuery]) -> dict[str, Any]:
    holder = weekly_holder_get(request.auth, team=filters.team, region=filters.region)
    week = parse_week(filters.week) if filters.week else week_of(timezone.localdate())
    report = weekly_report(request.auth, holder=holder, week=week)
    return {
        "week": week.key,
        "start": week.first,
        "end": week.last,
        "team": holder.name if report.is_team else None,
        "region": None if report.is_team else holder.name,
        "targets": [
            {
                "period": row.period.key,
                "target": row.target,
                "actual": row.actual,
                "achievement": row.achievement,
                "elapsed": row.elapsed,
            }
            for row in report.targets
        ],
        "revenue": report.revenue,
        "deals_won": report.deals_won,
        "new_customers": report.new_customers,
        "collections": report.collections,
        "visits": report.visits.visits,
        "effective_visits": report.visits.effective,
        "effective_visit_rate": report.visits.effective_rate,
        "deal_visits": report.visits.deals,
        "deal_rate": report.visits.deal_rate,
        "reps": report.reps,
        "average_sales_per_rep": report.average_sales_per_rep,
        "competitor_moves": [_market_report(r) for r in report.competitor_moves],
        "abnormal_customers": [_market_report(r) for r in report.abnormal_customers],
        "punctuality": [
            {
                "rep": row.rep.username,
                "name": str(row.rep),
                "working_days": row.due,
                "submitted": row.submitted,
                "on_time": row.on_time,
                "late": row.late,
                "missing": row.missing,
            }
            for row in report.punctuality
        ],
        "plan": report.plan.text if report.plan else "",
    }


def _span(filters: SpanQuery, *, default_first: date, today: date) -> Span:
    return span_of(filters.start, filters.end, default_first=default_first, default_last=today)


def _market_report(report: Any) -> dict[str, Any]:
    return {
        "id": report.pk,
        "subject": report.subject,
        "account": report.account.name if report.account else None,
        "competitor": report.competitor,
        "raised_by": report.raised_by.username,
        "raised_at": report.created_at,
        "status": report.status,
        "resolution": report.resolution,
    }
