"""What the call-arithmetic, Pareto and weekly-report endpoints read and answer. Money is in yuan
with two places; every share and rate is a percentage with one place (12.5 means 12.5%)."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from salesflow.reports.callfunnel import DEFAULT_COMMISSION_RATE

WEEK_PATTERN = r"^\d{4}-W\d{2}$"


class SpanQuery(Schema):
    start: date | None = Field(None, description="First day, YYYY-MM-DD.")
    end: date | None = Field(None, description="Last day, YYYY-MM-DD, included; today if left out.")


class CallFunnelQuery(SpanQuery):
    owner: str = Field("", description="Only this rep's work (a username).")
    team: str = Field("", description="Only the work of the people in the team of this name.")
    commission_rate: Decimal = Field(
        DEFAULT_COMMISSION_RATE, ge=0, le=1, description="Commission as a fraction: 0.05 is 5%."
    )


class ParetoQuery(SpanQuery):
    owner: str = Field("", description="Only customers this rep worked on or won (a username).")
    team: str = Field("", description="Only the work of the people in the team of this name.")
    region: str = Field("", description="Only the work of the teams in the region of this name.")
    cuts: str = Field(
        "10,30,60",
        description="Group sizes as percentages of the customers, best first, adding up to 100.",
    )


class WeeklyQuery(Schema):
    team: str = Field("", description="The team's name.")
    region: str = Field("", description="The region's name (all its teams); instead of a team.")
    week: str = Field(
        "", pattern=WEEK_PATTERN, description="ISO week, e.g. 2026-W47; this week if left out."
    )


class CallConversionOut(Schema):
    connected: Decimal | None = Field(description="connected / calls, %.")
    appointments: Decimal | None = Field(description="appointments / connected, %.")
    presentations: Decimal | None = Field(description="presentations / appointments, %.")
    sales: Decimal | None = Field(description="sales / presentations, %.")


class CallFunnelOut(Schema):
    start: date
    end: date
    owner: str | None
    team: str | None
    calls: int = Field(description="Activities of kind call that took place in the span.")
    connected: int = Field(description="Calls marked connected.")
    appointments: int = Field(description="Calls that set an appointment.")
    presentations: int = Field(description="Activities of kind presentation.")
    sales: int = Field(description="Opportunities won in the span.")
    revenue: Decimal = Field(description="Their amount.")
    hours: Decimal = Field(description="Duration of every activity that took place, in hours.")
    commission_rate: Decimal
    revenue_per_call: Decimal | None = Field(description="revenue / calls; null without calls.")
    commission_per_call: Decimal | None = Field(description="revenue_per_call × commission_rate.")
    revenue_per_hour: Decimal | None = Field(
        description="Return on selling time: revenue / hours; null without logged time."
    )
    conversion: CallConversionOut


class ParetoGroupOut(Schema):
    group: int = Field(description="1 for the customers with the highest margin.")
    cut: int = Field(description="The share of the customers asked for, %.")
    customers: int
    share_of_customers: Decimal | None
    share_of_time: Decimal | None = Field(
        description="Activity minutes on the group's customers / all, %; null without activities."
    )
    share_of_margin: Decimal | None = Field(
        description="The group's gross margin / all, %; null when the total margin is 0 or less."
    )
    margin: Decimal = Field(description="Σ (amount − cost) of won deals with a known cost.")
    hours: Decimal


class WeeklyTargetOut(Schema):
    period: str = Field(description="The month or quarter of the week: 2026-11, 2026-Q4.")
    target: Decimal
    actual: Decimal = Field(description="Revenue won from the period's start to the week's end.")
    achievement: Decimal | None
    elapsed: Decimal = Field(description="Share of the period gone by the week's end, %.")


class WeeklyMarketReportOut(Schema):
    id: int
    subject: str
    account: str | None
    competitor: str
    raised_by: str
    raised_at: datetime
    status: str
    resolution: str


class WeeklyPunctualityOut(Schema):
    rep: str = Field(description="Username.")
    name: str
    working_days: int = Field(description="Working days of the week whose report is due by now.")
    submitted: int
    on_time: int
    late: int
    missing: int = Field(description="Due working days without a submitted report.")


class WeeklyOut(Schema):
    week: str
    start: date
    end: date
    team: str | None
    region: str | None
    targets: list[WeeklyTargetOut]
    revenue: Decimal
    deals_won: int
    new_customers: int
    collections: Decimal
    visits: int
    effective_visits: int
    effective_visit_rate: Decimal | None
    deal_visits: int
    deal_rate: Decimal | None
    reps: int
    average_sales_per_rep: Decimal | None
    competitor_moves: list[WeeklyMarketReportOut]
    abnormal_customers: list[WeeklyMarketReportOut]
    punctuality: list[WeeklyPunctualityOut]
    plan: str = Field(description="Next week's targets and plan, as the manager wrote it.")
