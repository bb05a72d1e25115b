"""Opportunity screens: the searchable list, the create and edit forms, and the opportunity page
(assembled in opportunity_page; its actions live in opportunity_actions)."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import DecimalField, ExpressionWrapper, F, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from salesflow.accounts.selectors import account_list_visible
from salesflow.core.http import AuthedHttpRequest
from salesflow.pipeline import services
from salesflow.pipeline.forms import OpportunityFilterForm, OpportunityForm, add_service_errors
from salesflow.pipeline.models import Opportunity
from salesflow.pipeline.selectors import (
    opportunity_get_detailed,
    opportunity_search,
    with_deal_contacts,
)
from salesflow.pipeline.views.opportunity_page import HtmxHttpRequest, open_warnings, render_page

# --- the list ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    opportunity: Opportunity
    warnings: list[str]


def _totals(opportunities: Any) -> dict[str, Any]:
    weighted = ExpressionWrapper(
        F("amount") * F("stage__probability") / 100,
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )
    return opportunities.order_by().aggregate(total=Sum("amount"), weighted_total=Sum(weighted))


@login_required
@vary_on_headers("HX-Request")
def opportunity_list(request: HtmxHttpRequest) -> HttpResponse:
    form = OpportunityFilterForm(request.GET, user=request.user)
    opportunities = opportunity_search(request.user, **form.search_arguments())
    page_obj = Paginator(with_deal_contacts(opportunities), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page_obj": page_obj,
        "rows": [Row(o, [w.message for w in open_warnings(o)]) for o in page_obj.object_list],
        "totals": _totals(opportunities) if page_obj.paginator.count else None,
        "is_filtered": form.is_filtered,
    }
    # A history restore after a cache miss needs the whole page, not the fragment.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "pipeline/_opportunity_results.html", context)
    return render(request, "pipeline/opportunity_list.html", context)


# --- create and edit -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request: AuthedHttpRequest) -> HttpResponse:
    preselected = _visible_account_id(request, request.GET.get("account"))
    form = OpportunityForm(
        request.POST or None, user=request.user, initial={"account": preselected}
    )
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(
                acting_user=request.user,
                process=form.cleaned_data["process"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Opportunity “%(name)s” created.") % {"name": opportunity.name}
            )
            return redirect(opportunity)
    return render(
        request,
        "pipeline/opportunity_form.html",
        {"form": form, "opportunity": None, "account_id": preselected},
        status=400 if form.errors else 200,
    )


def _visible_account_id(request: AuthedHttpRequest, raw: str | None) -> int | None:
    if not raw or not raw.isdigit():
        return None
    found = account_list_visible(request.user).filter(pk=int(raw)).values_list("pk", flat=True)
    return next(iter(found), None)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)
    form = OpportunityForm(request.POST or None, user=request.user, opportunity=opportunity)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_update(
                opportunity=opportunity,
                acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except services.StaleOpportunity as stale:
            messages.error(request, str(stale))
            opportunity = opportunity_get_detailed(request.user, pk)
            form = OpportunityForm(user=request.user, opportunity=opportunity)
            status = 409
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Opportunity “%(name)s” saved.") % {"name": opportunity.name}
            )
            return redirect(opportunity)
    if form.errors:
        status = 400
    return render(
        request,
        "pipeline/opportunity_form.html",
        {"form": form, "opportunity": opportunity, "account_id": opportunity.account_id},
        status=status,
    )


# --- the opportunity page ------------------------------------------------------------------------


@login_required
def opportunity_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return render_page(request, opportunity_get_detailed(request.user, pk))
