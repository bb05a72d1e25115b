"""The funnel and the forecast over HTTP, /api/v1/reports: the same selectors and visibility as the
pages. A filter that names nothing the caller can see answers 422 naming the filter."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router

from salesflow.core.api_support import ApiRequest, ErrorOut, ValidationErrorOut
from salesflow.org.models import Region, Team
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.models import SalesProcess
from salesflow.pipeline.selectors import process_default, process_get
from salesflow.reports import selectors
from salesflow.reports.periods import forecast_window
from salesflow.reports.schemas import (
    FiguresOut,
    ForecastOut,
    ForecastQuery,
    FunnelOut,
    FunnelQuery,
    ReportQuery,
)

router = Router(tags=["reports"])
router.add_router("", "salesflow.reports.api_management.router")  # call-funnel, pareto, weekly
ANSWERS = {200: None, 401: ErrorOut, 422: ValidationErrorOut}


@router.get("/funnel", response={**ANSWERS, 200: FunnelOut})
def funnel_report(request: ApiRequest, filters: Query[FunnelQuery]) -> dict[str, Any]:
    scope = _scope(request.auth, filters)
    process = _process(filters.process) or process_default()
    if process is None:
        raise ValidationError({"process": _("No sales process is set up.")})
    report = selectors.funnel(request.auth, process=process, **scope)
    conversion = selectors.stage_conversion(request.auth, process=process, **scope)
    return {
        "process": process,
        "total": _figures(report.total),
        "funnel_states": [
            {
                **_figures(state.figures),
                "funnel_state": state.funnel_state,
                "name": state.label,
                "stages": [row.stage.number for row in state.stages],
            }
            for state in report.states
        ],
        "stages": [
            {
                **_figures(row.figures),
                "number": row.stage.number,
                "name": row.stage.name,
                "funnel_state": row.stage.funnel_state,
                "probability": row.stage.probability,
            }
            for row in report.stages
        ],
        "conversion": [
            {
                "number": row.stage.number,
                "name": row.stage.name,
                "reached": row.reached,
                "next_stage": row.next_stage.number if row.next_stage else None,
                "went_on": row.went_on,
                "rate": row.rate,
                "average_days": row.average_days,
            }
            for row in conversion
        ],
    }


@router.get("/forecast", response={**ANSWERS, 200: ForecastOut})
def forecast_report(request: ApiRequest, filters: Query[ForecastQuery]) -> dict[str, Any]:
    scope = _scope(request.auth, filters)
    start, end = _window(filters)
    report = selectors.forecast(
        request.auth, start=start, end=end, process=_process(filters.process), **scope
    )
    return {
        "start": f"{report.start:%Y-%m}",
        "end": f"{report.end:%Y-%m}",
        "total": _forecast_row(report.total),
        "months": [{**_forecast_row(r), "month": f"{r.key:%Y-%m}"} for r in report.months],
        "owners": [{**_forecast_row(r), "owner": r.key, "name": r.label} for r in report.owners],
        "teams": [{**_forecast_row(r), "team": r.key} for r in report.teams],
    }


# --- turning public names into records ----------------------------------------------------------


def _process(key_or_id: str) -> SalesProcess | None:
    if not key_or_id:
        return None
    try:
        return process_get(key_or_id)
    except Http404:
        raise ValidationError(
            {"process": _("There is no process “%(key)s”.") % {"key": key_or_id}}
        ) from None


def _scope(user: Any, filters: ReportQuery) -> dict[str, Any]:
    """owner, team and region ids from their public names; a name the caller cannot see reads
    exactly like one that does not exist."""
    errors: dict[str, str] = {}
    scope: dict[str, Any] = {"owner": None, "team": None, "region": None}
    if filters.owner:
        scope["owner"] = (
            users_visible_to(user)
            .filter(username=filters.owner)
            .values_list("pk", flat=True)
            .first()
        )
        if scope["owner"] is None:
            errors["owner"] = _("There is nobody you can see with the username “%(name)s”.") % {
                "name": filters.owner
            }
    if filters.team:
        scope["team"] = Team.objects.filter(name=filters.team).values_list("pk", flat=True).first()
        if scope["team"] is None:
            errors["team"] = _("There is no team named “%(name)s”.") % {"name": filters.team}
    if filters.region:
        scope["region"] = (
            Region.objects.filter(name=filters.region).values_list("pk", flat=True).first()
        )
        if scope["region"] is None:
            errors["region"] = _("There is no region named “%(name)s”.") % {"name": filters.region}
    if errors:
        raise ValidationError(errors)
    return scope


def _month(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise ValidationError({field: _("Give a month as YYYY-MM.")}) from None


def _window(filters: ForecastQuery) -> tuple[date, date]:
    return forecast_window(_month(filters.start, "start"), _month(filters.end, "end"))


def _figures(figures: selectors.Figures) -> dict[str, Any]:
    return FiguresOut(
        count=figures.count,
        amount=figures.amount,
        weighted_amount=figures.weighted_amount,
        activities=figures.activities,
        hours=figures.hours,
        expenses=figures.expenses,
    ).model_dump()


def _forecast_row(row: selectors.ForecastRow) -> dict[str, Any]:
    total = row.total
    return {
        "count": total.count,
        "amount": total.amount,
        "weighted_amount": total.weighted_amount,
        "categories": {
            category.value: {
                "count": figures.count,
                "amount": figures.amount,
                "weighted_amount": figures.weighted_amount,
            }
            for category, figures in row.categories
        },
    }
