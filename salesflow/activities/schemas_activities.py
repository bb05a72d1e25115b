"""What the activities and market-reports API reads and writes: one input schema per operation,
one output schema per kind of record."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import field_validator

from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityObjection,
    ActivityPurpose,
    MarketReport,
    MarketReportKind,
    MarketReportStatus,
)
from salesflow.core.api_support import PageQuery

CENT = Decimal("0.01")

# --- activities --------------------------------------------------------------------------------


class ObjectionMetOut(Schema):
    objection: int = Field(description="The objection's number in the playbook.")
    objection_id: int
    title: str
    overcome: bool

    @staticmethod
    def resolve_objection(obj: ActivityObjection) -> int:
        return obj.objection.number

    @staticmethod
    def resolve_title(obj: ActivityObjection) -> str:
        return obj.objection.title


class ActivityOut(Schema):
    id: int
    owner: str = Field(description="The owner's username.")
    kind: ActivityKind
    purpose: ActivityPurpose
    account: int = Field(description="The account's id.")
    opportunity: int | None = Field(description="The opportunity's id.")
    contacts: list[int] = Field(description="The ids of the people met or called.")
    planned_at: datetime | None
    occurred_at: datetime | None = Field(description="Empty while the activity is only planned.")
    duration_minutes: int
    expenses: Decimal = Field(description="In yuan.")
    notes: str
    connected: bool | None = Field(description="Calls only: did the call get through?")
    appointment_set: bool | None = Field(description="Calls only: was a meeting agreed?")
    objections: list[ObjectionMetOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_owner(obj: Activity) -> str:
        return obj.owner.username

    @staticmethod
    def resolve_account(obj: Activity) -> int:
        return obj.account_id

    @staticmethod
    def resolve_opportunity(obj: Activity) -> int | None:
        return obj.opportunity_id

    @staticmethod
    def resolve_contacts(obj: Activity) -> list[int]:
        return [c.pk for c in obj.contacts.all()]

    @staticmethod
    def resolve_objections(obj: Activity) -> list[ActivityObjection]:
        return list(obj.objections_met.all())

    @field_validator("expenses")
    @classmethod
    def in_fen(cls, value: Decimal) -> Decimal:
        return value.quantize(CENT)


class ActivityPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ActivityOut]


class ActivityListQuery(PageQuery):
    q: str = Field("", description="Words to find in the account's name or the notes.")
    kind: ActivityKind | None = None
    purpose: ActivityPurpose | None = None
    account: int | None = Field(None, description="Only activities at this account id.")
    opportunity: int | None = Field(None, description="Only activities on this opportunity id.")
    owner: str = Field("", description="The owner's username.")
    date_from: date | None = Field(
        None, description="Took place (or is planned) on or after this day."
    )
    date_to: date | None = Field(
        None, description="Took place (or is planned) on or before this day."
    )


class ObjectionMetIn(Schema):
    objection: int = Field(
        description="The objection's number in the playbook (1–7 for the shipped ones); an id "
        "is accepted when no objection has that number."
    )
    overcome: bool = False


class _ActivityWritable(Schema):
    """Fields a client may set. On PATCH only the fields sent are changed; `contacts` and
    `objections`, when sent, replace the whole list."""

    purpose: ActivityPurpose = ActivityPurpose.OTHER
    opportunity: int | None = Field(None, description="An opportunity id on the same account.")
    contacts: list[int] = Field(default_factory=list, description="Contact ids at the account.")
    planned_at: datetime | None = None
    occurred_at: datetime | None = Field(
        None, description="When it happened; leave out (with planned_at) for a planned one."
    )
    duration_minutes: int = Field(0, description="Not negative.")
    expenses: Decimal = Field(Decimal(0), description="In yuan; not negative.")
    notes: str = ""
    connected: bool | None = Field(None, description="Calls only.")
    appointment_set: bool | None = Field(None, description="Calls only.")
    objections: list[ObjectionMetIn] = Field(
        default_factory=list, description="The objections met, and whether each was overcome."
    )


class ActivityCreateIn(_ActivityWritable):
    kind: ActivityKind
    account: int = Field(description="The account's id.")
    owner: str | None = Field(
        None, description="A username; defaults to the caller (a manager may log for their team)."
    )


class ActivityPatchIn(_ActivityWritable):
    kind: ActivityKind | None = None
    account: int | None = Field(None, description="The account's id.")


# --- market and complaint reports --------------------------------------------------------------


class MarketReportOut(Schema):
    id: int
    kind: MarketReportKind
    subject: str
    body: str
    account: int | None = Field(description="The account's id.")
    competitor: str
    urgent: bool
    status: MarketReportStatus
    raised_by: str = Field(description="Username of who raised it.")
    created_at: datetime
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    resolved_by: str | None
    resolved_at: datetime | None
    resolution: str

    @staticmethod
    def resolve_account(obj: MarketReport) -> int | None:
        return obj.account_id

    @staticmethod
    def resolve_raised_by(obj: MarketReport) -> str:
        return obj.raised_by.username

    @staticmethod
    def resolve_acknowledged_by(obj: MarketReport) -> str | None:
        return obj.acknowledged_by.username if obj.acknowledged_by else None

    @staticmethod
    def resolve_resolved_by(obj: MarketReport) -> str | None:
        return obj.resolved_by.username if obj.resolved_by else None


class MarketReportPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[MarketReportOut]


class MarketReportListQuery(PageQuery):
    status: MarketReportStatus | None = None
    kind: MarketReportKind | None = None
    urgent: bool | None = None


class MarketReportCreateIn(Schema):
    kind: MarketReportKind = MarketReportKind.MARKET
    subject: str
    body: str
    account: int | None = Field(None, description="The account it concerns, if any.")
    competitor: str = ""
    urgent: bool = False


class ResolveIn(Schema):
    resolution: str = Field(description="How the report was handled.")
