"""The daily loop's two starting points: "My day" for the rep (today's plan and report, tomorrow's
plan, the supervisor's latest instructions) and the supervisor's queue of plans and reports waiting
for a decision, per rep."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from salesflow.activities.forms_loop import ApproveForm, ReturnForm, SignForm
from salesflow.activities.models import DailyReport, VisitPlan
from salesflow.activities.selectors.plans import plans_waiting_for, visit_plan_of_day
from salesflow.activities.selectors.reports import (
    daily_report_of_day,
    latest_instructions,
    reports_waiting_for,
)
from salesflow.core.http import AuthedHttpRequest


@login_required
def my_day(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    yesterday = today - timedelta(days=1)
    context = {
        "today": today,
        "tomorrow": tomorrow,
        "yesterday": yesterday,
        "today_plan": visit_plan_of_day(user, today),
        "tomorrow_plan": visit_plan_of_day(user, tomorrow),
        "today_report": daily_report_of_day(user, today),
        "yesterday_report": daily_report_of_day(user, yesterday),
        "instructions": latest_instructions(user),
        "waiting_plans": plans_waiting_for(user).count(),
        "waiting_reports": reports_waiting_for(user).count(),
    }
    return render(request, "activities/my_day.html", context)


@dataclass
class RepQueue:
    rep: Any
    plans: list[VisitPlan] = field(default_factory=list)
    reports: list[DailyReport] = field(default_factory=list)


@login_required
def queue(request: AuthedHttpRequest) -> HttpResponse:
    """Everything waiting for the user's decision, one block per rep."""
    by_rep: dict[int, RepQueue] = {}
    for plan in plans_waiting_for(request.user):
        by_rep.setdefault(plan.owner_id, RepQueue(plan.owner)).plans.append(plan)
    for report in reports_waiting_for(request.user):
        by_rep.setdefault(report.owner_id, RepQueue(report.owner)).reports.append(report)
    reps = sorted(by_rep.values(), key=lambda q: q.rep.username)
    context = {
        "reps": reps,
        "approve_form": ApproveForm(),
        "return_form": ReturnForm(),
        "sign_form": SignForm(),
        "today": timezone.localdate(),
    }
    return render(request, "activities/queue.html", context)
