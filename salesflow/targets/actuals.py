"""What was actually achieved against targets, aggregated in the database.

- Revenue: the amount of opportunities won in the period (the local date of `closed_at`).
- Gross margin: amount − cost of those deals, only where the cost is known; deals without a
  cost are counted apart (`uncosted`) so the page can say the margin leaves them out.
- New customers: accounts whose first won deal was won in the period.
- Collections: payments received in the period.

Deals count for their owner, the owner's team and the team's region; the company counts all.
Dealers sell nothing through the system yet, so their actual is None ("—").
A product target counts the product's share of each deal: the value of its lines, and that share
of the deal's margin and payments; a new customer counts when the first won deal has the product.

`actuals_for` measures many slots (metric, holder, period, product) at once: one query per
metric family and product, grouped by owner, team, region and local month, whatever the number of
slots; each slot then adds up the months of its period. (New customers keep a query of their own:
PostgreSQL runs the test for an earlier win in parallel as a filter, not inside an aggregate.)
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from salesflow.accounts.models import Account
from salesflow.pipeline.models import Opportunity, OpportunityLine, Status
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric, Payment, Target
from salesflow.targets.periods import Period, parse_period

MONEY: "DecimalField[Decimal, Decimal]" = DecimalField(max_digits=20, decimal_places=2)
ZERO = Value(Decimal(0), output_field=MONEY)
# The annotation name of the owner ("owner" is a field of Opportunity).
BY_OWNER = "by_owner"


@dataclass(frozen=True)
class Slot:
    """What an actual is measured for."""

    metric: str
    holder: Holder
    period: Period
    product_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "metric", str(self.metric))


@dataclass(frozen=True)
class Actual:
    value: Decimal | None  # None: not measured for this holder (dealers)
    uncosted: int = 0  # won deals without a cost, left out of a gross margin


def slot_of(target: Target) -> Slot:
    return Slot(target.metric, Holder.of(target), parse_period(target.period), target.product_id)


def actuals_of(targets: Iterable[Target]) -> dict[int, Actual]:
    """The actual of each target, by target id."""
    targets = list(targets)
    slots = {target.pk: slot_of(target) for target in targets}
    found = actuals_for(slots.values())
    return {pk: found[slot] for pk, slot in slots.items()}


def actuals_for(slots: Iterable[Slot]) -> dict[Slot, Actual]:
    slots = set(slots)
    results: dict[Slot, Actual] = {}
    families: dict[tuple[str, int | None], list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.holder.kind == HolderKind.DEALER:
            results[slot] = Actual(None)
        else:
            families[(_family(slot.metric), slot.product_id)].append(slot)
    places = _places_of_people() if families else {}
    for (family, product_id), members in families.items():
        start = min(s.period.start for s in members)
        end = max(s.period.end for s in members)
        totals = _Totals(_grouped_rows(family, product_id, start, end), places)
        for slot in members:
            results[slot] = totals.actual(slot)
    return results


def _family(metric: str) -> str:
    """Revenue and gross margin come from the same deals, so one query answers both."""
    return "deals" if metric in (Metric.REVENUE, Metric.GROSS_MARGIN) else metric


def _places_of_people() -> dict[int, tuple[int | None, int | None]]:
    """Each user's team and region. The grouped rows carry only the owner: joining users and
    teams into a year of deals costs PostgreSQL a third more than this one small query."""
    return {
        pk: (team, region)
        for pk, team, region in get_user_model().objects.values_list(
            "pk", "team_id", "team__region_id"
        )
    }


class _Totals:
    """Grouped rows summed per holder and month, so each slot adds up only its months."""

    def __init__(
        self, rows: Iterable[dict[str, Any]], places: dict[int, tuple[int | None, int | None]]
    ) -> None:
        self.by: dict[tuple[str, int | None, date], dict[str, Decimal]] = defaultdict(
            lambda: defaultdict(Decimal)
        )
        for row in rows:
            month = _month_of(row["month"])
            team, region = places.get(row[BY_OWNER], (None, None))
            keys = [
                (HolderKind.COMPANY, None, month),
                (HolderKind.REGION, region, month),
                (HolderKind.TEAM, team, month),
                (HolderKind.REP, row[BY_OWNER], month),
            ]
            for key in keys:
                bucket = self.by[key]
                for measure in ("revenue", "gross_margin", "uncosted", "value"):
                    if row.get(measure) is not None:
                        bucket[measure] += Decimal(row[measure])

    def actual(self, slot: Slot) -> Actual:
        measure = slot.metric if _family(slot.metric) == "deals" else "value"
        total, uncosted = Decimal(0), 0
        for month in _months(slot.period):
            bucket = self.by.get((slot.holder.kind, slot.holder.pk, month))
            if bucket:
                total += bucket.get(measure, Decimal(0))
                uncosted += int(bucket.get("uncosted", 0))
        if slot.metric != Metric.GROSS_MARGIN:
            uncosted = 0
        return Actual(total.quantize(Decimal("0.01")), uncosted)


def _months(period: Period) -> list[date]:
    months, month = [], period.start
    while month <= period.end:
        months.append(month)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def _month_of(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date().replace(day=1)
    return value.replace(day=1)


def _local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From local midnight on `start` to local midnight after `end`."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def _won_between(start: date, end: date, prefix: str = "") -> Q:
    since, until = _local_bounds(start, end)
    return Q(
        **{
            f"{prefix}status": Status.WON,
            f"{prefix}closed_at__gte": since,
            f"{prefix}closed_at__lt": until,
        }
    )


def _grouped(qs: QuerySet[Any], prefix: str, month_field: str) -> QuerySet[Any]:
    """Rows of owner and local month; the caller annotates the measures."""
    month = (
        TruncMonth(month_field, tzinfo=timezone.get_current_timezone())
        if month_field.endswith("closed_at")
        else TruncMonth(month_field)
    )
    return (
        qs.order_by()
        .annotate(**{BY_OWNER: F(f"{prefix}owner_id")}, month=month)
        .values(BY_OWNER, "month")
    )


def _grouped_rows(family: str, product_id: int | None, start: date, end: date) -> Any:
    if family == "deals":
        return _deal_rows(product_id, start, end)
    if family == Metric.NEW_CUSTOMERS:
        return _new_customer_rows(product_id, start, end)
    return _collection_rows(product_id, start, end)


def _margin() -> ExpressionWrapper:
    return ExpressionWrapper(F("amount") - F("cost"), output_field=MONEY)


def _deal_rows(product_id: int | None, start: date, end: date) -> Any:
    if product_id is None:
        deals = Opportunity.objects.filter(_won_between(start, end))
        return _grouped(deals, "", "closed_at").annotate(
            revenue=Sum("amount"),
            gross_margin=Sum(_margin(), filter=Q(cost__isnull=False)),
            uncosted=Count("pk", filter=Q(cost__isnull=True)),
        )
    lines = OpportunityLine.objects.filter(
        _won_between(start, end, "opportunity__"), product_id=product_id
    )
    line_total = ExpressionWrapper(F("quantity") * F("unit_price"), output_field=MONEY)
    # The line's share of the deal's margin: line total × (amount − cost) / amount.
    line_margin = ExpressionWrapper(
        F("quantity")
        * F("unit_price")
        * (F("opportunity__amount") - F("opportunity__cost"))
        / F("opportunity__amount"),
        output_field=MONEY,
    )
    costed = Q(opportunity__cost__isnull=False, opportunity__amount__gt=0)
    return _grouped(lines, "opportunity__", "opportunity__closed_at").annotate(
        revenue=Sum(line_total),
        gross_margin=Sum(line_margin, filter=costed),
        uncosted=Count("opportunity", filter=Q(opportunity__cost__isnull=True), distinct=True),
    )


def _first_win_of_account() -> QuerySet[Opportunity]:
    """The account's won deals, first won first (by time, then by id)."""
    return Opportunity.objects.filter(account_id=OuterRef("pk"), status=Status.WON).order_by(
        "closed_at", "pk"
    )


def _new_customer_rows(product_id: int | None, start: date, end: date) -> Any:
    """New customers per owner and month: accounts whose first won deal falls in the span,
    counted for that deal's owner. Read from the accounts, one index probe each, rather than
    from every won deal of the span with a test for an earlier one (bench/reports.py)."""
    if product_id is not None:
        return _new_product_customer_rows(product_id, start, end)
    since, until = _local_bounds(start, end)
    first = _first_win_of_account()
    return (
        Account.objects.order_by()
        .annotate(
            first_won_at=Subquery(first.values("closed_at")[:1]),
            by_owner=Subquery(first.values("owner_id")[:1]),  # BY_OWNER
        )
        .filter(first_won_at__gte=since, first_won_at__lt=until)
        .annotate(month=TruncMonth("first_won_at", tzinfo=timezone.get_current_timezone()))
        .values(BY_OWNER, "month")
        .annotate(value=Count("pk"))
    )


def _new_product_customer_rows(product_id: int, start: date, end: date) -> Any:
    """The same for a product: the first won deal must carry it."""
    first_wins = Account.objects.order_by().values(
        first_win=Subquery(_first_win_of_account().values("pk")[:1])
    )
    firsts = Opportunity.objects.filter(_won_between(start, end), pk__in=first_wins).filter(
        Exists(OpportunityLine.objects.filter(opportunity=OuterRef("pk"), product=product_id))
    )
    return _grouped(firsts, "", "closed_at").annotate(value=Count("account_id", distinct=True))


def _collection_rows(product_id: int | None, start: date, end: date) -> Any:
    payments = Payment.objects.filter(received_on__gte=start, received_on__lte=end)
    if product_id is None:
        return _grouped(payments, "opportunity__", "received_on").annotate(value=Sum("amount"))
    product_total = (
        OpportunityLine.objects.filter(opportunity=OuterRef("opportunity_id"), product=product_id)
        .order_by()
        .values("opportunity_id")
        .annotate(product_total=Sum(F("quantity") * F("unit_price"), output_field=MONEY))
        .values("product_total")
    )
    share = ExpressionWrapper(
        F("amount")
        * Coalesce(Subquery(product_total, output_field=MONEY), ZERO)
        / F("opportunity__amount"),
        output_field=MONEY,
    )
    return _grouped(
        payments.filter(opportunity__amount__gt=0), "opportunity__", "received_on"
    ).annotate(value=Sum(share))
