"""The call arithmetic of §8 from logged work: calls → connected → appointments → presentations →
sales, the revenue they brought, what one call is worth, and the return on selling time.

Two aggregate queries: one over the activities that took place in the span (calls, their outcomes,
presentations, all logged minutes), one over the opportunities won in it."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from salesflow.activities.models import ActivityKind
from salesflow.activities.selectors.activities import activity_list_visible
from salesflow.pipeline.models import Status
from salesflow.pipeline.selectors import opportunity_list_visible
from salesflow.reports.scope import Scope
from salesflow.reports.spans import Span

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
DEFAULT_COMMISSION_RATE = Decimal(str(getattr(settings, "SALES_COMMISSION_RATE", "0.05")))


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """part / whole in per cent to one place; None when there is no whole to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH)


@dataclass(frozen=True)
class Step:
    label: Any
    count: int
    conversion: Decimal | None  # from the step before, in per cent; None for the first


@dataclass(frozen=True)
class CallFunnel:
    calls: int
    connected: int
    appointments: int
    presentations: int
    sales: int
    revenue: Decimal
    minutes: int
    commission_rate: Decimal

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(CENT)

    @property
    def revenue_per_call(self) -> Decimal | None:
        if not self.calls:
            return None
        return (self.revenue / self.calls).quantize(CENT)

    @property
    def commission_per_call(self) -> Decimal | None:
        if not self.calls:
            return None
        return (self.revenue * self.commission_rate / self.calls).quantize(CENT)

    @property
    def revenue_per_hour(self) -> Decimal | None:
        """Return on selling time: revenue ÷ hours of logged activities."""
        if not self.minutes:
            return None
        return (self.revenue * 60 / self.minutes).quantize(CENT)

    @property
    def calls_per_sale(self) -> Decimal | None:
        if not self.sales:
            return None
        return (Decimal(self.calls) / self.sales).quantize(TENTH)

    @property
    def commission_percent(self) -> str:
        """The rate as a person writes it: "5", "7.5"."""
        return f"{(self.commission_rate * 100).normalize():f}"

    @property
    def steps(self) -> list[Step]:
        counts = [
            (_("Calls"), self.calls),
            (_("Connected"), self.connected),
            (_("Appointments"), self.appointments),
            (_("Presentations"), self.presentations),
            (_("Sales"), self.sales),
        ]
        return [
            Step(label, count, None if index == 0 else percent(count, counts[index - 1][1]))
            for index, (label, count) in enumerate(counts)
        ]


# The prospecting example of §8: 100 calls bring ¥20,000, so a call is worth ¥200.
EXAMPLE = CallFunnel(
    calls=100,
    connected=50,
    appointments=13,
    presentations=13,
    sales=5,
    revenue=Decimal("20000.00"),
    minutes=0,
    commission_rate=DEFAULT_COMMISSION_RATE,
)


def call_funnel(
    user: Any, *, span: Span, scope: Scope, commission_rate: Decimal = DEFAULT_COMMISSION_RATE
) -> CallFunnel:
    """The call arithmetic of the activities that took place in `span` and the deals won in it,
    by the people of `scope`, among what `user` sees."""
    effort = (
        activity_list_visible(user)
        .filter(scope.of("owner"), occurred_at__gte=span.start, occurred_at__lt=span.end)
        .aggregate(
            calls=Count("id", filter=Q(kind=ActivityKind.CALL)),
            connected=Count("id", filter=Q(kind=ActivityKind.CALL, connected=True)),
            appointments=Count("id", filter=Q(kind=ActivityKind.CALL, appointment_set=True)),
            presentations=Count("id", filter=Q(kind=ActivityKind.PRESENTATION)),
            minutes=Sum("duration_minutes"),
        )
    )
    won = (
        opportunity_list_visible(user)
        .filter(
            scope.of("owner"),
            status=Status.WON,
            closed_at__gte=span.start,
            closed_at__lt=span.end,
        )
        .aggregate(sales=Count("id"), revenue=Sum("amount"))
    )
    return CallFunnel(
        calls=effort["calls"],
        connected=effort["connected"],
        appointments=effort["appointments"],
        presentations=effort["presentations"],
        sales=won["sales"],
        revenue=(won["revenue"] or Decimal(0)).quantize(CENT),
        minutes=effort["minutes"] or 0,
        commission_rate=commission_rate,
    )
