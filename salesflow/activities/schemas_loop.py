"""What the visit plan and daily report API reads and writes: one input schema per operation, one
output schema per kind of record."""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from salesflow.activities.models import (
    ActivityKind,
    ActivityPurpose,
    Attendance,
    DailyReport,
    PlanEvent,
    PlannedVisit,
    PlanStatus,
    ReportStatus,
    VisitPlan,
)
from salesflow.activities.selectors.reports import DayFigures, achievement_ratio, report_figures
from salesflow.activities.selectors.signoff import signoff_events
from salesflow.core.api_support import PageQuery

CENT = Decimal("0.01")
VERSION_HELP = "The version the client saw; a newer one answers 409 (stale)."


def _username(user: Any) -> str | None:
    return None if user is None else user.username


# --- shared ------------------------------------------------------------------------------------


class VersionIn(Schema):
    version: int | None = Field(None, description=VERSION_HELP)


class ApproveIn(VersionIn):
    comment: str = Field("", description="An optional word for the rep.")


class ReturnIn(VersionIn):
    comment: str = Field(description="What should change; required.")


class SignIn(VersionIn):
    instructions: str = Field("", description="The supervisor's instructions; the rep sees them.")


class EventOut(Schema):
    action: PlanEvent.Action
    by: str | None = Field(description="Username of who acted.")
    at: dt.datetime
    comment: str
    snapshot: dict[str, Any] = Field(description="The plan or report as it was at that moment.")

    @staticmethod
    def resolve_by(obj: PlanEvent) -> str | None:
        return _username(obj.by)


# --- visit plans -------------------------------------------------------------------------------


class PlannedVisitIn(Schema):
    account: int = Field(description="The account's id.")
    planned_at: dt.datetime = Field(
        description="On the plan's date; without an offset: local time."
    )
    purpose: ActivityPurpose
    notes: str = ""


class VisitPlanCreateIn(Schema):
    date: dt.date = Field(description="Today or a later day.")
    area: str = ""
    visits: list[PlannedVisitIn] = []


class VisitPlanPatchIn(VersionIn):
    """Only while the plan is a draft or returned. `visits`, when sent, is the whole new list."""

    area: str | None = None
    visits: list[PlannedVisitIn] | None = None


class PlannedVisitOut(Schema):
    id: int
    account: int = Field(description="The account's id.")
    account_name: str
    planned_at: dt.datetime
    purpose: ActivityPurpose
    notes: str
    activity: int | None = Field(description="The activity created on approval, to complete.")
    done: bool = Field(description="Whether that activity has happened.")

    @staticmethod
    def resolve_account(obj: PlannedVisit) -> int:
        return obj.account_id

    @staticmethod
    def resolve_account_name(obj: PlannedVisit) -> str:
        return obj.account.name

    @staticmethod
    def resolve_activity(obj: PlannedVisit) -> int | None:
        return obj.activity_id

    @staticmethod
    def resolve_done(obj: PlannedVisit) -> bool:
        return obj.activity is not None and obj.activity.occurred_at is not None


class VisitPlanOut(Schema):
    id: int
    owner: str = Field(description="The rep's username.")
    date: dt.date
    area: str
    status: PlanStatus
    is_locked: bool = Field(description="Submitted or approved: reopen it to change it.")
    submitted_at: dt.datetime | None
    decided_by: str | None = Field(description="Username of who approved or returned it.")
    decided_at: dt.datetime | None
    comment: str = Field(description="The supervisor's comment on the latest decision.")
    visits: list[PlannedVisitOut]
    version: int = Field(description="Send it back with a change to refuse stale edits.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_owner(obj: VisitPlan) -> str:
        return obj.owner.username

    @staticmethod
    def resolve_decided_by(obj: VisitPlan) -> str | None:
        return _username(obj.decided_by)

    @staticmethod
    def resolve_visits(obj: VisitPlan) -> list[PlannedVisit]:
        return list(obj.visits.all())


class VisitPlanDetailOut(VisitPlanOut):
    events: list[EventOut] = Field(description="Every submission and decision, oldest first.")

    @staticmethod
    def resolve_events(obj: VisitPlan) -> list[PlanEvent]:
        return list(signoff_events(obj))


class VisitPlanPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[VisitPlanOut]


class VisitPlanListQuery(PageQuery):
    owner: str = Field("", description="The rep's username.")
    date: dt.date | None = Field(None, description="Only the plan of this day.")
    status: PlanStatus | None = None


# --- daily reports -----------------------------------------------------------------------------


class _ReportWritable(Schema):
    attendance: Attendance | None = None
    collections_amount: Decimal | None = Field(None, ge=0, description="In yuan.")
    daily_target: Decimal | None = Field(
        None, ge=0, description="The day's share of the target, in yuan; null: none."
    )
    complaints_handled: str | None = None
    competitor_info: str | None = None
    customer_feedback: str | None = None
    customer_news: str | None = None
    lessons: str | None = None


class DailyReportCreateIn(_ReportWritable):
    date: dt.date = Field(description="Today or an earlier day.")


class DailyReportPatchIn(_ReportWritable, VersionIn):
    """Only while the report is a draft or returned."""


class DailyReportOut(Schema):
    id: int
    owner: str = Field(description="The rep's username.")
    date: dt.date
    status: ReportStatus
    attendance: Attendance
    orders_amount: Decimal = Field(
        description="Opportunities won that day, in yuan; read-only, refreshed on each save."
    )
    collections_amount: Decimal
    daily_target: Decimal | None
    ratio: Decimal | None = Field(
        description="orders_amount ÷ daily_target (1 = 100 %); null without a target."
    )
    complaints_handled: str
    competitor_info: str
    customer_feedback: str
    customer_news: str
    lessons: str
    submitted_at: dt.datetime | None
    on_time: bool | None = Field(description="First submitted before the cut-off hour.")
    signed_by: str | None = Field(description="Username of who signed it.")
    signed_at: dt.datetime | None
    instructions: str = Field(description="The supervisor's instructions, once signed.")
    version: int = Field(description="Send it back with a change to refuse stale edits.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_owner(obj: DailyReport) -> str:
        return obj.owner.username

    @staticmethod
    def resolve_signed_by(obj: DailyReport) -> str | None:
        return _username(obj.signed_by)

    @staticmethod
    def resolve_ratio(obj: DailyReport) -> Decimal | None:
        return achievement_ratio(obj.orders_amount, obj.daily_target)

    @field_validator("orders_amount", "collections_amount", "daily_target")
    @classmethod
    def in_fen(cls, value: Decimal | None) -> Decimal | None:
        return None if value is None else value.quantize(CENT)


class ObjectionMetOut(Schema):
    number: int
    title: str
    overcome: bool


class ActivityOutcomeOut(Schema):
    id: int
    kind: ActivityKind
    purpose: ActivityPurpose
    account: int
    account_name: str
    occurred_at: dt.datetime
    notes: str
    connected: bool | None
    appointment_set: bool | None
    objections: list[ObjectionMetOut]


def _figures(report: DailyReport) -> DayFigures:
    """The day's figures, worked out once per report however many fields read them."""
    cached = getattr(report, "_day_figures", None)
    if cached is None:
        cached = report_figures(report)
        report._day_figures = cached  # type: ignore[attr-defined]
    return cached


class DailyReportDetailOut(DailyReportOut):
    """The report with the figures of its day; while it is open, orders are counted afresh."""

    visits_made: int = Field(description="Visits that happened that day.")
    visits_planned: int = Field(description="Visits on that day's approved plan.")
    planned_visits_done: int
    activities: list[ActivityOutcomeOut] = Field(description="The day's activities and outcomes.")
    events: list[EventOut]

    @staticmethod
    def resolve_orders_amount(obj: DailyReport) -> Decimal:
        return _figures(obj).orders

    @staticmethod
    def resolve_ratio(obj: DailyReport) -> Decimal | None:
        return _figures(obj).ratio

    @staticmethod
    def resolve_visits_made(obj: DailyReport) -> int:
        return _figures(obj).visits_made

    @staticmethod
    def resolve_visits_planned(obj: DailyReport) -> int:
        return _figures(obj).visits_planned

    @staticmethod
    def resolve_planned_visits_done(obj: DailyReport) -> int:
        return _figures(obj).planned_visits_done

    @staticmethod
    def resolve_activities(obj: DailyReport) -> list[dict[str, Any]]:
        return [
            {
                "id": a.pk,
                "kind": a.kind,
                "purpose": a.purpose,
                "account": a.account_id,
                "account_name": a.account.name,
                "occurred_at": a.occurred_at,
                "notes": a.notes,
                "connected": a.connected,
                "appointment_set": a.appointment_set,
                "objections": [
                    {
                        "number": met.objection.number,
                        "title": met.objection.title,
                        "overcome": met.overcome,
                    }
                    for met in a.objections_met.all()
                ],
            }
            for a in _figures(obj).activities
        ]

    @staticmethod
    def resolve_events(obj: DailyReport) -> list[PlanEvent]:
        return list(signoff_events(obj))


class DailyReportPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[DailyReportOut]


class DailyReportListQuery(PageQuery):
    owner: str = Field("", description="The rep's username.")
    date: dt.date | None = Field(None, description="Only the report of this day.")
    status: ReportStatus | None = None
