"""What a user does on the opportunity page: tick milestones, qualify, advance, move back, skip a
gate, close, and keep the deal's buying centre, competitors and product lines.

Each action parses its form, calls one service with the version the user saw, and answers with the
refreshed page (the #opportunity fragment for htmx; a redirect otherwise). A refused move shows
each blocker; a stale version shows a clear message and the page as it is now."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from salesflow.pipeline import services
from salesflow.pipeline.forms import (
    CloseForm,
    CompetitorForm,
    DealContactForm,
    LineForm,
    MilestoneForm,
    MoveBackForm,
    QualificationForm,
    SkipGateForm,
    VersionForm,
    add_service_errors,
)
from salesflow.pipeline.gates import Blocker
from salesflow.pipeline.models import Opportunity, Status
from salesflow.pipeline.selectors import milestones_of, opportunity_get_detailed
from salesflow.pipeline.views.opportunity_page import HtmxHttpRequest, render_page

Action = Callable[[dict[str, Any]], str]
CLOSED_MESSAGES = {
    Status.WON: gettext_lazy("Closed as won. Congratulations!"),
    Status.LOST: gettext_lazy("Closed as lost."),
    Status.ABANDONED: gettext_lazy("Closed as abandoned."),
}


def _perform(
    request: HtmxHttpRequest,
    opportunity: Opportunity,
    form: Form,
    *,
    form_key: str,
    panel: str,
    action: Action,
) -> HttpResponse:
    """Run `action` (a service call that returns the success message) on the valid form, and
    answer with the refreshed page, showing whatever went wrong where it belongs."""

    def again(status: int, **extra: Any) -> HttpResponse:
        fresh = opportunity_get_detailed(request.user, opportunity.pk)
        return render_page(
            request, fresh, forms={form_key: form}, open_panel=panel, status=status, **extra
        )

    if not form.is_valid():
        return again(400)
    try:
        message = action(form.cleaned_data)
    except services.StaleOpportunity as stale:
        messages.error(request, str(stale))
        fresh = opportunity_get_detailed(request.user, opportunity.pk)
        return render_page(request, fresh, status=409)
    except services.GateClosed as closed:
        return again(409, blockers=closed.blockers)
    except ValidationError as error:
        add_service_errors(form, error)
        return again(400)
    messages.success(request, message)
    if request.htmx:
        return render_page(request, opportunity_get_detailed(request.user, opportunity.pk))
    return redirect(f"{opportunity.get_absolute_url()}#{panel}")


def _stage_label(opportunity: Opportunity) -> dict[str, Any]:
    return {"number": opportunity.stage.number, "name": opportunity.stage.name}


# --- milestones and qualification ----------------------------------------------------------------


@login_required
@require_POST
def milestone_set(request: HtmxHttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)
    milestone = milestones_of(opportunity.stage).filter(pk=milestone_pk).first()
    if milestone is None:
        raise Http404("No such milestone in the current stage")

    def action(data: dict[str, Any]) -> str:
        services.milestone_set(
            opportunity=opportunity,
            milestone=milestone,
            done=data["done"],
            evidence=data["evidence"],
            acting_user=request.user,
            expected_version=data["version"],
        )
        template = _("“%(milestone)s” ticked.") if data["done"] else _("“%(milestone)s” unticked.")
        return template % {"milestone": milestone.text}

    form = MilestoneForm(request.POST)
    return _perform(
        request, opportunity, form, form_key="milestone", panel="milestones", action=action
    )


@login_required
@require_POST
def qualification_set(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)

    def action(data: dict[str, Any]) -> str:
        form_answers = {k: v for k, v in data.items() if k != "version"}
        saved = services.qualification_set(
            opportunity=opportunity,
            acting_user=request.user,
            expected_version=data["version"],
            **form_answers,
        )
        return _("Qualification saved: %(score)s/10, %(answered)s of 5 answered.") % {
            "score": saved.qualification_score,
            "answered": saved.qualification_answered,
        }

    form = QualificationForm(request.POST)
    return _perform(
        request,
        opportunity,
        form,
        form_key="qualification",
        panel="qualification",
        action=action,
    )


# --- moving through the stages -------------------------------------------------------------------


@login_required
@require_POST
def advance(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)

    def action(data: dict[str, Any]) -> str:
        moved = services.opportunity_advance(
            opportunity=opportunity, acting_user=request.user, expected_version=data["version"]
        )
        return _("Advanced to stage %(number)s (%(name)s).") % _stage_label(moved)

    return _perform(
        request,
        opportunity,
        VersionForm(request.POST),
        form_key="advance",
        panel="stage-actions",
        action=action,
    )


@login_required
@require_POST
def move_back(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)

    def action(data: dict[str, Any]) -> str:
        moved = services.opportunity_move_back(
            opportunity=opportunity,
            acting_user=request.user,
            to_stage=data["to_stage"],
            reason=data["reason"],
            expected_version=data["version"],
        )
        return _("Moved back to stage %(number)s (%(name)s).") % _stage_label(moved)

    form = MoveBackForm(request.POST, opportunity=opportunity)
    return _perform(
        request, opportunity, form, form_key="move_back", panel="move-back", action=action
    )


@login_required
@require_POST
def skip_gate(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)
    if not services.may_skip_gates(request.user, opportunity):
        # Not offered to this user on the page; the service would refuse it too.
        message = _("Only the owner's manager or a director may skip a gate.")
        return render_page(
            request, opportunity, blockers=[Blocker("not_allowed", message)], status=403
        )

    def action(data: dict[str, Any]) -> str:
        moved = services.opportunity_skip_gate(
            opportunity=opportunity,
            acting_user=request.user,
            reason=data["reason"],
            expected_version=data["version"],
        )
        return _("Gate skipped: the deal is now in stage %(number)s (%(name)s).") % _stage_label(
            moved
        )

    form = SkipGateForm(request.POST)
    return _perform(
        request, opportunity, form, form_key="skip_gate", panel="skip-gate", action=action
    )


@login_required
@require_POST
def close(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)

    def action(data: dict[str, Any]) -> str:
        closed = services.opportunity_close(
            opportunity=opportunity,
            acting_user=request.user,
            result=data["result"],
            reason=data["reason"],
            won_by=data["won_by"],
            expected_version=data["version"],
        )
        return str(CLOSED_MESSAGES[Status(closed.status)])

    form = CloseForm(request.POST, can_win=True)
    return _perform(request, opportunity, form, form_key="close", panel="close", action=action)


# --- the deal's buying centre, competitors and product lines ------------------------------------


@login_required
@require_POST
def person_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)

    def action(data: dict[str, Any]) -> str:
        person = services.deal_contact_set(
            opportunity=opportunity,
            contact=data["contact"],
            decision_role=data["decision_role"],
            is_key_person=data["is_key_person"],
            acting_user=request.user,
            expected_version=data["version"],
        )
        return _("%(name)s is in the deal's buying centre.") % {"name": person.contact.name}

    form = DealContactForm(request.POST, user=request.user, opportunity=opportunity)
    return _perform(request, opportunity, form, form_key="person", panel="people", action=action)


@login_required
@require_POST
def person_remove(request: HtmxHttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)
    person = next((p for p in opportunity.deal_contacts.all() if p.contact_id == contact_pk), None)
    if person is None:
        raise Http404("No such person in the deal")

    def action(data: dict[str, Any]) -> str:
        services.deal_contact_remove(
            opportunity=opportunity,
            contact=person.contact,
            acting_user=request.user,
            expected_version=data["version"],
        )
        return _("%(name)s left the deal's buying centre.") % {"name": person.contact.name}

    form = VersionForm(request.POST)
    return _perform(request, opportunity, form, form_key="remove", panel="people", action=action)


@login_required
@require_POST
def competitor_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)

    def action(data: dict[str, Any]) -> str:
        competitor = services.competitor_add(
            opportunity=opportunity,
            acting_user=request.user,
            name=data["name"],
            strength=data["strength"],
            notes=data["notes"],
            expected_version=data["version"],
        )
        return _("Competitor %(name)s added.") % {"name": competitor.name}

    form = CompetitorForm(request.POST)
    return _perform(
        request, opportunity, form, form_key="competitor", panel="competitors", action=action
    )


@login_required
@require_POST
def competitor_remove(request: HtmxHttpRequest, pk: int, competitor_pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)
    competitor = next((c for c in opportunity.competitors.all() if c.pk == competitor_pk), None)
    if competitor is None:
        raise Http404("No such competitor")

    def action(data: dict[str, Any]) -> str:
        services.competitor_remove(
            competitor=competitor, acting_user=request.user, expected_version=data["version"]
        )
        return _("Competitor %(name)s removed.") % {"name": competitor.name}

    form = VersionForm(request.POST)
    return _perform(
        request, opportunity, form, form_key="remove", panel="competitors", action=action
    )


@login_required
@require_POST
def line_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)

    def action(data: dict[str, Any]) -> str:
        line = services.line_add(
            opportunity=opportunity,
            acting_user=request.user,
            product=data["product"],
            quantity=data["quantity"],
            unit_price=data["unit_price"],
            expected_version=data["version"],
        )
        return _("Product line %(product)s added.") % {"product": line.product.name}

    form = LineForm(request.POST)
    return _perform(request, opportunity, form, form_key="line", panel="lines", action=action)


@login_required
@require_POST
def line_remove(request: HtmxHttpRequest, pk: int, line_pk: int) -> HttpResponse:
    opportunity = opportunity_get_detailed(request.user, pk)
    line = next((li for li in opportunity.lines.all() if li.pk == line_pk), None)
    if line is None:
        raise Http404("No such product line")

    def action(data: dict[str, Any]) -> str:
        services.line_remove(line=line, acting_user=request.user, expected_version=data["version"])
        return _("Product line %(product)s removed.") % {"product": line.product.name}

    form = VersionForm(request.POST)
    return _perform(request, opportunity, form, form_key="remove", panel="lines", action=action)
