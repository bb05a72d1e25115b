"""Demo activities: the calls, visits, meetings and presentations behind the deals, and the account
work that belongs to no deal (cold calls to prospects, service visits, collection calls).

Deal activities are read back from the recorded stage history, so each one happens while the deal
stood at some stage and the funnel's effort by stage and funnel state means something. Every
activity happened before today.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from salesflow.accounts.models import AccountStatus, KeyAccountType, Tier
from salesflow.activities.models import Activity, ActivityKind, ActivityPurpose
from salesflow.contacts.models import BuyingRole, Contact
from salesflow.core.demo import deal_texts as texts
from salesflow.core.demo.bulk import BATCH, timestamps_as_given
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.fates import DealAccount
from salesflow.pipeline.models import FunnelState, Opportunity, OpportunityContact, StageChange
from salesflow.pipeline.models import Status as DealStatus

OPPORTUNITIES_PER_CHUNK = 2000
ACCOUNTS_PER_CHUNK = 1000
K, P = ActivityKind, ActivityPurpose
# (fewest, most) activities while a deal stands at one stage, by funnel state.
EFFORT: dict[str, tuple[int, int]] = {
    FunnelState.SEARCH: (0, 2),
    FunnelState.IN_FUNNEL: (1, 2),
    FunnelState.BEST: (1, 3),
}
KINDS: dict[str, dict[str, int]] = {
    FunnelState.SEARCH: {K.CALL: 45, K.VISIT: 35, K.EMAIL: 15, K.OTHER: 5},
    FunnelState.IN_FUNNEL: {K.MEETING: 35, K.PRESENTATION: 30, K.VISIT: 20, K.CALL: 10, K.EMAIL: 5},
    FunnelState.BEST: {K.MEETING: 45, K.VISIT: 30, K.CALL: 20, K.PRESENTATION: 5},
}
PURPOSES: dict[str, dict[str, int]] = {
    FunnelState.SEARCH: {P.NEW_CUSTOMER: 70, P.MARKET_RESEARCH: 30},
    FunnelState.IN_FUNNEL: {P.NEW_CUSTOMER: 50, P.OTHER: 50},
    FunnelState.BEST: {P.ORDER: 80, P.OTHER: 20},
}
MINUTES: dict[str, tuple[int, int]] = {
    K.CALL: (5, 30),
    K.VISIT: (45, 180),
    K.MEETING: (60, 180),
    K.PRESENTATION: (90, 240),
    K.EMAIL: (10, 30),
    K.OTHER: (60, 240),
}
EXPENSES: dict[str, tuple[int, int]] = {
    K.VISIT: (80, 1200),
    K.MEETING: (0, 600),
    K.PRESENTATION: (200, 3000),
    K.OTHER: (0, 2000),
}
FACE_TO_FACE = {K.VISIT, K.MEETING, K.PRESENTATION}
# Calls and visits per half year to an account outside any deal, by tier (§8's cadence, give or
# take: reps keep it only roughly).
CADENCE: dict[str, tuple[int, float]] = {Tier.A: (6, 2), Tier.B: (2, 1), Tier.C: (1, 0.5)}
PAST_DAYS = 180


@dataclass
class ActivitiesResult:
    activities: int = 0
    on_deals: int = 0
    contact_links: int = 0
    minutes: int = 0

    @property
    def rows(self) -> int:
        return self.activities + self.contact_links

    def __add__(self, other: "ActivitiesResult") -> "ActivitiesResult":
        return ActivitiesResult(
            activities=self.activities + other.activities,
            on_deals=self.on_deals + other.on_deals,
            contact_links=self.contact_links + other.contact_links,
            minutes=self.minutes + other.minutes,
        )

    @property
    def detail(self) -> str:
        return (
            f"{self.activities:,} activities ({self.on_deals:,} on deals), "
            f"{self.minutes / 60:,.0f} hours"
        )


@dataclass
class _Planned:
    activity: Activity
    contact_ids: list[int]


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0, 0)))


def _moment(start: datetime, end: datetime, randomness: DemoRandom) -> datetime:
    """A whole minute in [start, end), at a working hour when the window allows."""
    rng = randomness.rng
    moment = start + (end - start) * rng.uniform(0.02, 0.98)
    local = timezone.localtime(moment).replace(second=0, microsecond=0)
    at_work = local.replace(hour=rng.randint(9, 17), minute=rng.randrange(0, 60, 5))
    for candidate in (at_work, local):
        if start <= candidate < end:
            return candidate
    return moment


def _pick(weights: dict[str, int], randomness: DemoRandom) -> str:
    return randomness.rng.choices(list(weights), weights=list(weights.values()))[0]


def _activity(
    *,
    kind: str,
    purpose: str,
    at: datetime,
    owner_id: int,
    account_id: int,
    opportunity_id: int | None,
    notes: str,
    randomness: DemoRandom,
    connected: bool | None = None,
    appointment_set: bool | None = None,
) -> Activity:
    rng = randomness.rng
    low, high = MINUTES[kind]
    minutes = rng.randrange(low, high + 1, 5)
    if kind == K.CALL and connected is False:
        minutes = 1
    low_yuan, high_yuan = EXPENSES.get(kind, (0, 0))
    expenses = Decimal(rng.randrange(low_yuan, high_yuan + 1, 10)) if high_yuan else Decimal(0)
    planned = at - timedelta(minutes=rng.randrange(0, 20, 5)) if kind in FACE_TO_FACE else None
    return Activity(
        owner_id=owner_id,
        kind=kind,
        purpose=purpose,
        account_id=account_id,
        opportunity_id=opportunity_id,
        planned_at=planned,
        occurred_at=at,
        duration_minutes=minutes,
        expenses=expenses,
        notes=notes,
        connected=connected,
        appointment_set=appointment_set,
        created_at=at,
        updated_at=at,
    )


def _contacts_for(kind: str, people: list[int], randomness: DemoRandom) -> list[int]:
    if not people or kind == K.OTHER:
        return []
    count = randomness.rng.randint(1, min(3, len(people))) if kind in FACE_TO_FACE else 1
    return randomness.rng.sample(people, count)


def _save(planned: list[_Planned], result: ActivitiesResult) -> None:
    with timestamps_as_given(Activity):
        Activity.objects.bulk_create([p.activity for p in planned], batch_size=BATCH)
    through = Activity.contacts.through
    links = [
        through(activity_id=p.activity.pk, contact_id=contact_id)
        for p in planned
        for contact_id in p.contact_ids
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    result.activities += len(planned)
    result.on_deals += sum(1 for p in planned if p.activity.opportunity_id)
    result.contact_links += len(links)
    result.minutes += sum(p.activity.duration_minutes for p in planned)


# --- activities on deals -------------------------------------------------------------------


def _deal_activities(
    deal: tuple[int, int, int, str, datetime | None, Decimal],
    changes: list[tuple[str, str, datetime]],
    people: list[int],
    randomness: DemoRandom,
    today: date,
) -> list[_Planned]:
    pk, account_id, owner_id, status, closed_at, amount = deal
    rng = randomness.rng
    end_of_deal = closed_at or _midnight(today)
    moves = [c for c in changes if c[0] != StageChange.Kind.CLOSED]
    planned = []
    for i, (_kind, funnel_state, start) in enumerate(moves):
        end = moves[i + 1][2] if i + 1 < len(moves) else end_of_deal
        low, high = EFFORT[FunnelState(funnel_state)]
        count = rng.randint(low, high) + (
            1 if amount >= 2_000_000 and randomness.chance(0.5) else 0
        )
        for _ in range(count):
            kind = _pick(KINDS[FunnelState(funnel_state)], randomness)
            connected = randomness.chance(0.85) if kind == K.CALL else None
            planned.append(
                _Planned(
                    _activity(
                        kind=kind,
                        purpose=_pick(PURPOSES[FunnelState(funnel_state)], randomness),
                        at=_moment(start, end, randomness),
                        owner_id=owner_id,
                        account_id=account_id,
                        opportunity_id=pk,
                        notes=rng.choice(texts.DEAL_ACTIVITY_NOTES[kind])
                        if randomness.chance(0.7)
                        else "",
                        randomness=randomness,
                        connected=connected,
                        appointment_set=(randomness.chance(0.25) if connected else False)
                        if kind == K.CALL
                        else None,
                    ),
                    _contacts_for(kind, people, randomness),
                )
            )
    if status == DealStatus.WON and closed_at is not None:
        # After the signature, the receivable: "do not relax until paid".
        start = closed_at + timedelta(days=rng.randint(7, 30))
        if start < _midnight(today):
            planned.append(
                _Planned(
                    _activity(
                        kind=K.CALL,
                        purpose=P.COLLECTION,
                        at=_moment(start, _midnight(today), randomness),
                        owner_id=owner_id,
                        account_id=account_id,
                        opportunity_id=pk,
                        notes=rng.choice(texts.COLLECTION_NOTES),
                        randomness=randomness,
                        connected=True,
                        appointment_set=False,
                    ),
                    _contacts_for(K.CALL, people, randomness),
                )
            )
    return planned


def deal_activities_create(
    *, opportunity_ids: list[int], randomness: DemoRandom, today: date
) -> ActivitiesResult:
    result = ActivitiesResult()
    for start in range(0, len(opportunity_ids), OPPORTUNITIES_PER_CHUNK):
        ids = opportunity_ids[start : start + OPPORTUNITIES_PER_CHUNK]
        deals = Opportunity.objects.filter(pk__in=ids).order_by("id")
        changes: dict[int, list[tuple[str, str, datetime]]] = {}
        for pk, kind, funnel_state, at in (
            StageChange.objects.filter(opportunity_id__in=ids)
            .order_by("opportunity_id", "changed_at", "id")
            .values_list("opportunity_id", "kind", "to_funnel_state", "changed_at")
        ):
            changes.setdefault(pk, []).append((kind, funnel_state, at))
        people: dict[int, list[int]] = {}
        for pk, contact_id in (
            OpportunityContact.objects.filter(opportunity_id__in=ids)
            .order_by("opportunity_id", "id")
            .values_list("opportunity_id", "contact_id")
        ):
            people.setdefault(pk, []).append(contact_id)
        planned = []
        for deal in deals.values_list(
            "id", "account_id", "owner_id", "status", "closed_at", "amount"
        ):
            planned += _deal_activities(
                deal, changes.get(deal[0], []), people.get(deal[0], []), randomness, today
            )
        _save(planned, result)
    return result


# --- account work outside deals ------------------------------------------------------------


def _count(average: float, randomness: DemoRandom) -> int:
    """Roughly `average`, never negative: reps keep their cadence only more or less."""
    return max(0, round(average * randomness.rng.uniform(0.3, 1.4)))


def _account_activities(
    account: DealAccount, contacts: list[int], randomness: DemoRandom, today: date
) -> list[_Planned]:
    rng = randomness.rng
    if account.status == AccountStatus.CLOSED:
        return []
    window_start, window_end = _midnight(today - timedelta(days=PAST_DAYS)), _midnight(today)
    tier = Tier.A if account.key_account_type != KeyAccountType.NONE else account.tier
    calls, visits = CADENCE.get(tier, CADENCE[Tier.C])
    planned = []

    def add(kind: str, purpose: str, at: datetime, notes: str, **call: bool) -> None:
        activity = _activity(
            kind=kind,
            purpose=purpose,
            at=at,
            owner_id=account.owner_id,
            account_id=account.pk,
            opportunity_id=None,
            notes=notes,
            randomness=randomness,
            **call,
        )
        planned.append(_Planned(activity, _contacts_for(kind, contacts, randomness)))

    if account.status == AccountStatus.PROSPECT:
        # §8's arithmetic: about half the calls connect, a quarter of those set an appointment.
        for _ in range(rng.randint(1, 5)):
            at = _moment(window_start, window_end, randomness)
            connected = randomness.chance(0.5)
            appointment = connected and randomness.chance(0.26)
            outcome = (
                "appointment" if appointment else "connected" if connected else "not_connected"
            )
            add(
                K.CALL,
                P.NEW_CUSTOMER,
                at,
                rng.choice(texts.COLD_CALL_NOTES[outcome]),
                connected=connected,
                appointment_set=appointment,
            )
            visit_day = timezone.localtime(at).date() + timedelta(days=rng.randint(3, 14))
            if appointment and visit_day < today:
                visit_at = _moment(
                    _midnight(visit_day), _midnight(visit_day + timedelta(1)), randomness
                )
                add(K.VISIT, P.NEW_CUSTOMER, visit_at, rng.choice(texts.FIRST_VISIT_NOTES))
        return planned
    for _ in range(_count(calls, randomness)):
        purpose = P.COLLECTION if randomness.chance(0.25) else P.SERVICE
        notes = texts.COLLECTION_NOTES if purpose == P.COLLECTION else texts.SERVICE_NOTES
        add(
            K.CALL,
            purpose,
            _moment(window_start, window_end, randomness),
            rng.choice(notes),
            connected=randomness.chance(0.8),
            appointment_set=False,
        )
    for _ in range(_count(visits, randomness)):
        purpose = P.COMPLAINT if randomness.chance(0.1) else P.SERVICE
        add(
            K.VISIT,
            purpose,
            _moment(window_start, window_end, randomness),
            rng.choice(texts.SERVICE_NOTES),
        )
    return planned


def account_activities_create(
    *, accounts: list[DealAccount], randomness: DemoRandom, today: date
) -> ActivitiesResult:
    result = ActivitiesResult()
    for start in range(0, len(accounts), ACCOUNTS_PER_CHUNK):
        chunk = accounts[start : start + ACCOUNTS_PER_CHUNK]
        contacts = contact_ids_by_account([a.pk for a in chunk])
        planned = []
        for account in chunk:
            planned += _account_activities(account, contacts.get(account.pk, []), randomness, today)
        _save(planned, result)
    return result


def contact_ids_by_account(account_ids: Iterable[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for account_id, pk in (
        Contact.objects.filter(account_id__in=list(account_ids))
        .exclude(buying_role=BuyingRole.COMPETITOR)
        .order_by("account_id", "id")
        .values_list("account_id", "id")
    ):
        found.setdefault(account_id, []).append(pk)
    return found
