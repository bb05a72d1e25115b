"""Demo opportunities with everything a real deal carries (see deals.py), and the stage history,
milestone checks and close the services would have recorded, written a chunk at a time.

Rows are bulk-created, not written through the pipeline services (a per-row service call would
make a large demo take hours), but they keep the services' rules: one stage at a time, gates
passed with their milestones checked (or skipped by the owner's manager with a reason), entry
rules on qualification met, won deals closed from the last stage with its milestones checked.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from salesflow.contacts.models import Contact
from salesflow.core.demo.bulk import BATCH, timestamps_as_given
from salesflow.core.demo.deals import ContactRow, Deal, deal_build
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.fates import DealAccount
from salesflow.core.demo.histories import Fate
from salesflow.core.demo.products import CatalogueProduct
from salesflow.pipeline.history import work_out_facts
from salesflow.pipeline.models import (
    Competitor,
    MilestoneCheck,
    Opportunity,
    OpportunityContact,
    OpportunityLine,
    StageChange,
    Status,
)
from salesflow.playbook.models import ProposalBenefit

DEALS_PER_CHUNK = 2000


@dataclass
class OpportunitiesResult:
    by_status: Counter[str] = field(default_factory=Counter)
    stage_changes: int = 0
    milestone_checks: int = 0
    deal_contacts: int = 0
    competitors: int = 0
    lines: int = 0
    proposal_benefits: int = 0
    pks: list[int] = field(default_factory=list)

    @property
    def opportunities(self) -> int:
        return sum(self.by_status.values())

    @property
    def rows(self) -> int:
        return (
            self.opportunities
            + self.stage_changes
            + self.milestone_checks
            + self.deal_contacts
            + self.competitors
            + self.lines
            + self.proposal_benefits
        )

    @property
    def detail(self) -> str:
        open_ = self.by_status[Status.OPEN]
        return (
            f"{self.opportunities:,} opportunities ({open_:,} open, "
            f"{self.opportunities - open_:,} closed), {self.stage_changes:,} stage changes, "
            f"{self.milestone_checks:,} checks"
        )


def _stage_changes(deal: Deal) -> list[StageChange]:
    stages = deal.fate.process.stages
    opportunity = deal.opportunity
    manager = deal.account.manager_id
    rows = []
    for move in deal.history.moves:
        to = stages[move.to_step]
        before = stages[move.from_step] if move.from_step is not None else None
        rows.append(
            StageChange(
                opportunity_id=opportunity.pk,
                kind=move.kind,
                from_stage_id=before.pk if before else None,
                to_stage_id=to.pk,
                from_number=before.number if before else None,
                from_name=before.name_en if before else "",
                from_name_zh=before.name_zh if before else "",
                to_number=to.number,
                to_name=to.name_en,
                to_name_zh=to.name_zh,
                to_funnel_state=to.funnel_state,
                status=Status.OPEN,
                reason=move.reason,
                changed_by_id=manager if move.by_manager else opportunity.owner_id,
                changed_at=move.at,
            )
        )
    if deal.history.closed_at is not None:
        stage = stages[deal.fate.step]
        rows.append(
            StageChange(
                opportunity_id=opportunity.pk,
                kind=StageChange.Kind.CLOSED,
                from_stage_id=stage.pk,
                to_stage_id=stage.pk,
                from_number=stage.number,
                from_name=stage.name_en,
                from_name_zh=stage.name_zh,
                to_number=stage.number,
                to_name=stage.name_en,
                to_name_zh=stage.name_zh,
                to_funnel_state=stage.funnel_state,
                status=deal.fate.status,
                reason=deal.close_reason,
                changed_by_id=opportunity.owner_id,
                changed_at=deal.history.closed_at,
            )
        )
    return rows


def _milestone_checks(deal: Deal) -> list[MilestoneCheck]:
    opportunity = deal.opportunity
    return [
        MilestoneCheck(
            opportunity_id=opportunity.pk,
            milestone_id=check.milestone.pk,
            milestone_text=check.milestone.text_en,
            milestone_text_zh=check.milestone.text_zh,
            stage_number=check.stage_number,
            done=True,
            evidence=evidence,
            checked_by_id=opportunity.owner_id,
            checked_at=check.at,
        )
        for check, evidence in zip(deal.history.checks, deal.evidence, strict=True)
    ]


def _save(deals: list[Deal], result: OpportunitiesResult) -> None:
    with timestamps_as_given(Opportunity):
        Opportunity.objects.bulk_create([d.opportunity for d in deals], batch_size=BATCH)
    histories = [_stage_changes(d) for d in deals]
    for history in histories:
        work_out_facts(history)
    changes = [row for history in histories for row in history]
    StageChange.objects.bulk_create(changes, batch_size=BATCH)
    checks = [row for d in deals for row in _milestone_checks(d)]
    MilestoneCheck.objects.bulk_create(checks, batch_size=BATCH)
    people = [
        OpportunityContact(
            opportunity_id=d.opportunity.pk,
            contact_id=contact_id,
            decision_role=role,
            is_key_person=key_person,
        )
        for d in deals
        for contact_id, role, key_person in d.people
    ]
    OpportunityContact.objects.bulk_create(people, batch_size=BATCH)
    competitors = [
        Competitor(opportunity_id=d.opportunity.pk, name=name, strength=strength, notes=notes)
        for d in deals
        for name, strength, notes in d.competitors
    ]
    Competitor.objects.bulk_create(competitors, batch_size=BATCH)
    lines = [
        OpportunityLine(
            opportunity_id=d.opportunity.pk,
            product_id=line.product.pk,
            quantity=Decimal(line.quantity),
            unit_price=line.unit_price,
        )
        for d in deals
        for line in d.lines
    ]
    OpportunityLine.objects.bulk_create(lines, batch_size=BATCH)
    proposal = [
        ProposalBenefit(opportunity_id=d.opportunity.pk, benefit_id=pk, customer_need=need)
        for d in deals
        for pk, need in d.proposal
    ]
    ProposalBenefit.objects.bulk_create(proposal, batch_size=BATCH)

    result.by_status.update(d.fate.status for d in deals)
    result.pks.extend(d.opportunity.pk for d in deals)
    result.stage_changes += len(changes)
    result.milestone_checks += len(checks)
    result.deal_contacts += len(people)
    result.competitors += len(competitors)
    result.lines += len(lines)
    result.proposal_benefits += len(proposal)


def contacts_by_account(account_ids: Iterable[int]) -> dict[int, list[ContactRow]]:
    found: dict[int, list[ContactRow]] = {}
    rows = (
        Contact.objects.filter(account_id__in=list(account_ids))
        .order_by("account_id", "id")
        .values_list("account_id", "id", "decision_role", "buying_role", "is_ally")
    )
    for account_id, pk, decision_role, buying_role, is_ally in rows:
        found.setdefault(account_id, []).append(ContactRow(pk, decision_role, buying_role, is_ally))
    return found


def opportunities_create(
    *,
    planned: list[tuple[DealAccount, Fate]],
    products: list[CatalogueProduct],
    randomness: DemoRandom,
    today: date,
) -> OpportunitiesResult:
    """Build and save one deal per (account, fate), a chunk at a time."""
    result = OpportunitiesResult()
    for start in range(0, len(planned), DEALS_PER_CHUNK):
        chunk = planned[start : start + DEALS_PER_CHUNK]
        contacts = contacts_by_account(dict.fromkeys(a.pk for a, _fate in chunk))
        deals = [
            deal_build(
                account,
                fate,
                contacts=contacts.get(account.pk, []),
                products=products,
                randomness=randomness,
                today=today,
            )
            for account, fate in chunk
        ]
        _save(deals, result)
    return result
