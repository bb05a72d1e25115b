"""What the demo's daily loop (§7) shares between its phases: the reps and their habits, the
accounts each rep works on, the window of working days it covers, and each rep's day as the
visit plans left it for the daily reports.

The loop covers about three months of working days before `today`, plus the coming days' plans.
Every timestamp it writes lies before today's midnight; only planned visit times reach beyond."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from salesflow.accounts.models import Account, AccountStatus, AccountTeamMember, KeyAccountType
from salesflow.activities.models import Attendance
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.organisation import Organisation
from salesflow.core.demo.workdays import working_days

LOOP_DAYS = 91
REPS_PER_CHUNK = 100
WORKING_DAYS_PER_MONTH = 22
# How often a rep visits an account, relative to a C-tier one.
VISIT_WEIGHT = {"key": 4.0, "A": 3.0, "B": 2.0, "C": 1.0}
PROSPECT_WEIGHT = 1.5
DORMANT_WEIGHT = 0.5
# Share of reports submitted after the cut-off, by rep: most are punctual, a few are not.
LATE_SHARES = {0.04: 3, 0.08: 3, 0.15: 2, 0.3: 2}
DISTRICT = re.compile(r"^(\w+?市)(\w+?区)")


@dataclass(frozen=True)
class LoopRep:
    """A rep and the habits that shape their plans and reports, and their supervisor's."""

    pk: int
    supervisor_pk: int
    city: str
    visits_per_day: float
    no_plan_share: float
    visits_done_share: float
    late_share: float
    daily_target: Decimal
    plan_return_share: float
    report_return_share: float
    instructions_share: float


@dataclass(frozen=True)
class PoolAccount:
    """An account a rep works on (owns, or is on the team of), as the loop needs it."""

    pk: int
    name: str
    status: str
    weight: float
    city: str
    district: str


@dataclass(frozen=True)
class RepDay:
    """A past working day of a rep as the plans phase left it."""

    attendance: str
    visits_planned: int


Calendar = dict[tuple[int, date], RepDay]


def loop_days(today: date) -> list[date]:
    """The past working days the loop covers, oldest first."""
    return working_days(today - timedelta(days=LOOP_DAYS), today)


def loop_reps(*, organisation: Organisation, randomness: DemoRandom) -> list[LoopRep]:
    rng = randomness.rng
    reps = []
    for seat in organisation.seats:
        for rep in seat.reps:
            monthly = randomness.yuan(400_000, 2_500_000)
            reps.append(
                LoopRep(
                    pk=rep.pk,
                    supervisor_pk=seat.manager.pk,
                    city=seat.cities[0].name,
                    visits_per_day=rng.uniform(2.2, 3.8),
                    no_plan_share=rng.uniform(0.01, 0.08),
                    visits_done_share=rng.uniform(0.82, 0.97),
                    late_share=rng.choices(list(LATE_SHARES), weights=list(LATE_SHARES.values()))[
                        0
                    ],
                    daily_target=_hundreds(monthly / WORKING_DAYS_PER_MONTH),
                    plan_return_share=rng.uniform(0.02, 0.1),
                    report_return_share=rng.uniform(0.01, 0.06),
                    instructions_share=rng.uniform(0.65, 0.95),
                )
            )
    return reps


def _hundreds(amount: Decimal) -> Decimal:
    return ((amount / 100).quantize(Decimal(1)) * 100).quantize(Decimal("0.01"))


def rep_chunks(reps: list[LoopRep]) -> Iterator[list[LoopRep]]:
    for start in range(0, len(reps), REPS_PER_CHUNK):
        yield reps[start : start + REPS_PER_CHUNK]


def account_pools(rep_pks: list[int]) -> dict[int, list[PoolAccount]]:
    """The open accounts each rep owns or is on the team of, in id order."""
    columns = ("id", "name", "status", "tier", "key_account_type", "address")
    live = Account.objects.exclude(status=AccountStatus.CLOSED)
    rows = [
        (owner_pk, *values)
        for owner_pk, *values in live.filter(owner_id__in=rep_pks).values_list("owner_id", *columns)
    ]
    rows += list(
        AccountTeamMember.objects.filter(user_id__in=rep_pks)
        .exclude(account__status=AccountStatus.CLOSED)
        .values_list("user_id", *(f"account__{c}" for c in columns))
    )
    pools: dict[int, dict[int, PoolAccount]] = {}
    for rep_pk, pk, name, status, tier, key_account_type, address in rows:
        pools.setdefault(rep_pk, {})[pk] = _pool_account(
            pk, name, status, tier, key_account_type, address
        )
    return {rep_pk: [found[pk] for pk in sorted(found)] for rep_pk, found in pools.items()}


def _pool_account(
    pk: int, name: str, status: str, tier: str, key_account_type: str, address: str
) -> PoolAccount:
    if status == AccountStatus.PROSPECT:
        weight = PROSPECT_WEIGHT
    elif status == AccountStatus.DORMANT:
        weight = DORMANT_WEIGHT
    else:
        weight = VISIT_WEIGHT["key" if key_account_type != KeyAccountType.NONE else tier]
    place = DISTRICT.match(address or "")
    city, district = (place.group(1), place.group(2)) if place else ("", "")
    return PoolAccount(pk, name, status, weight, city, district)


def absent(attendance: str) -> bool:
    return attendance in (Attendance.LEAVE, Attendance.SICK)
