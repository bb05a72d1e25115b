"""The demo's targets for the current year (目标分解): company revenue, gross margin, new customers
and collections, each broken down to every region, team and rep so the parts add up exactly to
their parent; and the company revenue target split into quarters and months.

Amounts follow the last twelve months: the company's target is 1.2 times what it achieved, and
each rep's share follows their own results (with a floor, so a rep without wins still has one).
The rep amounts are whole yuan (whole customers), and teams, regions and the company are their
sums, so no fen is lost on the way down. The quarterly split hangs off nothing: as parts of the
year target it would be counted beside the regions, twice over."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Min, Q, Sum

from salesflow.core.demo.bulk import BATCH
from salesflow.core.demo.organisation import Organisation
from salesflow.pipeline.models import Opportunity, Status
from salesflow.targets.models import HolderKind, Metric, Payment, Target
from salesflow.targets.periods import Period, parse_period, period_parts

GROWTH = Decimal("1.2")
# Each rep's weight is their own result plus this share of the average rep's, so nobody gets 0.
FLOOR_SHARE = Decimal("0.25")
# With no history at all, a company target per rep of this much (yuan, or customers).
NO_HISTORY = {
    Metric.REVENUE: 1_000_000,
    Metric.GROSS_MARGIN: 300_000,
    Metric.NEW_CUSTOMERS: 3,
    Metric.COLLECTIONS: 900_000,
}


@dataclass(frozen=True)
class TargetsResult:
    targets: int
    year: str

    @property
    def rows(self) -> int:
        return self.targets

    @property
    def detail(self) -> str:
        return f"{self.targets:,} targets for {self.year}, down to every rep, by quarter and month"


def targets_create(*, organisation: Organisation, today: date) -> TargetsResult:
    year = parse_period(str(today.year))
    since = today - timedelta(days=365)
    reps = [(seat, rep) for seat in organisation.seats for rep in seat.reps]
    results = _results_by_rep(since, today)
    made = 0
    for metric in Metric.values:
        achieved = {rep.pk: results.get(rep.pk, {}).get(metric, Decimal(0)) for _, rep in reps}
        total = sum(achieved.values(), Decimal(0))
        company = (
            _rounded(total * GROWTH, metric)
            if total > 0
            else Decimal(NO_HISTORY[Metric(metric)] * len(reps))
        )
        amounts = _split(company, [achieved[rep.pk] for _, rep in reps])
        made += _tree_create(
            metric=metric,
            period=year,
            organisation=organisation,
            rep_amounts={rep.pk: amount for (_, rep), amount in zip(reps, amounts, strict=True)},
        )
    made += _company_split_create(metric=Metric.REVENUE, year=year, organisation=organisation)
    return TargetsResult(targets=made, year=year.key)


def _results_by_rep(since: date, today: date) -> dict[int, dict[str, Decimal]]:
    """Each owner's revenue, margin (where the cost is known), new customers and collections over
    the twelve months to `today`."""
    won = Opportunity.objects.filter(
        status=Status.WON, closed_at__date__gt=since, closed_at__date__lte=today
    )
    found: dict[int, dict[str, Decimal]] = {}
    for row in won.values("owner_id").annotate(
        revenue=Sum("amount"),
        margin=Sum(F("amount") - F("cost"), filter=Q(cost__isnull=False)),
    ):
        found.setdefault(row["owner_id"], {}).update(
            {
                str(Metric.REVENUE): Decimal(row["revenue"] or 0),
                str(Metric.GROSS_MARGIN): max(Decimal(row["margin"] or 0), Decimal(0)),
            }
        )
    firsts = (
        Opportunity.objects.filter(status=Status.WON)
        .values("account_id")
        .annotate(first=Min("closed_at"))
        .filter(first__date__gt=since, first__date__lte=today)
    )
    for row in (
        won.filter(account_id__in=firsts.values("account_id"))
        .values("owner_id")
        .annotate(customers=Count("account_id", distinct=True))
    ):
        found.setdefault(row["owner_id"], {})[Metric.NEW_CUSTOMERS] = Decimal(row["customers"])
    for row in (
        Payment.objects.filter(received_on__gt=since, received_on__lte=today)
        .values("opportunity__owner_id")
        .annotate(collected=Sum("amount"))
    ):
        found.setdefault(row["opportunity__owner_id"], {})[Metric.COLLECTIONS] = row["collected"]
    return {owner: {k: Decimal(v) for k, v in values.items()} for owner, values in found.items()}


def _rounded(value: Decimal, metric: str) -> Decimal:
    """A round target: whole customers, or money to ¥10,000."""
    if metric == Metric.NEW_CUSTOMERS:
        return max(Decimal(1), value.to_integral_value())
    return max(Decimal(10_000), (value / 10_000).to_integral_value() * 10_000)


def _split(total: Decimal, achieved: list[Decimal]) -> list[Decimal]:
    """`total` (whole units) in whole units by weight, largest remainders first: the parts add
    up to exactly `total`."""
    if not achieved:
        return []
    floor = sum(achieved, Decimal(0)) / len(achieved) * FLOOR_SHARE
    weights = [value + floor + 1 for value in achieved]
    whole = sum(weights, Decimal(0))
    exact = [total * weight / whole for weight in weights]
    parts = [int(value) for value in exact]
    left = int(total) - sum(parts)
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[:left]:
        parts[i] += 1
    return [Decimal(part) for part in parts]


def _target(metric: str, period: Period, amount: Decimal, **holder: Any) -> Target:
    holder.setdefault("holder_kind", HolderKind.COMPANY)
    return Target(
        metric=metric,
        period=period.key,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        amount=amount,
        **holder,
    )


def _tree_create(
    *, metric: str, period: Period, organisation: Organisation, rep_amounts: dict[int, Decimal]
) -> int:
    """The company target, its regions, their teams and their reps, level by level."""
    by = organisation.director
    team_amounts = {
        seat.team.pk: sum((rep_amounts[rep.pk] for rep in seat.reps), Decimal(0))
        for seat in organisation.seats
    }
    region_amounts = {region.pk: Decimal(0) for region in organisation.regions}
    for seat in organisation.seats:
        region_amounts[seat.region.pk] += team_amounts[seat.team.pk]
    company = _target(metric, period, sum(region_amounts.values(), Decimal(0)), created_by=by)
    company.save()
    regions = Target.objects.bulk_create(
        [
            _target(
                metric,
                period,
                region_amounts[region.pk],
                holder_kind=HolderKind.REGION,
                region=region,
                parent=company,
                created_by=by,
            )
            for region in organisation.regions
            if any(seat.region.pk == region.pk for seat in organisation.seats)
        ]
    )
    region_target = {target.region_id: target for target in regions}
    teams = Target.objects.bulk_create(
        [
            _target(
                metric,
                period,
                team_amounts[seat.team.pk],
                holder_kind=HolderKind.TEAM,
                team=seat.team,
                parent=region_target[seat.region.pk],
                created_by=by,
            )
            for seat in organisation.seats
        ],
        batch_size=BATCH,
    )
    team_target = {target.team_id: target for target in teams}
    reps = Target.objects.bulk_create(
        [
            _target(
                metric,
                period,
                rep_amounts[rep.pk],
                holder_kind=HolderKind.REP,
                user=rep,
                parent=team_target[seat.team.pk],
                created_by=seat.manager,
            )
            for seat in organisation.seats
            for rep in seat.reps
        ],
        batch_size=BATCH,
    )
    return 1 + len(regions) + len(teams) + len(reps)


def _company_split_create(*, metric: str, year: Period, organisation: Organisation) -> int:
    """The company's year target by quarter (even, in whole yuan) and each quarter by month."""
    by = organisation.director
    annual = Target.objects.get(
        metric=metric, period=year.key, holder_kind=HolderKind.COMPANY, product=None
    ).amount
    quarters = period_parts(year)
    quarter_targets = Target.objects.bulk_create(
        [
            _target(metric, quarter, amount, created_by=by)
            for quarter, amount in zip(
                quarters, _split(annual, [Decimal(0)] * len(quarters)), strict=True
            )
        ]
    )
    months = [
        _target(metric, month, amount, parent=quarter_target, created_by=by)
        for quarter, quarter_target in zip(quarters, quarter_targets, strict=True)
        for month, amount in zip(
            period_parts(quarter),
            _split(quarter_target.amount, [Decimal(0)] * 3),
            strict=True,
        )
    ]
    Target.objects.bulk_create(months)
    return len(quarter_targets) + len(months)
