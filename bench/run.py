"""Benchmark: build demo data at a scale, then time the account list against the bare SQL floor.

Not part of the test run. `python bench/run.py --scale 10` (see bench/README.md).
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10.0, help="demo scale (default 10)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--repeat", type=int, default=20, help="timed runs per measurement; the median is shown"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the throwaway SQLite file and print its path"
    )
    return parser.parse_args()


def configure_environment(keep: bool) -> tuple[str, tempfile.TemporaryDirectory[str] | None]:
    """A fresh SQLite file in a temporary folder, unless DATABASE_URL names a database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Without DEBUG, Django does not keep every query in memory; that would skew the timings.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"].split("@")[-1], None
    if keep:
        folder = tempfile.mkdtemp(prefix="salesflow-bench-")
        os.environ["SALESFLOW_VAR_DIR"] = folder
        return f"SQLite {folder}/salesflow.sqlite3 (kept)", None
    holder = tempfile.TemporaryDirectory(prefix="salesflow-bench-")
    os.environ["SALESFLOW_VAR_DIR"] = holder.name
    return "SQLite in a temporary folder (removed afterwards)", holder


def median_ms(run: Callable[[], Any], repeat: int) -> float:
    run()  # warm-up: fills SQLite's page cache and Django's query caches
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def print_table(
    title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], *, text_columns: int
) -> None:
    """The first `text_columns` columns are left-aligned, the numbers after them right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(width) if i < text_columns else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(f"\n{title}")
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def print_demo_report(report: Any, migrate_seconds: float) -> None:
    """The table of demo phases: rows, seconds and rows per second of each."""
    rows = [("migrate", "", "", f"{migrate_seconds:.2f}", "")]
    rows += [
        (p.name, p.detail, f"{p.rows:,}", f"{p.seconds:.2f}", f"{p.rows_per_second:,.0f}")
        for p in report.phases
    ]
    rows.append(
        (
            "demo total",
            "",
            f"{report.rows:,}",
            f"{report.seconds:.2f}",
            f"{report.rows / report.seconds:,.0f}",
        )
    )
    print_table(
        "Demo generation",
        ("phase", "what", "rows", "seconds", "rows/s"),
        rows,
        text_columns=2,
    )


def main() -> None:
    args = parse_args()
    where, holder = configure_environment(args.keep)

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from salesflow.accounts.models import Account, AccountTeamMember
    from salesflow.accounts.selectors import account_search
    from salesflow.core.demo.build import DemoDataConflict, demo_build
    from salesflow.org.visibility import visible_user_ids
    from salesflow.users.models import User

    print(f"Salesflow benchmark: demo scale {args.scale:g}, seed {args.seed}, {where}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - started

    try:
        report = demo_build(scale=args.scale, seed=args.seed)
    except DemoDataConflict as exc:
        sys.exit(f"{exc} The benchmark needs a database without accounts.")
    print_demo_report(report, migrate_seconds)

    page_size = settings.PAGE_SIZE
    accounts = Account._meta.db_table
    members = AccountTeamMember._meta.db_table
    columns = "id, name, credit_code, tier, key_account_type, annual_revenue, owner_id"

    def selector_page(username: str) -> Callable[[], int]:
        # A fresh user per run, as each request has: visibility is worked out every time.
        pk = User.objects.get(username=username).pk
        copies = iter([User.objects.get(pk=pk) for _ in range(args.repeat + 2)])

        def run() -> int:
            qs = account_search(next(copies))
            total = qs.count()
            list(qs[:page_size])
            return total

        return run

    def floor_page(username: str) -> Callable[[], int]:
        ids = visible_user_ids(User.objects.get(username=username))
        if ids is None:
            where_sql, params = "", []
        else:
            marks = ", ".join(["%s"] * len(ids))
            where_sql = (
                f" WHERE owner_id IN ({marks}) OR id IN "
                f"(SELECT account_id FROM {members} WHERE user_id IN ({marks}))"
            )
            params = sorted(ids) * 2

        def run() -> int:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {accounts}{where_sql}", params)
                total = cursor.fetchone()[0]
                cursor.execute(
                    f"SELECT {columns} FROM {accounts}{where_sql} ORDER BY name, id LIMIT %s",
                    [*params, page_size],
                )
                cursor.fetchall()
            return total

        return run

    list_rows = []
    for username in ("rep1", "manager1", "director"):
        user = User.objects.get(username=username)
        selector = selector_page(username)
        floor = floor_page(username)
        with CaptureQueriesContext(connection) as queries:
            visible = selector()
        assert visible == floor(), f"the floor query does not count the same rows for {username}"
        selector_ms = median_ms(selector, args.repeat)
        floor_ms = median_ms(floor, args.repeat)
        list_rows.append(
            (
                username,
                user.role,
                f"{visible:,}",
                str(len(queries)),
                f"{selector_ms:.2f}",
                f"{floor_ms:.2f}",
                f"{selector_ms / floor_ms:.1f}x",
            )
        )
    print_table(
        f"Account list, first page of {page_size} with its count (median of {args.repeat} runs)",
        ("user", "role", "visible", "queries", "selector ms", "SQL floor ms", "ratio"),
        list_rows,
        text_columns=2,
    )
    if holder is not None:
        holder.cleanup()


if __name__ == "__main__":
    main()
