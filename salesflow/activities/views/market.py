"""Market situation and complaint report screens: raise one, the list, the report page where the
supervisor (or a director) acknowledges and resolves it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from salesflow.activities.forms_activities import (
    MarketReportFilterForm,
    MarketReportForm,
    ResolutionForm,
    add_service_errors,
)
from salesflow.activities.models import MarketReport, MarketReportStatus
from salesflow.activities.selectors.market import market_report_get_visible, market_report_search
from salesflow.activities.services import market as services
from salesflow.activities.views.activities import HtmxHttpRequest, _wants_fragment


@login_required
@vary_on_headers("HX-Request")
def market_list(request: HtmxHttpRequest) -> HttpResponse:
    form = MarketReportFilterForm(request.GET)
    reports = market_report_search(request.user, **form.search_arguments())
    page_obj = Paginator(reports, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "reports": page_obj.object_list,
        "is_filtered": form.is_filtered,
    }
    if _wants_fragment(request):
        return render(request, "activities/_market_results.html", context)
    return render(request, "activities/market_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def market_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    account_id = request.GET.get("account", "")
    if account_id.isdigit():
        initial["account"] = int(account_id)
    form = MarketReportForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.market_report_raise(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.user.supervisor_id:  # type: ignore[union-attr]
                text = _("Report raised; %(name)s has been notified.") % {
                    "name": request.user.supervisor  # type: ignore[union-attr]
                }
            else:
                text = _("Report raised; the directors have been notified.")
            messages.success(request, text)
            return redirect("activities:market_detail", pk=report.pk)
    return render(
        request,
        "activities/market_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def market_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = market_report_get_visible(request.user, pk)
    return _render_detail(request, report, ResolutionForm())


def _render_detail(
    request: HttpRequest, report: MarketReport, form: ResolutionForm, *, status: int = 200
) -> HttpResponse:
    handler = services.may_handle(report, request.user)
    context = {
        "report": report,
        "may_acknowledge": handler and report.status == MarketReportStatus.OPEN,
        "may_resolve": handler and report.status != MarketReportStatus.RESOLVED,
        "resolution_form": form,
    }
    return render(request, "activities/market_detail.html", context, status=status)


@login_required
@require_POST
def market_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    report = market_report_get_visible(request.user, pk)
    try:
        services.market_report_acknowledge(report=report, acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Report acknowledged."))
    return redirect("activities:market_detail", pk=pk)


@login_required
@require_POST
def market_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    report = market_report_get_visible(request.user, pk)
    form = ResolutionForm(request.POST)
    if form.is_valid():
        try:
            services.market_report_resolve(
                report=report,
                acting_user=request.user,
                resolution=form.cleaned_data["resolution"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Report resolved; the raiser has been told."))
            return redirect("activities:market_detail", pk=pk)
    return _render_detail(request, report, form, status=400)
