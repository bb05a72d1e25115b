"""The funnel and forecast pages: filters in, one selector call per figure, a chart and tables out
(or, with ?format=csv or ?format=xlsx, the tables as a download)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from salesflow.reports import charts, export_tables, selectors
from salesflow.reports.exports import export_response, requested_format
from salesflow.reports.forms import MEASURES, ForecastFilterForm, FunnelFilterForm


@login_required
def funnel(request: HttpRequest) -> HttpResponse:
    form = FunnelFilterForm(request.GET, user=request.user)
    process = form.chosen_process()
    measure = form.chosen_measure()
    context: dict[str, Any] = {
        "form": form,
        "process": process,
        "measure": measure,
        "measures": MEASURES,
    }
    if process is not None:
        scope = form.scope()
        report = selectors.funnel(request.user, process=process, **scope)
        conversion = selectors.stage_conversion(request.user, process=process, **scope)
        fmt = requested_format(request)
        if fmt:
            return export_response(fmt=fmt, **export_tables.funnel_table(report, conversion))
        context |= {
            "report": report,
            "conversion": conversion,
            "has_history": any(row.reached for row in conversion),
            "figure": charts.funnel_figure(report, measure=measure) if report.total.count else None,
        }
    return render(request, "reports/funnel.html", context)


@login_required
def forecast(request: HttpRequest) -> HttpResponse:
    form = ForecastFilterForm(request.GET, user=request.user)
    start, end = form.window()
    report = selectors.forecast(
        request.user, start=start, end=end, process=form.chosen_process(), **form.scope()
    )
    fmt = requested_format(request)
    if fmt:
        return export_response(fmt=fmt, **export_tables.forecast_table(report))
    context = {
        "form": form,
        "report": report,
        "figure": charts.forecast_figure(report) if report.total.total.count else None,
    }
    return render(request, "reports/forecast.html", context)
