"""What blocks an opportunity from moving on: the stage's milestones and the next stage's entry
rules. Messages are produced in the active language, so a refusal reads in the user's language."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from salesflow.pipeline.models import Opportunity, Stage
from salesflow.pipeline.selectors import stage_next, unmet_milestones


@dataclass(frozen=True)
class Blocker:
    code: str
    message: str
    milestone_id: int | None = None


def entry_blockers(opportunity: Opportunity, stage: Stage) -> list[Blocker]:
    """Rules of `stage` that the opportunity does not meet yet (qualification minimums)."""
    blockers: list[Blocker] = []
    if stage.requires_full_qualification and opportunity.qualification_answered < 5:
        blockers.append(
            Blocker(
                "qualification_incomplete",
                _(
                    "Stage %(number)s needs all five qualification questions answered; "
                    "%(missing)s still unknown."
                )
                % {"number": stage.number, "missing": 5 - opportunity.qualification_answered},
            )
        )
    if (
        stage.min_qualification_score is not None
        and opportunity.qualification_score < stage.min_qualification_score
    ):
        blockers.append(
            Blocker(
                "qualification_score",
                _(
                    "Stage %(number)s needs a qualification score of at least %(minimum)s; "
                    "this opportunity has %(score)s."
                )
                % {
                    "number": stage.number,
                    "minimum": stage.min_qualification_score,
                    "score": opportunity.qualification_score,
                },
            )
        )
    return blockers


def milestone_blockers(opportunity: Opportunity) -> list[Blocker]:
    return [
        Blocker(
            "milestone",
            _("Milestone not met: %(milestone)s") % {"milestone": m.text},
            milestone_id=m.pk,
        )
        for m in unmet_milestones(opportunity)
    ]


def advance_blockers(opportunity: Opportunity) -> list[Blocker]:
    """Everything that keeps the opportunity in its stage; empty when the gate is open."""
    if opportunity.is_closed:
        return [Blocker("closed", _("The opportunity is closed."))]
    target = stage_next(opportunity.stage)
    if target is None:
        return [
            Blocker(
                "last_stage",
                _("This is the last stage: close the opportunity as won when the deal is signed."),
            )
        ]
    return milestone_blockers(opportunity) + entry_blockers(opportunity, target)


def win_blockers(opportunity: Opportunity) -> list[Blocker]:
    """Winning happens from the last stage, with its milestones met."""
    if opportunity.is_closed:
        return [Blocker("closed", _("The opportunity is closed."))]
    if stage_next(opportunity.stage) is not None:
        return [
            Blocker(
                "not_last_stage",
                _("An opportunity is won from the last stage of its process (%(stage)s).")
                % {"stage": opportunity.process.stages.order_by("-number")[0]},
            )
        ]
    return milestone_blockers(opportunity)
