"""Activities and market reports over HTTP, /api/v1/activities and /api/v1/market-reports: reads
through the selectors, writes through the services. What the caller may not see answers 404."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router

from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.models import Activity, MarketReport
from salesflow.activities.schemas_activities import (
    ActivityCreateIn,
    ActivityListQuery,
    ActivityOut,
    ActivityPageOut,
    ActivityPatchIn,
    MarketReportCreateIn,
    MarketReportListQuery,
    MarketReportOut,
    MarketReportPageOut,
    ObjectionMetIn,
    ResolveIn,
)
from salesflow.activities.selectors.activities import (
    activity_get_editable,
    activity_get_visible,
    activity_search,
    objection_resolve,
    with_details,
)
from salesflow.activities.selectors.market import market_report_get_visible, market_report_search
from salesflow.activities.services.activities import (
    ObjectionMet,
    activity_delete,
    activity_log,
    activity_update,
)
from salesflow.activities.services.market import (
    market_report_acknowledge,
    market_report_raise,
    market_report_resolve,
)
from salesflow.core.api_support import ApiRequest, ErrorOut, ValidationErrorOut, page_of
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.models import Opportunity

router = Router(tags=["activities"])
market_router = Router(tags=["market reports"])

READ = {200: ActivityOut, 401: ErrorOut, 404: ErrorOut}
WRITE = {**READ, 422: ValidationErrorOut}
REPORT_READ = {200: MarketReportOut, 401: ErrorOut, 404: ErrorOut}
REPORT_WRITE = {**REPORT_READ, 422: ValidationErrorOut}


# --- activities --------------------------------------------------------------------------------


@router.get("", response={200: ActivityPageOut, 401: ErrorOut, 422: ValidationErrorOut})
def list_activities(request: ApiRequest, filters: Query[ActivityListQuery]) -> dict[str, Any]:
    activities = activity_search(
        request.auth,
        q=filters.q,
        kind=filters.kind or "",
        purpose=filters.purpose or "",
        account=filters.account,
        opportunity=filters.opportunity,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    if filters.owner:
        activities = activities.filter(owner__username=filters.owner)
    return page_of(activities, filters)


@router.post("", response={201: ActivityOut, 401: ErrorOut, 422: ValidationErrorOut})
def create_activity(request: ApiRequest, payload: ActivityCreateIn) -> tuple[int, Activity]:
    fields = _service_fields(request.auth, payload.model_dump())
    activity = activity_log(acting_user=request.auth, **fields)
    return 201, _reloaded(request, activity)


@router.get("/{id}", response=READ)
def get_activity(request: ApiRequest, id: int) -> Activity:
    return activity_get_visible(request.auth, id)


@router.patch("/{id}", response=WRITE)
def update_activity(request: ApiRequest, id: int, payload: ActivityPatchIn) -> Activity:
    activity = activity_get_editable(request.auth, id)
    data = payload.model_dump(exclude_unset=True)
    for required in ("kind", "account"):
        if required in data and data[required] is None:
            raise ValidationError({required: _("This field cannot be empty.")})
    fields = _service_fields(request.auth, data)
    activity_update(activity=activity, acting_user=request.auth, **fields)
    return _reloaded(request, activity)


@router.delete("/{id}", response={204: None, 401: ErrorOut, 404: ErrorOut})
def delete_activity(request: ApiRequest, id: int) -> tuple[int, None]:
    activity = activity_get_editable(request.auth, id)
    activity_delete(activity=activity, acting_user=request.auth)
    return 204, None


def _reloaded(request: ApiRequest, activity: Activity) -> Activity:
    return with_details(Activity.objects.filter(pk=activity.pk)).get()


def _service_fields(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the public references (account and opportunity ids, owner username, objection numbers)
    into records. A reference the caller may not see reads exactly like one that does not exist."""
    errors: dict[str, str] = {}
    if "account" in data:
        data["account"] = account_list_visible(user).filter(pk=data["account"]).first()
        if data["account"] is None:
            errors["account"] = _("Choose an account you can see.")
    if data.get("opportunity") is not None:
        data["opportunity"] = Opportunity.objects.filter(pk=data["opportunity"]).first()
        if data["opportunity"] is None:
            errors["opportunity"] = _("Choose an opportunity on this account.")
    if "owner" in data:
        username = data.pop("owner")
        if username is not None:
            data["owner"] = users_visible_to(user).filter(username=username).first()
            if data["owner"] is None:
                errors["owner"] = _(
                    "You can only log activities for yourself or people you manage."
                )
    if "objections" in data:
        data["objections"], unknown = _objections(data["objections"])
        if unknown:
            errors["objections"] = _("There is no objection %(refs)s in the playbook.") % {
                "refs": ", ".join(str(ref) for ref in unknown)
            }
    if errors:
        raise ValidationError(errors)
    return data


def _objections(items: list[dict[str, Any]]) -> tuple[list[ObjectionMet], list[int]]:
    found, unknown = [], []
    for item in items:
        met = ObjectionMetIn(**item)
        objection = objection_resolve(met.objection)
        if objection is None:
            unknown.append(met.objection)
        else:
            found.append(ObjectionMet(objection=objection, overcome=met.overcome))
    return found, unknown


# --- market and complaint reports --------------------------------------------------------------


@market_router.get("", response={200: MarketReportPageOut, 401: ErrorOut, 422: ValidationErrorOut})
def list_market_reports(
    request: ApiRequest, filters: Query[MarketReportListQuery]
) -> dict[str, Any]:
    reports = market_report_search(
        request.auth,
        status=filters.status or "",
        kind=filters.kind or "",
        urgent=filters.urgent,
    )
    return page_of(reports, filters)


@market_router.post("", response={201: MarketReportOut, 401: ErrorOut, 422: ValidationErrorOut})
def create_market_report(
    request: ApiRequest, payload: MarketReportCreateIn
) -> tuple[int, MarketReport]:
    data = payload.model_dump()
    if data["account"] is not None:
        data["account"] = account_list_visible(request.auth).filter(pk=data["account"]).first()
        if data["account"] is None:
            raise ValidationError({"account": _("Choose an account you can see.")})
    return 201, market_report_raise(acting_user=request.auth, **data)


@market_router.get("/{id}", response=REPORT_READ)
def get_market_report(request: ApiRequest, id: int) -> MarketReport:
    return market_report_get_visible(request.auth, id)


@market_router.post("/{id}/acknowledge", response=REPORT_WRITE)
def acknowledge_market_report(request: ApiRequest, id: int) -> MarketReport:
    report = market_report_get_visible(request.auth, id)
    return market_report_acknowledge(report=report, acting_user=request.auth)


@market_router.post("/{id}/resolve", response=REPORT_WRITE)
def resolve_market_report(request: ApiRequest, id: int, payload: ResolveIn) -> MarketReport:
    report = market_report_get_visible(request.auth, id)
    return market_report_resolve(
        report=report, acting_user=request.auth, resolution=payload.resolution
    )
