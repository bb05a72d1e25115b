"""Reading opportunities and processes, always through visibility."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from salesflow.accounts.selectors import owned_or_on_visible_account
from salesflow.contacts.models import Contact
from salesflow.contacts.selectors import contact_list_visible
from salesflow.org.visibility import visible_user_ids
from salesflow.pipeline.models import (
    MilestoneCheck,
    Opportunity,
    OpportunityContact,
    OpportunityLine,
    SalesProcess,
    Stage,
    StageChange,
    Status,
)
from salesflow.playbook.models import Milestone, PlaybookItem, Product


def opportunity_list_visible(user: Any) -> QuerySet[Opportunity]:
    """Opportunities on accounts `user` sees, and those owned by people whose records they see."""
    return owned_or_on_visible_account(user, Opportunity.objects.all())


def opportunity_get_visible(user: Any, pk: Any) -> Opportunity:
    try:
        return (
            opportunity_list_visible(user)
            .select_related("account", "owner", "process", "stage")
            .get(pk=pk)
        )
    except (Opportunity.DoesNotExist, ValueError, TypeError):
        raise Http404("No such opportunity") from None


def opportunity_get_manageable(user: Any, pk: Any) -> Opportunity:
    """The opportunity, if `user` may delete it: its owner, the owner's managers, directors.
    Colleagues who see it through the account work on it but do not delete it. 404 otherwise."""
    opportunity = opportunity_get_visible(user, pk)
    ids = visible_user_ids(user)
    if ids is not None and opportunity.owner_id not in ids:
        raise Http404("No such opportunity")
    return opportunity


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


def _with_stages_and_milestones(qs: QuerySet[SalesProcess]) -> QuerySet[SalesProcess]:
    milestones = Prefetch("milestones", queryset=Milestone.objects.order_by("order", "id"))
    stages = Stage.objects.order_by("number").prefetch_related(milestones)
    return qs.prefetch_related(Prefetch("stages", queryset=stages))


def processes_described() -> QuerySet[SalesProcess]:
    """Active processes with their stages and each stage's milestones, in three queries."""
    return _with_stages_and_milestones(SalesProcess.objects.filter(is_active=True))


def process_get_described(key_or_pk: Any) -> SalesProcess:
    """One process (active or not) by key or id, with its stages and milestones; 404 if none."""
    process = process_get(key_or_pk)
    return _with_stages_and_milestones(SalesProcess.objects.filter(pk=process.pk))[0]


def stage_by_number(process: SalesProcess, number: int) -> Stage | None:
    return Stage.objects.filter(process=process, number=number).first()


def milestone_get(pk: Any) -> Milestone:
    try:
        return Milestone.objects.select_related("stage").get(pk=pk)
    except (Milestone.DoesNotExist, ValueError, TypeError):
        raise Http404("No such milestone") from None


def milestones_of_process(process: SalesProcess) -> QuerySet[Milestone]:
    """Every milestone of the process, stage by stage."""
    return (
        Milestone.objects.filter(stage__process=process)
        .select_related("stage")
        .order_by("stage__number", "order", "id")
    )


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


# --- the opportunity page ----------------------------------------------------------------------


def opportunity_get_detailed(user: Any, pk: Any) -> Opportunity:
    """One visible opportunity with what its page shows: the deal's people (for the coverage
    warnings), its competitors and product lines. 404 when `user` may not see it."""
    qs = (
        with_deal_contacts(opportunity_list_visible(user))
        .select_related("account", "owner", "process", "stage")
        .prefetch_related(
            "competitors",
            Prefetch("lines", queryset=OpportunityLine.objects.select_related("product")),
        )
    )
    try:
        return qs.get(pk=pk)
    except (Opportunity.DoesNotExist, ValueError, TypeError):
        raise Http404("No such opportunity") from None


def stages_of(process: SalesProcess) -> QuerySet[Stage]:
    return Stage.objects.filter(process=process).order_by("number")


def playbook_of(stage: Stage) -> QuerySet[PlaybookItem]:
    """The stage's sales goals and key actions, in playbook order."""
    return PlaybookItem.objects.filter(stage=stage).order_by("kind", "order", "id")


def milestone_checks_before(opportunity: Opportunity) -> QuerySet[MilestoneCheck]:
    """Checks recorded on the stages before the current one: the record of the gates passed."""
    return (
        opportunity.milestone_checks.filter(stage_number__lt=opportunity.stage.number)
        .select_related("checked_by")
        .order_by("stage_number", "id")
    )


@dataclass(frozen=True)
class StageSpell:
    """One row of the stage history and the whole days the deal then spent in the stage it
    entered (None for the closing row)."""

    change: StageChange
    days: int | None


def _days_between(start: datetime, end: datetime) -> int:
    return max(0, (timezone.localtime(end).date() - timezone.localtime(start).date()).days)


def stage_spells(opportunity: Opportunity, now: datetime | None = None) -> list[StageSpell]:
    """The stage history, oldest first, each move with the days spent after it."""
    changes = list(stage_history(opportunity))
    end_of_last = opportunity.closed_at or now or timezone.now()
    spells = []
    for change, following in zip(changes, [*changes[1:], None], strict=True):
        if change.kind == StageChange.Kind.CLOSED:
            spells.append(StageSpell(change, None))
            continue
        end = following.changed_at if following is not None else end_of_last
        spells.append(StageSpell(change, _days_between(change.changed_at, end)))
    return spells


def days_per_stage(spells: list[StageSpell]) -> dict[int, int]:
    """Total days spent in each stage number, over every visit to it."""
    totals: dict[int, int] = {}
    for spell in spells:
        if spell.days is not None:
            number = spell.change.to_number
            totals[number] = totals.get(number, 0) + spell.days
    return totals


def deal_contact_choices(user: Any, opportunity: Opportunity) -> QuerySet[Contact]:
    """Visible people at the opportunity's account who are not in the deal's buying centre yet."""
    return (
        contact_list_visible(user)
        .filter(account_id=opportunity.account_id)
        .exclude(pk__in=opportunity.deal_contacts.values("contact_id"))
        .order_by("name", "id")
    )


def products_active() -> QuerySet[Product]:
    return Product.objects.filter(is_active=True).order_by("name")
