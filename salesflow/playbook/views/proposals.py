"""The proposal outline of one opportunity: pick the benefits that answer this customer's needs
(the opportunity's own products first, then any product), then print the outline: for each
benefit, the need → feature → advantage → benefit, grouped by kind of benefit."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from salesflow.pipeline.models import Opportunity
from salesflow.pipeline.selectors import opportunity_get_visible
from salesflow.playbook import services
from salesflow.playbook.forms import BenefitSearchForm, CustomerNeedForm, ProposalBenefitForm
from salesflow.playbook.selectors import (
    opportunity_product_names,
    proposal_candidates_from_lines,
    proposal_candidates_other,
    proposal_get,
    proposal_need_suggestions,
    proposal_outline,
)
from salesflow.playbook.views.common import HtmxHttpRequest, wants_fragment


def _proposal_url(opportunity: Opportunity, anchor: str = "") -> str:
    url = reverse("playbook:proposal", args=[opportunity.pk])
    return f"{url}#{anchor}" if anchor else url


def _other_context(request: HtmxHttpRequest, opportunity: Opportunity) -> dict[str, Any]:
    search_form = BenefitSearchForm(request.GET)
    search = search_form.search_arguments()
    page_obj = Paginator(
        proposal_candidates_other(opportunity, **search), settings.PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return {
        "search_form": search_form,
        "page_obj": page_obj,
        "other_benefits": page_obj.object_list,
        "is_filtered": bool(search["q"] or search["kind"]),
    }


def _render_proposal(
    request: HtmxHttpRequest,
    opportunity: Opportunity,
    *,
    failed: ProposalBenefitForm | CustomerNeedForm | None = None,
    failed_id: int | None = None,
) -> HttpResponse:
    """The page; `failed` is the form that was refused, shown with its errors in its row
    (`failed_id` is the benefit it tried to add or the outline row it tried to change)."""
    outline = proposal_outline(opportunity)
    for group in outline:
        for row in group.items:
            row.need_form = (  # type: ignore[attr-defined]
                failed
                if isinstance(failed, CustomerNeedForm) and failed_id == row.pk
                else CustomerNeedForm(
                    initial={"customer_need": row.customer_need}, auto_id=f"id_need_{row.pk}_%s"
                )
            )
    context = {
        "opportunity": opportunity,
        "can_edit": not opportunity.is_closed,
        "outline": outline,
        "picked_count": sum(len(group.items) for group in outline),
        "line_benefits": proposal_candidates_from_lines(opportunity),
        "product_names": opportunity_product_names(opportunity),
        "need_suggestions": proposal_need_suggestions(opportunity),
        "pick_error": failed if isinstance(failed, ProposalBenefitForm) else None,
        "pick_error_id": failed_id,
        **_other_context(request, opportunity),
    }
    return render(request, "playbook/proposal.html", context, status=400 if failed else 200)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def proposal(request: HtmxHttpRequest, opportunity_pk: int) -> HttpResponse:
    opportunity = opportunity_get_visible(request.user, opportunity_pk)
    if wants_fragment(request):
        context = {
            "opportunity": opportunity,
            "can_edit": not opportunity.is_closed,
            **_other_context(request, opportunity),
        }
        return render(request, "playbook/_other_benefits.html", context)
    return _render_proposal(request, opportunity)


@login_required
@require_POST
def proposal_benefit_add(request: HtmxHttpRequest, opportunity_pk: int) -> HttpResponse:
    opportunity = opportunity_get_visible(request.user, opportunity_pk)
    form = ProposalBenefitForm(request.POST)
    if not form.is_valid():
        return _render_proposal(request, opportunity, failed=form)
    benefit = form.cleaned_data["benefit"]
    try:
        services.proposal_benefit_add(
            opportunity=opportunity,
            benefit=benefit,
            customer_need=form.cleaned_data["customer_need"],
            acting_user=request.user,
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _render_proposal(request, opportunity, failed=form, failed_id=benefit.pk)
    messages.success(request, _("“%(benefit)s” is in the outline.") % {"benefit": benefit})
    return redirect(_proposal_url(opportunity))


@login_required
@require_POST
def proposal_benefit_update(request: HtmxHttpRequest, opportunity_pk: int, pk: int) -> HttpResponse:
    opportunity = opportunity_get_visible(request.user, opportunity_pk)
    row = proposal_get(opportunity, pk)
    form = CustomerNeedForm(request.POST, auto_id=f"id_need_{row.pk}_%s")
    if not form.is_valid():
        return _render_proposal(request, opportunity, failed=form, failed_id=row.pk)
    try:
        services.proposal_benefit_update(
            proposal_benefit=row,
            customer_need=form.cleaned_data["customer_need"],
            acting_user=request.user,
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _render_proposal(request, opportunity, failed=form, failed_id=row.pk)
    messages.success(request, _("Need saved."))
    return redirect(_proposal_url(opportunity, f"outline-{row.pk}"))


@login_required
@require_POST
def proposal_benefit_remove(request: HtmxHttpRequest, opportunity_pk: int, pk: int) -> HttpResponse:
    opportunity = opportunity_get_visible(request.user, opportunity_pk)
    row = proposal_get(opportunity, pk)
    try:
        services.proposal_benefit_remove(proposal_benefit=row, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(benefit)s” left the outline.") % {"benefit": row.benefit})
    return redirect(_proposal_url(opportunity))


@login_required
@require_GET
def proposal_print(request: HtmxHttpRequest, opportunity_pk: int) -> HttpResponse:
    opportunity = opportunity_get_visible(request.user, opportunity_pk)
    context = {
        "opportunity": opportunity,
        "outline": proposal_outline(opportunity),
        "product_names": opportunity_product_names(opportunity),
        "today": timezone.localdate(),
    }
    return render(request, "playbook/proposal_print.html", context)


def _add_errors(form: ProposalBenefitForm | CustomerNeedForm, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
