"""The pipeline board: columns of cards per stage under the three funnel states, filtered, with
totals; a card moves by drag and drop (or its "move to" select) through the stage gates."""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salesflow.core.http import HtmxHttpRequest
from salesflow.pipeline import services
from salesflow.pipeline.board import board_build, board_stage_get, process_stages
from salesflow.pipeline.forms_board import BoardFilterForm, BoardMoveForm
from salesflow.pipeline.models import Opportunity, Status
from salesflow.pipeline.selectors import opportunity_get_visible


@dataclass(frozen=True)
class MoveOutcome:
    """What the board tells the user after a move: a headline, the reasons for a refusal, and
    the card it is about (highlighted on the refreshed board)."""

    ok: bool
    title: str
    reasons: list[str] = field(default_factory=list)
    card: int | None = None


def _wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx filter change or a move sent by board.js: answer with the board's body only."""
    if request.headers.get("X-Board-Move"):
        return True
    return bool(request.htmx) and not request.htmx.history_restore_request


def _board_context(request: HtmxHttpRequest, outcome: MoveOutcome | None = None) -> dict[str, Any]:
    form = BoardFilterForm(request.GET, user=request.user)
    process = form.chosen_process
    context: dict[str, Any] = {"form": form, "board": None, "outcome": outcome}
    if process is None:
        return context
    board = board_build(
        request.user, process=process, stages=process_stages(process), **form.board_filters()
    )
    list_parameters = form.list_parameters(process)
    context.update(
        board=board,
        filter_query=request.GET.urlencode(),
        list_url=reverse("pipeline:list"),
        list_query=urlencode({**list_parameters, "status": Status.OPEN}),
    )
    return context


@login_required
def board(request: HtmxHttpRequest) -> HttpResponse:
    context = _board_context(request)
    if _wants_fragment(request):
        return render(request, "pipeline/_board_body.html", context)
    return render(request, "pipeline/board.html", context)


def _move(request: HtmxHttpRequest, opportunity: Opportunity) -> tuple[int, MoveOutcome]:
    """Try the move; the HTTP status and what the board tells the user about it."""
    form = BoardMoveForm(request.POST)
    if not form.is_valid():
        return 400, MoveOutcome(ok=False, title=_("Choose a stage to move the opportunity to."))
    stage = board_stage_get(form.cleaned_data["stage"])
    stays = _("“%(name)s” stays in %(stage)s:") % {
        "name": opportunity.name,
        "stage": opportunity.stage,
    }
    try:
        moved = services.opportunity_move(
            opportunity=opportunity,
            acting_user=request.user,
            to_stage=stage,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except services.GateClosed as closed:
        reasons = [blocker.message for blocker in closed.blockers]
        return 409, MoveOutcome(ok=False, title=stays, reasons=reasons, card=opportunity.pk)
    except services.StaleOpportunity as stale:
        now = _("“%(name)s” is now in %(stage)s.") % {
            "name": stale.current.name,
            "stage": stale.current.stage,
        }
        return 409, MoveOutcome(ok=False, title=str(stale), reasons=[now], card=opportunity.pk)
    except ValidationError as invalid:
        return 409, MoveOutcome(
            ok=False, title=stays, reasons=invalid.messages, card=opportunity.pk
        )
    moved_to = _("“%(name)s” moved to %(stage)s.") % {"name": moved.name, "stage": moved.stage}
    return 200, MoveOutcome(ok=True, title=moved_to, card=moved.pk)


@login_required
@require_POST
def board_move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity = opportunity_get_visible(request.user, pk)
    status, outcome = _move(request, opportunity)
    if _wants_fragment(request):
        context = _board_context(request, outcome)
        return render(request, "pipeline/_board_body.html", context, status=status)
    # Without JavaScript the card's form posts here: say what happened on the board itself.
    level = messages.success if outcome.ok else messages.error
    level(request, " ".join([outcome.title, *outcome.reasons]))
    query = request.GET.urlencode()
    return redirect(reverse("pipeline:board") + (f"?{query}" if query else ""))
