"""The opportunity page: everything it shows, assembled for the full page or for the #opportunity
fragment that the page's htmx actions swap in."""

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst

from salesflow.core.history import field_label, history_for
from salesflow.core.http import AuthedHttpRequest, HtmxHttpRequest
from salesflow.pipeline import services
from salesflow.pipeline.coverage import CoverageWarning, coverage_warnings
from salesflow.pipeline.forms import (
    CloseForm,
    CompetitorForm,
    DealContactForm,
    LineForm,
    MoveBackForm,
    QualificationForm,
    SkipGateForm,
    qualification_initial,
)
from salesflow.pipeline.gates import Blocker
from salesflow.pipeline.models import FunnelState, Opportunity, Stage
from salesflow.pipeline.next_actions import next_best_actions, posture_for
from salesflow.pipeline.selectors import (
    days_per_stage,
    milestone_checks,
    milestone_checks_before,
    milestones_of,
    playbook_of,
    stage_spells,
    stages_of,
)
from salesflow.playbook.models import PlaybookItem

HISTORY_ROWS = 50


def open_warnings(opportunity: Opportunity) -> list[CoverageWarning]:
    """Coverage warnings matter while the deal is open; a closed deal has none to act on."""
    return [] if opportunity.is_closed else coverage_warnings(opportunity)


def render_page(
    request: HtmxHttpRequest | AuthedHttpRequest,
    opportunity: Opportunity,
    *,
    forms: dict[str, Any] | None = None,
    blockers: list[Blocker] | None = None,
    open_panel: str = "",
    status: int = 200,
) -> HttpResponse:
    """The opportunity page; for an htmx action only the #opportunity fragment, with the
    messages shown inside it (the full page shows them in the base layout)."""
    fragment = request.method == "POST" and bool(getattr(request, "htmx", False))
    context = _page_context(request, opportunity, forms or {})
    context.update(blockers=blockers or [], open_panel=open_panel, fragment=fragment)
    template = "pipeline/_opportunity_page.html" if fragment else "pipeline/opportunity_detail.html"
    return render(request, template, context, status=status)


def _page_context(
    request: AuthedHttpRequest, opportunity: Opportunity, forms: dict[str, Any]
) -> dict[str, Any]:
    user = request.user
    stages = list(stages_of(opportunity.process))
    spells = stage_spells(opportunity)
    checks = milestone_checks(opportunity)
    is_last = stages[-1].pk == opportunity.stage_id
    may_skip = (
        not opportunity.is_closed and not is_last and services.may_skip_gates(user, opportunity)
    )
    defaults = {
        "qualification": lambda: QualificationForm(initial=qualification_initial(opportunity)),
        "move_back": lambda: MoveBackForm(opportunity=opportunity),
        "skip_gate": lambda: SkipGateForm(),
        "close": lambda: CloseForm(can_win=is_last),
        "person": lambda: DealContactForm(user=user, opportunity=opportunity),
        "competitor": lambda: CompetitorForm(),
        "line": lambda: LineForm(),
    }
    for name, make in defaults.items():
        forms.setdefault(name, make())
    lines = list(opportunity.lines.all())
    return {
        "opportunity": opportunity,
        "stage_groups": _stage_groups(stages, opportunity.stage, days_per_stage(spells)),
        "next_stage": next((s for s in stages if s.number > opportunity.stage.number), None),
        "is_last_stage": is_last,
        "milestones": [(m, checks.get(m.pk)) for m in milestones_of(opportunity.stage)],
        "earlier_checks": _by_stage(milestone_checks_before(opportunity), stages),
        # Goals first, then key actions, each in playbook order.
        "playbook": sorted(
            playbook_of(opportunity.stage), key=lambda item: item.kind != PlaybookItem.Kind.GOAL
        ),
        "posture": posture_for(opportunity),
        "warnings": open_warnings(opportunity),
        "next_actions": next_best_actions(opportunity, user),
        "people": list(opportunity.deal_contacts.all()),
        "competitors": list(opportunity.competitors.all()),
        "lines": lines,
        "lines_total": sum((line.total for line in lines), start=0),
        "spells": spells,
        "may_skip": may_skip,
        "has_earlier_stage": stages[0].pk != opportunity.stage_id,
        "history": _history_rows(opportunity),
        "today": timezone.localdate(),
        **{f"{name}_form": form for name, form in forms.items()},
    }


@dataclass(frozen=True)
class StageStep:
    stage: Stage
    state: str  # done | current | upcoming
    days: int | None


def _stage_groups(
    stages: list[Stage], current: Stage, days: dict[int, int]
) -> list[dict[str, Any]]:
    """The process's stages in runs of one funnel state, for the progress bar."""
    groups = []
    for funnel_state, run in groupby(stages, key=lambda s: s.funnel_state):
        steps = []
        for stage in run:
            if stage.number < current.number:
                state = "done"
            elif stage.pk == current.pk:
                state = "current"
            else:
                state = "upcoming"
            steps.append(StageStep(stage, state, days.get(stage.number)))
        groups.append(
            {"state": funnel_state, "label": FunnelState(funnel_state).label, "steps": steps}
        )
    return groups


def _by_stage(checks: Any, stages: list[Stage]) -> list[tuple[str, list[Any]]]:
    names = {s.number: str(s) for s in stages}
    return [
        (names.get(number, str(number)), list(rows))
        for number, rows in groupby(checks, key=lambda c: c.stage_number)
    ]


def _history_rows(opportunity: Opportunity) -> list[Any]:
    rows = list(history_for(opportunity)[:HISTORY_ROWS])
    for row in rows:
        row.label = capfirst(field_label(Opportunity, row.field))  # type: ignore[attr-defined]
    return rows
