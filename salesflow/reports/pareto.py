"""Key-account (Pareto) analysis of §3: customers ranked by the gross margin they brought in a
span, cut into groups (top 10%, next 30%, last 60% by default), with each group's share of the
customers, of the selling time and of the margin — the bank's table, for the user's own data.

A customer is an account with a deal won in the span or an activity that took place in it. Its
margin is Σ (amount − cost) of its won deals whose cost is known (a deal without a cost adds
nothing, and the page says how many there were); a customer with activities only counts with a
margin of 0, and a margin may be negative. Its selling time is the minutes of those activities.

The per-customer figures are two grouped SQL aggregates (deals by account, activities by account).
They come from different tables, so joining them in one query would repeat each deal once per
activity; the two lists of per-account rows are merged and ranked here, which is a fold over
aggregates (one row per customer), never over deals or activities."""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext as _

from salesflow.activities.selectors.activities import activity_list_visible
from salesflow.pipeline.models import Status
from salesflow.pipeline.selectors import opportunity_list_visible
from salesflow.reports.callfunnel import CENT, percent
from salesflow.reports.scope import Scope
from salesflow.reports.spans import Span

DEFAULT_CUTS = (10, 30, 60)
MAX_GROUPS = 10
ZERO = Decimal("0.00")
MARGIN = ExpressionWrapper(
    F("amount") - F("cost"), output_field=DecimalField(max_digits=16, decimal_places=2)
)
# The bank of §3: (share of customers, of management time, of profit), in per cent.
BANK_TABLE = ((10, 18, 93), (30, 28, 17), (60, 54, -10))


def parse_cuts(text: str) -> tuple[int, ...]:
    """ "10,30,60" → (10, 30, 60): whole percentages of the customers, best first, adding up to
    100. Raises ValidationError({"cuts": ...})."""
    text = (text or "").strip()
    if not text:
        return DEFAULT_CUTS
    parts = [part.strip().rstrip("%") for part in re.split(r"[,，\s]+", text) if part.strip()]
    if not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValidationError(
            {"cuts": _("Give the groups as whole percentages separated by commas, e.g. 10,30,60.")}
        )
    cuts = tuple(int(part) for part in parts)
    if len(cuts) < 2 or len(cuts) > MAX_GROUPS:
        raise ValidationError(
            {"cuts": _("Cut the customers into 2 to %(max)s groups.") % {"max": MAX_GROUPS}}
        )
    if sum(cuts) != 100:
        raise ValidationError(
            {
                "cuts": _("The groups must add up to 100%%; these add up to %(total)s%%.")
                % {"total": sum(cuts)}
            }
        )
    return cuts


def group_label(number: int, cut: int, *, is_last: bool) -> str:
    """ "Top 10%", "Next 30%", "Last 60%", as §3 names the bank's groups."""
    if number == 1:
        return _("Top %(cut)s%%") % {"cut": cut}
    if is_last:
        return _("Last %(cut)s%%") % {"cut": cut}
    return _("Next %(cut)s%%") % {"cut": cut}


def bank_table() -> list[tuple[str, int, int, int]]:
    """The bank of §3 as (group, share of customers, of time, of profit)."""
    return [
        (group_label(n, row[0], is_last=n == len(BANK_TABLE)), *row)
        for n, row in enumerate(BANK_TABLE, start=1)
    ]


@dataclass(frozen=True)
class Customer:
    account_id: int
    margin: Decimal
    minutes: int


@dataclass(frozen=True)
class ParetoGroup:
    number: int
    cut: int  # the share of the customers this group was asked to hold, in per cent
    from_percent: int  # where the group starts in the ranking, in per cent
    customers: int
    margin: Decimal
    minutes: int
    share_of_customers: Decimal | None
    share_of_time: Decimal | None
    share_of_margin: Decimal | None
    is_last: bool = False

    @property
    def to_percent(self) -> int:
        return self.from_percent + self.cut

    @property
    def label(self) -> str:
        return group_label(self.number, self.cut, is_last=self.is_last)

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(CENT)


@dataclass(frozen=True)
class Pareto:
    span: Span
    cuts: tuple[int, ...]
    groups: list[ParetoGroup]
    customers: int
    margin: Decimal
    minutes: int
    deals_without_cost: int

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(CENT)


def pareto(user: Any, *, span: Span, scope: Scope, cuts: tuple[int, ...] = DEFAULT_CUTS) -> Pareto:
    """The Pareto table of the customers worked on or won in `span` by the people of `scope`,
    among what `user` sees. Two queries."""
    won = (
        opportunity_list_visible(user)
        .filter(scope.of("owner"), status=Status.WON, closed_at__gte=span.start)
        .filter(closed_at__lt=span.end)
        .order_by()
        .values("account_id")
        .annotate(
            margin=Sum(MARGIN, filter=Q(cost__isnull=False)),
            without_cost=Count("id", filter=Q(cost__isnull=True)),
        )
    )
    worked = (
        activity_list_visible(user)
        .filter(scope.of("owner"), occurred_at__gte=span.start, occurred_at__lt=span.end)
        .order_by()
        .values("account_id")
        .annotate(minutes=Sum("duration_minutes"))
    )
    margins: dict[int, Decimal] = {}
    deals_without_cost = 0
    for row in won:
        margins[row["account_id"]] = row["margin"] or ZERO
        deals_without_cost += row["without_cost"]
    minutes = {row["account_id"]: row["minutes"] or 0 for row in worked}
    customers = [
        Customer(account_id=pk, margin=margins.get(pk, ZERO), minutes=minutes.get(pk, 0))
        for pk in margins.keys() | minutes.keys()
    ]
    return Pareto(
        span=span,
        cuts=cuts,
        groups=group_customers(customers, cuts),
        customers=len(customers),
        margin=sum((c.margin for c in customers), ZERO),
        minutes=sum(c.minutes for c in customers),
        deals_without_cost=deals_without_cost,
    )


def rank(customers: list[Customer]) -> list[Customer]:
    """Highest margin first; of two with the same margin, the one that took less selling time
    ranks higher (it earned the same for less), then the older account."""
    return sorted(customers, key=lambda c: (-c.margin, c.minutes, c.account_id))


def group_customers(customers: list[Customer], cuts: tuple[int, ...]) -> list[ParetoGroup]:
    """Cut the ranked customers at the running totals of `cuts`: of n customers, the first group
    holds the first ⌈n × 10 / 100⌉, the first two groups ⌈n × 40 / 100⌉, and so on, so a small
    list still has a top group. Shares of time and margin are None when there is nothing to
    share (no minutes; a total margin of 0 or below, where shares would mislead)."""
    ranked = rank(customers)
    total_customers = len(ranked)
    total_minutes = sum(c.minutes for c in ranked)
    total_margin = sum((c.margin for c in ranked), ZERO)
    groups: list[ParetoGroup] = []
    start, running = 0, 0
    for number, cut in enumerate(cuts, start=1):
        from_percent = running
        running += cut
        stop = -(-total_customers * running // 100)  # ceiling, in whole numbers
        members = ranked[start:stop]
        margin = sum((c.margin for c in members), ZERO)
        minutes = sum(c.minutes for c in members)
        groups.append(
            ParetoGroup(
                number=number,
                cut=cut,
                from_percent=from_percent,
                customers=len(members),
                margin=margin,
                minutes=minutes,
                share_of_customers=percent(len(members), total_customers),
                share_of_time=percent(minutes, total_minutes),
                share_of_margin=percent(margin, total_margin) if total_margin > 0 else None,
                is_last=number == len(cuts),
            )
        )
        start = stop
    return groups
