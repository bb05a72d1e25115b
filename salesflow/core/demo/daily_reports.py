"""Demo daily sales reports (每日销售报告): most past working days of each rep, with the day's
attendance, orders (the amounts of the deals the rep won that day), collections and share of the
target, and what the rep saw in Chinese: competitors, customers' feedback and news, lessons.

Most are signed by the rep's supervisor, with instructions, the next morning or the same evening;
the last days' still wait for a signature; some were returned with a comment and resubmitted with
what was asked for, and a few recent ones are still returned. A realistic share came in after the
cut-off (settings.DAILY_REPORT_CUTOFF_HOUR), more often from some reps than others; on_time is
judged on the first submission by the same rule as the report services. Each submission, return
and signature leaves a PlanEvent with a snapshot of the report."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings

from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityPurpose,
    DailyReport,
    PlanEvent,
    ReportStatus,
)
from salesflow.activities.selectors.reports import achievement_ratio
from salesflow.activities.services.reports import on_time, snapshot_with
from salesflow.core.demo import loop_texts as texts
from salesflow.core.demo.bulk import BATCH, timestamps_as_given
from salesflow.core.demo.daily_loop import (
    Calendar,
    LoopRep,
    PoolAccount,
    absent,
    account_pools,
    loop_days,
    rep_chunks,
)
from salesflow.core.demo.deal_texts import COMPETITORS
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.workdays import local, local_day, next_working_day
from salesflow.pipeline.models import Opportunity, Status

Action = PlanEvent.Action
FACE_TO_FACE = {ActivityKind.VISIT, ActivityKind.MEETING, ActivityKind.PRESENTATION}
MISSING_SHARE = 0.03
ABSENT_REPORT_SHARE = 0.5
DRAFT_SHARE = 0.06
SAME_EVENING_SHARE = 0.3
SLOW_REVIEW_SHARE = 0.1
STAYS_RETURNED_SHARE = 0.5
RECENT_DAYS = 3
COLLECTED_SHARE = 0.7
STRAY_COLLECTION_SHARE = 0.02
STRAY_COMPLAINT_SHARE = 0.03
TEXT_SHARES = {
    "competitor_info": (0.35, texts.COMPETITOR_INFO),
    "customer_feedback": (0.55, texts.CUSTOMER_FEEDBACK),
    "customer_news": (0.25, texts.CUSTOMER_NEWS),
    "lessons": (0.45, texts.LESSONS),
}
CENTS = Decimal("0.01")


@dataclass
class ReportsResult:
    by_status: Counter[str] = field(default_factory=Counter)
    late: int = 0
    returned: int = 0
    events: int = 0

    @property
    def reports(self) -> int:
        return sum(self.by_status.values())

    @property
    def rows(self) -> int:
        return self.reports + self.events

    @property
    def detail(self) -> str:
        late = self.late / self.reports if self.reports else 0
        return (
            f"{self.reports:,} reports ({self.by_status[ReportStatus.SIGNED]:,} signed, "
            f"{late:.0%} late, {self.returned:,} returned), {self.events:,} events"
        )


@dataclass
class _Day:
    """What the rep did on a day, from the activities."""

    visits_made: int = 0
    met: list[int] = field(default_factory=list)
    complaints: list[int] = field(default_factory=list)
    collected: bool = False


@dataclass
class _Report:
    report: DailyReport
    figures: dict[str, int]
    events: list[PlanEvent] = field(default_factory=list)
    returned: bool = False


def daily_reports_create(
    *, reps: list[LoopRep], calendar: Calendar, randomness: DemoRandom, today: date
) -> ReportsResult:
    result = ReportsResult()
    days = loop_days(today)
    if not days:
        return result
    for chunk in rep_chunks(reps):
        rep_pks = [r.pk for r in chunk]
        pools = account_pools(rep_pks)
        doings = _doings(rep_pks, days[0], today)
        orders = _orders(rep_pks, days[0], today)
        reports: list[_Report] = []
        for rep in chunk:
            writer = _RepReports(rep, pools.get(rep.pk, []), randomness, days, today)
            for day in days:
                entry = calendar.get((rep.pk, day))
                if entry is None:
                    continue
                found = writer.report(
                    day,
                    attendance=entry.attendance,
                    visits_planned=entry.visits_planned,
                    doings=doings.get((rep.pk, day), _Day()),
                    orders=orders.get((rep.pk, day), Decimal(0)),
                )
                if found is not None:
                    reports.append(found)
        _save(reports, result)
    return result


def _doings(rep_pks: list[int], first_day: date, today: date) -> dict[tuple[int, date], _Day]:
    found: dict[tuple[int, date], _Day] = {}
    for owner_pk, kind, purpose, account_pk, occurred_at in (
        Activity.objects.filter(
            owner_id__in=rep_pks, occurred_at__gte=local(first_day), occurred_at__lt=local(today)
        )
        .order_by("owner_id", "occurred_at", "id")
        .values_list("owner_id", "kind", "purpose", "account_id", "occurred_at")
    ):
        assert occurred_at is not None  # the filter keeps only what happened
        day = found.setdefault((owner_pk, local_day(occurred_at)), _Day())
        if kind == ActivityKind.VISIT:
            day.visits_made += 1
        if kind in FACE_TO_FACE:
            day.met.append(account_pk)
            if purpose == ActivityPurpose.COMPLAINT:
                day.complaints.append(account_pk)
        if purpose == ActivityPurpose.COLLECTION:
            day.collected = True
    return found


def _orders(rep_pks: list[int], first_day: date, today: date) -> dict[tuple[int, date], Decimal]:
    """The amounts of the deals each rep won each day, as the report prefill sums them."""
    found: dict[tuple[int, date], Decimal] = {}
    for owner_pk, closed_at, amount in (
        Opportunity.objects.filter(
            owner_id__in=rep_pks,
            status=Status.WON,
            closed_at__gte=local(first_day),
            closed_at__lt=local(today),
        )
        .order_by("id")
        .values_list("owner_id", "closed_at", "amount")
    ):
        assert closed_at is not None  # the filter keeps only won deals
        key = (owner_pk, local_day(closed_at))
        found[key] = found.get(key, Decimal(0)) + amount
    return found


class _RepReports:
    """One rep's reports, day by day."""

    def __init__(
        self,
        rep: LoopRep,
        pool: list[PoolAccount],
        randomness: DemoRandom,
        days: list[date],
        today: date,
    ) -> None:
        self.rep, self.pool = rep, pool
        self.names = {a.pk: a.name for a in pool}
        self.randomness, self.rng = randomness, randomness.rng
        self.last_day, self.recent = days[-1], days[-RECENT_DAYS:]
        self.midnight = local(today)

    def report(
        self, day: date, *, attendance: str, visits_planned: int, doings: _Day, orders: Decimal
    ) -> _Report | None:
        chance = self.randomness.chance
        if absent(attendance):
            if not chance(ABSENT_REPORT_SHARE):
                return None
        elif chance(MISSING_SHARE):
            return None
        report = DailyReport(
            owner_id=self.rep.pk,
            date=day,
            status=ReportStatus.DRAFT,
            attendance=attendance,
            orders_amount=orders.quantize(CENTS),
            collections_amount=Decimal(0).quantize(CENTS),
            daily_target=self.rep.daily_target,
            version=1,
        )
        found = _Report(
            report, {"visits_made": doings.visits_made, "visits_planned": visits_planned}
        )
        if absent(attendance):
            submitted = local(day, 9) + self._minutes(0, 60)
        else:
            self._write(report, doings)
            if day == self.last_day and chance(DRAFT_SHARE):
                report.created_at = report.updated_at = local(day, 18) + self._minutes(0, 120)
                return found
            submitted = self._submitted(day)
        report.created_at = submitted - self._minutes(10, 60)
        self._through_sign_off(found, submitted)
        found.report.updated_at = found.events[-1].at
        return found

    # --- the sign-off ---------------------------------------------------------------------

    def _through_sign_off(self, found: _Report, submitted: datetime) -> None:
        """Submit, then let the supervisor sign or return it, as far as time allows."""
        report, supervisor = found.report, self.rep.supervisor_pk
        returning = self.randomness.chance(self.rep.report_return_share) and not absent(
            report.attendance
        )
        if returning:
            field_name = self.rng.choice(sorted(texts.REPORT_RETURNS))
            comment, added = self.rng.choice(texts.REPORT_RETURNS[field_name])
            setattr(report, field_name, "")
        report.on_time = on_time(report.date, submitted)
        self._event(found, Action.SUBMITTED, self.rep.pk, submitted, submitted=submitted)
        reviewed = self._reviewed(submitted)
        if returning and reviewed < self.midnight:
            found.returned = True
            report.status = ReportStatus.RETURNED
            self._event(found, Action.RETURNED, supervisor, reviewed, comment=comment)
            again = reviewed + self._minutes(20, 180)
            recent = report.date in self.recent
            if again >= self.midnight or (recent and self.randomness.chance(STAYS_RETURNED_SHARE)):
                return
            setattr(report, field_name, self._fill(added))
            report.version += 1
            self._event(found, Action.SUBMITTED, self.rep.pk, again, submitted=again)
            reviewed = self._reviewed(again)
        if reviewed < self.midnight:
            report.status = ReportStatus.SIGNED
            report.signed_by_id, report.signed_at = supervisor, reviewed
            if self.randomness.chance(self.rep.instructions_share):
                report.instructions = self._fill(self.rng.choice(texts.INSTRUCTIONS))
            self._event(found, Action.SIGNED, supervisor, reviewed, comment=report.instructions)

    def _event(
        self,
        found: _Report,
        action: str,
        by_pk: int,
        at: datetime,
        *,
        comment: str = "",
        submitted: datetime | None = None,
    ) -> None:
        report = found.report
        report.version += 1
        if submitted is not None:
            report.status, report.submitted_at = ReportStatus.SUBMITTED, submitted
        found.events.append(
            PlanEvent(
                action=action,
                by_id=by_pk,
                at=at,
                comment=comment,
                snapshot=snapshot(report, figures=found.figures),
            )
        )

    def _submitted(self, day: date) -> datetime:
        """Before the cut-off, or for a late report after it, up to the next morning."""
        cutoff = local(day, settings.DAILY_REPORT_CUTOFF_HOUR)
        if self.randomness.chance(self.rep.late_share):
            latest = min(cutoff + timedelta(hours=13), self.midnight)
            room = int((latest - cutoff).total_seconds() // 60)
            if room > 10:
                return cutoff + timedelta(minutes=self.rng.randint(5, room - 1))
        return cutoff - self._minutes(5, 210)

    def _reviewed(self, submitted: datetime) -> datetime:
        """The supervisor reads a report the same evening or the next working morning (now and
        then a day later)."""
        day = local_day(submitted)
        if submitted < local(day, 19) and self.randomness.chance(SAME_EVENING_SHARE):
            return submitted + self._minutes(30, 150)
        morning = next_working_day(day)
        if self.randomness.chance(SLOW_REVIEW_SHARE):
            morning = next_working_day(morning)
        return local(morning, 8) + self._minutes(0, 150)

    # --- what the rep writes ------------------------------------------------------------------

    def _write(self, report: DailyReport, doings: _Day) -> None:
        chance = self.randomness.chance
        if doings.collected and chance(COLLECTED_SHARE) or chance(STRAY_COLLECTION_SHARE):
            report.collections_amount = self.randomness.yuan(20_000, 600_000)
        met = doings.met
        for name, (share, choices) in TEXT_SHARES.items():
            if chance(share):
                setattr(report, name, self._fill(self.rng.choice(choices), met))
        if doings.complaints or chance(STRAY_COMPLAINT_SHARE):
            complaint = self.rng.choice(texts.COMPLAINTS_HANDLED)
            report.complaints_handled = self._fill(complaint, doings.complaints or met)

    def _fill(self, text: str, met: list[int] | None = None) -> str:
        known = [pk for pk in (met or []) if pk in self.names]
        if known:
            account = self.names[self.rng.choice(known)]
        elif self.pool:
            account = self.rng.choice(self.pool).name
        else:
            account = "客户"
        return text.format(account=account, competitor=self.rng.choice(COMPETITORS))

    def _minutes(self, low: int, high: int) -> timedelta:
        return timedelta(minutes=self.rng.randint(low, high))


def snapshot(report: DailyReport, *, figures: dict[str, int]) -> dict[str, Any]:
    """What the report said at an event, as the report services keep it."""
    return snapshot_with(
        report,
        visits_made=figures["visits_made"],
        visits_planned=figures["visits_planned"],
        ratio=achievement_ratio(report.orders_amount, report.daily_target),
    )


def _save(reports: list[_Report], result: ReportsResult) -> None:
    with timestamps_as_given(DailyReport, PlanEvent):
        DailyReport.objects.bulk_create([r.report for r in reports], batch_size=BATCH)
        events = []
        for found in reports:
            for event in found.events:
                event.daily_report_id = found.report.pk
                events.append(event)
        PlanEvent.objects.bulk_create(events, batch_size=BATCH)
    result.by_status.update(r.report.status for r in reports)
    result.late += sum(1 for r in reports if r.report.on_time is False)
    result.returned += sum(1 for r in reports if r.returned)
    result.events += len(events)
