"""Visit plans and daily reports over HTTP, /api/v1/visit-plans and /api/v1/daily-reports: reads
through the selectors, writes and the sign-off loop through the services.

Another rep's plan or report answers 404 on every route. A state that refuses the action (locked,
already signed, stale version) answers 409 {"detail"}; an action that is not the caller's to take
(approving one's own plan, signing as a colleague) answers 403 {"detail"}; bad input answers 422
naming the field."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router

from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.models import DailyReport, VisitPlan
from salesflow.activities.schemas_loop import (
    ApproveIn,
    DailyReportCreateIn,
    DailyReportDetailOut,
    DailyReportListQuery,
    DailyReportPageOut,
    DailyReportPatchIn,
    PlannedVisitIn,
    ReturnIn,
    SignIn,
    VersionIn,
    VisitPlanCreateIn,
    VisitPlanDetailOut,
    VisitPlanListQuery,
    VisitPlanPageOut,
    VisitPlanPatchIn,
)
from salesflow.activities.selectors.plans import (
    visit_plan_get_detailed,
    visit_plan_get_visible,
    visit_plan_search,
    with_visits,
)
from salesflow.activities.selectors.reports import daily_report_get_visible, daily_report_search
from salesflow.activities.services import plans as plan_services
from salesflow.activities.services import reports as report_services
from salesflow.activities.services.plans import VisitIn
from salesflow.activities.services.signoff import NotAllowed, Refused
from salesflow.core.api_support import ApiRequest, ErrorOut, ValidationErrorOut, page_of

plans_router = Router(tags=["visit plans"])
reports_router = Router(tags=["daily reports"])

T = TypeVar("T")
LIST = {401: ErrorOut, 422: ValidationErrorOut}
PLAN_READ = {200: VisitPlanDetailOut, 401: ErrorOut, 404: ErrorOut}
PLAN_WRITE = {**PLAN_READ, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}
REPORT_READ = {200: DailyReportDetailOut, 401: ErrorOut, 404: ErrorOut}
REPORT_WRITE = {**REPORT_READ, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}


def _answer(change: Callable[[], T]) -> tuple[int, Any]:
    """200 with the changed record, 409 when its state refuses, 403 when it is not the caller's."""
    try:
        return 200, change()
    except NotAllowed as exc:
        return 403, {"detail": str(exc)}
    except Refused as exc:
        return 409, {"detail": str(exc)}


def _answer_fresh(change: Callable[[], T], fetch: Callable[[Any], T]) -> tuple[int, Any]:
    """As _answer, with the changed record fetched again as the detail route reads it."""
    status, body = _answer(change)
    return (status, fetch(body.pk)) if status == 200 else (status, body)


def _on_plan(
    request: ApiRequest, id: int, service: Callable[..., VisitPlan], **arguments: Any
) -> tuple[int, Any]:
    """Call `service` as the caller on the plan they see (404 otherwise) with `arguments`."""
    plan = visit_plan_get_visible(request.auth, id)
    return _answer_fresh(
        lambda: service(plan=plan, acting_user=request.auth, **arguments),
        lambda pk: visit_plan_get_detailed(request.auth, pk),
    )


def _on_report(
    request: ApiRequest, id: int, service: Callable[..., DailyReport], **arguments: Any
) -> tuple[int, Any]:
    """Call `service` as the caller on the report they see (404 otherwise) with `arguments`."""
    report = daily_report_get_visible(request.auth, id)
    return _answer_fresh(
        lambda: service(report=report, acting_user=request.auth, **arguments),
        lambda pk: daily_report_get_visible(request.auth, pk),
    )


def _version(payload: VersionIn | None) -> int | None:
    return payload.version if payload else None


# --- visit plans -------------------------------------------------------------------------------


@plans_router.get("", response={200: VisitPlanPageOut, **LIST})
def list_visit_plans(request: ApiRequest, filters: Query[VisitPlanListQuery]) -> dict[str, Any]:
    plans = visit_plan_search(request.auth, on=filters.date, status=filters.status or "")
    if filters.owner:
        plans = plans.filter(owner__username=filters.owner)
    return page_of(with_visits(plans), filters)


@plans_router.post("", response={201: VisitPlanDetailOut, **LIST})
def create_visit_plan(request: ApiRequest, payload: VisitPlanCreateIn) -> tuple[int, VisitPlan]:
    plan = plan_services.visit_plan_create(
        acting_user=request.auth,
        date=payload.date,
        area=payload.area,
        visits=_visits(request.auth, payload.visits),
    )
    return 201, visit_plan_get_detailed(request.auth, plan.pk)


@plans_router.get("/{id}", response=PLAN_READ)
def get_visit_plan(request: ApiRequest, id: int) -> VisitPlan:
    return visit_plan_get_detailed(request.auth, id)


@plans_router.patch("/{id}", response=PLAN_WRITE)
def update_visit_plan(request: ApiRequest, id: int, payload: VisitPlanPatchIn) -> Any:
    def update(*, plan: VisitPlan, acting_user: Any) -> VisitPlan:
        # The plan is found (or 404) before the visits' accounts are looked at.
        visits = None if payload.visits is None else _visits(acting_user, payload.visits)
        return plan_services.visit_plan_update(
            plan=plan,
            acting_user=acting_user,
            area=payload.area,
            visits=visits,
            expected_version=payload.version,
        )

    return _on_plan(request, id, update)


@plans_router.delete(
    "/{id}", response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
)
def delete_visit_plan(request: ApiRequest, id: int) -> tuple[int, Any]:
    plan = visit_plan_get_visible(request.auth, id)
    status, body = _answer(
        lambda: plan_services.visit_plan_delete(plan=plan, acting_user=request.auth)
    )
    return (204, None) if status == 200 else (status, body)


@plans_router.post("/{id}/submit", response=PLAN_WRITE)
def submit_visit_plan(request: ApiRequest, id: int, payload: VersionIn | None = None) -> Any:
    return _on_plan(
        request, id, plan_services.visit_plan_submit, expected_version=_version(payload)
    )


@plans_router.post("/{id}/approve", response=PLAN_WRITE)
def approve_visit_plan(request: ApiRequest, id: int, payload: ApproveIn | None = None) -> Any:
    return _on_plan(
        request,
        id,
        plan_services.visit_plan_approve,
        comment=payload.comment if payload else "",
        expected_version=_version(payload),
    )


@plans_router.post("/{id}/return", response=PLAN_WRITE)
def return_visit_plan(request: ApiRequest, id: int, payload: ReturnIn) -> Any:
    return _on_plan(
        request,
        id,
        plan_services.visit_plan_return,
        comment=payload.comment,
        expected_version=payload.version,
    )


@plans_router.post("/{id}/reopen", response=PLAN_WRITE)
def reopen_visit_plan(request: ApiRequest, id: int, payload: VersionIn | None = None) -> Any:
    return _on_plan(
        request, id, plan_services.visit_plan_reopen, expected_version=_version(payload)
    )


def _visits(user: Any, visits: list[PlannedVisitIn]) -> list[VisitIn]:
    """The visits with their accounts; an account the caller may not see reads exactly like one
    that does not exist."""
    wanted = {v.account for v in visits}
    accounts = account_list_visible(user).in_bulk(wanted)
    errors = {
        f"visits.{index}.account": _("Choose an account you can see.")
        for index, visit in enumerate(visits)
        if visit.account not in accounts
    }
    if errors:
        raise ValidationError(errors)
    return [
        VisitIn(
            account=accounts[v.account],
            planned_at=v.planned_at,
            purpose=v.purpose,
            notes=v.notes,
        )
        for v in visits
    ]


# --- daily reports -----------------------------------------------------------------------------


@reports_router.get("", response={200: DailyReportPageOut, **LIST})
def list_daily_reports(request: ApiRequest, filters: Query[DailyReportListQuery]) -> dict[str, Any]:
    reports = daily_report_search(request.auth, on=filters.date, status=filters.status or "")
    if filters.owner:
        reports = reports.filter(owner__username=filters.owner)
    return page_of(reports, filters)


@reports_router.post(
    "", response={201: DailyReportDetailOut, 401: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}
)
def create_daily_report(request: ApiRequest, payload: DailyReportCreateIn) -> tuple[int, Any]:
    fields = payload.model_dump(exclude_unset=True, exclude={"date"})
    status, body = _answer(
        lambda: report_services.daily_report_create(
            acting_user=request.auth, date=payload.date, **fields
        )
    )
    if status != 200:
        return status, body
    return 201, daily_report_get_visible(request.auth, body.pk)


@reports_router.get("/{id}", response=REPORT_READ)
def get_daily_report(request: ApiRequest, id: int) -> DailyReport:
    return daily_report_get_visible(request.auth, id)


@reports_router.patch("/{id}", response=REPORT_WRITE)
def update_daily_report(request: ApiRequest, id: int, payload: DailyReportPatchIn) -> Any:
    fields = payload.model_dump(exclude_unset=True, exclude={"version"})
    return _on_report(
        request,
        id,
        report_services.daily_report_update,
        expected_version=payload.version,
        **fields,
    )


@reports_router.post("/{id}/submit", response=REPORT_WRITE)
def submit_daily_report(request: ApiRequest, id: int, payload: VersionIn | None = None) -> Any:
    return _on_report(
        request, id, report_services.daily_report_submit, expected_version=_version(payload)
    )


@reports_router.post("/{id}/sign", response=REPORT_WRITE)
def sign_daily_report(request: ApiRequest, id: int, payload: SignIn | None = None) -> Any:
    return _on_report(
        request,
        id,
        report_services.daily_report_sign,
        instructions=payload.instructions if payload else "",
        expected_version=_version(payload),
    )


@reports_router.post("/{id}/return", response=REPORT_WRITE)
def return_daily_report(request: ApiRequest, id: int, payload: ReturnIn) -> Any:
    return _on_report(
        request,
        id,
        report_services.daily_report_return,
        comment=payload.comment,
        expected_version=payload.version,
    )
