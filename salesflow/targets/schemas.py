"""What the targets and progress API reads and writes. Holders go by their public names: "company",
a username, or a region, team or dealer name (`holder_kind` settles a name two kinds share).
Money is in yuan with two places; new customers are a count. Percentages have one place."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from salesflow.core.api_support import PageQuery
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric, PeriodKind, Target
from salesflow.targets.services import is_locked

CENT = Decimal("0.01")
PERIOD_HELP = 'A year "2026", a quarter "2026-Q1" or a month "2026-03".'
HOLDER_HELP = '"company", a rep\'s username, or a region, team or dealer name.'
HOLDER_KIND_HELP = "company, region, team, rep or dealer: only needed when a name is ambiguous."


class TargetOut(Schema):
    id: int
    metric: Metric
    period: str = Field(description=PERIOD_HELP)
    period_kind: PeriodKind
    period_start: date
    period_end: date = Field(description="The last day of the period, included.")
    holder: str = Field(description=HOLDER_HELP)
    holder_kind: HolderKind
    holder_name: str = Field(description="The holder as people read it (a rep's full name).")
    product: str | None = Field(description="The product's name; null for all products.")
    amount: Decimal
    parent: int | None = Field(description="The id of the target this one is a part of.")
    allocated: Decimal = Field(description="What the target's parts add up to.")
    unallocated: Decimal = Field(description="amount − allocated.")
    locked: bool = Field(
        description="The period has started: only a director changes it, with a reason."
    )
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_holder(obj: Target) -> str:
        return Holder.of(obj).public_name

    @staticmethod
    def resolve_holder_name(obj: Target) -> str:
        return Holder.of(obj).label

    @staticmethod
    def resolve_product(obj: Target) -> str | None:
        return obj.product.name if obj.product is not None else None

    @staticmethod
    def resolve_parent(obj: Target) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_allocated(obj: Target) -> Decimal:
        return Decimal(obj.allocated).quantize(CENT)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_unallocated(obj: Target) -> Decimal:
        return (obj.amount - obj.allocated).quantize(CENT)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_locked(obj: Target) -> bool:
        return is_locked(obj)


class TargetPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[TargetOut]


class TargetListQuery(PageQuery):
    metric: Metric | None = None
    period: str = Field("", description=PERIOD_HELP + " Only targets of exactly this period.")
    holder: str = Field("", description=HOLDER_HELP)
    holder_kind: HolderKind | None = Field(None, description=HOLDER_KIND_HELP)
    parent: int | None = Field(None, description="Only the parts of this target id.")


class TargetCreateIn(Schema):
    metric: Metric
    period: str = Field(description=PERIOD_HELP)
    holder: str = Field(description=HOLDER_HELP)
    holder_kind: HolderKind | None = Field(None, description=HOLDER_KIND_HELP)
    amount: Decimal = Field(ge=0, max_digits=16, decimal_places=2)
    parent: int | None = Field(
        None,
        description="The target this is a part of: same metric and product, a period inside "
        "its period, a holder under its holder (or the same holder over a shorter period).",
    )
    product: str | None = Field(None, description="A product's name; left out: all products.")


class TargetPatchIn(Schema):
    """Only the amount changes; a target's metric, period, holder, product and parent are fixed
    (delete it and set a new one while its period has not started)."""

    amount: Decimal = Field(ge=0, max_digits=16, decimal_places=2)
    reason: str = Field(
        "", description="Why the target changes; required once its period has started."
    )
    metric: str | None = Field(None, description="Fixed: sending it answers 422.")
    period: str | None = Field(None, description="Fixed: sending it answers 422.")
    holder: str | None = Field(None, description="Fixed: sending it answers 422.")
    holder_kind: str | None = Field(None, description="Fixed: sending it answers 422.")
    product: str | None = Field(None, description="Fixed: sending it answers 422.")
    parent: int | None = Field(None, description="Fixed: sending it answers 422.")


class ProgressQuery(Schema):
    holder: str = Field(description=HOLDER_HELP)
    holder_kind: HolderKind | None = Field(None, description=HOLDER_KIND_HELP)
    period: str = Field(description=PERIOD_HELP)
    metric: Metric = Metric.REVENUE
    product: str = Field("", description="A product's name; left out: all products.")


class ProgressOut(Schema):
    holder: str
    holder_kind: HolderKind
    period: str
    metric: Metric
    target: Decimal | None = Field(description="The target's amount; null when none is set.")
    target_id: int | None
    actual: Decimal | None = Field(description="Null for dealers: not measured yet.")
    achievement: Decimal | None = Field(description="actual / target, in per cent.")
    elapsed: Decimal = Field(description="The share of the period gone (today included), in %.")
    gap: Decimal | None = Field(description="target − actual.")
    projected: Decimal | None = Field(
        description="actual ÷ share of the period gone: the result at the current run rate; "
        "0 before the period starts."
    )
    uncosted: int = Field(
        description="Gross margin only: won deals without a cost, left out of the actual."
    )
