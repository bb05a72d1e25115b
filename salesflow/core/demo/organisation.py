"""The demo sales organisation: regions, teams, one director, a manager per team and reps under them.

Users are bulk-created with one password hash computed once: hashing per user is slow by design.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from salesflow.contacts.social_styles import SocialStyle
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.geography import REGIONS, City, chinese_number
from salesflow.core.demo.plan import DemoPlan
from salesflow.org.models import Region, Team
from salesflow.users.models import Role, User

DEMO_PASSWORD = "salesflow"
BATCH = 500


@dataclass(frozen=True)
class TeamSeat:
    team: Team
    region: Region
    cities: tuple[City, ...]
    manager: User
    reps: tuple[User, ...]


@dataclass(frozen=True)
class Organisation:
    regions: list[Region]
    director: User
    seats: list[TeamSeat]

    @property
    def users(self) -> int:
        return 1 + sum(1 + len(seat.reps) for seat in self.seats)


def regions_get_or_create(names: list[str]) -> list[Region]:
    existing = {r.name: r for r in Region.objects.filter(name__in=names)}
    missing = [Region(name=n) for n in names if n not in existing]
    Region.objects.bulk_create(missing)
    existing.update({r.name: r for r in missing})
    return [existing[n] for n in names]


def teams_get_or_create(wanted: list[tuple[str, Region]]) -> list[Team]:
    names = [name for name, _region in wanted]
    existing = {t.name: t for t in Team.objects.filter(name__in=names)}
    missing = [Team(name=n, region=r) for n, r in wanted if n not in existing]
    Team.objects.bulk_create(missing, batch_size=BATCH)
    existing.update({t.name: t for t in missing})
    return [existing[n] for n in names]


def team_names(plan: DemoPlan) -> list[tuple[str, int, tuple[City, ...]]]:
    """(name, region index, the team's cities): teams go round the regions, then round the cities."""
    per_city: dict[str, int] = {}
    result = []
    for i in range(plan.teams):
        region_index = i % plan.regions
        cities = REGIONS[region_index].cities
        home = cities[(i // plan.regions) % len(cities)]
        per_city[home.name] = per_city.get(home.name, 0) + 1
        result.append((f"{home.name}{chinese_number(per_city[home.name])}组", region_index, cities))
    return result


def _user(
    randomness: DemoRandom,
    *,
    username: str,
    role: str,
    password_hash: str,
    supervisor: User | None = None,
    team: Team | None = None,
) -> User:
    english = randomness.chance(0.1)
    given, family = randomness.person_name(english=english)
    # Django shows "first last"; a Chinese name reads family name first, so it is kept whole.
    first, last = (given, family) if english else (f"{family}{given}", "")
    return User(
        username=username,
        password=password_hash,
        role=role,
        supervisor=supervisor,
        team=team,
        first_name=first,
        last_name=last,
        email=f"{username}@example.com",
        social_style=randomness.rng.choice(SocialStyle.values),
        is_staff=role == Role.DIRECTOR,
        is_superuser=role == Role.DIRECTOR,
    )


def organisation_create(*, plan: DemoPlan, randomness: DemoRandom) -> Organisation:
    regions = regions_get_or_create([r.name for r in REGIONS[: plan.regions]])
    named = team_names(plan)
    teams = teams_get_or_create([(name, regions[ri]) for name, ri, _cities in named])
    password_hash = make_password(DEMO_PASSWORD)

    director = _user(
        randomness, username="director", role=Role.DIRECTOR, password_hash=password_hash
    )
    director.save()
    managers = [
        _user(
            randomness,
            username=f"manager{i + 1}",
            role=Role.MANAGER,
            password_hash=password_hash,
            supervisor=director,
            team=team,
        )
        for i, team in enumerate(teams)
    ]
    User.objects.bulk_create(managers, batch_size=BATCH)
    reps = [
        _user(
            randomness,
            username=f"rep{t * plan.reps_per_team + k + 1}",
            role=Role.REP,
            password_hash=password_hash,
            supervisor=manager,
            team=manager.team,
        )
        for t, manager in enumerate(managers)
        for k in range(plan.reps_per_team)
    ]
    User.objects.bulk_create(reps, batch_size=BATCH)

    seats = [
        TeamSeat(
            team=team,
            region=regions[region_index],
            cities=cities,
            manager=managers[t],
            reps=tuple(reps[t * plan.reps_per_team : (t + 1) * plan.reps_per_team]),
        )
        for t, (team, (_name, region_index, cities)) in enumerate(zip(teams, named, strict=True))
    ]
    return Organisation(regions=regions, director=director, seats=seats)
