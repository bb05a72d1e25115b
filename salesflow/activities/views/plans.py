"""Visit plan screens: the list, starting a plan for a day, and the plan page where the rep adds
and removes visits (htmx) and submits, and the supervisor approves or returns it.

Each action parses its form, calls one service with the version the user saw and answers with the
refreshed page (the #plan fragment for htmx, a redirect otherwise). A refusal shows its reason on
the page: 409 for a state that does not allow it, 403 for someone whose action it is not."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from salesflow.activities.forms_loop import (
    ApproveForm,
    PlanAreaForm,
    PlanFilterForm,
    PlanStartForm,
    ReturnForm,
    VersionForm,
    VisitForm,
    add_service_errors,
    tomorrow,
)
from salesflow.activities.models import ActivityPurpose, PlanStatus, VisitPlan
from salesflow.activities.selectors.plans import (
    visit_plan_get_detailed,
    visit_plan_of_day,
    visit_plan_search,
)
from salesflow.activities.selectors.signoff import last_return, signoff_events
from salesflow.activities.services import plans as services
from salesflow.activities.services.signoff import NotAllowed, Refused, may_sign_off
from salesflow.activities.views.signoff import (
    Data,
    LoopPage,
    loop_action,
    perform_action,
    refusal_status,
    render_list,
    render_record,
)
from salesflow.core.http import HtmxHttpRequest

# --- the list ----------------------------------------------------------------------------------


@login_required
@vary_on_headers("HX-Request")
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET, user=request.user)
    plans = visit_plan_search(request.user, **form.search_arguments())
    page_obj = Paginator(plans, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render_list(
        request, "plan", {"form": form, "page_obj": page_obj, "is_filtered": form.is_filtered}
    )


# --- starting a plan ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_start(request: HtmxHttpRequest) -> HttpResponse:
    """Plan a day: the day's plan when there is one already, else a new draft."""
    form = PlanStartForm(request.POST or None, initial={"date": _initial_day(request)})
    if request.method == "POST" and form.is_valid():
        existing = visit_plan_of_day(request.user, form.cleaned_data["date"])
        if existing is not None:
            return redirect("loop:plan", existing.pk)
        try:
            plan = services.visit_plan_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Plan for %(date)s started: add the visits.") % {"date": plan.date}
            )
            return redirect("loop:plan", plan.pk)
    return render(
        request, "activities/plan_start.html", {"form": form}, status=400 if form.errors else 200
    )


def _initial_day(request: HtmxHttpRequest) -> Any:
    raw = request.GET.get("date", "")
    return raw if raw else tomorrow()


# --- the plan page -----------------------------------------------------------------------------


@login_required
def plan_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return render_plan(request, visit_plan_get_detailed(request.user, pk))


def render_plan(
    request: HtmxHttpRequest,
    plan: VisitPlan,
    *,
    forms: dict[str, Form] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    is_owner = plan.owner_id == user.pk
    events = list(signoff_events(plan))
    today = timezone.localdate()
    context = {
        "plan": plan,
        "visits": list(plan.visits.all()),
        "events": events,
        "last_return": last_return(plan) if plan.status == PlanStatus.RETURNED else None,
        "is_owner": is_owner,
        "editable": is_owner and not plan.is_locked and plan.date >= today,
        "may_decide": plan.status == PlanStatus.SUBMITTED and may_sign_off(user, plan.owner),
        "may_reopen": is_owner and plan.is_locked and plan.date >= today,
        "may_delete": is_owner and plan.status == PlanStatus.DRAFT and not events,
        "purposes": dict(ActivityPurpose.choices),
    }
    blank = {
        "area": PlanAreaForm(initial={"area": plan.area}),
        "visit": VisitForm(plan=plan),
        "approve": ApproveForm(),
        "return": ReturnForm(),
    }
    return render_record(
        request, "plan", context, forms={**blank, **(forms or {})}, refusal=refusal, status=status
    )


PLAN_PAGE = LoopPage(name="plan", fetch=visit_plan_get_detailed, render=render_plan)


@loop_action(PLAN_PAGE, form_key="area", form=PlanAreaForm)
def plan_area(request: HtmxHttpRequest, data: Data) -> str:
    services.visit_plan_update(
        plan=data["plan"],
        acting_user=request.user,
        area=data["area"],
        expected_version=data["version"],
    )
    return _("Area saved.")


@login_required
@require_POST
def plan_visit_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    form = VisitForm(request.POST, plan=visit_plan_get_detailed(request.user, pk))

    def action(data: Data) -> str:
        added = services.planned_visit_add(
            plan=data["plan"],
            acting_user=request.user,
            visit=form.visit(),
            expected_version=data["version"],
        )
        return _("Visit to %(account)s at %(time)s added.") % {
            "account": added.account.name,
            "time": timezone.localtime(added.planned_at).strftime("%H:%M"),
        }

    return perform_action(request, pk, form, page=PLAN_PAGE, form_key="visit", action=action)


@login_required
@require_POST
def plan_visit_remove(request: HtmxHttpRequest, pk: int, visit_pk: int) -> HttpResponse:
    plan = visit_plan_get_detailed(request.user, pk)
    visit = next((v for v in plan.visits.all() if v.pk == visit_pk), None)
    if visit is None:
        raise Http404("No such visit on this plan")

    def action(data: Data) -> str:
        services.planned_visit_remove(
            plan=data["plan"],
            visit=visit,
            acting_user=request.user,
            expected_version=data["version"],
        )
        return _("Visit to %(account)s removed.") % {"account": visit.account.name}

    form = VersionForm(request.POST)
    return perform_action(request, pk, form, page=PLAN_PAGE, form_key="remove", action=action)


@loop_action(PLAN_PAGE, form_key="submit")
def plan_submit(request: HtmxHttpRequest, data: Data) -> str:
    plan = services.visit_plan_submit(
        plan=data["plan"], acting_user=request.user, expected_version=data["version"]
    )
    if plan.owner.supervisor is None:
        return _("Plan submitted. You have no supervisor: a director approves it.")
    return _("Plan submitted to %(supervisor)s.") % {"supervisor": plan.owner.supervisor}


@loop_action(PLAN_PAGE, form_key="reopen")
def plan_reopen(request: HtmxHttpRequest, data: Data) -> str:
    services.visit_plan_reopen(
        plan=data["plan"], acting_user=request.user, expected_version=data["version"]
    )
    return _("Plan reopened. Change it, then submit it again for approval.")


@loop_action(PLAN_PAGE, form_key="approve", form=ApproveForm)
def plan_approve(request: HtmxHttpRequest, data: Data) -> str:
    plan = services.visit_plan_approve(
        plan=data["plan"],
        acting_user=request.user,
        comment=data["comment"],
        expected_version=data["version"],
    )
    return _("%(rep)s's plan for %(date)s approved.") % {"rep": plan.owner, "date": plan.date}


@loop_action(PLAN_PAGE, form_key="return", form=ReturnForm)
def plan_return(request: HtmxHttpRequest, data: Data) -> str:
    plan = services.visit_plan_return(
        plan=data["plan"],
        acting_user=request.user,
        comment=data["comment"],
        expected_version=data["version"],
    )
    return _("%(rep)s's plan for %(date)s returned.") % {"rep": plan.owner, "date": plan.date}


@login_required
@require_POST
def plan_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = visit_plan_get_detailed(request.user, pk)
    try:
        services.visit_plan_delete(plan=plan, acting_user=request.user)
    except (Refused, NotAllowed) as refused:
        return render_plan(request, plan, refusal=str(refused), status=refusal_status(refused))
    messages.success(request, _("Plan for %(date)s deleted.") % {"date": plan.date})
    return redirect("loop:my_day")
