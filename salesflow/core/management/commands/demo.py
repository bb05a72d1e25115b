"""salesflow demo [--scale N] [--seed S] [--if-empty] [--team-load N]: fill an empty database with
demo data."""

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from salesflow.core.demo.build import DemoDataConflict, Phase, database_has_accounts, demo_build
from salesflow.core.demo.organisation import DEMO_PASSWORD

DEFAULT_SEED = 20240601


def load_size(value: str) -> int:
    try:
        size = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number.") from None
    if not 0 <= size <= 1_000_000:
        raise argparse.ArgumentTypeError("The team load must be between 0 and 1,000,000.")
    return size


def positive_scale(value: str) -> float:
    try:
        scale = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number.") from None
    if not 0 < scale <= 1000:
        raise argparse.ArgumentTypeError("The scale must be above 0 and at most 1000.")
    return scale


class Command(BaseCommand):
    help = (
        "Fill an empty database with a demo sales organisation: regions, teams, a director, "
        "managers and reps, accounts of every tier and key-account type, their buying centres, "
        "a product catalogue with its FAB library, opportunities at every stage with their "
        "histories, the activities behind them, and three months of the daily loop: visit plans, "
        "daily reports, objections met on calls, market and complaint reports. "
        f"Every demo user's password is {DEMO_PASSWORD!r}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=positive_scale,
            default=1.0,
            help="1 is 8 teams, 32 reps, 400 accounts, about 3,000 contacts, 800 opportunities, "
            "12,000 activities, 2,000 visit plans and 2,000 daily reports; everything grows "
            "linearly (0.1 for a tiny demo, 100 for a load test).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="the same seed and scale always give the same data",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already has accounts (for `make demo` re-runs)",
        )
        parser.add_argument(
            "--team-load",
            type=load_size,
            default=0,
            metavar="N",
            help="also give manager1's team N open opportunities with their histories and "
            "activities, to load-test the board and the reports (bench/pipeline.py uses 50,000)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if database_has_accounts():
            if opts["if_empty"]:
                self.stdout.write("The database already has data; no demo data added.")
                return
            raise CommandError(
                "The database already has accounts, and the demo only fills an empty database. "
                "Use --if-empty to skip quietly, or point SALESFLOW_VAR_DIR or DATABASE_URL at a "
                "fresh database."
            )
        self.stdout.write(f"Building demo data at scale {opts['scale']:g}, seed {opts['seed']}.")
        try:
            report = demo_build(
                scale=opts["scale"],
                seed=opts["seed"],
                team_load=opts["team_load"],
                on_phase=self._progress,
            )
        except DemoDataConflict as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Done: {report.rows:,} rows in {report.seconds:.1f} s.")
        )

    def _progress(self, phase: Phase) -> None:
        self.stdout.write(f"  {phase.name:<14} {phase.detail:<76} {phase.seconds:7.1f} s")
