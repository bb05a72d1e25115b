"""Buying-centre coverage of a deal (§4): who is missing or against us, given where the customer is.

Works on the deal's prefetched people (`with_deal_contacts`), so a board of cards costs no extra
queries."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from salesflow.contacts.models import Attitude, BuyingRole, DecisionRole
from salesflow.pipeline.models import BuyingStage, Opportunity, OpportunityContact

RECOMMENDERS = {
    DecisionRole.TECHNICAL_RECOMMENDER,
    DecisionRole.FINANCIAL_RECOMMENDER,
    DecisionRole.MANAGEMENT_RECOMMENDER,
}
DECIDING_ROLES = RECOMMENDERS | {DecisionRole.DECISION_MAKER}
AGAINST_US = {Attitude.RESISTS, Attitude.HOSTILE}

# The participant groups of §4's "who matters when" table, each with the test that finds them.
GROUPS = {
    "users": (
        pgettext_lazy("buying-centre group", "users"),
        lambda p: p.contact.buying_role == BuyingRole.USER,
    ),
    "influencers": (
        pgettext_lazy("buying-centre group", "influencers"),
        lambda p: p.effective_decision_role == DecisionRole.INFLUENCER,
    ),
    "gatekeepers": (
        pgettext_lazy("buying-centre group", "gatekeepers"),
        lambda p: p.contact.buying_role == BuyingRole.GATEKEEPER,
    ),
    "recommenders": (
        pgettext_lazy("buying-centre group", "recommenders"),
        lambda p: p.effective_decision_role in RECOMMENDERS,
    ),
    "purchasers": (
        pgettext_lazy("buying-centre group", "purchasers"),
        lambda p: p.contact.buying_role == BuyingRole.PURCHASER,
    ),
    "decision_makers": (
        pgettext_lazy("buying-centre group", "decision makers"),
        lambda p: p.effective_decision_role == DecisionRole.DECISION_MAKER,
    ),
}
NEEDED_BY_BUYING_STAGE = {
    BuyingStage.INTENT: ("users", "influencers"),
    BuyingStage.RESEARCH: ("gatekeepers", "users"),
    BuyingStage.PRESELECTION: ("influencers", "recommenders"),
    BuyingStage.COMPARISON: ("purchasers", "users"),
    BuyingStage.DECISION: ("decision_makers", "purchasers"),
    BuyingStage.USE: ("users", "purchasers"),
}


@dataclass(frozen=True)
class CoverageWarning:
    code: str
    message: str
    contact_ids: tuple[int, ...] = field(default=())


def deal_people(opportunity: Opportunity) -> list[OpportunityContact]:
    return list(opportunity.deal_contacts.all())


def coverage_warnings(opportunity: Opportunity) -> list[CoverageWarning]:
    people = deal_people(opportunity)
    warnings: list[CoverageWarning] = []
    if not any(p.effective_decision_role == DecisionRole.DECISION_MAKER for p in people):
        warnings.append(CoverageWarning("no_decision_maker", _("No decision maker identified.")))
    if opportunity.stage.number >= 2 and not any(p.contact.is_ally for p in people):
        warnings.append(
            CoverageWarning("no_ally", _("No ally (inside coach) yet: every key deal needs one."))
        )
    opposed = [
        p
        for p in people
        if p.contact.attitude in AGAINST_US and p.effective_decision_role in DECIDING_ROLES
    ]
    if opposed:
        warnings.append(
            CoverageWarning(
                "opposed_decider",
                _("%(names)s resists or is hostile, and has a say in the decision.")
                % {"names": ", ".join(p.contact.name for p in opposed)},
                tuple(p.contact_id for p in opposed),
            )
        )
    buying_stage = opportunity.stage.buying_stage
    for group in NEEDED_BY_BUYING_STAGE.get(BuyingStage(buying_stage), ()) if buying_stage else ():
        if group == "decision_makers":
            continue  # already said by the no-decision-maker warning above
        label, matches = GROUPS[group]
        if not any(matches(p) for p in people):
            warnings.append(
                CoverageWarning(
                    f"missing_{group}",
                    _(
                        "At this buying stage (%(stage)s) the customer's %(group)s matter, "
                        "and none is involved yet."
                    )
                    % {"stage": BuyingStage(buying_stage).label, "group": label},
                )
            )
    return warnings
