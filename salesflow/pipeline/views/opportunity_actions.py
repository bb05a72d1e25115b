"""What a user does on the opportunity page: tick milestones, qualify, advance, move back, skip a
gate, close, and keep the deal's buying centre, competitors and product lines.

Each action parses its form, calls one service with the version the user saw, and answers with the
refreshed page (the #opportunity fragment for htmx; a redirect otherwise). A refused move shows
each blocker; a stale version shows a clear message and the page as it is now."""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar, overload

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
from salesflow.pipeline.models import (
    Competitor,
    Opportunity,
    OpportunityContact,
    OpportunityLine,
    Status,
)
from salesflow.pipeline.selectors import milestones_of, opportunity_get_detailed
from salesflow.pipeline.views.opportunity_page import HtmxHttpRequest, render_page
from salesflow.playbook.models import Milestone

CLOSED_MESSAGES = {
    Status.WON: gettext_lazy("Closed as won. Congratulations!"),
    Status.LOST: gettext_lazy("Closed as lost."),
    Status.ABANDONED: gettext_lazy("Closed as abandoned."),
}

# --- the shape every action shares ---------------------------------------------------------------

Data = dict[str, Any]  # the valid form's cleaned_data
Item = TypeVar("Item")
ItemPk = ParamSpec("ItemPk")
Action = Callable[[HtmxHttpRequest, Opportunity, Data], str]
ItemAction = Callable[[HtmxHttpRequest, Opportunity, Data, Item], str]
FormKwargs = Callable[[HtmxHttpRequest, Opportunity], dict[str, Any]]
Guard = Callable[[HtmxHttpRequest, Opportunity], HttpResponse | None]


@overload
def opportunity_action(
    *,
    form_key: str,
    panel: str,
    form: type[Form] = ...,
    form_kwargs: FormKwargs | None = ...,
    guard: Guard | None = ...,
) -> Callable[[Action], Callable[[HtmxHttpRequest, int], HttpResponse]]: ...


@overload
def opportunity_action(
    *,
    form_key: str,
    panel: str,
    find: Callable[Concatenate[Opportunity, ItemPk], Item],
    form: type[Form] = ...,
    form_kwargs: FormKwargs | None = ...,
    guard: Guard | None = ...,
) -> Callable[
    [ItemAction[Item]], Callable[Concatenate[HtmxHttpRequest, int, ItemPk], HttpResponse]
]: ...


def opportunity_action(
    *,
    form_key: str,
    panel: str,
    find: Callable[..., Any] | None = None,
    form: type[Form] = VersionForm,
    form_kwargs: FormKwargs | None = None,
    guard: Guard | None = None,
) -> Callable[[Callable[..., str]], Callable[..., HttpResponse]]:
    """Make the POST view of one action from what is particular to it: `action` calls the service
    with the valid form's data and returns the success message.

    The view fetches the opportunity the user sees (404 otherwise), then the part of it the URL
    names with `find` (which takes the URL's other arguments and raises 404), lets `guard` answer
    instead when the user may not act, binds `form` (with `form_kwargs`) and answers as `_perform`
    does. `form_key` is the form's name on the page, `panel` the part of the page it sits in."""

    def decorate(action: Callable[..., str]) -> Callable[..., HttpResponse]:
        @login_required
        @require_POST
        @wraps(action)
        def view(request: HtmxHttpRequest, pk: int, **item_pk: int) -> HttpResponse:
            opportunity = opportunity_get_detailed(request.user, pk)
            items = [] if find is None else [find(opportunity, **item_pk)]
            refusal = None if guard is None else guard(request, opportunity)
            if refusal is not None:
                return refusal
            extra = {} if form_kwargs is None else form_kwargs(request, opportunity)
            return _perform(
                request,
                opportunity,
                form(request.POST, **extra),
                form_key=form_key,
                panel=panel,
                action=lambda data: action(request, opportunity, data, *items),
            )

        return view

    return decorate


def _perform(
    request: HtmxHttpRequest,
    opportunity: Opportunity,
    form: Form,
    *,
    form_key: str,
    panel: str,
    action: Callable[[Data], str],
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


def _milestone_in_stage(opportunity: Opportunity, milestone_pk: int) -> Milestone:
    milestone = milestones_of(opportunity.stage).filter(pk=milestone_pk).first()
    if milestone is None:
        raise Http404("No such milestone in the current stage")
    return milestone


@opportunity_action(
    form_key="milestone", panel="milestones", form=MilestoneForm, find=_milestone_in_stage
)
def milestone_set(
    request: HtmxHttpRequest, opportunity: Opportunity, data: Data, milestone: Milestone
) -> str:
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


@opportunity_action(form_key="qualification", panel="qualification", form=QualificationForm)
def qualification_set(request: HtmxHttpRequest, opportunity: Opportunity, data: Data) -> str:
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


# --- moving through the stages -------------------------------------------------------------------


@opportunity_action(form_key="advance", panel="stage-actions")
def advance(request: HtmxHttpRequest, opportunity: Opportunity, data: Data) -> str:
    moved = services.opportunity_advance(
        opportunity=opportunity, acting_user=request.user, expected_version=data["version"]
    )
    return _("Advanced to stage %(number)s (%(name)s).") % _stage_label(moved)


@opportunity_action(
    form_key="move_back",
    panel="move-back",
    form=MoveBackForm,
    form_kwargs=lambda request, opportunity: {"opportunity": opportunity},
)
def move_back(request: HtmxHttpRequest, opportunity: Opportunity, data: Data) -> str:
    moved = services.opportunity_move_back(
        opportunity=opportunity,
        acting_user=request.user,
        to_stage=data["to_stage"],
        reason=data["reason"],
        expected_version=data["version"],
    )
    return _("Moved back to stage %(number)s (%(name)s).") % _stage_label(moved)


def _unless_may_skip_gates(
    request: HtmxHttpRequest, opportunity: Opportunity
) -> HttpResponse | None:
    if services.may_skip_gates(request.user, opportunity):
        return None
    # Not offered to this user on the page; the service would refuse it too.
    message = _("Only the owner's manager or a director may skip a gate.")
    return render_page(request, opportunity, blockers=[Blocker("not_allowed", message)], status=403)


@opportunity_action(
    form_key="skip_gate", panel="skip-gate", form=SkipGateForm, guard=_unless_may_skip_gates
)
def skip_gate(request: HtmxHttpRequest, opportunity: Opportunity, data: Data) -> str:
    moved = services.opportunity_skip_gate(
        opportunity=opportunity,
        acting_user=request.user,
        reason=data["reason"],
        expected_version=data["version"],
    )
    return _("Gate skipped: the deal is now in stage %(number)s (%(name)s).") % _stage_label(moved)


@opportunity_action(
    form_key="close",
    panel="close",
    form=CloseForm,
    form_kwargs=lambda request, opportunity: {"can_win": True},
)
def close(request: HtmxHttpRequest, opportunity: Opportunity, data: Data) -> str:
    closed = services.opportunity_close(
        opportunity=opportunity,
        acting_user=request.user,
        result=data["result"],
        reason=data["reason"],
        won_by=data["won_by"],
        expected_version=data["version"],
    )
    return str(CLOSED_MESSAGES[Status(closed.status)])


# --- the deal's buying centre, competitors and product lines ------------------------------------


@opportunity_action(
    form_key="person",
    panel="people",
    form=DealContactForm,
    form_kwargs=lambda request, opportunity: {"user": request.user, "opportunity": opportunity},
)
def person_add(request: HtmxHttpRequest, opportunity: Opportunity, data: Data) -> str:
    person = services.deal_contact_set(
        opportunity=opportunity,
        contact=data["contact"],
        decision_role=data["decision_role"],
        is_key_person=data["is_key_person"],
        acting_user=request.user,
        expected_version=data["version"],
    )
    return _("%(name)s is in the deal's buying centre.") % {"name": person.contact.name}


def _person_in_deal(opportunity: Opportunity, contact_pk: int) -> OpportunityContact:
    person = next((p for p in opportunity.deal_contacts.all() if p.contact_id == contact_pk), None)
    if person is None:
        raise Http404("No such person in the deal")
    return person


@opportunity_action(form_key="remove", panel="people", find=_person_in_deal)
def person_remove(
    request: HtmxHttpRequest, opportunity: Opportunity, data: Data, person: OpportunityContact
) -> str:
    services.deal_contact_remove(
        opportunity=opportunity,
        contact=person.contact,
        acting_user=request.user,
        expected_version=data["version"],
    )
    return _("%(name)s left the deal's buying centre.") % {"name": person.contact.name}


@opportunity_action(form_key="competitor", panel="competitors", form=CompetitorForm)
def competitor_add(request: HtmxHttpRequest, opportunity: Opportunity, data: Data) -> str:
    competitor = services.competitor_add(
        opportunity=opportunity,
        acting_user=request.user,
        name=data["name"],
        strength=data["strength"],
        notes=data["notes"],
        expected_version=data["version"],
    )
    return _("Competitor %(name)s added.") % {"name": competitor.name}


def _competitor_in_deal(opportunity: Opportunity, competitor_pk: int) -> Competitor:
    competitor = next((c for c in opportunity.competitors.all() if c.pk == competitor_pk), None)
    if competitor is None:
        raise Http404("No such competitor")
    return competitor


@opportunity_action(form_key="remove", panel="competitors", find=_competitor_in_deal)
def competitor_remove(
    request: HtmxHttpRequest, opportunity: Opportunity, data: Data, competitor: Competitor
) -> str:
    services.competitor_remove(
        competitor=competitor, acting_user=request.user, expected_version=data["version"]
    )
    return _("Competitor %(name)s removed.") % {"name": competitor.name}


@opportunity_action(form_key="line", panel="lines", form=LineForm)
def line_add(request: HtmxHttpRequest, opportunity: Opportunity, data: Data) -> str:
    line = services.line_add(
        opportunity=opportunity,
        acting_user=request.user,
        product=data["product"],
        quantity=data["quantity"],
        unit_price=data["unit_price"],
        expected_version=data["version"],
    )
    return _("Product line %(product)s added.") % {"product": line.product.name}


def _line_in_deal(opportunity: Opportunity, line_pk: int) -> OpportunityLine:
    line = next((li for li in opportunity.lines.all() if li.pk == line_pk), None)
    if line is None:
        raise Http404("No such product line")
    return line


@opportunity_action(form_key="remove", panel="lines", find=_line_in_deal)
def line_remove(
    request: HtmxHttpRequest, opportunity: Opportunity, data: Data, line: OpportunityLine
) -> str:
    services.line_remove(line=line, acting_user=request.user, expected_version=data["version"])
    return _("Product line %(product)s removed.") % {"product": line.product.name}
