"""What the processes and opportunities API reads and writes: one input schema per operation, one
output schema per kind of record."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ValidationInfo, field_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from salesflow.core.api_support import PageQuery
from salesflow.pipeline.models import (
    Answer,
    DecisionCycleState,
    ForecastCategory,
    FunnelState,
    Opportunity,
    OurPosition,
    ProjectType,
    SalesProcess,
    Source,
    Stage,
    Status,
)
from salesflow.playbook.models import Milestone

CENT = Decimal("0.01")

# --- processes ----------------------------------------------------------------------------------


class MilestoneOut(Schema):
    id: int
    text: str


class StageOut(Schema):
    id: int
    number: int
    name: str
    customer_stage: str
    funnel_state: FunnelState
    probability: int = Field(description="Default win probability, in per cent.")
    milestones: list[MilestoneOut] = Field(description="What must be met to leave the stage.")

    @staticmethod
    def resolve_milestones(obj: Stage) -> list[Milestone]:
        return list(obj.milestones.all())


class ProcessOut(Schema):
    id: int
    key: str
    name: str
    is_default: bool
    stages: list[StageOut]

    @staticmethod
    def resolve_stages(obj: SalesProcess) -> list[Stage]:
        return list(obj.stages.all())


# --- opportunities ------------------------------------------------------------------------------


class StageBriefOut(Schema):
    number: int
    name: str
    funnel_state: FunnelState


class QualificationOut(Schema):
    need: Answer
    need_evidence: str
    decision_process: Answer
    decision_process_evidence: str
    budget: Answer
    budget_evidence: str
    relationship: Answer
    relationship_evidence: str
    worth: Answer
    worth_evidence: str
    score: int = Field(description="Yes counts 2, partly 1, no and unknown 0; ten at most.")
    answered: int = Field(description="How many of the five questions are not unknown.")

    @staticmethod
    def resolve_score(obj: Opportunity) -> int:
        return obj.qualification_score

    @staticmethod
    def resolve_answered(obj: Opportunity) -> int:
        return obj.qualification_answered


class OpportunityOut(Schema):
    id: int
    account: int = Field(description="The account's id.")
    name: str
    amount: Decimal
    cost: Decimal | None
    expected_close_date: date
    owner: str = Field(description="The owner's username.")
    process: str = Field(description="The process's key.")
    stage: StageBriefOut
    status: Status
    source: Source | None
    project_type: ProjectType | None
    our_position: OurPosition | None
    decision_cycle_state: DecisionCycleState = Field(
        description="The customer's own buying state, 1 (satisfied) to 6 (implements)."
    )
    forecast_category: ForecastCategory
    favourable_factors: str
    unfavourable_factors: str
    probability: int = Field(description="The stage's win probability, in per cent; read-only.")
    weighted_amount: Decimal = Field(description="Amount × probability; read-only.")
    gross_margin: Decimal | None = Field(description="Amount − cost; read-only.")
    qualification: QualificationOut
    days_in_stage: int
    close_reason: str
    won_by: str = Field(description="The competitor who won a lost deal.")
    closed_at: datetime | None
    version: int = Field(description="Send it back with a change to refuse stale edits.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_account(obj: Opportunity) -> int:
        return obj.account_id

    @staticmethod
    def resolve_owner(obj: Opportunity) -> str:
        return obj.owner.username

    @staticmethod
    def resolve_process(obj: Opportunity) -> str:
        return obj.process.key

    @staticmethod
    def resolve_probability(obj: Opportunity) -> int:
        return obj.stage.probability

    @staticmethod
    def resolve_qualification(obj: Opportunity) -> Opportunity:
        return obj

    @staticmethod
    def resolve_days_in_stage(obj: Opportunity) -> int:
        return obj.days_in_stage()

    @field_validator("source", "project_type", "our_position", mode="before")
    @classmethod
    def unset_is_null(cls, value: Any) -> Any:
        return value or None

    @field_validator("amount", "cost", "weighted_amount", "gross_margin")
    @classmethod
    def in_fen(cls, value: Decimal | None) -> Decimal | None:
        # Always two places, whether the value came from the database or from arithmetic.
        return None if value is None else value.quantize(CENT)


class OpportunityPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[OpportunityOut]


class OpportunityListQuery(PageQuery):
    q: str = Field("", description="Words to find in the opportunity's or the account's name.")
    status: Status | None = None
    owner: str = Field("", description="The owner's username.")
    account: int | None = Field(None, description="Only opportunities at this account id.")
    process: str = Field("", description="A process's key or id.")
    stage: int | None = Field(None, description="A stage number (of the process, if given).")
    funnel_state: FunnelState | None = None
    close_from: date | None = Field(None, description="Expected to close on or after this day.")
    close_to: date | None = Field(None, description="Expected to close on or before this day.")


def _read_only(field: str | None) -> str:
    """Why a field a client sent cannot be written here, and where to go instead."""
    if field == "stage":
        return _(
            "The stage cannot be set here: use POST /api/v1/opportunities/<id>/advance, "
            "/move-back or /skip-gate."
        )
    if field == "status":
        return _("The status cannot be set here: use POST /api/v1/opportunities/<id>/close.")
    return _("The process is chosen when the opportunity is created and cannot be changed.")


class _RefusesStageMoves(Schema):
    """Moves go through the action endpoints; sending stage or status says so, field by field."""

    stage: SkipJsonSchema[Any] = None
    status: SkipJsonSchema[Any] = None

    @field_validator("stage", "status", mode="before")
    @classmethod
    def refuse(cls, value: Any, info: ValidationInfo) -> Any:
        # The message goes through as it is: a custom error type keeps pydantic's prefix off.
        raise PydanticCustomError("read_only", "{reason}", {"reason": _read_only(info.field_name)})


class _OpportunityWritable(_RefusesStageMoves):
    """Fields a client may set. On PATCH only the fields sent are changed; null clears a choice."""

    account: int | None = Field(None, description="The account's id.")
    name: str | None = None
    amount: Decimal = Field(Decimal(0), description="In yuan; not negative.")
    cost: Decimal | None = Field(None, description="Expected cost in yuan, so the margin is known.")
    expected_close_date: date | None = None
    owner: str | None = Field(None, description="A username; defaults to the caller on create.")
    source: Source | None = None
    project_type: ProjectType | None = None
    our_position: OurPosition | None = None
    decision_cycle_state: DecisionCycleState = DecisionCycleState.RECOGNISES_PROBLEM
    forecast_category: ForecastCategory | None = Field(
        None, description="Left out on create: follows the stage's funnel state."
    )
    favourable_factors: str = ""
    unfavourable_factors: str = ""


class OpportunityCreateIn(_OpportunityWritable):
    account: int = Field(description="The account's id.")
    name: str
    expected_close_date: date
    process: str | None = Field(
        None, description="A process's key or id; left out: the default process."
    )


class OpportunityPatchIn(_OpportunityWritable):
    process: SkipJsonSchema[Any] = None
    version: int | None = Field(
        None, description="The version the client saw; a newer one answers 409 (stale)."
    )

    @field_validator("process", mode="before")
    @classmethod
    def refuse_process(cls, value: Any) -> Any:
        raise PydanticCustomError("read_only", "{reason}", {"reason": _read_only("process")})


# --- milestones, qualification and moves --------------------------------------------------------


class MilestoneStateOut(Schema):
    id: int = Field(description="The milestone's id.")
    stage_number: int
    text: str
    done: bool
    evidence: str
    checked_by: str | None = Field(description="Username of who last checked or unchecked it.")
    checked_at: datetime | None
    is_current_stage: bool = Field(description="Whether it is a milestone of the current stage.")


class MilestoneCheckIn(Schema):
    done: bool
    evidence: str = ""


class QualificationIn(Schema):
    """All five answers; an evidence note left out stays as it was."""

    need: Answer
    decision_process: Answer
    budget: Answer
    relationship: Answer
    worth: Answer
    need_evidence: str | None = None
    decision_process_evidence: str | None = None
    budget_evidence: str | None = None
    relationship_evidence: str | None = None
    worth_evidence: str | None = None


class VersionIn(Schema):
    version: int | None = Field(
        None, description="The version the client saw; a newer one answers 409 (stale)."
    )


class MoveBackIn(VersionIn):
    stage: int = Field(description="The number of an earlier stage of the same process.")
    reason: str


class SkipGateIn(VersionIn):
    reason: str


class CloseIn(VersionIn):
    result: Literal["won", "lost", "abandoned"]
    reason: str = Field("", description="Required for lost and abandoned.")
    won_by: str = Field("", description="The competitor who won a lost deal.")


class BlockerOut(Schema):
    code: str = Field(description="milestone, qualification_incomplete, stale, … ")
    message: str
    milestone_id: int | None


class ConflictOut(Schema):
    detail: str
    blockers: list[BlockerOut]
