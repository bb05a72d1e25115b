"""Reading activities, always through visibility, and the objection report built from them.

A user sees the activities of people whose records they see (their own; a manager's team's) and
every activity on an account they see. Changing or deleting one belongs to its owner, the owner's
managers and directors; colleagues who only share the account read it."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, DateTimeField, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from salesflow.accounts.selectors import account_list_visible, owned_or_on_visible_account
from salesflow.activities.models import Activity, ActivityObjection
from salesflow.contacts.models import Contact
from salesflow.org.models import Team
from salesflow.org.visibility import visible_user_ids
from salesflow.pipeline.models import Opportunity
from salesflow.playbook.models import Objection
from salesflow.playbook.selectors import objection_search


def activity_list_visible(user: Any) -> QuerySet[Activity]:
    return owned_or_on_visible_account(user, Activity.objects.all())


def with_when(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """`when`: when it happened, or when it is planned for one not done yet."""
    return qs.annotate(when=Coalesce("occurred_at", "planned_at", output_field=DateTimeField()))


def activity_search(
    user: Any,
    *,
    q: str = "",
    kind: str = "",
    purpose: str = "",
    account: Any = None,
    opportunity: Any = None,
    owner: Any = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Activity]:
    """The activity list, newest first, with what each row shows fetched in three queries."""
    qs = with_when(activity_list_visible(user))
    for term in q.split():
        qs = qs.filter(Q(account__name__icontains=term) | Q(notes__icontains=term))
    if kind:
        qs = qs.filter(kind=kind)
    if purpose:
        qs = qs.filter(purpose=purpose)
    if account:
        qs = qs.filter(account_id=account)
    if opportunity:
        qs = qs.filter(opportunity_id=opportunity)
    if owner:
        qs = qs.filter(owner_id=owner)
    # `when` is an annotation the type checker cannot see, hence the keyword dicts.
    if date_from:
        qs = qs.filter(**{"when__gte": day_start(date_from)})
    if date_to:
        qs = qs.filter(**{"when__lt": day_start(date_to + timedelta(days=1))})
    return with_details(qs).order_by("-when", "-id")


def with_details(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    return qs.select_related("account", "owner", "opportunity").prefetch_related(
        Prefetch("contacts", queryset=Contact.objects.order_by("name").only("id", "name")),
        Prefetch(
            "objections_met",
            queryset=ActivityObjection.objects.select_related("objection").order_by(
                "objection__number"
            ),
        ),
    )


def activity_get_visible(user: Any, pk: Any) -> Activity:
    try:
        return with_details(activity_list_visible(user)).get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise Http404("No such activity") from None


def activity_can_change(user: Any, activity: Activity) -> bool:
    ids = visible_user_ids(user)
    return ids is None or activity.owner_id in ids


def activity_get_editable(user: Any, pk: Any) -> Activity:
    """The activity, if `user` may change or delete it; 404 otherwise (never 403)."""
    activity = activity_get_visible(user, pk)
    if not activity_can_change(user, activity):
        raise Http404("No such activity")
    return activity


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- what the logging form offers --------------------------------------------------------------


def account_choices(user: Any) -> QuerySet[Any]:
    return account_list_visible(user).only("id", "name").order_by("name", "id")


def opportunity_choices(account_id: int | None) -> QuerySet[Opportunity]:
    """The opportunities of an account (the account itself was checked by the caller)."""
    if account_id is None:
        return Opportunity.objects.none()
    return (
        Opportunity.objects.filter(account_id=account_id)
        .only("id", "name")
        .order_by("-status", "name", "id")
    )


def contact_choices(account_id: int | None) -> QuerySet[Contact]:
    if account_id is None:
        return Contact.objects.none()
    return (
        Contact.objects.filter(account_id=account_id)
        .only("id", "name", "title")
        .order_by("name", "id")
    )


def objections_active(*, q: str = "") -> QuerySet[Objection]:
    """The playbook shown while logging: active objections holding every word of `q`."""
    return objection_search(q=q)


def objection_resolve(ref: int) -> Objection | None:
    """An objection by its number (what people call it), else by its id."""
    return Objection.objects.filter(number=ref).first() or Objection.objects.filter(pk=ref).first()


# --- the objection report ----------------------------------------------------------------------


@dataclass
class Tally:
    met: int = 0
    overcome: int = 0

    @property
    def rate(self) -> float | None:
        """The share of meetings overcome, in per cent; None when never met."""
        return None if not self.met else round(100 * self.overcome / self.met, 1)


@dataclass
class ReportRow:
    """One rep or team: a tally per objection (by objection id) and the total."""

    label: str
    key: Any
    cells: dict[int, Tally] = field(default_factory=dict)
    total: Tally = field(default_factory=Tally)
    # The tallies in the order of the report's objections, for the table's columns.
    tallies: list[Tally] = field(default_factory=list)

    def cell(self, objection_id: int) -> Tally:
        return self.cells.get(objection_id) or Tally()


@dataclass
class ObjectionReport:
    objections: list[Objection]
    by_objection: dict[int, Tally]
    total: Tally
    by_rep: list[ReportRow]
    by_team: list[ReportRow]

    def objection_rows(self) -> list[tuple[Objection, Tally]]:
        return [(o, self.by_objection.get(o.pk) or Tally()) for o in self.objections]


def objection_report(
    user: Any,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    owner: Any = None,
    team: Any = None,
) -> ObjectionReport:
    """How often each objection was met and overcome in the activities `user` sees that took place
    in the period, per rep and per team: one aggregate query for each, plus the names."""
    activities = activity_list_visible(user).filter(occurred_at__isnull=False)
    if date_from:
        activities = activities.filter(occurred_at__gte=day_start(date_from))
    if date_to:
        activities = activities.filter(occurred_at__lt=day_start(date_to + timedelta(days=1)))
    if owner:
        activities = activities.filter(owner_id=owner)
    if team:
        activities = activities.filter(owner__team_id=team)
    met = ActivityObjection.objects.filter(activity__in=activities.values("pk")).order_by()
    counts = {"met": Count("id"), "overcome": Count("id", filter=Q(overcome=True))}

    by_objection = {
        row["objection_id"]: Tally(row["met"], row["overcome"])
        for row in met.values("objection_id").annotate(**counts)
    }
    rep_rows = _rows(met, "activity__owner_id", counts)
    team_rows = _rows(met, "activity__owner__team_id", counts)
    used = set(by_objection)
    objections = list(Objection.objects.filter(Q(is_active=True) | Q(pk__in=used)))
    User = get_user_model()
    people = {u.pk: u for u in User.objects.filter(pk__in=rep_rows)}
    teams = {t.pk: t for t in Team.objects.filter(pk__in=[k for k in team_rows if k])}
    by_rep = sorted(
        (
            ReportRow(label=str(people[pk]), key=pk, cells=cells, total=_sum(cells))
            for pk, cells in rep_rows.items()
        ),
        key=lambda r: r.label.lower(),
    )
    by_team = sorted(
        (
            ReportRow(label=str(teams[pk]) if pk else "", key=pk, cells=cells, total=_sum(cells))
            for pk, cells in team_rows.items()
        ),
        key=lambda r: (r.key is None, r.label.lower()),
    )
    for row in (*by_rep, *by_team):
        row.tallies = [row.cell(o.pk) for o in objections]
    return ObjectionReport(
        objections=objections,
        by_objection=by_objection,
        total=_sum(by_objection),
        by_rep=by_rep,
        by_team=by_team,
    )


def _rows(met: QuerySet[ActivityObjection], key: str, counts: dict[str, Any]) -> dict[Any, Any]:
    rows: dict[Any, dict[int, Tally]] = {}
    for row in met.values(key, "objection_id").annotate(**counts):
        rows.setdefault(row[key], {})[row["objection_id"]] = Tally(row["met"], row["overcome"])
    return rows


def _sum(cells: dict[int, Tally]) -> Tally:
    return Tally(
        met=sum(t.met for t in cells.values()), overcome=sum(t.overcome for t in cells.values())
    )
