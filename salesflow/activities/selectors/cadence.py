"""Cadence reminders (§8): which calls and visits are due, worked out by the database.

Each account's tier says how often it is called and visited (CadenceRule). The next touch of a
kind is due that many calendar months after the last one (an Activity of that kind that took
place), or after the account's creation when there has been none. One aggregate query finds the
last call and visit of every account in scope and turns them into due dates, so a page of
touches, its count and its order all come from SQL and the query count never grows with the data.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypedDict

from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from salesflow.accounts.models import Account, AccountStatus, Tier
from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.models import ActivityKind, CadenceRule
from salesflow.activities.months import AddMonths, add_months
from salesflow.org.visibility import users_visible_to, visible_user_ids
from salesflow.users.models import Role, User

TOUCH_KINDS = (ActivityKind.CALL, ActivityKind.VISIT)
# §8: A monthly call and quarterly visit, B every 3 and 6 months, C every 6 and 12 months.
DEFAULT_CADENCE = {Tier.A: (1, 3), Tier.B: (3, 6), Tier.C: (6, 12)}
EVERY_MONTHS_FIELD = {
    ActivityKind.CALL: "call_every_months",
    ActivityKind.VISIT: "visit_every_months",
}


class TouchRow(TypedDict):
    """One due touch as the database answers it (a row of `cadence_touches`)."""

    id: int
    name: str
    tier: str
    owner_id: int
    kind: str
    due_date: date


@dataclass(frozen=True)
class DueTouch:
    """A call or visit an account is due: on `due_date`, `overdue_days` ago (0 = today)."""

    account: Account
    kind: str
    due_date: date
    overdue_days: int

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def kind_label(self) -> str:
        return str(ActivityKind(self.kind).label)


@dataclass
class CadenceCounts:
    """How much one person has due: today, overdue calls and visits, the worst overdue days."""

    due_today: int = 0
    overdue_calls: int = 0
    overdue_visits: int = 0
    worst_overdue_days: int = 0

    @property
    def overdue(self) -> int:
        return self.overdue_calls + self.overdue_visits


@dataclass(kw_only=True)
class RepCadence(CadenceCounts):
    """One line of a manager's per-rep summary."""

    rep: User


# --- the rules and the SQL ---------------------------------------------------------------------


def may_edit_cadence_rules(user: Any) -> bool:
    """Only directors change how often each tier is called and visited."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.role == Role.DIRECTOR)


def cadence_rules() -> dict[str, CadenceRule]:
    """The rule of each tier, keyed by tier ("A", "B", "C"). A tier without a stored rule keeps
    the §8 default (an unsaved rule), so no account silently drops out of the reminders."""
    rules: dict[str, CadenceRule] = {
        str(tier): CadenceRule(tier=tier, call_every_months=call, visit_every_months=visit)
        for tier, (call, visit) in DEFAULT_CADENCE.items()
    }
    rules.update((rule.tier, rule) for rule in CadenceRule.objects.all())
    return dict(sorted(rules.items()))


def _every_months(rules: dict[str, CadenceRule], kind: str) -> Case:
    field = EVERY_MONTHS_FIELD[ActivityKind(kind)]
    return Case(
        *[When(tier=tier, then=Value(getattr(rule, field))) for tier, rule in rules.items()],
        default=None,
        output_field=IntegerField(),
    )


def _end_of(day: date) -> datetime:
    """The first moment after the local day `day`."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _due_before(rules: dict[str, CadenceRule], kind: str, *, on: date) -> Case:
    """Per tier, the moment a last touch must come before for the next to be due by `on`.

    Comparing the raw last-touch time with it filters without date arithmetic on every row
    (which SQLite can only do through a slow Python function)."""
    field = EVERY_MONTHS_FIELD[ActivityKind(kind)]
    return Case(
        *[
            When(tier=tier, then=Value(_end_of(_last_day_due_by(on, getattr(rule, field)))))
            for tier, rule in rules.items()
        ],
        default=None,
        output_field=DateTimeField(),
    )


def _last_day_due_by(on: date, months: int) -> date:
    """The latest day whose touch makes the next one due on or before `on` (add_months never
    goes backwards, so every earlier day qualifies too)."""
    day = add_months(on, -months)
    while add_months(day + timedelta(days=1), months) <= on:
        day += timedelta(days=1)
    return day


def _touches(
    accounts: QuerySet[Account],
    *,
    on: date,
    owner: Any = None,
    tier: str = "",
    kind: str = "",
    overdue_only: bool = False,
) -> QuerySet[Any]:
    rules = cadence_rules()
    scope = accounts.exclude(status=AccountStatus.CLOSED)
    if owner is not None:
        scope = scope.filter(owner=owner)
    if tier:
        scope = scope.filter(tier=tier)
    due_by = on - timedelta(days=1) if overdue_only else on
    parts = [
        scope.order_by()
        .annotate(
            kind=Value(str(k), output_field=CharField()),
            last_touch=Coalesce(
                Max(
                    "activities__occurred_at",
                    filter=Q(activities__kind=k, activities__occurred_at__lt=_end_of(on)),
                ),
                F("created_at"),
            ),
            due_date=AddMonths(TruncDate("last_touch"), _every_months(rules, k)),
        )
        .filter(last_touch__lt=_due_before(rules, k, on=due_by))
        .values("id", "name", "tier", "owner_id", "kind", "due_date")
        for k in ([kind] if kind else TOUCH_KINDS)
    ]
    touches = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return touches.order_by("due_date", "name", "id", "kind")


def as_due_touches(rows: Iterable[TouchRow], *, on: date) -> list[DueTouch]:
    """The rows of one page as DueTouch objects, their accounts fetched in one query."""
    rows = list(rows)
    accounts = Account.objects.select_related("owner").in_bulk({row["id"] for row in rows})
    return [
        DueTouch(
            account=accounts[row["id"]],
            kind=row["kind"],
            due_date=row["due_date"],
            overdue_days=(on - row["due_date"]).days,
        )
        for row in rows
    ]


# --- what screens, the API and the digest read -------------------------------------------------


def cadence_touches(
    user: Any,
    *,
    on: date,
    owner: Any = None,
    tier: str = "",
    kind: str = "",
    overdue_only: bool = False,
) -> QuerySet[Any]:
    """Every call and visit due on or before `on` on accounts `user` sees, most overdue first,
    as TouchRow values (paginate it, then pass the page to `as_due_touches`)."""
    return _touches(
        account_list_visible(user),
        on=on,
        owner=owner,
        tier=tier,
        kind=kind,
        overdue_only=overdue_only,
    )


def cadence_due(user: Any, *, owner: Any = None, on: date | None = None) -> list[DueTouch]:
    """Every touch due on or before `on` (today by default): one row per account and kind.
    Closed accounts are never due; a touch not yet due is not listed."""
    on = on or timezone.localdate()
    return as_due_touches(cadence_touches(user, on=on, owner=owner), on=on)


def cadence_due_everywhere(*, on: date) -> list[TouchRow]:
    """Every due touch of every account, for the daily digest (a job, not a person, reads it)."""
    return list(_touches(Account.objects.all(), on=on))


def cadence_home(user: Any, *, on: date, limit: int = 10) -> dict[str, Any]:
    """The user's own touches due today and overdue, the first `limit` of each with the counts."""
    rows: list[TouchRow] = list(cadence_touches(user, on=on, owner=user))
    overdue = [row for row in rows if row["due_date"] < on]
    due_today = [row for row in rows if row["due_date"] == on]
    shown = as_due_touches(overdue[:limit] + due_today[:limit], on=on)
    return {
        "on": on,
        "overdue": [touch for touch in shown if touch.is_overdue],
        "overdue_count": len(overdue),
        "due_today": [touch for touch in shown if not touch.is_overdue],
        "due_today_count": len(due_today),
    }


def summarise_by_rep(rows: Iterable[TouchRow], *, on: date) -> dict[int, CadenceCounts]:
    """The counts of each owner (by id) over due-touch rows."""
    summary: dict[int, CadenceCounts] = {}
    for row in rows:
        counts = summary.setdefault(row["owner_id"], CadenceCounts())
        days = (on - row["due_date"]).days
        if days == 0:
            counts.due_today += 1
        elif row["kind"] == ActivityKind.CALL:
            counts.overdue_calls += 1
        else:
            counts.overdue_visits += 1
        counts.worst_overdue_days = max(counts.worst_overdue_days, days)
    return summary


def cadence_by_rep(user: Any, *, on: date) -> list[RepCadence]:
    """The manager's view: for each person `user` sees (reps, and anyone owning due touches)
    how much is due today and overdue. Worst first. Empty for a rep, who sees only themselves."""
    ids = visible_user_ids(user)
    if ids is not None and ids <= {user.pk}:
        return []
    people = users_visible_to(user).exclude(pk=user.pk)
    summary = summarise_by_rep(cadence_touches(user, on=on), on=on)
    people = people.filter(Q(role=Role.REP) | Q(pk__in=list(summary))).select_related("team")
    lines = [
        RepCadence(rep=person, **asdict(summary.get(person.pk, CadenceCounts())))
        for person in people
    ]
    lines.sort(key=lambda line: (-line.worst_overdue_days, -line.overdue, line.rep.username))
    return lines
