"""Daily report screens: the list, starting the report of a day, and the report page with the day's
figures (visits made against planned, outcomes, orders against the target), the rep's form, and
the supervisor's sign or return.

Actions answer like the plan page's: the refreshed #report fragment for htmx, a redirect
otherwise; refusals are shown on the page with 409 (state) or 403 (not the user's action)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from salesflow.activities.forms_loop import (
    ReportFilterForm,
    ReportForm,
    ReportStartForm,
    ReturnForm,
    SignForm,
    add_service_errors,
)
from salesflow.activities.models import DailyReport, ReportStatus
from salesflow.activities.selectors.reports import (
    daily_report_get_visible,
    daily_report_of_day,
    daily_report_search,
    report_figures,
    visit_counts_of_plans,
    visits_made_by_report,
)
from salesflow.activities.selectors.signoff import last_return, signoff_events
from salesflow.activities.services import reports as services
from salesflow.activities.services.signoff import may_sign_off
from salesflow.activities.views.signoff import (
    Data,
    LoopPage,
    loop_action,
    perform_action,
    render_list,
    render_record,
)
from salesflow.core.http import HtmxHttpRequest

# --- the list ----------------------------------------------------------------------------------


@login_required
@vary_on_headers("HX-Request")
def report_list(request: HtmxHttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET, user=request.user)
    reports = daily_report_search(request.user, **form.search_arguments())
    page_obj = Paginator(reports, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    made = visits_made_by_report(rows)
    planned = visit_counts_of_plans({(r.owner_id, r.date) for r in rows})
    context = {
        "form": form,
        "page_obj": page_obj,
        "rows": [(r, made[r.pk], planned.get((r.owner_id, r.date), 0)) for r in rows],
        "is_filtered": form.is_filtered,
    }
    return render_list(request, "report", context)


# --- starting a report -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_start(request: HtmxHttpRequest) -> HttpResponse:
    """Report on a day: the day's report when there is one already, else a new prefilled draft."""
    initial = {"date": request.GET.get("date") or timezone.localdate()}
    form = ReportStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["date"]
        existing = daily_report_of_day(request.user, day)
        if existing is not None and existing.status == ReportStatus.SIGNED:
            messages.error(request, services.signed_message(existing))
            return redirect("loop:report", existing.pk)
        if existing is not None:
            return redirect("loop:report", existing.pk)
        try:
            report = services.daily_report_create(acting_user=request.user, date=day)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("loop:report", report.pk)
    return render(
        request,
        "activities/report_start.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# --- the report page ---------------------------------------------------------------------------


@login_required
def report_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return render_report(request, daily_report_get_visible(request.user, pk))


def render_report(
    request: HtmxHttpRequest,
    report: DailyReport,
    *,
    forms: dict[str, Form] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    is_owner = report.owner_id == user.pk
    context = {
        "report": report,
        "figures": report_figures(report),
        "events": list(signoff_events(report)),
        "last_return": last_return(report) if report.status == ReportStatus.RETURNED else None,
        "is_owner": is_owner,
        "editable": is_owner and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED),
        "may_decide": report.status == ReportStatus.SUBMITTED and may_sign_off(user, report.owner),
        "cutoff_hour": settings.DAILY_REPORT_CUTOFF_HOUR,
    }
    blank = {"report": ReportForm.for_report(report), "sign": SignForm(), "return": ReturnForm()}
    return render_record(
        request, "report", context, forms={**blank, **(forms or {})}, refusal=refusal, status=status
    )


REPORT_PAGE = LoopPage(name="report", fetch=daily_report_get_visible, render=render_report)


@login_required
@require_POST
def report_save(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Save the rep's part; with action=submit, submit it straight after."""
    form = ReportForm(request.POST)
    submitting = request.POST.get("action") == "submit"

    def action(data: Data) -> str:
        saved = services.daily_report_update(
            report=data["report"],
            acting_user=request.user,
            expected_version=data["version"],
            **form.service_fields(),
        )
        if not submitting:
            return _("Report saved.")
        submitted = services.daily_report_submit(
            report=saved, acting_user=request.user, expected_version=saved.version
        )
        if submitted.on_time:
            return _("Report submitted on time.")
        return _("Report submitted after the %(hour)s:00 cut-off: it counts as late.") % {
            "hour": settings.DAILY_REPORT_CUTOFF_HOUR
        }

    return perform_action(request, pk, form, page=REPORT_PAGE, form_key="report", action=action)


@loop_action(REPORT_PAGE, form_key="sign", form=SignForm)
def report_sign(request: HtmxHttpRequest, data: Data) -> str:
    report = services.daily_report_sign(
        report=data["report"],
        acting_user=request.user,
        instructions=data["instructions"],
        expected_version=data["version"],
    )
    return _("%(rep)s's report for %(date)s signed.") % {"rep": report.owner, "date": report.date}


@loop_action(REPORT_PAGE, form_key="return", form=ReturnForm)
def report_return(request: HtmxHttpRequest, data: Data) -> str:
    report = services.daily_report_return(
        report=data["report"],
        acting_user=request.user,
        comment=data["comment"],
        expected_version=data["version"],
    )
    return _("%(rep)s's report for %(date)s returned.") % {"rep": report.owner, "date": report.date}
