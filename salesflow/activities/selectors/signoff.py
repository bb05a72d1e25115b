"""What reading visit plans and daily reports shares: visibility by owner, one record or 404, the
lists' filters, a record's events, and what waits for a supervisor's decision."""

from datetime import date
from typing import Any, TypedDict, TypeVar, Unpack

from django.db.models import QuerySet
from django.http import Http404

from salesflow.activities.models import DailyReport, PlanEvent, VisitPlan
from salesflow.org.visibility import sees_everything, visible_user_ids

Record = TypeVar("Record", VisitPlan, DailyReport)


class DayFilters(TypedDict, total=False):
    """The lists' filters: `owner` is a user or an id; `on` one day, or from/to a range."""

    owner: Any
    on: date | None
    date_from: date | None
    date_to: date | None
    status: str


def owned_visible(records: QuerySet[Record], user: Any) -> QuerySet[Record]:
    """Those of `records` whose owner `user` sees: a rep their own, a manager those of everyone
    below them, a director all."""
    ids = visible_user_ids(user)
    if ids is None:
        return records
    return records.filter(owner_id__in=ids) if ids else records.none()


def one_or_404(records: QuerySet[Record], pk: Any, missing: str) -> Record:
    try:
        return records.get(pk=pk)
    except (records.model.DoesNotExist, ValueError, TypeError):
        raise Http404(missing) from None


def filter_days(records: QuerySet[Record], **filters: Unpack[DayFilters]) -> QuerySet[Record]:
    owner = filters.get("owner")
    if owner:
        records = records.filter(owner_id=getattr(owner, "pk", owner))
    if on := filters.get("on"):
        records = records.filter(date=on)
    if date_from := filters.get("date_from"):
        records = records.filter(date__gte=date_from)
    if date_to := filters.get("date_to"):
        records = records.filter(date__lte=date_to)
    if status := filters.get("status"):
        records = records.filter(status=status)
    return records


def signoff_events(record: VisitPlan | DailyReport) -> QuerySet[PlanEvent]:
    """Every submission and decision of the plan or report, oldest first."""
    return record.events.select_related("by").order_by("at", "id")


def last_return(record: VisitPlan | DailyReport) -> PlanEvent | None:
    """The latest return of the plan or report, whose comment the rep acts on."""
    return (
        record.events.filter(action=PlanEvent.Action.RETURNED)
        .select_related("by")
        .order_by("-at", "-id")
        .first()
    )


def waiting_for(submitted: QuerySet[Record], user: Any) -> QuerySet[Record]:
    """Those of the `submitted` records that `user` may decide: their direct reports' (a
    director: everyone's but their own)."""
    records = submitted.exclude(owner=user)
    if not sees_everything(user):
        records = records.filter(owner__supervisor=user)
    return records
