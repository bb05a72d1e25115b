"""Benchmark: one manager's team with 50,000 open opportunities; the board's and the reports'
selectors timed next to the bare SQL aggregates they need (the floor).

Not part of the test run. `python bench/pipeline.py` (see bench/README.md).

The board (salesflow/pipeline/board.py) and the reports (salesflow/reports/selectors.py) are
imported when they are measured, so a missing one prints "not available" and the rest still runs.
"""

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import Any

from run import configure_environment, median_ms, print_demo_report, print_table

MANAGER = "manager1"
PER_COLUMN = 25


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=10.0, help="demo scale (default 10)")
    parser.add_argument(
        "--open",
        type=int,
        default=50_000,
        help=f"open opportunities added to {MANAGER}'s team (default 50,000)",
    )
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--repeat", type=int, default=10, help="timed runs per measurement; the median is shown"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the throwaway SQLite file and print its path"
    )
    return parser.parse_args()


@dataclass
class Measurement:
    """A selector (given a freshly loaded user, so visibility is worked out every run) and the
    SQL floor it is compared with. `make` returns None when the selector's module is missing."""

    name: str
    make: Callable[[Any], Callable[[], Any]] | None
    floor: Callable[[], Any]
    covers: str = ""


def optional(module: str, *names: str) -> list[Any] | None:
    """The named functions of `module`, or None when the module or one of them is missing."""
    try:
        found = import_module(module)
    except ImportError:
        return None
    functions = [getattr(found, name, None) for name in names]
    return None if any(f is None for f in functions) else functions


class Floors:
    """Bare SQL on a cursor: the least work each screen needs, given the visible owner ids."""

    def __init__(self, owner_ids: set[int], process_id: int) -> None:
        from django.db import connection

        from salesflow.accounts.models import Account
        from salesflow.activities.models import Activity
        from salesflow.contacts.models import Contact
        from salesflow.pipeline.models import (
            Opportunity,
            OpportunityContact,
            Stage,
            StageChange,
        )
        from salesflow.users.models import User

        self.connection = connection
        self.t = {
            "opp": Opportunity._meta.db_table,
            "stage": Stage._meta.db_table,
            "change": StageChange._meta.db_table,
            "activity": Activity._meta.db_table,
            "people": OpportunityContact._meta.db_table,
            "contact": Contact._meta.db_table,
            "account": Account._meta.db_table,
            "user": User._meta.db_table,
        }
        marks = ", ".join(["%s"] * len(owner_ids))
        self.scope = f"o.process_id = %s AND o.owner_id IN ({marks})"
        self.params: list[Any] = [process_id, *sorted(owner_ids)]
        self.open_scope = f"o.status = 'open' AND {self.scope}"

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql.format(**self.t), list(params))
            return list(cursor.fetchall())

    def month(self, column: str) -> str:
        if self.connection.vendor == "postgresql":
            return f"date_trunc('month', {column})"
        return f"strftime('%%Y-%%m', {column})"

    def stage_totals(self) -> list[tuple[Any, ...]]:
        return self.rows(
            "SELECT o.stage_id, COUNT(*), SUM(o.amount), SUM(o.amount * s.probability) "
            "FROM {opp} o JOIN {stage} s ON s.id = o.stage_id "
            f"WHERE {self.open_scope} GROUP BY o.stage_id",
            self.params,
        )

    def state_totals(self) -> list[tuple[Any, ...]]:
        return self.rows(
            "SELECT s.funnel_state, COUNT(*), SUM(o.amount), SUM(o.amount * s.probability) "
            "FROM {opp} o JOIN {stage} s ON s.id = o.stage_id "
            f"WHERE {self.open_scope} GROUP BY s.funnel_state",
            self.params,
        )

    def first_cards(self) -> list[tuple[Any, ...]]:
        cards = self.rows(
            "SELECT t.id, t.name, t.amount, t.expected_close_date, t.stage_entered_at, "
            "a.name, u.first_name, u.last_name FROM ("
            "SELECT o.id, o.name, o.amount, o.expected_close_date, o.stage_entered_at, "
            "o.account_id, o.owner_id, ROW_NUMBER() OVER (PARTITION BY o.stage_id "
            "ORDER BY o.expected_close_date, o.id) AS column_rank "
            f"FROM {{opp}} o WHERE {self.open_scope}) t "
            "JOIN {account} a ON a.id = t.account_id JOIN {user} u ON u.id = t.owner_id "
            f"WHERE t.column_rank <= {PER_COLUMN} ORDER BY t.expected_close_date, t.id",
            self.params,
        )
        ids = [card[0] for card in cards]
        if ids:
            marks = ", ".join(["%s"] * len(ids))
            self.rows(
                "SELECT p.opportunity_id, p.decision_role, p.is_key_person, c.name, "
                "c.decision_role, c.buying_role, c.attitude, c.is_ally FROM {people} p "
                f"JOIN {{contact}} c ON c.id = p.contact_id WHERE p.opportunity_id IN ({marks})",
                ids,
            )
        return cards

    def board(self) -> None:
        self.stage_totals()
        self.first_cards()

    def list_page(self) -> int:
        total = self.rows(f"SELECT COUNT(*) FROM {{opp}} o WHERE {self.open_scope}", self.params)
        self.rows(
            "SELECT o.id, o.name, o.amount, o.expected_close_date, a.name, u.first_name "
            "FROM {opp} o JOIN {account} a ON a.id = o.account_id "
            f"JOIN {{user}} u ON u.id = o.owner_id WHERE {self.open_scope} "
            f"ORDER BY o.expected_close_date, o.id LIMIT {PER_COLUMN}",
            self.params,
        )
        return int(total[0][0])

    def funnel(self) -> None:
        self.stage_totals()
        self.rows(
            "SELECT o.stage_id, COUNT(*), SUM(a.duration_minutes), SUM(a.expenses) "
            "FROM {activity} a JOIN {opp} o ON o.id = a.opportunity_id "
            f"WHERE {self.open_scope} AND a.occurred_at IS NOT NULL GROUP BY o.stage_id",
            self.params,
        )

    def conversion(self) -> None:
        """Per stage: deals that entered it (once each), those of them that went on, and the
        average stay, from the facts kept on the history rows (pipeline/history.py)."""
        if self.connection.vendor == "postgresql":
            stay = "c.left_at - c.changed_at"
        else:
            stay = "julianday(c.left_at) - julianday(c.changed_at)"
        first_entry = (
            "c.kind IN ('opened', 'advanced', 'skipped_gate') AND c.previous_entry_at IS NULL"
        )
        self.rows(
            f"SELECT c.to_number, SUM(CASE WHEN {first_entry} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN {first_entry} AND c.went_on THEN 1 ELSE 0 END), AVG({stay}) "
            "FROM {change} c JOIN {opp} o ON o.id = c.opportunity_id "
            f"WHERE {self.scope} AND c.kind IN ('opened', 'advanced', 'skipped_gate', "
            "'moved_back', 'reopened') GROUP BY c.to_number",
            self.params,
        )

    def forecast(self, start: Any, end: Any) -> None:
        window = [*self.params, start, end]
        for group in (self.month("o.expected_close_date"), "o.owner_id"):
            self.rows(
                f"SELECT {group}, o.forecast_category, COUNT(*), SUM(o.amount), "
                "SUM(o.amount * s.probability) FROM {opp} o JOIN {stage} s ON s.id = o.stage_id "
                f"WHERE {self.open_scope} AND o.expected_close_date BETWEEN %s AND %s "
                f"GROUP BY {group}, o.forecast_category",
                window,
            )
        self.rows(
            f"SELECT {self.month('o.closed_at')}, COUNT(*), SUM(o.amount) FROM {{opp}} o "
            f"WHERE o.status = 'won' AND {self.scope} AND o.closed_at BETWEEN %s AND %s "
            f"GROUP BY {self.month('o.closed_at')}",
            window,
        )


def measurements(process: Any, floors: Floors) -> list[Measurement]:
    from django.conf import settings
    from django.utils import timezone

    from salesflow.pipeline.models import Status
    from salesflow.pipeline.selectors import opportunity_search

    today = timezone.localdate()
    start, end = today - timedelta(days=92), today + timedelta(days=275)
    page = settings.PAGE_SIZE

    def listing(user: Any) -> Callable[[], int]:
        def run() -> int:
            qs = opportunity_search(user, status=Status.OPEN, process=process.pk)
            total = qs.count()
            list(qs[:page])
            return total

        return run

    found = [
        Measurement(
            "opportunity list (count + first page)",
            listing,
            floors.list_page,
            f"first {page}",
        )
    ]
    board = optional(
        "salesflow.pipeline.board",
        "board_build",
        "board_opportunities",
        "totals_by_stage",
        "totals_by_funnel_state",
        "first_cards",
        "process_stages",
    )
    if board is None:
        found += fallback_board(process, floors)
    else:
        build, scope, by_stage, by_state, cards, stages_of = board
        stages = stages_of(process)

        def part(aggregate: Callable[..., Any], *extra: Any) -> Callable[[Any], Callable[[], Any]]:
            return lambda user: lambda: aggregate(scope(user, process=process), *extra)

        found += [
            Measurement("board: column totals", part(by_stage), floors.stage_totals, "per stage"),
            Measurement(
                "board: funnel-state totals", part(by_state), floors.state_totals, "per state"
            ),
            Measurement(
                "board: first cards + people",
                part(cards, PER_COLUMN),
                floors.first_cards,
                f"{PER_COLUMN} per column",
            ),
            Measurement(
                "board: whole board",
                lambda user: lambda: build(user, process=process, stages=stages),
                floors.board,
                "totals + cards",
            ),
        ]
    reports = optional("salesflow.reports.selectors", "funnel", "stage_conversion", "forecast")
    names = ("reports: funnel", "reports: stage conversion", "reports: forecast")
    if reports is None:
        found += [Measurement(name, None, lambda: None) for name in names]
    else:
        funnel, conversion, forecast = reports
        found += [
            Measurement(
                names[0],
                lambda user: lambda: funnel(user, process=process),
                floors.funnel,
                "value + effort",
            ),
            Measurement(
                names[1],
                lambda user: lambda: conversion(user, process=process),
                floors.conversion,
                "from history",
            ),
            Measurement(
                names[2],
                lambda user: lambda: forecast(user, start=start, end=end),
                lambda: floors.forecast(start, end),
                "12 months",
            ),
        ]
    return found


def fallback_board(process: Any, floors: Floors) -> list[Measurement]:
    """Before the board exists: what it will need, through opportunity_search."""
    from django.db.models import Count, Sum

    from salesflow.pipeline.models import Status
    from salesflow.pipeline.selectors import opportunity_search

    def totals(user: Any) -> Callable[[], Any]:
        return lambda: list(
            opportunity_search(user, status=Status.OPEN, process=process.pk)
            .order_by()
            .values("stage_id")
            .annotate(n=Count("id"), amount=Sum("amount"))
        )

    return [
        Measurement("board (not available): search + per-stage totals", totals, floors.stage_totals)
    ]


def timed(measurement: Measurement, manager_pk: int, repeat: int) -> tuple[str, ...]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from salesflow.users.models import User

    if measurement.make is None:
        return (measurement.name, "not available", "", "", "", "")
    make = measurement.make
    users = iter([User.objects.get(pk=manager_pk) for _ in range(repeat + 3)])
    try:
        with CaptureQueriesContext(connection) as queries:
            make(next(users))()
        selector_ms = median_ms(lambda: make(next(users))(), repeat)
    except Exception as exc:  # a module still being written must not stop the other rows
        traceback.print_exc(limit=2, file=sys.stderr)
        return (measurement.name, f"failed: {type(exc).__name__}", "", "", "", "")
    floor_ms = median_ms(measurement.floor, repeat)
    return (
        measurement.name,
        measurement.covers,
        str(len(queries)),
        f"{selector_ms:.1f}",
        f"{floor_ms:.1f}",
        f"{selector_ms / floor_ms:.1f}x" if floor_ms else "",
    )


def main() -> None:
    args = parse_args()
    where, holder = configure_environment(args.keep)

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from salesflow.core.demo.build import DemoDataConflict, demo_build
    from salesflow.org.visibility import visible_user_ids
    from salesflow.pipeline.models import Opportunity, Status
    from salesflow.pipeline.selectors import process_default
    from salesflow.users.models import User

    print(
        f"Salesflow pipeline benchmark: demo scale {args.scale:g} + {args.open:,} open "
        f"opportunities for {MANAGER}'s team, seed {args.seed}, {where}"
    )
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started
    try:
        report = demo_build(scale=args.scale, seed=args.seed, team_load=args.open)
    except DemoDataConflict as exc:
        sys.exit(f"{exc} The benchmark needs a database without accounts.")
    print_demo_report(report, migrate_seconds)
    if connection.vendor == "postgresql":
        # After a bulk load the planner has no statistics until autovacuum gets round to the
        # tables; a database in use has them, so the timings are taken with them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    manager = User.objects.get(username=MANAGER)
    process = process_default()
    if process is None:
        sys.exit("No default sales process: run the migrations first.")
    owners = visible_user_ids(manager) or set()
    team_open = Opportunity.objects.filter(
        owner_id__in=owners, status=Status.OPEN, process=process
    ).count()
    floors = Floors(owners, process.pk)
    rows = [timed(m, manager.pk, args.repeat) for m in measurements(process, floors)]
    print_table(
        f"{MANAGER}'s team: {team_open:,} open opportunities on {process.name_en} "
        f"(of {Opportunity.objects.count():,} in the database); median of {args.repeat} runs",
        ("selector", "covers", "queries", "selector ms", "SQL floor ms", "ratio"),
        rows,
        text_columns=2,
    )
    if holder is not None:
        holder.cleanup()


if __name__ == "__main__":
    main()
