"""Building the whole demo in one transaction, phase by phase, timing each phase."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from salesflow.accounts.models import Account
from salesflow.core.demo.accounts import account_teams_create, accounts_create
from salesflow.core.demo.contacts import contacts_create
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.organisation import organisation_create
from salesflow.core.demo.plan import DemoPlan
from salesflow.users.models import User


class DemoDataConflict(Exception):
    """The database already holds data the demo would clash with."""


@dataclass(frozen=True)
class Phase:
    name: str
    rows: int
    detail: str
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


@dataclass
class DemoReport:
    plan: DemoPlan
    seed: int
    phases: list[Phase] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(p.seconds for p in self.phases)

    @property
    def rows(self) -> int:
        return sum(p.rows for p in self.phases)


def database_has_accounts() -> bool:
    return Account.objects.exists()


def demo_build(
    *, scale: float, seed: int, on_phase: Callable[[Phase], None] = lambda phase: None
) -> DemoReport:
    """Fill a database without accounts with a demo organisation. Same scale and seed, same data."""
    plan = DemoPlan.for_scale(scale)
    report = DemoReport(plan=plan, seed=seed)
    randomness = DemoRandom(seed)

    def finish(name: str, rows: int, detail: str, started: float) -> None:
        done = Phase(name, rows, detail, seconds=time.perf_counter() - started)
        report.phases.append(done)
        on_phase(done)

    with transaction.atomic():
        _refuse_conflicts(plan)

        started = time.perf_counter()
        org = organisation_create(plan=plan, randomness=randomness)
        regions, teams = len(org.regions), len(org.seats)
        finish(
            "organisation",
            regions + teams + org.users,
            f"{regions} regions, {teams:,} teams, {org.users:,} users",
            started,
        )

        started = time.perf_counter()
        accounts = accounts_create(total=plan.accounts, organisation=org, randomness=randomness)
        finish(
            "accounts",
            len(accounts.seeds),
            f"{len(accounts.seeds):,} accounts, {accounts.groups:,} groups "
            f"with {accounts.subsidiaries:,} subsidiaries",
            started,
        )

        started = time.perf_counter()
        members = account_teams_create(seeds=accounts.seeds, randomness=randomness)
        finish("account teams", members, f"{members:,} account team members", started)

        started = time.perf_counter()
        contacts = contacts_create(seeds=accounts.seeds, randomness=randomness)
        finish("contacts", contacts, f"{contacts:,} contacts in buying centres", started)
    return report


def _refuse_conflicts(plan: DemoPlan) -> None:
    if database_has_accounts():
        raise DemoDataConflict(
            "The database already has accounts; the demo only fills a database without any."
        )
    taken = list(
        User.objects.filter(username__in=plan.usernames())
        .order_by("username")
        .values_list("username", flat=True)
    )
    if taken:
        shown = ", ".join(taken[:10]) + (" …" if len(taken) > 10 else "")
        raise DemoDataConflict(f"These demo usernames are already taken: {shown}.")
