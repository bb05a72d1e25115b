"""Visit plan screens: the list, starting a plan for a day, and the plan page where the rep adds
and removes visits (htmx) and submits, and the supervisor approves or returns it.

Each action parses its form, calls one service with the version the user saw and answers with the
refreshed page (the #plan fragment for htmx, a redirect otherwise). A refusal shows its reason on
the page: 409 for a state that does not allow it, 403 for someone whose action it is not."""

from collections.abc import Callable
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
    plan_events,
    plan_last_return,
    visit_plan_get_detailed,
    visit_plan_of_day,
    visit_plan_search,
)
from salesflow.activities.services import plans as services
from salesflow.activities.services.signoff import NotAllowed, Refused, may_sign_off
from salesflow.activities.views.loop import next_url, refusal_status
from salesflow.core.http import HtmxHttpRequest

Action = Callable[[dict[str, Any]], str]


# --- the list ----------------------------------------------------------------------------------


@login_required
@vary_on_headers("HX-Request")
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET, user=request.user)
    plans = visit_plan_search(request.user, **form.search_arguments())
    page_obj = Paginator(plans, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "is_filtered": form.is_filtered}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "activities/_plan_results.html", context)
    return render(request, "activities/plan_list.html", context)


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
    return render_plan(request, _plan(request, pk))


def _plan(request: HtmxHttpRequest, pk: int) -> VisitPlan:
    return visit_plan_get_detailed(request.user, pk)


def render_plan(
    request: HtmxHttpRequest,
    plan: VisitPlan,
    *,
    forms: dict[str, Form] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    fragment = request.method == "POST" and bool(request.htmx)
    user = request.user
    is_owner = plan.owner_id == user.pk
    forms = forms or {}
    forms.setdefault("area", PlanAreaForm(initial={"area": plan.area}))
    forms.setdefault("visit", VisitForm(plan=plan))
    forms.setdefault("approve", ApproveForm())
    forms.setdefault("return", ReturnForm())
    events = list(plan_events(plan))
    today = timezone.localdate()
    context = {
        "plan": plan,
        "visits": list(plan.visits.all()),
        "events": events,
        "last_return": plan_last_return(plan) if plan.status == PlanStatus.RETURNED else None,
        "is_owner": is_owner,
        "editable": is_owner and not plan.is_locked and plan.date >= today,
        "may_decide": plan.status == PlanStatus.SUBMITTED and may_sign_off(user, plan.owner),
        "may_reopen": is_owner and plan.is_locked and plan.date >= today,
        "may_delete": is_owner and plan.status == PlanStatus.DRAFT and not events,
        "purposes": dict(ActivityPurpose.choices),
        "refusal": refusal,
        "fragment": fragment,
        **{f"{name}_form": form for name, form in forms.items()},
    }
    template = "activities/_plan_page.html" if fragment else "activities/plan_detail.html"
    return render(request, template, context, status=status)


def _perform(
    request: HtmxHttpRequest, pk: int, form: Form, *, form_key: str, action: Action
) -> HttpResponse:
    """Run `action` (a service call answering the success message) on the valid form, then show
    the refreshed plan, or the page with what went wrong."""
    plan = _plan(request, pk)

    def again(status: int, refusal: str = "") -> HttpResponse:
        return render_plan(
            request, _plan(request, pk), forms={form_key: form}, refusal=refusal, status=status
        )

    if not form.is_valid():
        return again(400)
    try:
        message = action({**form.cleaned_data, "plan": plan})
    except (Refused, NotAllowed) as refused:
        return render_plan(
            request, _plan(request, pk), refusal=str(refused), status=refusal_status(refused)
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return again(400)
    messages.success(request, message)
    target = next_url(request)
    if target:
        return redirect(target)
    if request.htmx:
        return render_plan(request, _plan(request, pk))
    return redirect("loop:plan", pk)


@login_required
@require_POST
def plan_area(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def action(data: dict[str, Any]) -> str:
        services.visit_plan_update(
            plan=data["plan"],
            acting_user=request.user,
            area=data["area"],
            expected_version=data["version"],
        )
        return _("Area saved.")

    return _perform(request, pk, PlanAreaForm(request.POST), form_key="area", action=action)


@login_required
@require_POST
def plan_visit_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = VisitForm(request.POST, plan=plan)

    def action(data: dict[str, Any]) -> str:
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

    return _perform(request, pk, form, form_key="visit", action=action)


@login_required
@require_POST
def plan_visit_remove(request: HtmxHttpRequest, pk: int, visit_pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    visit = next((v for v in plan.visits.all() if v.pk == visit_pk), None)
    if visit is None:
        raise Http404("No such visit on this plan")

    def action(data: dict[str, Any]) -> str:
        services.planned_visit_remove(
            plan=data["plan"],
            visit=visit,
            acting_user=request.user,
            expected_version=data["version"],
        )
        return _("Visit to %(account)s removed.") % {"account": visit.account.name}

    return _perform(request, pk, VersionForm(request.POST), form_key="remove", action=action)


@login_required
@require_POST
def plan_submit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def action(data: dict[str, Any]) -> str:
        plan = services.visit_plan_submit(
            plan=data["plan"], acting_user=request.user, expected_version=data["version"]
        )
        if plan.owner.supervisor is None:
            return _("Plan submitted. You have no supervisor: a director approves it.")
        return _("Plan submitted to %(supervisor)s.") % {"supervisor": plan.owner.supervisor}

    return _perform(request, pk, VersionForm(request.POST), form_key="submit", action=action)


@login_required
@require_POST
def plan_reopen(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def action(data: dict[str, Any]) -> str:
        services.visit_plan_reopen(
            plan=data["plan"], acting_user=request.user, expected_version=data["version"]
        )
        return _("Plan reopened. Change it, then submit it again for approval.")

    return _perform(request, pk, VersionForm(request.POST), form_key="reopen", action=action)


@login_required
@require_POST
def plan_approve(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def action(data: dict[str, Any]) -> str:
        plan = services.visit_plan_approve(
            plan=data["plan"],
            acting_user=request.user,
            comment=data["comment"],
            expected_version=data["version"],
        )
        return _("%(rep)s's plan for %(date)s approved.") % {"rep": plan.owner, "date": plan.date}

    return _perform(request, pk, ApproveForm(request.POST), form_key="approve", action=action)


@login_required
@require_POST
def plan_return(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def action(data: dict[str, Any]) -> str:
        plan = services.visit_plan_return(
            plan=data["plan"],
            acting_user=request.user,
            comment=data["comment"],
            expected_version=data["version"],
        )
        return _("%(rep)s's plan for %(date)s returned.") % {"rep": plan.owner, "date": plan.date}

    return _perform(request, pk, ReturnForm(request.POST), form_key="return", action=action)


@login_required
@require_POST
def plan_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    try:
        services.visit_plan_delete(plan=plan, acting_user=request.user)
    except (Refused, NotAllowed) as refused:
        return render_plan(request, plan, refusal=str(refused), status=refusal_status(refused))
    messages.success(request, _("Plan for %(date)s deleted.") % {"date": plan.date})
    return redirect("loop:my_day")
