"""Benchmark: the management reports of issue 5 (progress, weekly report, call arithmetic, Pareto,
analytics, scorecard, leaderboard) for a director and a manager, each next to the bare SQL
aggregate it needs (the floor), on a demo with many more opportunities and activities.

Not part of the test run. `python bench/reports.py` (see bench/README.md).

The demo (with its targets and payments) gives the organisation and the accounts; the bulk
builder below then adds `--opportunities` deals spread over every rep's accounts (open, won and
lost, closed over the last 18 months, payments on most won ones) and `--activities` activities
over the last year, with plain bulk inserts: the demo's own deals carry histories and buying
centres, far too slow for millions of rows, and the reports do not read those.
"""

import argparse
import os
import random
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from run import configure_environment, median_ms, print_demo_report, print_table

MANAGER = "manager1"
DIRECTOR = "director"
BATCH = 5_000
SLOW_MS = 1_000
SLOW_RATIO = 5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=10.0, help="demo scale (default 10)")
    parser.add_argument("--opportunities", type=int, default=100_000, help="deals to add")
    parser.add_argument("--activities", type=int, default=500_000, help="activities to add")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs per measurement; the median is shown"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the throwaway SQLite file and print its path"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the reports on the database DATABASE_URL names, which an earlier run of this "
        "script built and kept, without building anything",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated report names to time (default: all of them)"
    )
    return parser.parse_args()


# --- the bulk builder ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    name: str
    rows: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _moment(rng: random.Random, today: date, days_back: int) -> datetime:
    from django.utils import timezone

    day = today - timedelta(days=rng.randint(1, days_back))
    naive = datetime(day.year, day.month, day.day, rng.randint(8, 19), rng.randint(0, 59))
    return timezone.make_aware(naive)


def bulk_opportunities(total: int, rng: random.Random, today: date) -> Built:
    """`total` deals on the accounts of their owners, 30% won, 20% lost, the rest open; payments
    on 85% of the won ones."""
    from salesflow.accounts.models import Account
    from salesflow.core.demo.bulk import timestamps_as_given
    from salesflow.pipeline.models import Opportunity, Stage, Status
    from salesflow.pipeline.selectors import process_default
    from salesflow.targets.models import Payment

    started = time.perf_counter()
    process = process_default()
    stages = list(Stage.objects.filter(process=process).order_by("number"))
    by_state = {
        Status.WON: [s for s in stages if s.funnel_state == "won"] or stages[-1:],
        Status.LOST: [s for s in stages if s.funnel_state == "lost"] or stages[-1:],
    }
    open_stages = [s for s in stages if s not in by_state[Status.WON] + by_state[Status.LOST]]
    owned = list(Account.objects.filter(owner__isnull=False).values_list("pk", "owner_id"))
    rows = 0
    with timestamps_as_given(Opportunity, Payment):
        for first in range(0, total, BATCH):
            deals = []
            for i in range(first, min(first + BATCH, total)):
                account_id, owner_id = rng.choice(owned)
                roll = rng.random()
                status = Status.WON if roll < 0.3 else Status.LOST if roll < 0.5 else Status.OPEN
                closed_at = None if status == Status.OPEN else _moment(rng, today, 540)
                opened = (closed_at or _moment(rng, today, 200)) - timedelta(
                    days=rng.randint(10, 120)
                )
                amount = Decimal(rng.randint(20, 2_000) * 1_000)
                stage = rng.choice(by_state.get(status, open_stages) or stages)
                deals.append(
                    Opportunity(
                        account_id=account_id,
                        owner_id=owner_id,
                        name=f"Bench deal {i + 1}",
                        amount=amount,
                        cost=None if rng.random() < 0.1 else amount * Decimal("0.6"),
                        expected_close_date=(closed_at or opened).date() + timedelta(days=60),
                        process=process,
                        stage=stage,
                        stage_entered_at=closed_at or opened,
                        status=status,
                        closed_at=closed_at,
                        created_at=opened,
                        updated_at=closed_at or opened,
                    )
                )
            Opportunity.objects.bulk_create(deals)
            payments = [
                Payment(
                    opportunity_id=deal.pk,
                    amount=deal.amount,
                    received_on=min(
                        deal.closed_at.date() + timedelta(days=rng.randint(0, 90)), today
                    ),
                    created_at=deal.closed_at,
                    updated_at=deal.closed_at,
                )
                for deal in deals
                if deal.status == Status.WON and rng.random() < 0.85
            ]
            Payment.objects.bulk_create(payments)
            rows += len(deals) + len(payments)
    return Built(f"{total:,} opportunities + payments", rows, time.perf_counter() - started)


def bulk_activities(total: int, rng: random.Random, today: date) -> Built:
    """`total` activities of the accounts' owners over the last year: calls (half of them
    connected, some setting appointments), visits, meetings and presentations, some on deals."""
    from salesflow.activities.models import Activity, ActivityKind, ActivityPurpose
    from salesflow.core.demo.bulk import timestamps_as_given
    from salesflow.pipeline.models import Opportunity

    started = time.perf_counter()
    deals = list(Opportunity.objects.values_list("pk", "account_id", "owner_id")[:200_000])
    kinds = (
        [ActivityKind.CALL] * 5
        + [ActivityKind.VISIT] * 3
        + [
            ActivityKind.MEETING,
            ActivityKind.PRESENTATION,
        ]
    )
    purposes = ActivityPurpose.values
    rows = 0
    with timestamps_as_given(Activity):
        for first in range(0, total, BATCH):
            batch = []
            for _ in range(first, min(first + BATCH, total)):
                opportunity_id, account_id, owner_id = rng.choice(deals)
                kind = rng.choice(kinds)
                call = kind == ActivityKind.CALL
                connected = call and rng.random() < 0.5
                occurred_at = _moment(rng, today, 365)
                batch.append(
                    Activity(
                        owner_id=owner_id,
                        kind=kind,
                        purpose=rng.choice(purposes),
                        account_id=account_id,
                        opportunity_id=opportunity_id if rng.random() < 0.6 else None,
                        occurred_at=occurred_at,
                        duration_minutes=rng.randint(3, 15) if call else rng.randint(45, 180),
                        expenses=Decimal(0) if call else Decimal(rng.randint(0, 500)),
                        connected=connected if call else None,
                        appointment_set=(connected and rng.random() < 0.3) if call else None,
                        created_at=occurred_at,
                        updated_at=occurred_at,
                    )
                )
            Activity.objects.bulk_create(batch)
            rows += len(batch)
    return Built(f"{total:,} activities", rows, time.perf_counter() - started)


def bulk_stage_history() -> Built:
    """The stage history of the bulk deals, written by the database itself: opened in stage 1,
    advanced one stage at a time (spread evenly from creation to entering the current stage),
    and a closing row for the closed ones. The stage conversion report reads it."""
    from django.db import connection

    from salesflow.pipeline.models import Opportunity, Stage, StageChange

    t = {
        "chg": StageChange._meta.db_table,
        "opp": Opportunity._meta.db_table,
        "stg": Stage._meta.db_table,
    }

    def moment(step: str) -> str:
        """When the deal entered the stage `step` stages after the first."""
        if connection.vendor == "postgresql":
            return (
                "o.created_at + (o.stage_entered_at - o.created_at) "
                f"* (({step})::float / GREATEST(cur.number - 1, 1))"
            )
        return (
            "datetime(julianday(o.created_at) + (julianday(o.stage_entered_at) "
            f"- julianday(o.created_at)) * ({step}) / MAX(cur.number - 1, 1))"
        )

    columns = (
        "opportunity_id, kind, from_stage_id, to_stage_id, from_number, to_number, from_name, "
        "from_name_zh, to_name, to_name_zh, to_funnel_state, status, reason, changed_by_id, "
        "changed_at, left_at, went_on, previous_entry_at"
    )
    bench_deals = "o.name LIKE 'Bench deal %%'"
    # The facts the conversion report counts (pipeline/history.py): a stay ends when the next
    # stage is entered, or when the deal closes; the deal went on from every stage below its
    # current one, and from its current one if it was won there.
    left_at = f"CASE WHEN s.number < cur.number THEN {moment('s.number')} ELSE o.closed_at END"
    went_on = "(s.number < cur.number OR o.status = 'won')"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {t['chg']} ({columns}) SELECT o.id, CASE WHEN s.number = 1 "
            "THEN 'opened' ELSE 'advanced' END, prev.id, s.id, prev.number, s.number, "
            "COALESCE(prev.name_en, ''), COALESCE(prev.name_zh, ''), s.name_en, s.name_zh, "
            f"s.funnel_state, 'open', '', NULL, {moment('s.number - 1')}, {left_at}, "
            f"{went_on}, NULL FROM {t['opp']} o "
            f"JOIN {t['stg']} cur ON cur.id = o.stage_id JOIN {t['stg']} s "
            "ON s.process_id = o.process_id AND s.number <= cur.number "
            f"LEFT JOIN {t['stg']} prev ON prev.process_id = o.process_id "
            f"AND prev.number = s.number - 1 WHERE {bench_deals}"
        )
        rows = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {t['chg']} ({columns}) SELECT o.id, 'closed', cur.id, cur.id, "
            "cur.number, cur.number, cur.name_en, cur.name_zh, cur.name_en, cur.name_zh, "
            f"cur.funnel_state, o.status, '', NULL, o.closed_at, NULL, FALSE, NULL "
            f"FROM {t['opp']} o JOIN {t['stg']} cur ON cur.id = o.stage_id "
            f"WHERE {bench_deals} AND o.status <> 'open'"
        )
        rows += cursor.rowcount
    return Built("stage history of those deals", rows, time.perf_counter() - started)


# --- the floors ---------------------------------------------------------------------------------


class Floors:
    """Bare SQL on a cursor: the aggregates each report needs, for the rows the viewer sees. A
    viewer who does not see everything sees the rows owned by `owner_ids` and the rows on the
    accounts `account_ids` (both read beforehand, as a hand-written query would have them)."""

    def __init__(
        self,
        owner_ids: set[int] | None,
        account_ids: list[int],
        start: datetime,
        end: datetime,
    ) -> None:
        from django.db import connection

        from salesflow.accounts.models import Account
        from salesflow.activities.models import Activity, DailyReport, MarketReport
        from salesflow.pipeline.models import MilestoneCheck, Opportunity, StageChange
        from salesflow.targets.models import Payment
        from salesflow.users.models import User

        self.connection = connection
        self.t = {
            "opp": Opportunity._meta.db_table,
            "act": Activity._meta.db_table,
            "pay": Payment._meta.db_table,
            "chk": MilestoneCheck._meta.db_table,
            "chg": StageChange._meta.db_table,
            "day": DailyReport._meta.db_table,
            "mkt": MarketReport._meta.db_table,
            "usr": User._meta.db_table,
            "acc": Account._meta.db_table,
        }
        self.start, self.end = start, end
        if owner_ids is None:
            self.who = "TRUE"
        else:
            owners = ", ".join(str(pk) for pk in sorted(owner_ids))
            accounts = ", ".join(str(pk) for pk in account_ids) or "NULL"
            self.who = f"({{alias}}.owner_id IN ({owners}) OR {{alias}}.account_id IN ({accounts}))"

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql.format(**self.t), list(params))
            return list(cursor.fetchall())

    def scope(self, alias: str) -> str:
        return self.who.replace("{alias}", alias)

    def month(self, column: str, *, moment: bool = True) -> str:
        if self.connection.vendor == "postgresql":
            local = f"{column} AT TIME ZONE 'Asia/Shanghai'" if moment else column
            return f"date_trunc('month', {local})"
        return f"strftime('%%Y-%%m', {column})"

    def won(self, group: str, start: Any, end: Any) -> list[tuple[Any, ...]]:
        return self.rows(
            f"SELECT {group}, COUNT(*), SUM(o.amount), SUM(o.amount - o.cost) FROM {{opp}} o "
            f"WHERE o.status = 'won' AND {self.scope('o')} AND o.closed_at >= %s "
            f"AND o.closed_at < %s GROUP BY {group}",
            [start, end],
        )

    def effort(self, group: str, start: Any, end: Any) -> list[tuple[Any, ...]]:
        return self.rows(
            f"SELECT {group}, COUNT(*), SUM(a.duration_minutes) FROM {{act}} a "
            f"WHERE {self.scope('a')} AND a.occurred_at >= %s AND a.occurred_at < %s "
            f"GROUP BY {group}",
            [start, end],
        )

    def progress(self, year_start: Any, year_end: Any) -> None:
        """The year's revenue and margin by owner and month; its new customers (accounts whose
        first win falls in it, one probe per account) by owner and month; its collections by
        owner and month."""
        self.rows(
            f"SELECT o.owner_id, {self.month('o.closed_at')}, SUM(o.amount), "
            f"SUM(o.amount - o.cost) FROM {{opp}} o WHERE o.status = 'won' AND {self.scope('o')} "
            "AND o.closed_at >= %s AND o.closed_at < %s GROUP BY 1, 2",
            [year_start, year_end],
        )
        first = (
            "(SELECT e.{column} FROM {{opp}} e WHERE e.account_id = a.id AND e.status = 'won' "
            "ORDER BY e.closed_at, e.id LIMIT 1)"
        )
        self.rows(
            f"SELECT f.owner_id, {self.month('f.won_at')}, COUNT(*) FROM (SELECT "
            f"{first.format(column='owner_id')} AS owner_id, "
            f"{first.format(column='closed_at')} AS won_at FROM {{acc}} a) f "
            "WHERE f.won_at >= %s AND f.won_at < %s GROUP BY 1, 2",
            [year_start, year_end],
        )
        self.rows(
            f"SELECT o.owner_id, {self.month('p.received_on', moment=False)}, SUM(p.amount) FROM {{pay}} p "
            f"JOIN {{opp}} o ON o.id = p.opportunity_id WHERE {self.scope('o')} "
            "AND p.received_on >= %s AND p.received_on < %s GROUP BY 1, 2",
            [year_start.date(), year_end.date()],
        )

    def weekly(self, people: list[int], first: date, last: date, start: Any, end: Any) -> None:
        """Everything the weekly report shows for the people of a team or region: the week's
        sales and new customers, collections, visits with their outcomes, the reps' daily
        reports, the market reports, and the month's and quarter's revenue against target."""
        ids = ", ".join(str(pk) for pk in people)
        who = f"o.owner_id IN ({ids}) AND {self.scope('o')}"
        week = [start, end]
        self.rows(
            f"SELECT COUNT(*), SUM(o.amount), COUNT(DISTINCT o.account_id) FILTER (WHERE NOT "
            "EXISTS (SELECT 1 FROM {opp} e WHERE e.account_id = o.account_id AND "
            "e.status = 'won' AND e.closed_at < %s)) FROM {opp} o WHERE o.status = 'won' "
            f"AND o.closed_at >= %s AND o.closed_at < %s AND {who}",
            [start, *week],
        )
        quarter = date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
        self.rows(
            "SELECT SUM(o.amount) FILTER (WHERE o.closed_at >= %s), SUM(o.amount) FROM {opp} o "
            f"WHERE o.status = 'won' AND o.closed_at >= %s AND o.closed_at < %s AND {who}",
            [datetime(first.year, first.month, 1, tzinfo=start.tzinfo), quarter, end],
        )
        self.rows(
            "SELECT SUM(p.amount) FROM {pay} p JOIN {opp} o ON o.id = p.opportunity_id "
            f"WHERE p.received_on BETWEEN %s AND %s AND {who}",
            [first, last],
        )
        self.rows(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE a.appointment_set OR a.account_id IN ("
            "SELECT account_id FROM {opp} WHERE status = 'won' AND closed_at >= %s "
            "AND closed_at < %s UNION SELECT o.account_id FROM {pay} p JOIN {opp} o "
            "ON o.id = p.opportunity_id WHERE p.received_on BETWEEN %s AND %s "
            "UNION SELECT o.account_id FROM {chk} c JOIN {opp} o ON o.id = c.opportunity_id "
            "WHERE c.done AND c.checked_at >= %s AND c.checked_at < %s "
            "UNION SELECT o.account_id FROM {chg} c JOIN {opp} o ON o.id = c.opportunity_id "
            "WHERE c.kind IN ('advanced', 'skipped_gate') AND c.changed_at >= %s "
            "AND c.changed_at < %s)), COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM {opp} w "
            "WHERE w.account_id = a.account_id AND w.status = 'won' "
            "AND w.closed_at >= a.occurred_at AND w.closed_at < %s)) FROM {act} a "
            f"WHERE a.kind = 'visit' AND a.occurred_at >= %s AND a.occurred_at < %s "
            f"AND a.owner_id IN ({ids}) AND {self.scope('a')}",
            [*week, first, last, *week, *week, end, *week],
        )
        self.rows(
            "SELECT u.id, COUNT(d.id), COUNT(d.id) FILTER (WHERE d.on_time) FROM {usr} u "
            "LEFT JOIN {day} d ON d.owner_id = u.id AND d.date BETWEEN %s AND %s "
            "AND d.on_time IS NOT NULL "
            f"WHERE u.id IN ({ids}) GROUP BY u.id",
            [first, last],
        )
        self.rows(
            "SELECT m.id, m.kind FROM {mkt} m WHERE m.created_at >= %s AND m.created_at < %s "
            f"AND m.raised_by_id IN ({ids})",
            week,
        )

    def call_funnel(self) -> None:
        self.rows(
            "SELECT a.kind, COUNT(*), SUM(CASE WHEN a.connected THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN a.appointment_set THEN 1 ELSE 0 END), SUM(a.duration_minutes) "
            f"FROM {{act}} a WHERE {self.scope('a')} AND a.occurred_at >= %s "
            "AND a.occurred_at < %s GROUP BY a.kind",
            [self.start, self.end],
        )
        self.won("o.status", self.start, self.end)

    def pareto(self) -> None:
        self.won("o.account_id", self.start, self.end)
        self.effort("a.account_id", self.start, self.end)

    def analytics(self) -> None:
        self.rows(
            "SELECT o.status, COUNT(*), SUM(o.amount) FROM {opp} o WHERE o.status <> 'open' "
            f"AND {self.scope('o')} AND o.closed_at >= %s AND o.closed_at < %s "
            "GROUP BY o.status",
            [self.start, self.end],
        )

    def conversion(self, process_id: int, start: Any = None) -> None:
        """Per stage, for the stays that began in the window: deals that entered it (once each:
        a row whose previous entry into the stage was before the window), those of them that
        went on, and the average stay, from the facts kept on the history rows."""
        if self.connection.vendor == "postgresql":
            stay = "c.left_at - c.changed_at"
        else:
            stay = "julianday(c.left_at) - julianday(c.changed_at)"
        reaching = (
            "c.kind IN ('opened', 'advanced', 'skipped_gate') AND (c.previous_entry_at IS NULL "
            "OR c.previous_entry_at < %s)"
        )
        self.rows(
            f"SELECT c.to_number, SUM(CASE WHEN {reaching} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {reaching} AND c.went_on THEN 1 ELSE 0 END), AVG({stay}) "
            "FROM {chg} c JOIN {opp} o ON o.id = c.opportunity_id WHERE o.process_id = %s "
            f"AND {self.scope('o')} AND c.kind IN ('opened', 'advanced', 'skipped_gate', "
            "'moved_back', 'reopened') AND c.changed_at >= %s AND c.changed_at < %s "
            "GROUP BY c.to_number",
            [start or self.start, start or self.start, process_id, start or self.start, self.end],
        )

    def leaderboard(self) -> None:
        self.won("o.owner_id", self.start, self.end)
        self.effort("a.owner_id", self.start, self.end)

    def scorecard(self, person_pk: int) -> None:
        params = [person_pk, self.start, self.end]
        self.rows(
            "SELECT COUNT(*), SUM(o.amount) FROM {opp} o WHERE o.status = 'won' "
            "AND o.owner_id = %s AND o.closed_at >= %s AND o.closed_at < %s",
            params,
        )
        self.rows(
            "SELECT a.kind, COUNT(*), SUM(a.duration_minutes) FROM {act} a WHERE a.owner_id = %s "
            "AND a.occurred_at >= %s AND a.occurred_at < %s GROUP BY a.kind",
            params,
        )


# --- the measurements ---------------------------------------------------------------------------


@dataclass
class Measurement:
    name: str
    run: Callable[[Any], Any]  # given a freshly loaded user
    floor: Callable[[], Any]


def measurements(viewer: Any, floors: Floors, today: date) -> list[Measurement]:
    from salesflow.org.visibility import sees_everything
    from salesflow.pipeline.selectors import process_default
    from salesflow.reports.analytics import leaderboard, results
    from salesflow.reports.callfunnel import call_funnel
    from salesflow.reports.forms_analytics import Window
    from salesflow.reports.pareto import pareto
    from salesflow.reports.scope import Scope
    from salesflow.reports.scorecards import scorecard
    from salesflow.reports.selectors import stage_conversion
    from salesflow.reports.spans import Span, week_of
    from salesflow.reports.weekly import weekly_report
    from salesflow.targets.progress import (
        default_rhythm,
        periods_around,
        rhythm_holders,
        rhythm_sections,
    )
    from salesflow.users.models import Role, User

    first, last = floors.start.date(), (floors.end - timedelta(days=1)).date()
    span, window = Span(first, last), Window(first, last)
    week = week_of(today - timedelta(days=7))  # the last whole week: the bench adds nothing today
    everyone = sees_everything(viewer)
    team = User.objects.get(username=MANAGER).team
    holder = team.region if everyone else team
    scope = Scope() if everyone else Scope(team=team.pk)
    rep = User.objects.filter(role=Role.REP, team=team).order_by("pk").first()
    process = process_default()
    quarter = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    quarter_start = datetime(quarter.year, quarter.month, 1, tzinfo=floors.start.tzinfo)
    quarter = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    quarter_start = datetime(quarter.year, quarter.month, 1, tzinfo=floors.start.tzinfo)
    in_holder = {"team__region": holder} if everyone else {"team": holder}
    people = list(User.objects.filter(**in_holder).values_list("pk", flat=True))
    year = datetime(today.year, 1, 1, tzinfo=floors.start.tzinfo)

    def progress(user: Any) -> Any:
        rhythm = default_rhythm(user)
        return rhythm_sections(
            user,
            holders=rhythm_holders(user, rhythm),
            periods=periods_around(today, rhythm),
            today=today,
        )

    return [
        Measurement(
            "progress",
            progress,
            lambda: floors.progress(year, year.replace(year=today.year + 1)),
        ),
        Measurement(
            "weekly report",
            lambda user: weekly_report(user, holder=holder, week=week),
            lambda: floors.weekly(people, week.first, week.last, week.start, week.end),
        ),
        Measurement(
            "call arithmetic",
            lambda user: call_funnel(user, span=span, scope=scope),
            floors.call_funnel,
        ),
        Measurement("Pareto", lambda user: pareto(user, span=span, scope=scope), floors.pareto),
        Measurement(
            "analytics: results",
            lambda user: results(user, start=first, end=last),
            floors.analytics,
        ),
        Measurement(
            "analytics: stage conversion",
            lambda user: stage_conversion(
                user, process=process, entered_from=floors.start, entered_before=floors.end
            ),
            lambda: floors.conversion(process.pk),
        ),
        Measurement(
            "analytics: stage conversion this quarter",  # the page default
            lambda user: stage_conversion(
                user, process=process, entered_from=quarter_start, entered_before=floors.end
            ),
            lambda: floors.conversion(process.pk, quarter_start),
        ),
        Measurement(
            "scorecard",
            lambda user: scorecard(user, person=rep, window=window),
            lambda: floors.scorecard(rep.pk),
        ),
        Measurement(
            "leaderboard",
            lambda user: leaderboard(user, start=first, end=last),
            floors.leaderboard,
        ),
    ]


def timed(m: Measurement, username: str, repeat: int) -> tuple[tuple[str, ...], bool]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from salesflow.users.models import User

    users = iter([User.objects.get(username=username) for _ in range(repeat + 3)])
    try:
        with CaptureQueriesContext(connection) as queries:
            m.run(next(users))
        selector_ms = median_ms(lambda: m.run(next(users)), repeat)
    except Exception as exc:  # one broken report must not stop the others
        traceback.print_exc(limit=3, file=sys.stderr)
        return (username, m.name, f"failed: {type(exc).__name__}", "", "", "", ""), True
    floor_ms = median_ms(m.floor, repeat)
    ratio = selector_ms / floor_ms if floor_ms else 0.0
    slow = selector_ms > SLOW_MS or ratio > SLOW_RATIO
    return (
        username,
        m.name,
        str(len(queries)),
        f"{selector_ms:.1f}",
        f"{floor_ms:.1f}",
        f"{ratio:.1f}x",
        "SLOW" if slow else "",
    ), slow


def build(args: argparse.Namespace, today: date) -> None:
    from django.core.management import call_command
    from django.db import connection

    from salesflow.core.demo.build import DemoDataConflict, demo_build

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started
    try:
        report = demo_build(scale=args.scale, seed=args.seed, today=today)
    except DemoDataConflict as exc:
        sys.exit(f"{exc} The benchmark needs a database without accounts.")
    print_demo_report(report, migrate_seconds)

    rng = random.Random(args.seed)
    built = [
        bulk_opportunities(args.opportunities, rng, today),
        bulk_activities(args.activities, rng, today),
        bulk_stage_history(),
    ]
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        built.append(Built("ANALYZE", 0, time.perf_counter() - started))
    print_table(
        "Bulk build",
        ("what", "rows", "seconds", "rows/s"),
        [(b.name, f"{b.rows:,}", f"{b.seconds:.1f}", f"{b.rate:,.0f}") for b in built],
        text_columns=1,
    )


def main() -> None:
    args = parse_args()
    where, holder = configure_environment(args.keep)

    import django

    django.setup()

    from django.core.management import call_command
    from django.utils import timezone

    from salesflow.accounts.selectors import account_list_visible
    from salesflow.activities.models import Activity
    from salesflow.org.visibility import visible_user_ids
    from salesflow.pipeline.models import Opportunity
    from salesflow.users.models import User

    if args.reuse:
        print(f"Salesflow reports benchmark on the data already in {where}")
    else:
        print(
            f"Salesflow reports benchmark: demo scale {args.scale:g} + {args.opportunities:,} "
            f"opportunities + {args.activities:,} activities, seed {args.seed}, {where}"
        )
    today = timezone.localdate()
    if args.reuse:
        if not os.environ.get("DATABASE_URL") or not Opportunity.objects.exists():
            sys.exit("--reuse needs DATABASE_URL naming a database an earlier run built and kept.")
        call_command("migrate", verbosity=0)  # indexes added since the build
    else:
        build(args, today)

    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()))
    start = end - timedelta(days=365)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    rows, slow = [], []
    for username in (DIRECTOR, MANAGER):
        viewer = User.objects.get(username=username)
        account_ids = list(account_list_visible(viewer).values_list("pk", flat=True))
        floors = Floors(visible_user_ids(viewer), account_ids, start, end)
        for m in measurements(viewer, floors, today):
            if only and m.name not in only:
                continue
            row, too_slow = timed(m, username, args.repeat)
            rows.append(row)
            if too_slow:
                slow.append(f"{username}: {m.name}")
    print_table(
        f"Reports over the last 365 days ({Opportunity.objects.count():,} opportunities, "
        f"{Activity.objects.count():,} activities); median of {args.repeat} runs",
        ("user", "selector", "queries", "selector ms", "SQL floor ms", "ratio", ""),
        rows,
        text_columns=2,
    )
    print(
        f"\nOver {SLOW_MS:,} ms or {SLOW_RATIO}x the floor: "
        + (", ".join(slow) if slow else "none")
    )
    if holder is not None:
        holder.cleanup()


if __name__ == "__main__":
    main()
