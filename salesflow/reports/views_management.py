"""The call arithmetic (§8) and the key-account Pareto analysis (§3): filters in, one selector,
a page or (with ?format=csv or ?format=xlsx) the same figures as a download."""

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from salesflow.reports import charts_management, tables_management
from salesflow.reports.callfunnel import EXAMPLE
from salesflow.reports.callfunnel import call_funnel as call_funnel_report
from salesflow.reports.exports import export_response, requested_format
from salesflow.reports.forms_management import CallFunnelFilterForm, ParetoFilterForm
from salesflow.reports.pareto import DEFAULT_CUTS, bank_table
from salesflow.reports.pareto import pareto as pareto_report


@login_required
def call_funnel(request: HttpRequest) -> HttpResponse:
    form = CallFunnelFilterForm(request.GET, user=request.user)
    span = form.span()
    report = call_funnel_report(
        request.user, span=span, scope=form.scope(), commission_rate=form.commission_rate()
    )
    fmt = requested_format(request)
    if fmt:
        headers, rows = tables_management.call_funnel_table(report)
        return export_response(
            filename=f"call-arithmetic-{span.first}-{span.last}",
            sheet_title=_("Call arithmetic"),
            headers=headers,
            rows=rows,
            fmt=fmt,
        )
    context = {
        "form": form,
        "span": span,
        "report": report,
        "rows": list(zip(report.steps, EXAMPLE.steps, strict=True)),
        # The example of §8 at the chosen rate, so the commission compares like with like.
        "example": replace(EXAMPLE, commission_rate=report.commission_rate),
        "figure": charts_management.call_funnel_figure(report) if report.calls else None,
    }
    return render(request, "reports/call_funnel.html", context)


@login_required
def pareto(request: HttpRequest) -> HttpResponse:
    form = ParetoFilterForm(request.GET, user=request.user)
    span = form.span()
    report = pareto_report(request.user, span=span, scope=form.scope(), cuts=form.chosen_cuts())
    fmt = requested_format(request)
    if fmt:
        headers, rows = tables_management.pareto_table(report)
        return export_response(
            filename=f"key-accounts-{span.first}-{span.last}",
            sheet_title=_("Key accounts"),
            headers=headers,
            rows=rows,
            fmt=fmt,
        )
    context = {
        "form": form,
        "span": span,
        "report": report,
        "bank": bank_table(),
        "default_cuts": ",".join(str(cut) for cut in DEFAULT_CUTS),
        "figure": charts_management.pareto_figure(report) if report.customers else None,
    }
    return render(request, "reports/pareto.html", context)
