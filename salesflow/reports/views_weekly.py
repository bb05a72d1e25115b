"""The weekly report (周报) page: pick a team or region and a week; read, print or export it; the
manager writes next week's targets and plan under it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salesflow.org.models import Region, Team
from salesflow.reports import tables_management
from salesflow.reports.exports import export_response, requested_format
from salesflow.reports.forms_management import WeeklyFilterForm, WeeklyPlanForm
from salesflow.reports.services_weekly import may_write_weekly_plan, weekly_plan_save
from salesflow.reports.weekly import holder_key, weekly_report


@login_required
def weekly(request: HttpRequest) -> HttpResponse:
    form = WeeklyFilterForm(request.GET, user=request.user)
    holder, week = form.chosen_holder(), form.chosen_week()
    context: dict[str, Any] = {"form": form, "holder": holder, "week": week}
    if holder is not None:
        report = weekly_report(request.user, holder=holder, week=week)
        fmt = requested_format(request)
        if fmt:
            headers, rows = tables_management.weekly_table(report)
            return export_response(
                filename=f"weekly-report-{holder}-{week.key}",
                sheet_title=_("Weekly report %(week)s") % {"week": week.key},
                headers=headers,
                rows=rows,
                fmt=fmt,
            )
        may_write = may_write_weekly_plan(request.user, holder)
        context |= {
            "report": report,
            "holder_key": holder_key(holder),
            "may_write": may_write,
            "plan_form": WeeklyPlanForm(initial={"text": report.plan.text if report.plan else ""})
            if may_write
            else None,
        }
    return render(request, "reports/weekly.html", context)


@login_required
@require_POST
def weekly_plan(request: HttpRequest) -> HttpResponse:
    form = WeeklyFilterForm(request.POST, user=request.user)
    holder, week = form.chosen_holder(), form.chosen_week()
    plan_form = WeeklyPlanForm(request.POST)
    back = _weekly_url(holder, week.key)
    if holder is None or not plan_form.is_valid():
        messages.error(request, _("Write next week's targets and plan before saving."))
        return redirect(back)
    try:
        weekly_plan_save(
            acting_user=request.user, holder=holder, week=week, text=plan_form.cleaned_data["text"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Next week's plan is saved."))
    return redirect(back)


def _weekly_url(holder: Team | Region | None, week: str) -> str:
    params = {"week": week}
    if holder is not None:
        params["holder"] = holder_key(holder)
    return f"{reverse('reports:weekly')}?{urlencode(params)}"
