"""The weekly report (周报) of §7 for one team or one region and one ISO week, Monday to Sunday in
settings.TIME_ZONE.

- Target achievement: the holder's revenue target for the month and the quarter of the week (the
  month of its Thursday) against the revenue won from the period's start to the week's end. As on
  the targets pages, a target someone may see is measured on the whole holder's deals.
- New customers: accounts whose first won deal was won in the week.
- Collections: payments received in the week.
- Effective visits: visits (activities of kind visit that took place in the week) with an outcome
  that week on the visited account: an appointment set, a deal won, a payment received, a
  milestone met or a stage advanced. Deal visits: visits after which, still in the week, a deal of
  the visited account was won.
- Average sales per rep: the week's revenue over the reps of the team or region.
- Market reports of the week by kind: competitor moves and market news; complaints (abnormal
  customers), each with how it was handled.
- Punctuality per rep: daily reports of the week submitted, on time, late, and the working days
  (Monday to Friday, once the day's cut-off has passed) without one.
- Next week's targets and plan, as the manager wrote it.

Everything but the targets counts only the records the reader may see. Every figure is a SQL
aggregate; the page runs the same dozen queries however many deals and visits the week holds.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from salesflow.accounts.selectors import seen_through
from salesflow.activities.models import ActivityKind, MarketReport, MarketReportKind
from salesflow.activities.selectors.activities import activity_list_visible
from salesflow.activities.selectors.market import market_report_list_visible
from salesflow.org.models import Region, Team
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.models import MilestoneCheck, Opportunity, StageChange, Status
from salesflow.pipeline.selectors import opportunity_list_visible
from salesflow.reports.callfunnel import CENT, percent
from salesflow.reports.models import WeeklyPlan
from salesflow.reports.scope import Scope, regions_visible, teams_visible
from salesflow.reports.spans import Span, Week
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric, Payment
from salesflow.targets.periods import Period, parse_period
from salesflow.targets.selectors import holder_visible, target_search
from salesflow.users.models import Role

ZERO = Decimal("0.00")
STAGE_MOVES_FORWARD = (StageChange.Kind.ADVANCED, StageChange.Kind.SKIPPED_GATE)

# --- whose report ------------------------------------------------------------------------------


def weekly_holders(user: Any) -> tuple[list[Team], list[Region]]:
    """The teams and regions `user` may read a weekly report of."""
    return list(teams_visible(user)), list(regions_visible(user))


def weekly_holder_get(user: Any, *, team: str = "", region: str = "") -> Team | Region:
    """The team or region the API names (by name), or the caller's own team when neither is
    named. One the caller cannot see reads exactly like one that does not exist."""
    if team:
        found: Team | Region | None = teams_visible(user).filter(name=team).first()
        if found is None:
            raise ValidationError(
                {"team": _("There is no team named “%(name)s”.") % {"name": team}}
            )
        return found
    if region:
        found = regions_visible(user).filter(name=region).first()
        if found is None:
            raise ValidationError(
                {"region": _("There is no region named “%(name)s”.") % {"name": region}}
            )
        return found
    own = teams_visible(user).filter(pk=user.team_id).first() if user.team_id else None
    if own is None:
        raise ValidationError({"team": _("Name a team or a region.")})
    return own


def holder_key(holder: Team | Region) -> str:
    """How forms and links carry a team or region: "team:3", "region:1"."""
    return f"team:{holder.pk}" if isinstance(holder, Team) else f"region:{holder.pk}"


def scope_of(holder: Team | Region) -> Scope:
    return Scope(team=holder.pk) if isinstance(holder, Team) else Scope(region=holder.pk)


def target_holder(holder: Team | Region) -> Holder:
    return Holder(HolderKind.TEAM if isinstance(holder, Team) else HolderKind.REGION, holder)


# --- the report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetProgress:
    period: Period
    target: Decimal
    actual: Decimal
    elapsed: Decimal  # share of the period gone by the week's end, in per cent

    @property
    def achievement(self) -> Decimal | None:
        return percent(self.actual, self.target)

    @property
    def gap(self) -> Decimal:
        return max(self.target - self.actual, ZERO)


@dataclass(frozen=True)
class Visits:
    visits: int
    effective: int
    deals: int

    @property
    def effective_rate(self) -> Decimal | None:
        return percent(self.effective, self.visits)

    @property
    def deal_rate(self) -> Decimal | None:
        return percent(self.deals, self.visits)


@dataclass(frozen=True)
class Punctuality:
    rep: Any
    due: int  # working days of the week whose report is due by now
    submitted: int
    on_time: int
    late: int
    submitted_on_due_days: int

    @property
    def missing(self) -> int:
        return max(self.due - self.submitted_on_due_days, 0)

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.due)


@dataclass(frozen=True)
class WeeklyReport:
    week: Week
    holder: Team | Region
    targets: list[TargetProgress]
    revenue: Decimal
    deals_won: int
    new_customers: int
    collections: Decimal
    visits: Visits
    reps: int
    competitor_moves: list[MarketReport]
    abnormal_customers: list[MarketReport]
    punctuality: list[Punctuality]
    plan: WeeklyPlan | None

    @property
    def is_team(self) -> bool:
        return isinstance(self.holder, Team)

    @property
    def average_sales_per_rep(self) -> Decimal | None:
        if not self.reps:
            return None
        return (self.revenue / self.reps).quantize(CENT)


def weekly_report(user: Any, *, holder: Team | Region, week: Week, now: Any = None) -> WeeklyReport:
    """The weekly report of `holder` for `week`, as `user` may see it: a dozen queries."""
    scope = scope_of(holder)
    won = opportunity_list_visible(user).filter(
        scope.of("owner"), status=Status.WON, closed_at__gte=week.start, closed_at__lt=week.end
    )
    sales = won.aggregate(revenue=Sum("amount"), count=Count("id"))
    reps = _punctuality(user, scope, week, now=now)
    market = list(
        market_report_list_visible(user)
        .filter(scope.of("raised_by"), created_at__gte=week.start, created_at__lt=week.end)
        .select_related("account", "raised_by")
        .order_by("created_at", "id")
    )
    return WeeklyReport(
        week=week,
        holder=holder,
        targets=_targets(user, holder, week),
        revenue=(sales["revenue"] or ZERO).quantize(CENT),
        deals_won=sales["count"],
        new_customers=_new_customers(won, week),
        collections=_collections(user, scope, week),
        visits=_visits(user, scope, week),
        reps=len(reps),
        competitor_moves=[r for r in market if r.kind == MarketReportKind.MARKET],
        abnormal_customers=[r for r in market if r.kind == MarketReportKind.COMPLAINT],
        punctuality=reps,
        plan=weekly_plan_of(holder, week),
    )


def weekly_plan_of(holder: Team | Region, week: Week) -> WeeklyPlan | None:
    field = "team" if isinstance(holder, Team) else "region"
    return (
        WeeklyPlan.objects.filter(week=week.key, **{field: holder})
        .select_related("written_by")
        .first()
    )


def _targets(user: Any, holder: Team | Region, week: Week) -> list[TargetProgress]:
    """Revenue target and actual so far for the month and the quarter of the week."""
    owner = target_holder(holder)
    if not holder_visible(user, owner):
        return []
    day = week.thursday
    periods = [
        parse_period(f"{day.year}-{day.month:02d}"),
        parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}"),
    ]
    targets = {
        t.period: t.amount
        for t in target_search(user, metric=Metric.REVENUE, holder=owner).filter(
            period__in=[p.key for p in periods], product__isnull=True
        )
    }
    periods = [p for p in periods if p.key in targets]
    if not periods:
        return []
    spans = {p.key: Span(p.start, min(p.end, week.last)) for p in periods}
    # The whole holder's deals, as the targets pages measure a target the reader may see.
    field = "owner__team_id" if isinstance(holder, Team) else "owner__team__region_id"
    actuals = Opportunity.objects.filter(
        status=Status.WON,
        closed_at__gte=min(s.start for s in spans.values()),
        closed_at__lt=max(s.end for s in spans.values()),
        **{field: holder.pk},
    ).aggregate(
        **{
            key: Sum("amount", filter=Q(closed_at__gte=span.start, closed_at__lt=span.end))
            for key, span in spans.items()
        }
    )
    return [
        TargetProgress(
            period=p,
            target=targets[p.key],
            actual=(actuals[p.key] or ZERO).quantize(CENT),
            elapsed=Decimal(str(p.elapsed_share(week.last) * 100)).quantize(Decimal("0.1")),
        )
        for p in periods
    ]


def _new_customers(won: QuerySet[Opportunity], week: Week) -> int:
    """Accounts whose first won deal (ever, by anyone) was won this week."""
    won_before = Opportunity.objects.filter(
        account_id=OuterRef("account_id"), status=Status.WON, closed_at__lt=week.start
    )
    return won.filter(~Exists(won_before)).values("account_id").distinct().count()


def _collections(user: Any, scope: Scope, week: Week) -> Decimal:
    """Payments received in the week on the deals `user` sees of the scope's people."""
    payments = Payment.objects.filter(
        scope.of("opportunity__owner"), received_on__gte=week.first, received_on__lte=week.last
    )
    seen = seen_through(user, "opportunity__")
    if seen is not None:
        payments = payments.filter(seen)
    total = payments.aggregate(total=Sum("amount"))["total"]
    return (total or ZERO).quantize(CENT)


def _accounts_with_an_outcome(week: Week) -> QuerySet[Any]:
    """Ids of the accounts on which, in the week, a deal was won, a payment received, a milestone
    met or a stage advanced: one set, worked out once for every visit of the week."""
    return (
        Opportunity.objects.filter(
            status=Status.WON, closed_at__gte=week.start, closed_at__lt=week.end
        )
        .values("account_id")
        .order_by()
        .union(
            Payment.objects.filter(received_on__gte=week.first, received_on__lte=week.last)
            .values("opportunity__account_id")
            .order_by(),
            MilestoneCheck.objects.filter(
                done=True, checked_at__gte=week.start, checked_at__lt=week.end
            )
            .values("opportunity__account_id")
            .order_by(),
            StageChange.objects.filter(
                kind__in=STAGE_MOVES_FORWARD,
                changed_at__gte=week.start,
                changed_at__lt=week.end,
            )
            .values("opportunity__account_id")
            .order_by(),
        )
    )


def _visits(user: Any, scope: Scope, week: Week) -> Visits:
    won_after_visit = Opportunity.objects.filter(
        account_id=OuterRef("account_id"),
        status=Status.WON,
        closed_at__gte=OuterRef("occurred_at"),
        closed_at__lt=week.end,
    )
    outcome = Q(appointment_set=True) | Q(account_id__in=_accounts_with_an_outcome(week))
    figures = (
        activity_list_visible(user)
        .filter(
            scope.of("owner"),
            kind=ActivityKind.VISIT,
            occurred_at__gte=week.start,
            occurred_at__lt=week.end,
        )
        .aggregate(
            visits=Count("id"),
            effective=Count("id", filter=outcome),
            deals=Count("id", filter=Exists(won_after_visit)),
        )
    )
    return Visits(visits=figures["visits"], effective=figures["effective"], deals=figures["deals"])


def _punctuality(user: Any, scope: Scope, week: Week, *, now: Any = None) -> list[Punctuality]:
    """Each rep of the team or region (that `user` sees) with their daily reports of the week.
    A report counts as submitted once it was first submitted, whatever happened to it since."""
    due_days: list[date] = week.working_days_due(now or timezone.now())
    of_week = Q(daily_reports__date__gte=week.first, daily_reports__date__lte=week.last)
    submitted = of_week & Q(daily_reports__on_time__isnull=False)
    reps = (
        users_visible_to(user)
        .filter(scope.of(""), role=Role.REP)
        .annotate(
            submitted=Count("daily_reports", filter=submitted),
            on_time=Count("daily_reports", filter=submitted & Q(daily_reports__on_time=True)),
            late=Count("daily_reports", filter=submitted & Q(daily_reports__on_time=False)),
            on_due_days=Count(
                "daily_reports", filter=submitted & Q(daily_reports__date__in=due_days)
            ),
        )
        .order_by("first_name", "last_name", "username")
    )
    return [
        Punctuality(
            rep=rep,
            due=len(due_days),
            submitted=rep.submitted,
            on_time=rep.on_time,
            late=rep.late,
            submitted_on_due_days=rep.on_due_days,
        )
        for rep in reps
    ]
