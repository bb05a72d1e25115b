"""Activity screens: the list, the fast logging form (with the objection playbook beside it while
logging a call), the activity page, editing and deleting."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.forms_activities import (
    ActivityFilterForm,
    ActivityForm,
    add_service_errors,
)
from salesflow.activities.models import Activity, ActivityKind
from salesflow.activities.selectors.activities import (
    activity_can_change,
    activity_get_editable,
    activity_get_visible,
    activity_search,
    objections_active,
)
from salesflow.activities.services import activities as services
from salesflow.core.history import field_label, history_for
from salesflow.core.http import HtmxHttpRequest
from salesflow.pipeline.selectors import opportunity_list_visible

HISTORY_ROWS = 30


def _wants_fragment(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


# --- the list ----------------------------------------------------------------------------------


@login_required
@vary_on_headers("HX-Request")
def activity_list(request: HtmxHttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET, user=request.user)
    search = form.search_arguments()
    activities = activity_search(request.user, **search)
    page_obj = Paginator(activities, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    account = None
    if search["account"]:
        account = account_list_visible(request.user).filter(pk=search["account"]).first()
    context = {
        "form": form,
        "page_obj": page_obj,
        "activities": page_obj.object_list,
        "is_filtered": form.is_filtered,
        "account": account,
    }
    if _wants_fragment(request):
        return render(request, "activities/_activity_results.html", context)
    return render(request, "activities/activity_list.html", context)


# --- logging and editing -----------------------------------------------------------------------


def _preselected(request: HttpRequest) -> dict[str, Any]:
    """Account and opportunity from the query string, when the user sees them."""
    initial: dict[str, Any] = {}
    opportunity_id = request.GET.get("opportunity", "")
    if opportunity_id.isdigit():
        found = (
            opportunity_list_visible(request.user)
            .filter(pk=int(opportunity_id))
            .values("pk", "account_id")
            .first()
        )
        if found:
            initial.update(opportunity=found["pk"], account=found["account_id"])
    account_id = request.GET.get("account", "")
    if (
        "account" not in initial
        and account_id.isdigit()
        and account_list_visible(request.user).filter(pk=int(account_id)).exists()
    ):
        initial["account"] = int(account_id)
    if request.GET.get("kind") in ActivityKind.values:
        initial["kind"] = request.GET["kind"]
    return initial


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    initial = _preselected(request)
    form = ActivityForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_log(acting_user=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(kind)s with %(account)s logged.")
                % {"kind": activity.get_kind_display(), "account": activity.account.name},
            )
            return redirect(_next_url(request) or reverse("activities:list"))
    return _render_form(request, form, activity=None)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_get_editable(request.user, pk)
    form = ActivityForm(request.POST or None, user=request.user, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=activity, acting_user=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Activity saved."))
            return redirect(_next_url(request) or reverse("activities:detail", args=[pk]))
    return _render_form(request, form, activity=activity)


def _render_form(request: HttpRequest, form: ActivityForm, *, activity: Any) -> HttpResponse:
    met, overcome = form.selected()
    context = {
        "form": form,
        "activity": activity,
        "objections": form.objections,
        "met": met,
        "overcome": overcome,
        "hidden_met": set(),
        "next": _next_url(request),
        "playbook_open": form.is_call or bool(met),
    }
    return render(
        request, "activities/activity_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def account_fields(request: HttpRequest) -> HttpResponse:
    """The opportunity and contact pickers for the account just chosen (htmx)."""
    form = ActivityForm(request.GET, user=request.user)
    return render(request, "activities/_activity_account_fields.html", {"form": form})


@login_required
@require_GET
def objection_panel(request: HttpRequest) -> HttpResponse:
    """The playbook narrowed by a search, keeping what was ticked (also for objections the search
    hides, as hidden inputs) so the search never loses the rep's answers (htmx)."""
    q = request.GET.get("q", "").strip()
    met = {int(v) for v in request.GET.getlist("met") if v.isdigit()}
    overcome = {int(v) for v in request.GET.getlist("overcome") if v.isdigit()}
    shown = list(objections_active(q=q))
    shown_ids = {o.pk for o in shown}
    context = {
        "objections": shown,
        "met": met | overcome,
        "overcome": overcome,
        "hidden_met": (met | overcome) - shown_ids,
        "hidden_overcome": overcome - shown_ids,
        "q": q,
    }
    return render(request, "activities/_activity_objections.html", context)


# --- one activity ------------------------------------------------------------------------------


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_get_visible(request.user, pk)
    rows = list(history_for(activity)[:HISTORY_ROWS])
    for row in rows:
        row.label = capfirst(field_label(Activity, row.field))  # type: ignore[attr-defined]
    context = {
        "activity": activity,
        "objections_met": list(activity.objections_met.all()),
        "can_change": activity_can_change(request.user, activity),
        "history": rows,
    }
    return render(request, "activities/activity_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_get_editable(request.user, pk)
    if request.method == "POST":
        account_id = activity.account_id
        services.activity_delete(activity=activity, acting_user=request.user)
        messages.success(request, _("Activity deleted."))
        return redirect(f"{reverse('activities:list')}?account={account_id}")
    return render(request, "activities/activity_delete.html", {"activity": activity})
