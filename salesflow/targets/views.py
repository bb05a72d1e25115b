"""Target pages: the tree of a period, setting and breaking down targets, a target's page with
its change, and progress in the rhythm of each role. Payments are in views_payments."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from salesflow.core.http import AuthedHttpRequest
from salesflow.org.visibility import sees_everything
from salesflow.pipeline.forms import add_service_errors
from salesflow.reports.exports import export_response, requested_format
from salesflow.targets import exports, services
from salesflow.targets.forms import TargetAmountForm, TargetForm, TreeFilterForm
from salesflow.targets.models import Metric, Target
from salesflow.targets.progress import (
    RHYTHMS,
    default_rhythm,
    periods_around,
    progress_of_targets,
    rhythm_holders,
    rhythm_sections,
)
from salesflow.targets.selectors import target_changes, target_get_visible, with_allocation
from salesflow.targets.tree import may_break_down, target_tree


def tree_url(target: Target) -> str:
    """The tree of the target's year, on its metric and product, scrolled to the target."""
    query = {"period": str(target.period_start.year), "metric": target.metric}
    if target.product_id:
        query["product"] = str(target.product_id)
    return f"{reverse('targets:tree')}?{urlencode(query)}#target-{target.pk}"


@login_required
def tree(request: AuthedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = TreeFilterForm(request.GET)
    chosen = form.chosen(today)
    roots = target_tree(request.user, today=today, **chosen)
    fmt = requested_format(request)
    if fmt:
        return export_response(fmt=fmt, **exports.tree_export(roots, chosen["period"]))
    context = {
        "form": form,
        "roots": roots,
        "period": chosen["period"],
        "metric": chosen["metric"],
        "metric_label": Metric(chosen["metric"]).label,
        "product": chosen["product"],
        "metrics": Metric.choices,
        "may_set_top": sees_everything(request.user),
        "today": today,
    }
    return render(request, "targets/tree.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def target_create(request: AuthedHttpRequest) -> HttpResponse:
    raw_parent = request.POST.get("parent") or request.GET.get("parent")
    parent = target_get_visible(request.user, raw_parent) if raw_parent else None
    initial = _initial(request, parent)
    form = TargetForm(request.POST or None, user=request.user, parent=parent, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_create(acting_user=request.user, **form.service_fields())
        except services.NotAllowed as refused:
            form.add_error(None, str(refused))
            status = 403
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Target set: %(target)s, %(amount)s.")
                % {"target": target, "amount": services.amount_text(target)},
            )
            return redirect(tree_url(target))
    if form.errors and status == 200:
        status = 400
    context = {
        "form": form,
        "parent": parent,
        "parent_may_break_down": parent is None or may_break_down(request.user, parent),
        "parent_unallocated": None if parent is None else parent.amount - parent.allocated,  # type: ignore[attr-defined]
    }
    return render(request, "targets/target_form.html", context, status=status)


def _initial(request: AuthedHttpRequest, parent: Target | None) -> dict[str, Any]:
    if parent is not None:
        unallocated = parent.amount - parent.allocated  # type: ignore[attr-defined]
        return {"period": parent.period, "amount": max(unallocated, 0)}
    return {
        "period": request.GET.get("period") or str(timezone.localdate().year + 1),
        "metric": request.GET.get("metric") or Metric.REVENUE,
    }


@login_required
@require_http_methods(["GET", "POST"])
def target_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    target = target_get_visible(request.user, pk)
    form = TargetAmountForm(request.POST or None, initial={"amount": target.amount})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_update(
                target=target,
                acting_user=request.user,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
            )
        except services.NotAllowed as refused:
            form.add_error(None, str(refused))
            status = 403
        except services.Refused as refused:
            form.add_error(None, str(refused))
            status = 409
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Target changed to %(amount)s.") % {"amount": services.amount_text(target)},
            )
            return redirect(tree_url(target))
    if form.errors and status == 200:
        status = 400
    return render(
        request, "targets/target_detail.html", _detail(request, target, form), status=status
    )


def _detail(request: AuthedHttpRequest, target: Target, form: Any) -> dict[str, Any]:
    today = timezone.localdate()
    parts = list(with_allocation(target.parts.select_related("region", "team", "user", "dealer")))
    progress = progress_of_targets([target, *parts], today)
    locked = services.is_locked(target, today)
    may_change = services.may_change_target(request.user, target)
    return {
        "target": target,
        "progress": progress[target.pk],
        "parts": [(part, progress[part.pk]) for part in parts],
        "changes": target_changes(target),
        "form": form,
        "unallocated": target.amount - target.allocated,  # type: ignore[attr-defined]
        "locked": locked,
        "may_change": may_change and (not locked or sees_everything(request.user)),
        "may_delete": may_change and not locked and not parts,
        "may_break_down": may_break_down(request.user, target),
        "tree_url": tree_url(target),
    }


@login_required
@require_POST
def target_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    target = target_get_visible(request.user, pk)
    back = tree_url(target).split("#", 1)[0]
    try:
        services.target_delete(target=target, acting_user=request.user)
    except (services.NotAllowed, services.Refused) as refused:
        messages.error(request, str(refused))
        return redirect("targets:detail", pk=target.pk)
    messages.success(request, _("Target deleted: %(target)s.") % {"target": target})
    return redirect(back)


@login_required
def progress(request: AuthedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rhythm = request.GET.get("view") or default_rhythm(request.user)
    if rhythm not in dict(RHYTHMS):
        rhythm = default_rhythm(request.user)
    sections = rhythm_sections(
        request.user,
        holders=rhythm_holders(request.user, rhythm),
        periods=periods_around(today, rhythm),
        today=today,
    )
    fmt = requested_format(request)
    if fmt:
        return export_response(fmt=fmt, **exports.progress_export(sections, rhythm))
    context = {"sections": sections, "rhythm": rhythm, "rhythms": RHYTHMS, "today": today}
    return render(request, "targets/progress.html", context)
