"""Reading opportunities and processes, always through visibility."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from salesflow.accounts.selectors import account_list_visible
from salesflow.org.visibility import visible_user_ids
from salesflow.pipeline.models import (
    MilestoneCheck,
    Opportunity,
    OpportunityContact,
    SalesProcess,
    Stage,
    StageChange,
    Status,
)
from salesflow.playbook.models import Milestone


def opportunity_list_visible(user: Any) -> QuerySet[Opportunity]:
    """Opportunities on accounts `user` sees, and those owned by people whose records they see."""
    qs = Opportunity.objects.all()
    ids = visible_user_ids(user)
    if ids is None:
        return qs
    if not ids:
        return qs.none()
    return qs.filter(
        Q(owner_id__in=ids) | Q(account_id__in=account_list_visible(user).values("pk"))
    )


def opportunity_get_visible(user: Any, pk: Any) -> Opportunity:
    try:
        return (
            opportunity_list_visible(user)
            .select_related("account", "owner", "process", "stage")
            .get(pk=pk)
        )
    except (Opportunity.DoesNotExist, ValueError, TypeError):
        raise Http404("No such opportunity") from None


def opportunity_search(
    user: Any,
    *,
    q: str = "",
    status: str = "",
    owner: Any = None,
    team: Any = None,
    region: Any = None,
    process: Any = None,
    stage: Any = None,
    account: Any = None,
    close_from: Any = None,
    close_to: Any = None,
) -> QuerySet[Opportunity]:
    qs = opportunity_list_visible(user)
    for term in q.split():
        qs = qs.filter(Q(name__icontains=term) | Q(account__name__icontains=term))
    if status:
        qs = qs.filter(status=status)
    if owner:
        qs = qs.filter(owner_id=owner)
    if team:
        qs = qs.filter(owner__team_id=team)
    if region:
        qs = qs.filter(account__region_id=region)
    if process:
        qs = qs.filter(process_id=process)
    if stage:
        qs = qs.filter(stage_id=stage)
    if account:
        qs = qs.filter(account_id=account)
    if close_from:
        qs = qs.filter(expected_close_date__gte=close_from)
    if close_to:
        qs = qs.filter(expected_close_date__lte=close_to)
    return qs.select_related("account", "owner", "process", "stage")


def with_deal_contacts(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """Prefetch what the coverage warnings read: the deal's people and their contact records."""
    return qs.prefetch_related(
        Prefetch(
            "deal_contacts",
            queryset=OpportunityContact.objects.select_related("contact").order_by("id"),
        )
    )


def process_default() -> SalesProcess | None:
    return SalesProcess.objects.filter(is_default=True, is_active=True).first()


def processes_active() -> QuerySet[SalesProcess]:
    return SalesProcess.objects.filter(is_active=True).prefetch_related(
        Prefetch("stages", queryset=Stage.objects.order_by("number"))
    )


def process_get(key_or_pk: Any) -> SalesProcess:
    qs = SalesProcess.objects.all()
    found = qs.filter(key=str(key_or_pk)).first()
    if found is None and str(key_or_pk).isdigit():
        found = qs.filter(pk=int(key_or_pk)).first()
    if found is None:
        raise Http404("No such process")
    return found


def stage_first(process: SalesProcess) -> Stage:
    return process.stages.order_by("number")[0]


def stage_next(stage: Stage) -> Stage | None:
    return (
        Stage.objects.filter(process_id=stage.process_id, number__gt=stage.number)
        .order_by("number")
        .first()
    )


def stage_is_last(stage: Stage) -> bool:
    return stage_next(stage) is None


def milestones_of(stage: Stage) -> QuerySet[Milestone]:
    return Milestone.objects.filter(stage=stage).order_by("order", "id")


def milestone_checks(opportunity: Opportunity) -> dict[int, MilestoneCheck]:
    """The opportunity's checks by milestone id."""
    return {
        c.milestone_id: c
        for c in opportunity.milestone_checks.select_related("checked_by")
        if c.milestone_id is not None
    }


def unmet_milestones(opportunity: Opportunity) -> list[Milestone]:
    done = set(
        opportunity.milestone_checks.filter(done=True).values_list("milestone_id", flat=True)
    )
    return [m for m in milestones_of(opportunity.stage) if m.pk not in done]


def stage_history(opportunity: Opportunity) -> QuerySet[StageChange]:
    return opportunity.stage_changes.select_related("changed_by").order_by("changed_at", "id")


def open_opportunities(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return qs.filter(status=Status.OPEN)
