"""Reading visit plans (每日拜访计划), always through visibility: a rep sees their own, a manager
those of everyone below them, a director all."""

from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from salesflow.activities.models import PlanEvent, PlannedVisit, PlanStatus, VisitPlan
from salesflow.org.visibility import sees_everything, visible_user_ids


def visit_plan_list_visible(user: Any) -> QuerySet[VisitPlan]:
    qs = VisitPlan.objects.all()
    ids = visible_user_ids(user)
    if ids is None:
        return qs
    return qs.filter(owner_id__in=ids) if ids else qs.none()


def visit_plan_get_visible(user: Any, pk: Any) -> VisitPlan:
    """One plan with its owner and their supervisor; 404 for a plan `user` may not see."""
    try:
        return (
            visit_plan_list_visible(user)
            .select_related("owner", "owner__supervisor", "decided_by")
            .get(pk=pk)
        )
    except (VisitPlan.DoesNotExist, ValueError, TypeError):
        raise Http404("No such visit plan") from None


def visit_plan_get_detailed(user: Any, pk: Any) -> VisitPlan:
    """One visible plan with everything its page shows: owner, supervisor, visits; 404 else."""
    try:
        return with_visits(
            visit_plan_list_visible(user).select_related("owner", "owner__supervisor", "decided_by")
        ).get(pk=pk)
    except (VisitPlan.DoesNotExist, ValueError, TypeError):
        raise Http404("No such visit plan") from None


def with_visits(qs: QuerySet[VisitPlan]) -> QuerySet[VisitPlan]:
    """Prefetch each plan's visits in time order, with their accounts and activities."""
    visits = PlannedVisit.objects.select_related("account", "activity").order_by("planned_at", "id")
    return qs.prefetch_related(Prefetch("visits", queryset=visits))


def visit_plan_search(
    user: Any,
    *,
    owner: Any = None,
    on: date | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    status: str = "",
) -> QuerySet[VisitPlan]:
    """Visible plans, newest day first, each with `visit_count`; `owner` is a user or an id."""
    qs = visit_plan_list_visible(user)
    if owner:
        qs = qs.filter(owner_id=getattr(owner, "pk", owner))
    if on:
        qs = qs.filter(date=on)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    if status:
        qs = qs.filter(status=status)
    return (
        qs.select_related("owner", "decided_by")
        .annotate(visit_count=Count("visits"))
        .order_by("-date", "owner__username", "id")
    )


def visit_plan_of_day(owner: Any, day: date) -> VisitPlan | None:
    """The owner's own plan for a day, with its visits, or None."""
    return with_visits(VisitPlan.objects.filter(owner=owner, date=day)).first()


def plan_events(plan: VisitPlan) -> QuerySet[PlanEvent]:
    return PlanEvent.objects.filter(visit_plan=plan).select_related("by").order_by("at", "id")


def plan_last_return(plan: VisitPlan) -> PlanEvent | None:
    """The latest return of the plan, whose comment the rep acts on."""
    return (
        PlanEvent.objects.filter(visit_plan=plan, action=PlanEvent.Action.RETURNED)
        .select_related("by")
        .order_by("-at", "-id")
        .first()
    )


def plans_waiting_for(user: Any) -> QuerySet[VisitPlan]:
    """Submitted plans `user` may approve: their direct reports' (a director: everyone's but
    their own), oldest day first, grouped by rep."""
    qs = VisitPlan.objects.filter(status=PlanStatus.SUBMITTED).exclude(owner=user)
    if not sees_everything(user):
        qs = qs.filter(owner__supervisor=user)
    return with_visits(
        qs.select_related("owner", "owner__team")
        .annotate(visit_count=Count("visits"))
        .order_by("owner__username", "date", "id")
    )


def plan_activity_ids_approved_before(plan: VisitPlan) -> set[int]:
    """Every activity an earlier approval of the plan created, as its approval snapshots say."""
    ids: set[int] = set()
    approvals = PlanEvent.objects.filter(visit_plan=plan, action=PlanEvent.Action.APPROVED)
    for snapshot in approvals.values_list("snapshot", flat=True):
        ids.update(v["activity"] for v in snapshot.get("visits", []) if v.get("activity"))
    return ids
