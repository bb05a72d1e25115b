"""Demo accounts: every tier and key-account type, groups with subsidiaries, account teams.

Accounts are bulk-created in batches, not through account_create: demo data needs no change history,
and a per-row service call would make a large demo take hours.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from salesflow.accounts.models import (
    Account,
    AccountStatus,
    AccountTeamMember,
    KeyAccountType,
    TeamRole,
    Tier,
)
from salesflow.core.demo.credit_codes import CreditCodeMaker
from salesflow.core.demo.fakes import (
    INDUSTRIES,
    DemoRandom,
    chinese_subsidiary,
    english_subsidiary,
    web_slug,
)
from salesflow.core.demo.geography import City
from salesflow.core.demo.organisation import Organisation, TeamSeat
from salesflow.users.models import User

BATCH = 500
CHUNK = 2000

# Share of all accounts per key-account type; each type appears at least once.
KEY_ACCOUNT_SHARES = {
    KeyAccountType.GLOBAL: 0.02,
    KeyAccountType.NATIONAL: 0.06,
    KeyAccountType.REGIONAL: 0.12,
}
# Tier shares among the accounts that are not key accounts; each tier appears at least once.
TIER_SHARES = {Tier.A: 0.10, Tier.B: 0.35}
# At most this share of the regional and ordinary A and B accounts become subsidiaries.
SUBSIDIARY_SHARE = 0.3

# (lowest, highest) annual revenue in yuan and employee count, by size class.
SIZES: dict[str, tuple[tuple[float, float], tuple[int, int]]] = {
    "global": ((2e10, 3e11), (5000, 100000)),
    Tier.A: ((1e9, 2e10), (1000, 20000)),
    Tier.B: ((1e8, 1e9), (100, 999)),
    Tier.C: ((5e6, 1e8), (10, 99)),
}


@dataclass
class AccountSpec:
    key_account_type: str
    tier: str
    parent: "AccountSpec | None" = None
    is_group: bool = False
    pk: int | None = None
    name: str = ""
    industry: tuple[str, str, str] = INDUSTRIES[0]
    english: bool = False
    domain: str = ""


@dataclass(frozen=True)
class AccountSeed:
    """What the later phases need to know about a created account."""

    pk: int
    key_account_type: str
    tier: str
    english: bool
    domain: str
    city: City
    seat: TeamSeat
    owner: User


@dataclass
class AccountsResult:
    seeds: list[AccountSeed] = field(default_factory=list)
    groups: int = 0
    subsidiaries: int = 0


def _quota(total: int, share: float) -> int:
    return max(1, round(total * share))


def account_kinds(total: int, randomness: DemoRandom) -> list[tuple[str, str]]:
    """(key-account type, tier) for every account, in a seeded random order."""
    kinds: list[tuple[str, str]] = []
    for ka_type, share in KEY_ACCOUNT_SHARES.items():
        for _ in range(_quota(total, share)):
            if ka_type == KeyAccountType.REGIONAL:
                tier = Tier.A if randomness.chance(0.6) else Tier.B
            else:
                tier = Tier.A
            kinds.append((ka_type, tier))
    ordinary = total - len(kinds)
    tier_counts = {tier: _quota(ordinary, share) for tier, share in TIER_SHARES.items()}
    tier_counts[Tier.C] = ordinary - sum(tier_counts.values())
    for tier, count in tier_counts.items():
        kinds.extend((KeyAccountType.NONE, tier) for _ in range(count))
    randomness.rng.shuffle(kinds)
    return kinds


def account_specs(total: int, randomness: DemoRandom) -> list[AccountSpec]:
    """Every account to create, groups first: national key accounts and every other global one
    are groups, and take their subsidiaries from the ordinary and regional accounts."""
    rng = randomness.rng
    specs = [AccountSpec(ka, tier) for ka, tier in account_kinds(total, randomness)]
    groups: list[AccountSpec] = []
    seen_global = 0
    for spec in specs:
        if spec.key_account_type == KeyAccountType.NATIONAL:
            groups.append(spec)
        elif spec.key_account_type == KeyAccountType.GLOBAL:
            if seen_global % 2 == 0:
                groups.append(spec)
            seen_global += 1
    pool = [
        s
        for s in specs
        if s.key_account_type in (KeyAccountType.REGIONAL, KeyAccountType.NONE) and s.tier != Tier.C
    ]
    budget = int(len(pool) * SUBSIDIARY_SHARE)
    for group in groups:
        group.is_group = True
        wanted = rng.randint(2, 5) if group.key_account_type == KeyAccountType.NATIONAL else 2
        while wanted and budget and pool:
            pool.pop().parent = group
            wanted -= 1
            budget -= 1
    return groups + [s for s in specs if not s.is_group]


def _unique_name(make: Callable[[], str], used: set[str]) -> str:
    name = ""
    for _attempt in range(20):
        name = make()
        if name not in used:
            used.add(name)
            return name
    n = 2
    while f"{name}（{n}）" in used:
        n += 1
    used.add(f"{name}（{n}）")
    return f"{name}（{n}）"


def _subsidiary_name_and_city(
    spec: AccountSpec, parent: AccountSpec, seat: TeamSeat, randomness: DemoRandom, used: set[str]
) -> City:
    """A subsidiary is named after its group and its city; a second one in the same city moves
    to another city of the owner's region when there is one."""
    make = english_subsidiary if parent.english else chinese_subsidiary
    cities = list(seat.cities)
    randomness.rng.shuffle(cities)
    for city in cities:
        name = make(group_name=parent.name, city=city)
        if name not in used:
            used.add(name)
            spec.name = name
            return city
    spec.name = _unique_name(lambda: make(group_name=parent.name, city=cities[0]), used)
    return cities[0]


def _name_and_web(
    spec: AccountSpec, seat: TeamSeat, randomness: DemoRandom, used: set[str]
) -> City:
    """Names the account and its web domain; returns the city it is in."""
    parent = spec.parent
    if parent is not None:
        spec.industry, spec.english, spec.domain = parent.industry, parent.english, parent.domain
        return _subsidiary_name_and_city(spec, parent, seat, randomness, used)
    city = randomness.rng.choice(seat.cities)
    spec.industry = randomness.rng.choice(INDUSTRIES)
    spec.english = randomness.chance(0.15 if spec.is_group else 0.12)
    _label, zh_word, en_word = spec.industry
    if spec.english and spec.is_group:
        spec.name = _unique_name(randomness.english_group, used)
    elif spec.english:
        spec.name = _unique_name(
            lambda: randomness.english_company(city=city, industry_word=en_word), used
        )
    elif spec.is_group:
        spec.name = _unique_name(lambda: randomness.chinese_group(industry_word=zh_word), used)
    else:
        spec.name = _unique_name(
            lambda: randomness.chinese_company(city=city, industry_word=zh_word), used
        )
    if spec.english:
        spec.domain = f"{web_slug(spec.name.split(' (')[0])}.com"
    else:
        spec.domain = randomness.chinese_domain()
    return city


# Ordinary accounts: (chance of being scored at all, lowest and highest score), by tier.
ORDINARY_SCORING: dict[str, tuple[float, int, int]] = {
    Tier.A: (0.7, 2, 5),
    Tier.B: (0.4, 1, 4),
    Tier.C: (0.15, 1, 3),
}


def _scores(spec: AccountSpec, randomness: DemoRandom) -> list[int | None]:
    rng = randomness.rng
    if spec.key_account_type in (KeyAccountType.GLOBAL, KeyAccountType.NATIONAL):
        return [rng.randint(3, 5) for _ in Account.SCORE_FIELDS]
    if spec.key_account_type == KeyAccountType.REGIONAL:
        return [rng.randint(2, 5) for _ in Account.SCORE_FIELDS]
    chance, low, high = ORDINARY_SCORING[spec.tier]
    if not randomness.chance(chance):
        return [None for _ in Account.SCORE_FIELDS]
    return [rng.randint(low, high) for _ in Account.SCORE_FIELDS]


STATUSES = (
    AccountStatus.PROSPECT,
    AccountStatus.CUSTOMER,
    AccountStatus.DORMANT,
    AccountStatus.CLOSED,
)
# Key accounts are mostly customers already; ordinary accounts are mostly prospects.
STATUS_WEIGHTS = {"key": (15, 85, 0, 0), "ordinary": (50, 35, 10, 5)}


def _status(spec: AccountSpec, randomness: DemoRandom) -> str:
    kind = "ordinary" if spec.key_account_type == KeyAccountType.NONE else "key"
    return randomness.rng.choices(STATUSES, weights=STATUS_WEIGHTS[kind])[0]


def _account(
    spec: AccountSpec,
    *,
    seat: TeamSeat,
    owner: User,
    randomness: DemoRandom,
    codes: CreditCodeMaker,
    used_names: set[str],
) -> tuple[Account, City]:
    rng, zh = randomness.rng, randomness.zh
    city = _name_and_web(spec, seat, randomness, used_names)
    size = "global" if spec.key_account_type == KeyAccountType.GLOBAL else spec.tier
    (revenue_low, revenue_high), (staff_low, staff_high) = SIZES[size]
    revenue = randomness.yuan(revenue_low, revenue_high)
    scores = _scores(spec, randomness)
    account = Account(
        name=spec.name,
        credit_code=codes.make(city),
        industry=spec.industry[0],
        region=seat.region,
        address=f"{city.name}市{zh.district()}区{zh.street_name()}{rng.randint(1, 999)}号",
        website=f"https://www.{spec.domain}/" if spec.english or randomness.chance(0.6) else "",
        annual_revenue=revenue,
        employees=round(randomness.log_uniform(staff_low, staff_high)),
        net_assets=(revenue * Decimal(rng.randint(15, 60)) / 100).quantize(Decimal("0.01")),
        key_account_type=spec.key_account_type,
        tier=spec.tier,
        parent_id=spec.parent.pk if spec.parent is not None else None,
        owner=owner,
        status=_status(spec, randomness),
        **dict(zip(Account.SCORE_FIELDS, scores, strict=True)),
    )
    return account, city


def accounts_create(
    *, total: int, organisation: Organisation, randomness: DemoRandom
) -> AccountsResult:
    """Groups first (their subsidiaries need the ids), then everything else, in batches.
    Owners go round the reps in a seeded order so every rep owns about the same number."""
    specs = account_specs(total, randomness)
    owners = [(seat, rep) for seat in organisation.seats for rep in seat.reps]
    randomness.rng.shuffle(owners)
    codes = CreditCodeMaker(randomness)
    used_names: set[str] = set()
    result = AccountsResult()
    for start in range(0, len(specs), CHUNK):
        built: list[tuple[AccountSpec, Account, City, TeamSeat, User]] = []
        for index in range(start, min(start + CHUNK, len(specs))):
            spec = specs[index]
            if spec.parent is not None and spec.parent.pk is None:
                _save(built, result)
                built = []
            seat, owner = owners[index % len(owners)]
            account, city = _account(
                spec,
                seat=seat,
                owner=owner,
                randomness=randomness,
                codes=codes,
                used_names=used_names,
            )
            built.append((spec, account, city, seat, owner))
        _save(built, result)
    result.groups = sum(1 for s in specs if s.is_group)
    result.subsidiaries = sum(1 for s in specs if s.parent is not None)
    return result


def _save(
    built: list[tuple[AccountSpec, Account, City, TeamSeat, User]], result: AccountsResult
) -> None:
    Account.objects.bulk_create([b[1] for b in built], batch_size=BATCH)
    for spec, account, city, seat, owner in built:
        spec.pk = account.pk
        result.seeds.append(
            AccountSeed(
                pk=account.pk,
                key_account_type=spec.key_account_type,
                tier=spec.tier,
                english=spec.english,
                domain=spec.domain,
                city=city,
                seat=seat,
                owner=owner,
            )
        )


def account_teams_create(*, seeds: list[AccountSeed], randomness: DemoRandom) -> int:
    """Key accounts and A-tier accounts get a team led by the owner, often with a teammate from
    the owner's sales team; global and national ones also get the manager as executive sponsor.
    Some B-tier accounts share the work between the owner and a teammate."""
    rng = randomness.rng
    created = 0
    batch: list[AccountTeamMember] = []
    for seed in seeds:
        is_key = seed.key_account_type != KeyAccountType.NONE
        teammates = [rep for rep in seed.seat.reps if rep.pk != seed.owner.pk]
        members: list[tuple[User, str]] = []
        if is_key or seed.tier == Tier.A:
            members.append((seed.owner, TeamRole.LEAD))
            if teammates and randomness.chance(0.7):
                role = rng.choice((TeamRole.PRESALES, TeamRole.SALES, TeamRole.SERVICE))
                members.append((rng.choice(teammates), role))
            if seed.key_account_type in (KeyAccountType.GLOBAL, KeyAccountType.NATIONAL):
                members.append((seed.seat.manager, TeamRole.EXECUTIVE))
        elif seed.tier == Tier.B and teammates and randomness.chance(0.2):
            members.append((seed.owner, TeamRole.LEAD))
            members.append((rng.choice(teammates), TeamRole.SALES))
        batch.extend(
            AccountTeamMember(account_id=seed.pk, user=user, team_role=role)
            for user, role in members
        )
        if len(batch) >= CHUNK:
            AccountTeamMember.objects.bulk_create(batch, batch_size=BATCH)
            created += len(batch)
            batch = []
    AccountTeamMember.objects.bulk_create(batch, batch_size=BATCH)
    return created + len(batch)
