"""Building the whole demo in one transaction, phase by phase, timing each phase."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from salesflow.accounts.models import Account
from salesflow.core.demo.accounts import account_teams_create, accounts_create
from salesflow.core.demo.activities import account_activities_create, deal_activities_create
from salesflow.core.demo.contacts import contacts_create
from salesflow.core.demo.daily_loop import loop_reps
from salesflow.core.demo.daily_reports import daily_reports_create
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.fates import deal_accounts, deals_plan
from salesflow.core.demo.market import market_reports_create
from salesflow.core.demo.objections import objections_create
from salesflow.core.demo.opportunities import opportunities_create
from salesflow.core.demo.organisation import Organisation, organisation_create
from salesflow.core.demo.payments import payments_create
from salesflow.core.demo.plan import DemoPlan
from salesflow.core.demo.processes import processes_load
from salesflow.core.demo.products import catalogue_create
from salesflow.core.demo.targets import targets_create
from salesflow.core.demo.team_load import NoSuchTeam, team_load_create
from salesflow.core.demo.visit_plans import visit_plans_create
from salesflow.users.models import User

LOAD_TEAM_MANAGER = "manager1"


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
    *,
    scale: float,
    seed: int,
    on_phase: Callable[[Phase], None] = lambda phase: None,
    today: date | None = None,
    team_load: int = 0,
) -> DemoReport:
    """Fill a database without accounts with a demo organisation, its pipeline and months of
    its daily loop. Same scale, seed and day, same data; every timestamp lies before `today`,
    and only the plans for today and the coming days hold visits planned beyond it.

    `team_load` adds that many open opportunities to the first manager's team, for load tests."""
    plan = DemoPlan.for_scale(scale)
    report = DemoReport(plan=plan, seed=seed)
    randomness = DemoRandom(seed)
    today = today or timezone.localdate()

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

        started = time.perf_counter()
        catalogue = catalogue_create()
        finish(
            "products",
            catalogue.rows,
            f"{len(catalogue.products)} products, {catalogue.features} features, "
            f"{catalogue.benefits} benefits",
            started,
        )

        started = time.perf_counter()
        processes = processes_load()
        customers = deal_accounts(Account.objects.all())
        deals = opportunities_create(
            planned=deals_plan(customers, plan.opportunities, processes, randomness),
            products=catalogue.products,
            randomness=randomness,
            today=today,
        )
        finish("opportunities", deals.rows, deals.detail, started)

        started = time.perf_counter()
        effort = deal_activities_create(
            opportunity_ids=deals.pks, randomness=randomness, today=today
        ) + account_activities_create(accounts=customers, randomness=randomness, today=today)
        finish("activities", effort.rows, effort.detail, started)

        _daily_loop(org, randomness, today, finish)

        started = time.perf_counter()
        payments = payments_create(seed=seed, today=today, recorded_by_pk=org.director.pk)
        finish("payments", payments.rows, payments.detail, started)

        started = time.perf_counter()
        targets = targets_create(organisation=org, today=today)
        finish("targets", targets.rows, targets.detail, started)

        if team_load:
            started = time.perf_counter()
            try:
                load = team_load_create(
                    manager_username=LOAD_TEAM_MANAGER,
                    open_opportunities=team_load,
                    processes=processes,
                    products=catalogue.products,
                    randomness=randomness,
                    today=today,
                )
            except NoSuchTeam as exc:
                raise DemoDataConflict(str(exc)) from exc
            finish("team load", load.rows, load.detail, started)
    return report


def _daily_loop(
    org: Organisation,
    randomness: DemoRandom,
    today: date,
    finish: Callable[[str, int, str, float], None],
) -> None:
    """Months of §7's daily rhythm: plans, reports, objections met, market reports."""
    started = time.perf_counter()
    reps = loop_reps(organisation=org, randomness=randomness)
    plans, calendar = visit_plans_create(reps=reps, randomness=randomness, today=today)
    finish("visit plans", plans.rows, plans.detail, started)

    started = time.perf_counter()
    reports = daily_reports_create(reps=reps, calendar=calendar, randomness=randomness, today=today)
    finish("daily reports", reports.rows, reports.detail, started)

    started = time.perf_counter()
    objections = objections_create(randomness=randomness)
    finish("objections", objections.rows, objections.detail, started)

    started = time.perf_counter()
    market = market_reports_create(
        reps=reps, director_pk=org.director.pk, randomness=randomness, today=today
    )
    finish("market reports", market.rows, market.detail, started)


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
