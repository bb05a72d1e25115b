"""The rules of 目标分解: a part has its parent's metric and product, a period inside the parent's
and a holder under the parent's (or the same holder over a shorter period); the parts of a target
never add up to more than it; one target per metric, period, holder and product."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from salesflow.targets.holders import HOLDER_FIELDS, Holder, holds_under
from salesflow.targets.models import HolderKind, Metric, Target


def figure(value: Decimal | int | None, metric: str, *, whole: bool = False) -> str:
    """An amount as people read it: ¥1,200,000 (a plain count for new customers); `whole`
    rounds to the yuan (for projections, where the fen mean nothing)."""
    if value is None:
        return "—"
    value = Decimal(value)
    if whole:
        value = value.quantize(Decimal(1))
    places = 0 if value == value.to_integral_value() else 2
    text = f"{value:,.{places}f}"
    return text if metric == Metric.NEW_CUSTOMERS else f"¥{text}"


def check_target(target: Target) -> None:
    """Raise ValidationError (by field) when `target`, as it would be saved, breaks a rule."""
    errors: dict[str, str] = {}
    _check_amount(target, errors)
    _check_duplicate(target, errors)
    parent = target.parent if target.parent_id is not None else None
    if parent is not None:
        _check_fits_parent(target, parent, errors)
    if not errors and parent is not None:
        _check_siblings(target, parent, errors)
    if not errors:
        _check_parts_fit(target, errors)
    if errors:
        raise ValidationError(errors)


def allocated_to_parts(target: Target, *, excluding: Target | None = None) -> Decimal:
    parts = Target.objects.filter(parent_id=target.pk)
    if excluding is not None and excluding.pk is not None:
        parts = parts.exclude(pk=excluding.pk)
    return parts.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def _check_amount(target: Target, errors: dict[str, str]) -> None:
    amount = target.amount
    if amount is None or amount < 0:
        errors["amount"] = _("A target is zero or more.")
    elif target.metric == Metric.NEW_CUSTOMERS and amount != amount.to_integral_value():
        errors["amount"] = _("New customers are counted in whole customers.")


def _holder_filter(target: Target) -> dict[str, object]:
    found: dict[str, object] = {"holder_kind": target.holder_kind}
    field = HOLDER_FIELDS.get(HolderKind(target.holder_kind))
    if field:
        found[f"{field}_id"] = getattr(target, f"{field}_id")
    return found


def _check_duplicate(target: Target, errors: dict[str, str]) -> None:
    slot: dict[str, object] = {
        "metric": target.metric,
        "period": target.period,
        "product_id": target.product_id,
        **_holder_filter(target),
    }
    twins = Target.objects.filter(**slot)
    if target.pk is not None:
        twins = twins.exclude(pk=target.pk)
    if twins.exists():
        errors["holder"] = _(
            "%(holder)s already has a %(metric)s target for %(period)s; change that one instead."
        ) % {
            "holder": Holder.of(target).label,
            "metric": target.get_metric_display().lower(),
            "period": target.period,
        }


def _check_fits_parent(target: Target, parent: Target, errors: dict[str, str]) -> None:
    if parent.pk == target.pk:
        errors["parent"] = _("A target cannot be a part of itself.")
        return
    if parent.metric != target.metric or parent.product_id != target.product_id:
        errors["parent"] = _("A part measures what its target measures: %(metric)s%(product)s.") % {
            "metric": parent.get_metric_display().lower(),
            "product": f" · {parent.product}" if parent.product_id else "",
        }
        return
    inside = parent.period_start <= target.period_start and target.period_end <= parent.period_end
    if not inside:
        errors["period"] = _("A part's period lies inside its target's period, %(period)s.") % {
            "period": parent.period
        }
        return
    holder, parent_holder = Holder.of(target), Holder.of(parent)
    if holder == parent_holder:
        if target.period == parent.period:
            errors["period"] = _(
                "A part for the same holder covers a shorter period inside %(period)s."
            ) % {"period": parent.period}
    elif not holds_under(parent_holder, holder):
        errors["holder"] = _(
            "%(holder)s is not under %(parent)s: a part goes to a region under the company, a "
            "team in that region, a rep in that team or a dealer of that region or team."
        ) % {"holder": holder.label, "parent": parent_holder.label}


def _check_siblings(target: Target, parent: Target, errors: dict[str, str]) -> None:
    """Two parts of one target for the same holder over overlapping periods would count twice."""
    overlapping = (
        Target.objects.filter(parent_id=parent.pk, **_holder_filter(target))
        .filter(period_start__lte=target.period_end, period_end__gte=target.period_start)
        .exclude(pk=target.pk)
        .first()
    )
    if overlapping is not None:
        errors["period"] = _(
            "%(holder)s already has a part of this target for %(period)s; break that one down "
            "instead."
        ) % {"holder": Holder.of(target).label, "period": overlapping.period}
        return
    siblings = allocated_to_parts(parent, excluding=target)
    total = siblings + target.amount
    if total > parent.amount:
        errors["amount"] = _(
            "The parts would total %(total)s, %(over)s more than the target of %(target)s."
        ) % {
            "total": figure(total, target.metric),
            "over": figure(total - parent.amount, target.metric),
            "target": figure(parent.amount, target.metric),
        }


def _check_parts_fit(target: Target, errors: dict[str, str]) -> None:
    if target.pk is None:
        return
    parts = allocated_to_parts(target)
    if parts > target.amount:
        errors["amount"] = _(
            "Its parts already total %(total)s, %(over)s more than %(amount)s; lower them first."
        ) % {
            "total": figure(parts, target.metric),
            "over": figure(parts - target.amount, target.metric),
            "amount": figure(target.amount, target.metric),
        }
