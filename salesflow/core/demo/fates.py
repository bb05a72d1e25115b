"""Which account gets how many demo deals, on which process, and how each one ends up (open at
some stage, won, lost or abandoned). Bigger accounts get more deals; the funnel narrows stage by
stage; and every stage of every process holds at least one open deal, whatever the scale."""

from dataclasses import dataclass

from django.db.models import QuerySet

from salesflow.accounts.models import Account, AccountStatus, KeyAccountType, Tier
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.histories import Fate
from salesflow.core.demo.processes import ProcessInfo
from salesflow.pipeline.models import Status


@dataclass(frozen=True)
class DealAccount:
    """What a deal needs to know about its account."""

    pk: int
    name: str
    key_account_type: str
    tier: str
    status: str
    industry: str
    owner_id: int
    manager_id: int | None

    @property
    def english(self) -> bool:
        return self.name.isascii()

    @property
    def size(self) -> str:
        """global, key (national or regional) or the tier of an ordinary account."""
        if self.key_account_type == KeyAccountType.GLOBAL:
            return "global"
        if self.key_account_type != KeyAccountType.NONE:
            return "key"
        return self.tier


def deal_accounts(accounts: QuerySet[Account]) -> list[DealAccount]:
    rows = accounts.order_by("id").values_list(
        "id",
        "name",
        "key_account_type",
        "tier",
        "status",
        "industry",
        "owner_id",
        "owner__supervisor_id",
    )
    return [DealAccount(*row) for row in rows]


# How many deals an account draws, relative to a C-tier account.
DEAL_WEIGHT = {"global": 6.0, "key": 4.5, Tier.A: 3.0, Tier.B: 2.0, Tier.C: 1.0}
CLOSED_ACCOUNT_WEIGHT = 0.3
STATUS_WEIGHTS: dict[str, dict[str, int]] = {
    AccountStatus.CUSTOMER: {Status.OPEN: 60, Status.WON: 20, Status.LOST: 13, Status.ABANDONED: 7},
    AccountStatus.PROSPECT: {Status.OPEN: 72, Status.LOST: 17, Status.ABANDONED: 11},
    AccountStatus.DORMANT: {Status.OPEN: 20, Status.WON: 25, Status.LOST: 35, Status.ABANDONED: 20},
    AccountStatus.CLOSED: {Status.LOST: 60, Status.ABANDONED: 40},
}
# Share of deals on the default process; small ordinary accounts are often run on the others.
DEFAULT_PROCESS_SHARE = {"small": 0.55, "other": 0.85}


def deal_counts(accounts: list[DealAccount], total: int, randomness: DemoRandom) -> list[int]:
    weights = [
        DEAL_WEIGHT[a.size] * (CLOSED_ACCOUNT_WEIGHT if a.status == AccountStatus.CLOSED else 1)
        for a in accounts
    ]
    counts = [0] * len(accounts)
    if not accounts:
        return counts
    for index in randomness.rng.choices(range(len(accounts)), weights=weights, k=total):
        counts[index] += 1
    return counts


def allows(account: DealAccount, status: str) -> bool:
    return status in STATUS_WEIGHTS.get(account.status, STATUS_WEIGHTS[AccountStatus.CUSTOMER])


def _step_weights(process: ProcessInfo, status: str) -> list[float]:
    last = process.last
    if status == Status.OPEN:
        # The funnel narrows: the last stage holds about a third as many deals as the first.
        return [1.0 - 0.65 * i / max(1, last) for i in range(last + 1)]
    if status == Status.LOST:
        # Most deals are lost in the middle, when suppliers are screened and compared.
        return [float(min(i + 1, last - i + 2)) for i in range(last + 1)]
    # Abandoned deals mostly never got far.
    return [float(last + 1 - i) for i in range(last + 1)]


def draw_step(process: ProcessInfo, status: str, randomness: DemoRandom) -> int:
    if status == Status.WON:
        return process.last
    weights = _step_weights(process, status)
    return randomness.rng.choices(range(len(weights)), weights=weights)[0]


def process_for(
    account: DealAccount, processes: list[ProcessInfo], randomness: DemoRandom
) -> ProcessInfo:
    default, others = processes[0], processes[1:]
    small = account.size in (Tier.B, Tier.C)
    if not others or randomness.chance(DEFAULT_PROCESS_SHARE["small" if small else "other"]):
        return default
    return randomness.rng.choice(others)


def draw_fate(account: DealAccount, processes: list[ProcessInfo], randomness: DemoRandom) -> Fate:
    process = process_for(account, processes, randomness)
    weights = STATUS_WEIGHTS.get(account.status, STATUS_WEIGHTS[AccountStatus.CUSTOMER])
    status = randomness.rng.choices(list(weights), weights=list(weights.values()))[0]
    return Fate(process, status, draw_step(process, status, randomness))


def fates_draw(
    accounts: list[DealAccount],
    counts: list[int],
    processes: list[ProcessInfo],
    randomness: DemoRandom,
) -> list[Fate]:
    """One fate per deal, deals of the first account first. `processes` has the default first."""
    slots = [account for account, count in zip(accounts, counts, strict=True) for _ in range(count)]
    fates = [draw_fate(account, processes, randomness) for account in slots]
    _pin_every_stage_and_outcome(slots, fates, processes, randomness)
    return fates


def deals_plan(
    accounts: list[DealAccount],
    total: int,
    processes: list[ProcessInfo],
    randomness: DemoRandom,
) -> list[tuple[DealAccount, Fate]]:
    """`total` deals spread over the accounts, each with its fate; none without a process."""
    counts = deal_counts(accounts, total if processes else 0, randomness)
    fates = fates_draw(accounts, counts, processes, randomness)
    slots = [account for account, count in zip(accounts, counts, strict=True) for _ in range(count)]
    return list(zip(slots, fates, strict=True))


def _pin_every_stage_and_outcome(
    slots: list[DealAccount],
    fates: list[Fate],
    processes: list[ProcessInfo],
    randomness: DemoRandom,
) -> None:
    """Overwrite a few random fates so that each stage of each process has an open deal and each
    process has a won, a lost and an abandoned one. Each deal is overwritten at most once."""
    wanted = [
        Fate(process, Status.OPEN, step)
        for process in processes
        for step in range(len(process.stages))
    ]
    wanted += [
        Fate(process, status, draw_step(process, status, randomness))
        for process in processes
        for status in (Status.WON, Status.LOST, Status.ABANDONED)
    ]
    free = list(range(len(slots)))
    randomness.rng.shuffle(free)
    for fate in wanted:
        for position, index in enumerate(free):
            if allows(slots[index], fate.status):
                fates[index] = fate
                free.pop(position)
                break
