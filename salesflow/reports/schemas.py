"""What the reports API reads and answers. Money is in yuan with two places, like the rest of the
API; hours are decimal hours."""

from decimal import Decimal

from ninja import Field, Schema

from salesflow.pipeline.models import FunnelState

MONTH_PATTERN = r"^\d{4}-\d{2}$"


class ReportQuery(Schema):
    owner: str = Field("", description="Only opportunities owned by this username.")
    team: str = Field("", description="Only opportunities whose owner is in the team of this name.")
    region: str = Field(
        "", description="Only opportunities on accounts in the region of this name."
    )


class FunnelQuery(ReportQuery):
    process: str = Field(
        "", description="The process's key (eight_step) or id; the default process when left out."
    )


class ForecastQuery(ReportQuery):
    process: str = Field("", description="The process's key or id; every process when left out.")
    start: str = Field(
        "",
        pattern=MONTH_PATTERN,
        description="First month, YYYY-MM; three months before this one when left out.",
    )
    end: str = Field(
        "",
        pattern=MONTH_PATTERN,
        description="Last month, YYYY-MM, included; a year after `start` when left out.",
    )


class ProcessRefOut(Schema):
    id: int
    key: str
    name: str


class FiguresOut(Schema):
    count: int = Field(description="Open opportunities.")
    amount: Decimal
    weighted_amount: Decimal = Field(description="Σ amount × stage probability / 100.")
    activities: int = Field(description="Activities that took place on these opportunities.")
    hours: Decimal = Field(description="Their duration, in hours.")
    expenses: Decimal


class FunnelStateOut(FiguresOut):
    funnel_state: FunnelState
    name: str
    stages: list[int] = Field(description="Numbers of the stages in this funnel state.")


class FunnelStageOut(FiguresOut):
    number: int
    name: str
    funnel_state: FunnelState
    probability: int


class ConversionOut(Schema):
    number: int
    name: str
    reached: int = Field(description="Opportunities that ever entered this stage.")
    next_stage: int | None = Field(description="The next stage's number; null after the last.")
    went_on: int = Field(description="Of those, how many reached the next stage (or were won).")
    rate: Decimal | None = Field(description="went_on / reached, in per cent.")
    average_days: float | None = Field(description="Average length of a finished stay, in days.")


class FunnelOut(Schema):
    process: ProcessRefOut
    total: FiguresOut
    funnel_states: list[FunnelStateOut]
    stages: list[FunnelStageOut]
    conversion: list[ConversionOut]


class CategoryOut(Schema):
    count: int
    amount: Decimal
    weighted_amount: Decimal = Field(
        description="Open: Σ amount × stage probability / 100. Closed (won): the full amount."
    )


class CategoriesOut(Schema):
    pipeline: CategoryOut
    best_case: CategoryOut
    commit: CategoryOut
    closed: CategoryOut


class ForecastRowOut(CategoryOut):
    categories: CategoriesOut


class ForecastMonthOut(ForecastRowOut):
    month: str = Field(description="YYYY-MM.")


class ForecastOwnerOut(ForecastRowOut):
    owner: str = Field(description="The owner's username.")
    name: str


class ForecastTeamOut(ForecastRowOut):
    team: str | None = Field(description="The team's name; null for owners without a team.")


class ForecastOut(Schema):
    start: str
    end: str
    total: ForecastRowOut
    months: list[ForecastMonthOut]
    owners: list[ForecastOwnerOut]
    teams: list[ForecastTeamOut]
