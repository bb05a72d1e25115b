"""A load test for one sales team: many more open deals on its accounts, built by the same code as
the demo's own deals (histories, checks, buying centres, activities). They all run on the default
process, so one board holds them all: bench/pipeline.py gives one manager 50,000 of them."""

from dataclasses import dataclass
from datetime import date

from salesflow.accounts.models import Account
from salesflow.core.demo.activities import ActivitiesResult, deal_activities_create
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.fates import deal_accounts, deal_counts, draw_step
from salesflow.core.demo.histories import Fate
from salesflow.core.demo.opportunities import OpportunitiesResult, opportunities_create
from salesflow.core.demo.processes import ProcessInfo
from salesflow.core.demo.products import CatalogueProduct
from salesflow.pipeline.models import Status
from salesflow.users.models import User


class NoSuchTeam(Exception):
    """The manager does not exist, or nobody under them owns an account."""


@dataclass(frozen=True)
class TeamLoad:
    manager: User
    opportunities: OpportunitiesResult
    activities: ActivitiesResult

    @property
    def rows(self) -> int:
        return self.opportunities.rows + self.activities.rows

    @property
    def detail(self) -> str:
        return (
            f"{self.opportunities.opportunities:,} open opportunities for {self.manager.username}'s"
            f" team, {self.activities.activities:,} activities"
        )


def team_load_create(
    *,
    manager_username: str,
    open_opportunities: int,
    processes: list[ProcessInfo],
    products: list[CatalogueProduct],
    randomness: DemoRandom,
    today: date,
) -> TeamLoad:
    manager = User.objects.filter(username=manager_username).first()
    if manager is None:
        raise NoSuchTeam(f"There is no user {manager_username!r}.")
    accounts = deal_accounts(Account.objects.filter(owner__supervisor=manager))
    if not accounts or not processes:
        raise NoSuchTeam(f"Nobody under {manager_username!r} owns an account.")
    counts = deal_counts(accounts, open_opportunities, randomness)
    default = processes[0]
    planned = [
        (account, Fate(default, Status.OPEN, draw_step(default, Status.OPEN, randomness)))
        for account, count in zip(accounts, counts, strict=True)
        for _ in range(count)
    ]
    deals = opportunities_create(
        planned=planned, products=products, randomness=randomness, today=today
    )
    effort = deal_activities_create(opportunity_ids=deals.pks, randomness=randomness, today=today)
    return TeamLoad(manager=manager, opportunities=deals, activities=effort)
