"""Reading targets, their holders and payments, always through visibility.

Reps see their own targets and their team's; managers their team's, their reps' and their
team's dealers'; directors see every target. Seeing a target means seeing its holder's progress: a
team's achievement counts the whole team's deals, not only those the reader could open.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from salesflow.org.models import Dealer, Region, Team
from salesflow.org.visibility import sees_everything, users_visible_to, visible_user_ids
from salesflow.pipeline.models import Opportunity
from salesflow.targets.holders import HOLDER_FIELDS, Holder
from salesflow.targets.models import HolderKind, Payment, Target
from salesflow.targets.periods import Period
from salesflow.users.models import Role, User

HOLDER_RELATIONS = ("region", "team", "user", "dealer", "product")


# --- whose targets a user sees ------------------------------------------------------------------


def team_ids_of(user: Any) -> set[int]:
    """The teams whose targets `user` sees: their own, and a manager's reps' teams."""
    cached = getattr(user, "_salesflow_target_team_ids", None)
    if cached is not None:
        return set(cached)
    ids = {user.team_id} if user.team_id else set()
    if user.role == Role.MANAGER:
        visible = visible_user_ids(user) or set()
        ids |= set(
            User.objects.filter(pk__in=visible, team__isnull=False).values_list(
                "team_id", flat=True
            )
        )
    user._salesflow_target_team_ids = frozenset(ids)
    return ids


def _visible_holders_q(user: Any) -> Q | None:
    """A filter on Target for the holders `user` sees; None when they see every holder."""
    if sees_everything(user):
        return None
    teams = team_ids_of(user)
    people = visible_user_ids(user) or set()
    where = Q(holder_kind=HolderKind.REP, user_id__in=people) | Q(
        holder_kind=HolderKind.TEAM, team_id__in=teams
    )
    if user.role == Role.MANAGER:
        where |= Q(holder_kind=HolderKind.DEALER, dealer__team_id__in=teams)
    return where


def target_list_visible(user: Any) -> QuerySet[Target]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Target.objects.none()
    qs = Target.objects.select_related(*HOLDER_RELATIONS)
    where = _visible_holders_q(user)
    return qs if where is None else qs.filter(where)


def with_allocation(qs: QuerySet[Target]) -> QuerySet[Target]:
    """Each target with `allocated`: what its parts add up to (0 without parts)."""
    parts = (
        Target.objects.filter(parent_id=OuterRef("pk"))
        .order_by()
        .values("parent_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=18, decimal_places=2)
    return qs.annotate(
        allocated=Coalesce(Subquery(parts, output_field=money), Decimal(0), output_field=money)
    )


def target_get_visible(user: Any, pk: Any) -> Target:
    try:
        return with_allocation(target_list_visible(user)).get(pk=pk)
    except (Target.DoesNotExist, ValueError, TypeError):
        raise Http404("No such target") from None


def target_search(
    user: Any,
    *,
    metric: str = "",
    period: Period | None = None,
    holder: Holder | None = None,
    product: Any = None,
    within: bool = False,
) -> QuerySet[Target]:
    """Visible targets, filtered. With `within`, every target whose period lies inside `period`
    (a year's quarters and months too); otherwise only targets of exactly that period."""
    qs = with_allocation(target_list_visible(user))
    if metric:
        qs = qs.filter(metric=metric)
    if period is not None:
        if within:
            qs = qs.filter(period_start__gte=period.start, period_end__lte=period.end)
        else:
            qs = qs.filter(period=period.key)
    if holder is not None:
        qs = qs.filter(**holder_lookup(holder))
    if product is not None:
        qs = qs.filter(product=product)
    return qs.order_by("period_start", "metric", "holder_kind", "id")


def holder_lookup(holder: Holder) -> dict[str, Any]:
    """Target filter arguments that select `holder`'s targets."""
    lookup: dict[str, Any] = {"holder_kind": holder.kind}
    holder_field = HOLDER_FIELDS.get(HolderKind(holder.kind))
    if holder_field:
        lookup[f"{holder_field}_id"] = holder.pk
    return lookup


def target_for(holder: Holder, *, metric: str, period: Period, product: Any = None) -> Any:
    """The one target of `holder` for this metric, period and product, or None."""
    return (
        Target.objects.filter(
            metric=metric, period=period.key, product=product, **holder_lookup(holder)
        )
        .select_related(*HOLDER_RELATIONS)
        .first()
    )


def target_changes(target: Target) -> QuerySet[Any]:
    return target.changes.select_related("changed_by")


# --- holders ------------------------------------------------------------------------------------


def holder_visible(user: Any, holder: Holder) -> bool:
    """Whether `user` sees `holder`'s targets and progress."""
    if sees_everything(user):
        return True
    if holder.kind == HolderKind.REP:
        return holder.pk in (visible_user_ids(user) or set())
    if holder.kind == HolderKind.TEAM:
        return holder.pk in team_ids_of(user)
    if holder.kind == HolderKind.DEALER:
        return user.role == Role.MANAGER and holder.record.team_id in team_ids_of(user)
    return False


def holders_visible(user: Any) -> list[Holder]:
    """Every holder `user` sees: company, regions, teams, people, dealers (in that order)."""
    if sees_everything(user):
        return [
            Holder.company(),
            *(Holder(HolderKind.REGION, r) for r in Region.objects.order_by("name")),
            *(Holder(HolderKind.TEAM, t) for t in Team.objects.order_by("name")),
            *(Holder(HolderKind.REP, u) for u in users_visible_to(user).select_related("team")),
            *(
                Holder(HolderKind.DEALER, d)
                for d in Dealer.objects.select_related("team").order_by("name")
            ),
        ]
    teams = team_ids_of(user)
    dealers = (
        Dealer.objects.filter(team_id__in=teams).select_related("team").order_by("name")
        if user.role == Role.MANAGER
        else Dealer.objects.none()
    )
    return [
        *(Holder(HolderKind.TEAM, t) for t in Team.objects.filter(pk__in=teams).order_by("name")),
        *(Holder(HolderKind.REP, u) for u in users_visible_to(user).select_related("team")),
        *(Holder(HolderKind.DEALER, d) for d in dealers),
    ]


def holder_resolve(user: Any, name: str, kind: str = "") -> Holder:
    """The holder the API names: "company", a username, or a region, team or dealer name.
    Without `kind` the name must be unambiguous. Someone `user` cannot see reads like nobody."""
    name = (name or "").strip()
    if kind and kind not in HolderKind.values:
        raise ValidationError(
            {
                "holder_kind": _("Choose one of: %(kinds)s.")
                % {"kinds": ", ".join(HolderKind.values)}
            }
        )
    if kind == HolderKind.COMPANY or (not kind and name.lower() == "company"):
        return Holder.company()
    found: list[Holder] = []
    lookups = {
        HolderKind.REP: lambda: users_visible_to(user).filter(username=name).first(),
        HolderKind.TEAM: lambda: Team.objects.filter(name=name).first(),
        HolderKind.REGION: lambda: Region.objects.filter(name=name).first(),
        HolderKind.DEALER: lambda: Dealer.objects.filter(name=name).first(),
    }
    for holder_kind, lookup in lookups.items():
        if kind and kind != holder_kind:
            continue
        record = lookup()
        if record is not None:
            found.append(Holder(holder_kind, record))
    if not found:
        raise ValidationError(
            {
                "holder": _("There is no rep you can see, team, region or dealer named “%(name)s”.")
                % {"name": name}
            }
        )
    if len(found) > 1:
        raise ValidationError(
            {
                "holder": _("“%(name)s” names more than one holder (%(kinds)s); add holder_kind.")
                % {"name": name, "kinds": ", ".join(h.kind for h in found)}
            }
        )
    return found[0]


# --- payments -----------------------------------------------------------------------------------


def payments_of(opportunity: Opportunity) -> QuerySet[Payment]:
    return Payment.objects.filter(opportunity=opportunity).select_related("recorded_by")


def collected_on(opportunity: Opportunity) -> Decimal:
    return Payment.objects.filter(opportunity=opportunity).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal(0)
