"""Demo visit plans (每日拜访计划): for most past working days each rep's plan, submitted the working
day before and approved by the supervisor (some returned with a comment first, then resubmitted),
its visits turned into visit activities, most of which happened; today's plans approved or waiting;
the coming days' plans still in draft, submitted or returned.

Rows are bulk-created, not written through the plan services (per-row service calls would take
hours at scale), but they keep the services' rules: one plan per rep and day, every visit on the
plan's day at an account the rep works on, versions bumped by every action, and a PlanEvent with
a snapshot of the visits for each submission, return and approval. A visit the rep already logged
that day becomes a planned visit linked to that activity, instead of a second activity."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from salesflow.accounts.models import AccountStatus
from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityPurpose,
    Attendance,
    PlanEvent,
    PlannedVisit,
    PlanStatus,
    VisitPlan,
)
from salesflow.core.demo import loop_texts as texts
from salesflow.core.demo.activities import EXPENSES, MINUTES, contact_ids_by_account
from salesflow.core.demo.bulk import BATCH, timestamps_as_given
from salesflow.core.demo.daily_loop import (
    Calendar,
    LoopRep,
    PoolAccount,
    RepDay,
    account_pools,
    loop_days,
    rep_chunks,
)
from salesflow.core.demo.fakes import DemoRandom
from salesflow.core.demo.workdays import (
    is_working_day,
    local,
    local_day,
    next_working_day,
    previous_working_day,
)

P, Action = ActivityPurpose, PlanEvent.Action
ABSENCE_SHARE = 0.03
TRAVEL_SHARE = 0.05
MOST_VISITS = 6
# Visits start on the half hour from 09:00 to 16:30, at least this far apart.
SLOTS = tuple(9 * 60 + 30 * i for i in range(16))
MIN_GAP = timedelta(minutes=90)
APPROVAL_COMMENT_SHARE = 0.15
PURPOSES: dict[str, dict[str, int]] = {
    AccountStatus.PROSPECT: {P.NEW_CUSTOMER: 75, P.MARKET_RESEARCH: 25},
    AccountStatus.DORMANT: {P.NEW_CUSTOMER: 40, P.SERVICE: 30, P.MARKET_RESEARCH: 30},
    AccountStatus.CUSTOMER: {
        P.SERVICE: 40,
        P.COLLECTION: 20,
        P.ORDER: 15,
        P.COMPLAINT: 8,
        P.MARKET_RESEARCH: 10,
        P.OTHER: 7,
    },
}
# Today's plan, then the coming working days': how far each rep has got.
TODAY_STATUS = {PlanStatus.APPROVED: 80, PlanStatus.SUBMITTED: 12, "": 8}
COMING_STATUS = (
    {PlanStatus.DRAFT: 30, PlanStatus.SUBMITTED: 35, PlanStatus.RETURNED: 5, "": 30},
    {PlanStatus.DRAFT: 10, "": 90},
)


@dataclass
class PlansResult:
    by_status: Counter[str] = field(default_factory=Counter)
    returned_first: int = 0
    visits: int = 0
    activities: int = 0
    contact_links: int = 0
    events: int = 0

    @property
    def rows(self) -> int:
        plans = sum(self.by_status.values())
        return plans + self.visits + self.activities + self.contact_links + self.events

    @property
    def detail(self) -> str:
        plans = sum(self.by_status.values())
        return (
            f"{plans:,} plans ({self.returned_first:,} returned first), {self.visits:,} visits, "
            f"{self.activities:,} new activities, {self.events:,} events"
        )


@dataclass(frozen=True)
class _Logged:
    """A visit the rep logged that day before the loop was built."""

    pk: int
    account_pk: int
    purpose: str
    at: datetime


@dataclass
class _Visit:
    account: PoolAccount
    planned_at: datetime
    purpose: str
    notes: str = ""
    logged_pk: int | None = None
    activity: Activity | None = None
    contact_ids: list[int] = field(default_factory=list)

    @property
    def activity_pk(self) -> int | None:
        return self.activity.pk if self.activity is not None else self.logged_pk


@dataclass
class _Event:
    action: str
    by_pk: int
    at: datetime
    version: int
    visits: list[_Visit]
    comment: str = ""


@dataclass
class _Plan:
    plan: VisitPlan
    visits: list[_Visit]
    events: list[_Event] = field(default_factory=list)
    returned_first: bool = False


@dataclass
class _Day:
    """What one rep had on the books for one day before the loop."""

    busy: bool = False
    logged_visits: list[_Logged] = field(default_factory=list)


def visit_plans_create(
    *, reps: list[LoopRep], randomness: DemoRandom, today: date
) -> tuple[PlansResult, Calendar]:
    """Every rep's plans; the calendar tells the reports phase each past day's attendance and
    how many visits its approved plan held."""
    result, calendar = PlansResult(), Calendar()
    days = loop_days(today)
    coming = [next_working_day(today)]
    coming.append(next_working_day(coming[0]))
    for chunk in rep_chunks(reps):
        rep_pks = [r.pk for r in chunk]
        pools = account_pools(rep_pks)
        contacts = contact_ids_by_account({a.pk for pool in pools.values() for a in pool})
        books = _books(rep_pks, days[0] if days else today, today)
        plans: list[_Plan] = []
        for rep in chunk:
            builder = _RepPlans(rep, pools.get(rep.pk, []), contacts, randomness, today)
            for day in days:
                plans += builder.past_day(day, books.get((rep.pk, day), _Day()), calendar)
            plans += builder.coming_day(today, TODAY_STATUS)
            for day, shares in zip(coming, COMING_STATUS, strict=True):
                plans += builder.coming_day(day, shares)
        _save(plans, result)
    return result, calendar


def _books(rep_pks: list[int], first_day: date, today: date) -> dict[tuple[int, date], _Day]:
    books: dict[tuple[int, date], _Day] = {}
    for pk, owner_pk, kind, account_pk, purpose, planned_at, occurred_at in (
        Activity.objects.filter(
            owner_id__in=rep_pks,
            occurred_at__gte=local(first_day),
            occurred_at__lt=local(today),
        )
        .order_by("owner_id", "occurred_at", "id")
        .values_list("id", "owner_id", "kind", "account_id", "purpose", "planned_at", "occurred_at")
    ):
        assert occurred_at is not None  # the filter keeps only what happened
        day = local_day(occurred_at)
        book = books.setdefault((owner_pk, day), _Day())
        book.busy = True
        at = planned_at or occurred_at
        if kind == ActivityKind.VISIT and local_day(at) == day:
            book.logged_visits.append(_Logged(pk, account_pk, purpose, at))
    return books


class _RepPlans:
    """One rep's plans, day by day."""

    def __init__(
        self,
        rep: LoopRep,
        pool: list[PoolAccount],
        contacts: dict[int, list[int]],
        randomness: DemoRandom,
        today: date,
    ) -> None:
        self.rep, self.pool, self.contacts = rep, pool, contacts
        self.by_pk = {a.pk: a for a in pool}
        self.randomness, self.rng, self.today = randomness, randomness.rng, today

    # --- days -------------------------------------------------------------------------------

    def past_day(self, day: date, book: _Day, calendar: Calendar) -> list[_Plan]:
        key = (self.rep.pk, day)
        if not book.busy and self.randomness.chance(ABSENCE_SHARE):
            calendar[key] = RepDay(self._pick({Attendance.LEAVE: 2, Attendance.SICK: 1}), 0)
            return []
        travel = self.randomness.chance(TRAVEL_SHARE)
        if not self.pool or self.randomness.chance(self.rep.no_plan_share):
            visited = len(book.logged_visits)
            calendar[key] = RepDay(self._attendance(travel, visited), 0)
            return []
        visits = self._compose(day, book.logged_visits)
        calendar[key] = RepDay(self._attendance(travel, len(visits)), len(visits))
        return [self._approved(day, visits)]

    def coming_day(self, day: date, shares: dict[str, int]) -> list[_Plan]:
        """Today's plan or a coming day's: only what the rep has done by last evening."""
        if day < self.today or not self.pool or not is_working_day(day):
            return []
        status = self._pick(shares)
        if not status:
            return []
        visits = self._compose(day, [])
        if status == PlanStatus.APPROVED:
            return [self._approved(day, visits)]
        created = self._created(day)
        plan = self._plan(day, visits, created)
        found = _Plan(plan, visits)
        if status == PlanStatus.DRAFT:
            return [found]
        submitted = created + self._minutes(10, 60)
        plan.status, plan.submitted_at, plan.version = PlanStatus.SUBMITTED, submitted, 2
        found.events.append(_Event(Action.SUBMITTED, self.rep.pk, submitted, 2, visits))
        if status == PlanStatus.RETURNED:
            returned = submitted + self._minutes(20, 90)
            plan.comment = self.rng.choice(texts.PLAN_RETURNED_FOR_MISSING_VISIT)
            plan.status, plan.version = PlanStatus.RETURNED, 3
            plan.decided_by_id, plan.decided_at = self.rep.supervisor_pk, returned
            found.events.append(
                _Event(Action.RETURNED, self.rep.supervisor_pk, returned, 3, visits, plan.comment)
            )
        plan.updated_at = found.events[-1].at
        return [found]

    # --- the sign-off ---------------------------------------------------------------------

    def _approved(self, day: date, visits: list[_Visit]) -> _Plan:
        """Submitted the working day before and approved before the day begins; some are
        returned once with a comment and resubmitted with the change asked for."""
        rep, supervisor = self.rep.pk, self.rep.supervisor_pk
        created = self._created(day)
        plan = self._plan(day, visits, created)
        found = _Plan(plan, visits)
        submitted = created + self._minutes(10, 60)
        if self.randomness.chance(self.rep.plan_return_share):
            first, comment = self._first_draft(visits)
            returned = submitted + self._minutes(20, 90)
            submitted_again = returned + self._minutes(10, 45)
            found.returned_first = True
            found.events += [
                _Event(Action.SUBMITTED, rep, submitted, 2, first),
                _Event(Action.RETURNED, supervisor, returned, 3, first, comment),
            ]
            submitted, version = submitted_again, 5
        else:
            version = 2
        decided = self._decided(day, submitted)
        comment = (
            self.rng.choice(texts.PLAN_APPROVAL_COMMENTS)
            if self.randomness.chance(APPROVAL_COMMENT_SHARE)
            else ""
        )
        found.events += [
            _Event(Action.SUBMITTED, rep, submitted, version, visits),
            _Event(Action.APPROVED, supervisor, decided, version + 1, visits, comment),
        ]
        plan.status, plan.submitted_at, plan.version = PlanStatus.APPROVED, submitted, version + 1
        plan.decided_by_id, plan.decided_at, plan.comment = supervisor, decided, comment
        plan.updated_at = decided
        for visit in visits:
            if visit.logged_pk is None:
                visit.activity = self._activity(day, visit, decided)
        return found

    def _first_draft(self, visits: list[_Visit]) -> tuple[list[_Visit], str]:
        """What the rep first submitted, and the supervisor's reason for returning it: a visit
        was missing, or the first visit was an hour off."""
        added = [v for v in visits if v.logged_pk is None]
        if len(visits) >= 2 and added:
            dropped = added[-1]
            first = [v for v in visits if v is not dropped]
            return first, self.rng.choice(texts.PLAN_RETURNED_FOR_MISSING_VISIT)
        opening = visits[0]
        moved = opening.planned_at - timedelta(hours=1)
        if local_day(moved) != local_day(opening.planned_at):
            moved = opening.planned_at + timedelta(hours=1)
        at_first = _Visit(opening.account, moved, opening.purpose, opening.notes)
        return [at_first, *visits[1:]], self.rng.choice(texts.PLAN_RETURNED_FOR_TIMES)

    # --- visits ---------------------------------------------------------------------------

    def _compose(self, day: date, logged: list[_Logged]) -> list[_Visit]:
        """The day's visits: those already logged that day, topped up to the rep's usual
        number with accounts the rep works on, at free half hours."""
        rng = self.rng
        visits = [
            _Visit(self.by_pk[v.account_pk], v.at, v.purpose, logged_pk=v.pk)
            for v in logged
            if v.account_pk in self.by_pk
        ]
        wanted = max(1, min(MOST_VISITS, round(rng.gauss(self.rep.visits_per_day, 1.0))))
        midnight = local(day)
        slots = [midnight + timedelta(minutes=minutes) for minutes in SLOTS]
        rng.shuffle(slots)
        taken = {v.account.pk for v in visits}
        for _ in range(wanted - len(visits)):
            candidates = [a for a in self.pool if a.pk not in taken]
            times = [v.planned_at for v in visits]
            free = [at for at in slots if all(abs(at - other) >= MIN_GAP for other in times)]
            if not candidates or not free:
                break
            account = rng.choices(candidates, weights=[a.weight for a in candidates])[0]
            purpose = self._pick(PURPOSES.get(account.status, PURPOSES[AccountStatus.CUSTOMER]))
            notes = rng.choice(texts.PLANNED_VISIT_NOTES[purpose]) if rng.random() < 0.5 else ""
            taken.add(account.pk)
            visits.append(_Visit(account, free[0], purpose, notes))
        return sorted(visits, key=lambda v: v.planned_at)

    def _activity(self, day: date, visit: _Visit, decided: datetime) -> Activity:
        """The visit activity approval creates; it happened for most past days' visits."""
        rng = self.rng
        happened = day < self.today and self.randomness.chance(self.rep.visits_done_share)
        activity = Activity(
            owner_id=self.rep.pk,
            kind=ActivityKind.VISIT,
            purpose=visit.purpose,
            account_id=visit.account.pk,
            planned_at=visit.planned_at,
            notes=visit.notes,
            created_at=decided,
            updated_at=decided,
        )
        if happened:
            low, high = MINUTES[ActivityKind.VISIT]
            low_yuan, high_yuan = EXPENSES[ActivityKind.VISIT]
            activity.occurred_at = visit.planned_at + timedelta(minutes=rng.randrange(-10, 45, 5))
            activity.updated_at = activity.occurred_at
            activity.duration_minutes = rng.randrange(low, high + 1, 5)
            activity.expenses = Decimal(rng.randrange(low_yuan, high_yuan + 1, 10))
            activity.notes = rng.choice(texts.VISIT_NOTES[visit.purpose])
            people = self.contacts.get(visit.account.pk, [])
            if people:
                visit.contact_ids = rng.sample(people, rng.randint(1, min(3, len(people))))
        return activity

    # --- small helpers ----------------------------------------------------------------------

    def _plan(self, day: date, visits: list[_Visit], created: datetime) -> VisitPlan:
        return VisitPlan(
            owner_id=self.rep.pk,
            date=day,
            area=self._area(visits),
            status=PlanStatus.DRAFT,
            version=1,
            created_at=created,
            updated_at=created,
        )

    def _area(self, visits: list[_Visit]) -> str:
        places = dict.fromkeys(f"{v.account.city}{v.account.district}" for v in visits)
        return "、".join(p for p in places if p)[:200] or self.rep.city

    def _created(self, day: date) -> datetime:
        """The rep writes the plan on the working day before, in the late afternoon."""
        before = previous_working_day(min(day, self.today))
        return local(before, 15) + self._minutes(0, 150)

    def _decided(self, day: date, submitted: datetime) -> datetime:
        """The supervisor decides the same evening or, for a past day, first thing that day."""
        if day < self.today and self.randomness.chance(0.4):
            return local(day, 7, 30) + self._minutes(0, 60)
        return submitted + self._minutes(15, 180)

    def _minutes(self, low: int, high: int) -> timedelta:
        return timedelta(minutes=self.rng.randint(low, high))

    def _pick(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    @staticmethod
    def _attendance(travel: bool, visits: int) -> str:
        if travel:
            return Attendance.TRAVEL
        return Attendance.FIELD if visits >= 2 else Attendance.PRESENT


# --- saving ----------------------------------------------------------------------------------


def snapshot(
    plan: VisitPlan, version: int, visits: list[_Visit], *, linked: bool
) -> dict[str, Any]:
    """What the plan said at an event, as the plan services keep it."""
    zone = timezone.get_default_timezone()
    return {
        "date": plan.date.isoformat(),
        "area": plan.area,
        "version": version,
        "visits": [
            {
                "account": v.account.pk,
                "account_name": v.account.name,
                "planned_at": timezone.localtime(v.planned_at, zone).isoformat(),
                "purpose": v.purpose,
                "notes": v.notes,
                "activity": v.activity_pk if linked else None,
            }
            for v in visits
        ],
    }


def _save(plans: list[_Plan], result: PlansResult) -> None:
    new = [(v, v.activity) for p in plans for v in p.visits if v.activity is not None]
    with timestamps_as_given(Activity, VisitPlan, PlanEvent):
        Activity.objects.bulk_create([activity for _visit, activity in new], batch_size=BATCH)
        VisitPlan.objects.bulk_create([p.plan for p in plans], batch_size=BATCH)
        events = [
            PlanEvent(
                visit_plan_id=p.plan.pk,
                action=e.action,
                by_id=e.by_pk,
                at=e.at,
                comment=e.comment,
                snapshot=snapshot(p.plan, e.version, e.visits, linked=e.action == Action.APPROVED),
            )
            for p in plans
            for e in p.events
        ]
        PlanEvent.objects.bulk_create(events, batch_size=BATCH)
    through = Activity.contacts.through
    links = [
        through(activity_id=activity.pk, contact_id=contact_pk)
        for visit, activity in new
        for contact_pk in visit.contact_ids
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    visits = [
        PlannedVisit(
            plan_id=p.plan.pk,
            account_id=v.account.pk,
            planned_at=v.planned_at,
            purpose=v.purpose,
            notes=v.notes,
            activity_id=v.activity_pk if p.plan.status == PlanStatus.APPROVED else None,
        )
        for p in plans
        for v in p.visits
    ]
    PlannedVisit.objects.bulk_create(visits, batch_size=BATCH)
    result.by_status.update(p.plan.status for p in plans)
    result.returned_first += sum(1 for p in plans if p.returned_first)
    result.visits += len(visits)
    result.activities += len(new)
    result.contact_links += len(links)
    result.events += len(events)
