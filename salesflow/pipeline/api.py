"""Processes and opportunities over HTTP, /api/v1/processes and /api/v1/opportunities: reads through
the selectors, writes and stage moves through the services. A refused move answers 409 with what
blocks it; another person's opportunity answers 404 on every route."""

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router

from salesflow.accounts.selectors import account_list_visible
from salesflow.core.api_support import ApiRequest, ErrorOut, ValidationErrorOut, page_of
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.models import MilestoneCheck, Opportunity, SalesProcess, Status
from salesflow.pipeline.schemas import (
    CloseIn,
    ConflictOut,
    MilestoneCheckIn,
    MilestoneStateOut,
    MoveBackIn,
    OpportunityCreateIn,
    OpportunityListQuery,
    OpportunityOut,
    OpportunityPageOut,
    OpportunityPatchIn,
    ProcessOut,
    QualificationIn,
    SkipGateIn,
    VersionIn,
)
from salesflow.pipeline.selectors import (
    milestone_checks,
    milestone_get,
    milestones_of_process,
    opportunity_get_manageable,
    opportunity_get_visible,
    opportunity_search,
    process_get,
    process_get_described,
    processes_described,
    stage_by_number,
)
from salesflow.pipeline.services import (
    GateClosed,
    StaleOpportunity,
    milestone_set,
    opportunity_advance,
    opportunity_close,
    opportunity_create,
    opportunity_delete,
    opportunity_move_back,
    opportunity_skip_gate,
    opportunity_update,
    qualification_set,
)
from salesflow.playbook.models import Milestone

processes_router = Router(tags=["processes"])
router = Router(tags=["opportunities"])

READ = {200: OpportunityOut, 401: ErrorOut, 404: ErrorOut}
WRITE = {**READ, 422: ValidationErrorOut}
MOVE = {**WRITE, 409: ConflictOut}


# --- processes ----------------------------------------------------------------------------------


@processes_router.get("", response={200: list[ProcessOut], 401: ErrorOut})
def list_processes(request: ApiRequest) -> QuerySet[SalesProcess]:
    return processes_described()


@processes_router.get("/{key}", response={200: ProcessOut, 401: ErrorOut, 404: ErrorOut})
def get_process(request: ApiRequest, key: str) -> SalesProcess:
    return process_get_described(key)


# --- opportunities ------------------------------------------------------------------------------


@router.get("", response={200: OpportunityPageOut, 401: ErrorOut, 422: ValidationErrorOut})
def list_opportunities(request: ApiRequest, filters: Query[OpportunityListQuery]) -> dict[str, Any]:
    opportunities = opportunity_search(
        request.auth,
        q=filters.q,
        status=filters.status or "",
        account=filters.account,
        close_from=filters.close_from,
        close_to=filters.close_to,
    )
    if filters.owner:
        opportunities = opportunities.filter(owner__username=filters.owner)
    if filters.process:
        by_id = Q(process_id=int(filters.process)) if filters.process.isdigit() else Q()
        opportunities = opportunities.filter(Q(process__key=filters.process) | by_id)
    if filters.stage is not None:
        opportunities = opportunities.filter(stage__number=filters.stage)
    if filters.funnel_state:
        opportunities = opportunities.filter(stage__funnel_state=filters.funnel_state)
    return page_of(opportunities, filters)


@router.post("", response={201: OpportunityOut, 401: ErrorOut, 422: ValidationErrorOut})
def create_opportunity(request: ApiRequest, payload: OpportunityCreateIn) -> tuple[int, Any]:
    data = payload.model_dump(exclude_unset=True, exclude={"stage", "status"})
    fields = _service_fields(request.auth, data)
    return 201, opportunity_create(acting_user=request.auth, **fields)


@router.get("/{id}", response=READ)
def get_opportunity(request: ApiRequest, id: int) -> Opportunity:
    return opportunity_get_visible(request.auth, id)


@router.patch("/{id}", response=MOVE)
def update_opportunity(request: ApiRequest, id: int, payload: OpportunityPatchIn) -> Any:
    opportunity = opportunity_get_visible(request.auth, id)
    data = payload.model_dump(exclude_unset=True, exclude={"stage", "status", "process"})
    version = data.pop("version", None)
    fields = _service_fields(request.auth, data)
    return _answer(
        lambda: opportunity_update(
            opportunity=opportunity,
            acting_user=request.auth,
            expected_version=version,
            **fields,
        ),
        refusal=_("The opportunity cannot be changed."),
    )


@router.delete("/{id}", response={204: None, 401: ErrorOut, 404: ErrorOut})
def delete_opportunity(request: ApiRequest, id: int) -> tuple[int, None]:
    opportunity = opportunity_get_manageable(request.auth, id)
    opportunity_delete(opportunity=opportunity, acting_user=request.auth)
    return 204, None


# --- milestones and qualification ---------------------------------------------------------------


@router.get(
    "/{id}/milestones", response={200: list[MilestoneStateOut], 401: ErrorOut, 404: ErrorOut}
)
def list_opportunity_milestones(request: ApiRequest, id: int) -> list[dict[str, Any]]:
    opportunity = opportunity_get_visible(request.auth, id)
    checks = milestone_checks(opportunity)
    return [
        _milestone_state(opportunity, m, checks.get(m.pk))
        for m in milestones_of_process(opportunity.process)
    ]


@router.post(
    "/{id}/milestones/{milestone_id}",
    response={200: MilestoneStateOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
)
def check_opportunity_milestone(
    request: ApiRequest, id: int, milestone_id: int, payload: MilestoneCheckIn
) -> dict[str, Any]:
    opportunity = opportunity_get_visible(request.auth, id)
    milestone = milestone_get(milestone_id)
    check = milestone_set(
        opportunity=opportunity,
        milestone=milestone,
        done=payload.done,
        evidence=payload.evidence,
        acting_user=request.auth,
    )
    return _milestone_state(opportunity, milestone, check)


@router.put("/{id}/qualification", response=WRITE)
def set_opportunity_qualification(
    request: ApiRequest, id: int, payload: QualificationIn
) -> Opportunity:
    opportunity = opportunity_get_visible(request.auth, id)
    answers = {k: v for k, v in payload.model_dump().items() if v is not None}
    return qualification_set(opportunity=opportunity, acting_user=request.auth, **answers)


# --- moving through the stages ------------------------------------------------------------------


@router.post("/{id}/advance", response=MOVE)
def advance_opportunity(request: ApiRequest, id: int, payload: VersionIn | None = None) -> Any:
    opportunity = opportunity_get_visible(request.auth, id)
    version = payload.version if payload else None
    return _answer(
        lambda: opportunity_advance(
            opportunity=opportunity, acting_user=request.auth, expected_version=version
        ),
        refusal=_("The opportunity cannot advance yet."),
    )


@router.post("/{id}/move-back", response=MOVE)
def move_opportunity_back(request: ApiRequest, id: int, payload: MoveBackIn) -> Any:
    opportunity = opportunity_get_visible(request.auth, id)
    stage = stage_by_number(opportunity.process, payload.stage)
    if stage is None:
        raise ValidationError({"stage": _("This process has no stage %s.") % payload.stage})
    return _answer(
        lambda: opportunity_move_back(
            opportunity=opportunity,
            acting_user=request.auth,
            to_stage=stage,
            reason=payload.reason,
            expected_version=payload.version,
        ),
        refusal=_("The opportunity cannot move back."),
    )


@router.post("/{id}/skip-gate", response=MOVE)
def skip_opportunity_gate(request: ApiRequest, id: int, payload: SkipGateIn) -> Any:
    opportunity = opportunity_get_visible(request.auth, id)
    return _answer(
        lambda: opportunity_skip_gate(
            opportunity=opportunity,
            acting_user=request.auth,
            reason=payload.reason,
            expected_version=payload.version,
        ),
        refusal=_("The opportunity cannot move on."),
    )


@router.post("/{id}/close", response=MOVE)
def close_opportunity(request: ApiRequest, id: int, payload: CloseIn) -> Any:
    opportunity = opportunity_get_visible(request.auth, id)
    refusal = (
        _("The opportunity cannot be won yet.")
        if payload.result == Status.WON
        else _("The opportunity cannot be closed.")
    )
    return _answer(
        lambda: opportunity_close(
            opportunity=opportunity,
            acting_user=request.auth,
            result=payload.result,
            reason=payload.reason,
            won_by=payload.won_by,
            expected_version=payload.version,
        ),
        refusal=refusal,
    )


# --- helpers ------------------------------------------------------------------------------------


def _answer(change: Callable[[], Opportunity], *, refusal: str) -> tuple[int, Any]:
    """200 with the changed opportunity, or 409 saying what blocked the change."""
    try:
        return 200, change()
    except GateClosed as exc:
        blockers = [asdict(b) for b in exc.blockers]
        return 409, {"detail": refusal, "blockers": blockers}
    except StaleOpportunity as exc:
        message = _(
            "Someone else changed this opportunity: it is now at version %(version)s. "
            "Load it again and retry."
        ) % {"version": exc.current.version}
        stale = {"code": "stale", "message": message, "milestone_id": None}
        return 409, {"detail": message, "blockers": [stale]}


def _milestone_state(
    opportunity: Opportunity, milestone: Milestone, check: MilestoneCheck | None
) -> dict[str, Any]:
    return {
        "id": milestone.pk,
        "stage_number": milestone.stage.number,
        "text": milestone.text,
        "done": bool(check and check.done),
        "evidence": check.evidence if check else "",
        "checked_by": check.checked_by.username if check and check.checked_by else None,
        "checked_at": check.checked_at if check else None,
        "is_current_stage": milestone.stage_id == opportunity.stage_id,
    }


def _service_fields(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the public references (account id, owner username, process key) into records.

    A reference the caller may not see reads exactly like one that does not exist.
    """
    errors: dict[str, str] = {}
    if "account" in data:
        data["account"] = account_list_visible(user).filter(pk=data["account"]).first()
        if data["account"] is None:
            errors["account"] = _("Choose an account you can see.")
    username = data.get("owner")
    if username is not None:
        data["owner"] = users_visible_to(user).filter(username=username).first()
        if data["owner"] is None:
            errors["owner"] = _(
                "You can only give the opportunity to yourself or to people you manage."
            )
    key = data.get("process")
    if key is not None:
        try:
            data["process"] = process_get(key)
        except Http404:
            errors["process"] = _("There is no process “%(key)s”.") % {"key": key}
    else:
        data.pop("process", None)
    if errors:
        raise ValidationError(errors)
    return data
