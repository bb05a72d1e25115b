"""Next best actions for one opportunity: a short ranked list of what to do now, and the §2
posture for the customer's decision-cycle state.

The ranking follows what holds the deal back most:
1. unmet milestones of the current stage (the gate stays closed until they are met);
2. qualification answers the next stage's entry rules need;
3. the buying centre: a decider against us, no decision maker, no ally;
4. other qualification gaps ("no" before "unknown") and §4 roles the buying stage needs;
5. the stage playbook's key actions.
At most two qualification questions and two playbook actions are listed, so that one kind of gap
never crowds out the others; the list stops at MAX_ACTIONS.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salesflow.contacts.models import Attitude, Contact, DecisionRole
from salesflow.contacts.social_styles import StyleAdvice, advise
from salesflow.pipeline.coverage import (
    DECIDING_ROLES,
    GROUPS,
    CoverageWarning,
    coverage_warnings,
)
from salesflow.pipeline.models import (
    QUALIFICATION_QUESTIONS,
    Answer,
    DecisionCycleState,
    Opportunity,
    OpportunityContact,
    Stage,
)
from salesflow.pipeline.selectors import playbook_of, stage_next, unmet_milestones
from salesflow.playbook.models import PlaybookItem

MAX_ACTIONS = 6
MAX_PER_KIND = {"qualification": 2, "playbook": 2}


class Priority:
    MILESTONE = 100
    QUALIFICATION_FOR_GATE = 90
    OPPOSED_DECIDER = 80
    NO_DECISION_MAKER = 75
    NO_ALLY = 70
    QUALIFICATION_NO = 60
    MISSING_ROLE = 50
    QUALIFICATION_UNKNOWN = 45
    PLAYBOOK = 10


@dataclass(frozen=True)
class PersonAdvice:
    """How to work with the person an action concerns. `advice` is None when either social style
    is unknown; `missing` then says whose: "theirs" or "yours"."""

    contact: Contact
    advice: StyleAdvice | None
    missing: str = ""


@dataclass(frozen=True)
class NextAction:
    kind: str  # milestone | qualification | buying_centre | playbook
    text: str
    reason: str
    priority: int
    person: PersonAdvice | None = None


@dataclass(frozen=True)
class Posture:
    name: Promise
    goals: Promise


# §2: what each state of the customer's decision cycle asks of us.
POSTURES = {
    DecisionCycleState.SATISFIED: Posture(
        gettext_lazy("Prepare"),
        gettext_lazy(
            "Find the customer's main business problems and latent needs; plan the strategy."
        ),
    ),
    DecisionCycleState.RECOGNISES_PROBLEM: Posture(
        gettext_lazy("Make contact"),
        gettext_lazy("Build rapport and interest; leave a strong impression; confirm the needs."),
    ),
    DecisionCycleState.ACTS: Posture(
        gettext_lazy("Probe needs"),
        gettext_lazy(
            "Verify information; probe all needs and why they arose; propose an initial "
            "solution; lead the customer to our purchase criteria."
        ),
    ),
    DecisionCycleState.EVALUATES: Posture(
        gettext_lazy("Present a competitive solution"),
        gettext_lazy("Present the solution in detail; deepen trust; propose a future plan."),
    ),
    DecisionCycleState.COMMITS: Posture(
        gettext_lazy("Close"),
        gettext_lazy("Agreement, commitment and next steps. Do not relax until paid."),
    ),
    DecisionCycleState.IMPLEMENTS: Posture(
        gettext_lazy("Follow through"),
        gettext_lazy(
            "Execute and monitor the agreement; satisfaction; on-time collection; find new "
            "opportunities."
        ),
    ),
}


def posture_for(opportunity: Opportunity) -> Posture:
    return POSTURES[DecisionCycleState(opportunity.decision_cycle_state)]


def person_advice(contact: Contact, user: Any) -> PersonAdvice:
    own_style = getattr(user, "social_style", "") or ""
    if not contact.social_style:
        return PersonAdvice(contact, None, "theirs")
    if not own_style:
        return PersonAdvice(contact, None, "yours")
    return PersonAdvice(contact, advise(own_style=own_style, their_style=contact.social_style))


def next_best_actions(opportunity: Opportunity, user: Any) -> list[NextAction]:
    """The few things most worth doing now on `opportunity`, most important first."""
    if opportunity.is_closed:
        return []
    people = list(opportunity.deal_contacts.all())
    actions = [
        *_milestone_actions(opportunity),
        *_qualification_actions(opportunity, stage_next(opportunity.stage)),
        *_coverage_actions(coverage_warnings(opportunity), people, user),
        *_playbook_actions(opportunity.stage, playbook_of(opportunity.stage)),
    ]
    actions.sort(key=lambda action: -action.priority)
    return actions[:MAX_ACTIONS]


def _milestone_actions(opportunity: Opportunity) -> list[NextAction]:
    stage = opportunity.stage
    reason = _(
        "The gate of stage %(number)s (%(name)s) stays closed until this milestone is met."
    ) % {"number": stage.number, "name": stage.name}
    return [
        NextAction("milestone", milestone.text, reason, Priority.MILESTONE)
        for milestone in unmet_milestones(opportunity)
    ]


def _qualification_actions(opportunity: Opportunity, target: Stage | None) -> list[NextAction]:
    needs_all = target is not None and target.requires_full_qualification
    needs_score = (
        target is not None
        and target.min_qualification_score is not None
        and opportunity.qualification_score < target.min_qualification_score
    )
    actions = []
    for field, question in QUALIFICATION_QUESTIONS:
        answer = getattr(opportunity, field)
        if answer == Answer.UNKNOWN:
            text = _("Find out: %(question)s") % {"question": question}
            reason = _("Nobody has answered this qualification question yet.")
            priority = Priority.QUALIFICATION_UNKNOWN
        elif answer == Answer.NO:
            text = _("Turn the “no” around: %(question)s") % {"question": question}
            reason = _("The answer is no: a weak point of this deal.")
            priority = Priority.QUALIFICATION_NO
        else:
            continue
        if target is not None and ((needs_all and answer == Answer.UNKNOWN) or needs_score):
            entry = _("Stage %(number)s (%(name)s) needs it before the deal may enter.")
            reason = f"{reason} {entry % {'number': target.number, 'name': target.name}}"
            priority = Priority.QUALIFICATION_FOR_GATE
        actions.append(NextAction("qualification", text, reason, priority))
    actions.sort(key=lambda action: -action.priority)
    return actions[: MAX_PER_KIND["qualification"]]


def _coverage_actions(
    warnings: list[CoverageWarning], people: list[OpportunityContact], user: Any
) -> list[NextAction]:
    by_contact = {p.contact_id: p for p in people}
    actions = []
    for warning in warnings:
        if warning.code == "opposed_decider":
            for contact_id in warning.contact_ids:
                person = by_contact[contact_id]
                actions.append(_win_over(person, user))
        elif warning.code == "no_decision_maker":
            actions.append(
                NextAction(
                    "buying_centre",
                    _("Find and meet the decision maker"),
                    warning.message,
                    Priority.NO_DECISION_MAKER,
                )
            )
        elif warning.code == "no_ally":
            actions.append(_find_an_ally(warning, people, user))
        elif warning.code.removeprefix("missing_") in GROUPS:
            label, _matches = GROUPS[warning.code.removeprefix("missing_")]
            actions.append(
                NextAction(
                    "buying_centre",
                    _("Involve the customer's %(group)s") % {"group": label},
                    warning.message,
                    Priority.MISSING_ROLE,
                )
            )
    return actions


def _win_over(person: OpportunityContact, user: Any) -> NextAction:
    contact = person.contact
    text = (
        _("Win over %(name)s, who is hostile")
        if contact.attitude == Attitude.HOSTILE
        else _("Win over %(name)s, who resists")
    ) % {"name": contact.name}
    reason = _("%(name)s has a say in the decision as %(role)s.") % {
        "name": contact.name,
        "role": _role_label(person),
    }
    return NextAction(
        "buying_centre", text, reason, Priority.OPPOSED_DECIDER, person_advice(contact, user)
    )


def _find_an_ally(
    warning: CoverageWarning, people: list[OpportunityContact], user: Any
) -> NextAction:
    """Suggest the likeliest ally: someone who already accepts us, deciders first."""
    candidates = [p for p in people if p.contact.attitude == Attitude.ACCEPTS]
    candidates.sort(key=lambda p: p.effective_decision_role not in DECIDING_ROLES)
    if not candidates:
        return NextAction(
            "buying_centre",
            _("Find an ally (inside coach) at the account"),
            warning.message,
            Priority.NO_ALLY,
        )
    contact = candidates[0].contact
    return NextAction(
        "buying_centre",
        _("Make %(name)s your ally (inside coach)") % {"name": contact.name},
        " ".join([warning.message, _("%(name)s already accepts us.") % {"name": contact.name}]),
        Priority.NO_ALLY,
        person_advice(contact, user),
    )


def _role_label(person: OpportunityContact) -> str:
    return str(DecisionRole(person.effective_decision_role).label)


def _playbook_actions(stage: Stage, items: Iterable[PlaybookItem]) -> list[NextAction]:
    reason = _("A key action in the playbook of stage %(number)s (%(name)s).") % {
        "number": stage.number,
        "name": stage.name,
    }
    actions = [
        NextAction("playbook", item.text, reason, Priority.PLAYBOOK)
        for item in items
        if item.kind == PlaybookItem.Kind.ACTION
    ]
    return actions[: MAX_PER_KIND["playbook"]]
