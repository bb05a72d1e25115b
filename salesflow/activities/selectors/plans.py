"""Reading visit plans (每日拜访计划), always through visibility: a rep sees their own, a manager
those of everyone below them, a director all."""

from datetime import date
from typing import Any, Unpack

from django.db.models import Count, Prefetch, QuerySet

from salesflow.activities.models import PlanEvent, PlannedVisit, PlanStatus, VisitPlan
from salesflow.activities.selectors.signoff import (
    DayFilters,
    filter_days,
    one_or_404,
    owned_visible,
    waiting_for,
)


def visit_plan_list_visible(user: Any) -> QuerySet[VisitPlan]:
    return owned_visible(VisitPlan.objects.all(), user)


def visit_plan_get_visible(user: Any, pk: Any) -> VisitPlan:
    """One plan with its owner and their supervisor; 404 for a plan `user` may not see."""
    plans = visit_plan_list_visible(user).select_related("owner", "owner__supervisor", "decided_by")
    return one_or_404(plans, pk, "No such visit plan")


def visit_plan_get_detailed(user: Any, pk: Any) -> VisitPlan:
    """One visible plan with everything its page shows: owner, supervisor, visits; 404 else."""
    plans = visit_plan_list_visible(user).select_related("owner", "owner__supervisor", "decided_by")
    return one_or_404(with_visits(plans), pk, "No such visit plan")


def with_visits(qs: QuerySet[VisitPlan]) -> QuerySet[VisitPlan]:
    """Prefetch each plan's visits in time order, with their accounts and activities."""
    visits = PlannedVisit.objects.select_related("account", "activity").order_by("planned_at", "id")
    return qs.prefetch_related(Prefetch("visits", queryset=visits))


def visit_plan_search(user: Any, **filters: Unpack[DayFilters]) -> QuerySet[VisitPlan]:
    """Visible plans, newest day first, each with `visit_count`."""
    return (
        filter_days(visit_plan_list_visible(user), **filters)
        .select_related("owner", "decided_by")
        .annotate(visit_count=Count("visits"))
        .order_by("-date", "owner__username", "id")
    )


def visit_plan_of_day(owner: Any, day: date) -> VisitPlan | None:
    """The owner's own plan for a day, with its visits, or None."""
    return with_visits(VisitPlan.objects.filter(owner=owner, date=day)).first()


def plans_waiting_for(user: Any) -> QuerySet[VisitPlan]:
    """Submitted plans `user` may approve: their direct reports' (a director: everyone's but
    their own), oldest day first, grouped by rep."""
    submitted = VisitPlan.objects.filter(status=PlanStatus.SUBMITTED)
    return with_visits(
        waiting_for(submitted, user)
        .select_related("owner", "owner__team")
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
