"""Demo market situation and complaint reports (市场情况反映表): a few per rep over the loop's
months, about a competitor's promotion or new product, a personnel change at a customer, a
dealer's or customer's complaint; some urgent. The rep's supervisor (now and then a director)
acknowledged most and resolved the older ones, sooner for the urgent ones; the newest are still
open. Who and when always match the status."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from salesflow.activities.models import MarketReport, MarketReportKind, MarketReportStatus
from salesflow.core.demo import loop_texts as texts
from salesflow.core.demo.bulk import BATCH, timestamps_as_given
from salesflow.core.demo.daily_loop import LoopRep, account_pools, loop_days, rep_chunks
from salesflow.core.demo.deal_texts import COMPETITORS
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.workdays import local

Kind, State = MarketReportKind, MarketReportStatus
# How many reports a rep raised over the loop's months.
REPORTS_PER_REP = {0: 10, 1: 20, 2: 25, 3: 20, 4: 15, 5: 10}
COMPLAINT_SHARE = 0.4
URGENT_SHARE = {Kind.MARKET: 0.2, Kind.COMPLAINT: 0.35}
DIRECTOR_SHARE = 0.1
# The status a report has reached, by its age in days.
PROGRESS: tuple[tuple[int, dict[str, int]], ...] = (
    (14, {State.RESOLVED: 80, State.ACKNOWLEDGED: 15, State.OPEN: 5}),
    (3, {State.RESOLVED: 40, State.ACKNOWLEDGED: 40, State.OPEN: 20}),
    (-1, {State.OPEN: 50, State.ACKNOWLEDGED: 35, State.RESOLVED: 15}),
)


@dataclass
class MarketResult:
    by_status: Counter[str] = field(default_factory=Counter)
    complaints: int = 0
    urgent: int = 0

    @property
    def rows(self) -> int:
        return sum(self.by_status.values())

    @property
    def detail(self) -> str:
        return (
            f"{self.rows:,} market and complaint reports ({self.complaints:,} complaints, "
            f"{self.urgent:,} urgent, {self.by_status[State.OPEN]:,} open)"
        )


def market_reports_create(
    *, reps: list[LoopRep], director_pk: int, randomness: DemoRandom, today: date
) -> MarketResult:
    result = MarketResult()
    days = loop_days(today)
    if not days:
        return result
    rng = randomness.rng
    midnight = local(today)
    for chunk in rep_chunks(reps):
        pools = account_pools([r.pk for r in chunk])
        rows = []
        for rep in chunk:
            pool = pools.get(rep.pk, [])
            count = rng.choices(list(REPORTS_PER_REP), weights=list(REPORTS_PER_REP.values()))[0]
            for day in sorted(rng.choice(days) for _ in range(count)):
                kind = Kind.COMPLAINT if randomness.chance(COMPLAINT_SHARE) else Kind.MARKET
                account = rng.choice(pool) if pool else None
                competitor = rng.choice(COMPETITORS)
                subject, body, resolution = rng.choice(
                    texts.COMPLAINT_REPORTS if kind == Kind.COMPLAINT else texts.MARKET_REPORTS
                )
                values = {
                    "account": account.name if account else "客户",
                    "competitor": competitor,
                    "city": (account.city.removesuffix("市") if account else "") or rep.city,
                }
                raised = local(day, 9) + timedelta(minutes=rng.randint(0, 540))
                report = MarketReport(
                    raised_by_id=rep.pk,
                    kind=kind,
                    subject=subject.format(**values)[:200],
                    body=body.format(**values),
                    account_id=account.pk if account else None,
                    competitor=competitor if "{competitor}" in subject + body else "",
                    urgent=randomness.chance(URGENT_SHARE[kind]),
                    status=State.OPEN,
                    created_at=raised,
                    updated_at=raised,
                )
                _settle(
                    report,
                    handler_pk=director_pk
                    if randomness.chance(DIRECTOR_SHARE)
                    else rep.supervisor_pk,
                    resolution=resolution.format(**values),
                    age=(today - day).days,
                    randomness=randomness,
                    midnight=midnight,
                )
                rows.append(report)
        with timestamps_as_given(MarketReport):
            MarketReport.objects.bulk_create(rows, batch_size=BATCH)
        result.by_status.update(r.status for r in rows)
        result.complaints += sum(1 for r in rows if r.kind == Kind.COMPLAINT)
        result.urgent += sum(1 for r in rows if r.urgent)
    return result


def _settle(
    report: MarketReport,
    *,
    handler_pk: int,
    resolution: str,
    age: int,
    randomness: DemoRandom,
    midnight: datetime,
) -> None:
    """Acknowledge and resolve the report as far as its age allows, never after `midnight`."""
    rng = randomness.rng
    shares = next(weights for older_than, weights in PROGRESS if age > older_than)
    reached = rng.choices(list(shares), weights=list(shares.values()))[0]
    if reached == State.OPEN:
        return
    minutes = rng.randint(10, 120) if report.urgent else rng.randint(60, 2880)
    acknowledged = report.created_at + timedelta(minutes=minutes)
    if acknowledged >= midnight:
        return
    report.status = State.ACKNOWLEDGED
    report.acknowledged_by_id, report.acknowledged_at = handler_pk, acknowledged
    report.updated_at = acknowledged
    if reached == State.ACKNOWLEDGED:
        return
    hours = rng.randint(2, 48) if report.urgent else rng.randint(12, 240)
    resolved = acknowledged + timedelta(hours=hours)
    if resolved >= midnight:
        return
    report.status = State.RESOLVED
    report.resolved_by_id, report.resolved_at = handler_pk, resolved
    report.resolution = resolution
    report.updated_at = resolved
