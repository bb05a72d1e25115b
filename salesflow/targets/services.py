"""Setting, changing and removing targets, and recording payments on won deals.

Who may: directors set any target; managers break their team's targets down to their own reps
and dealers (parts only, never their own or their team's target); reps set none. A target is
locked once its period starts: then only a director changes it, always with a reason, and nobody
deletes it (a director sets it to 0 instead, which keeps the record)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salesflow.core.history import record_changes, record_deletion, snapshot
from salesflow.org.visibility import sees_everything, visible_user_ids
from salesflow.pipeline.models import Opportunity, Status
from salesflow.targets.decomposition import check_target, figure
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric, Payment, Target, TargetChange
from salesflow.targets.periods import parse_period
from salesflow.targets.selectors import team_ids_of
from salesflow.users.models import Role

TRACKED_FIELDS = (
    *("metric", "period", "holder_kind", "region", "team", "user", "dealer"),
    *("product", "amount", "parent"),
)
PAYMENT_FIELDS = ("opportunity", "amount", "received_on", "note")


class Refused(Exception):
    """The target's state refuses the change (locked, has parts): 409."""


class NotAllowed(Exception):
    """Setting this target is not the user's to do: 403."""


# --- who may ------------------------------------------------------------------------------------


def is_locked(target: Target, today: date | None = None) -> bool:
    return target.period_start <= (today or timezone.localdate())


def may_set_target(user: Any, *, holder: Holder, parent: Target | None) -> bool:
    """Directors set any target; a manager sets parts (with a parent) for their own reps and the
    dealers of their teams."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if sees_everything(user):
        return True
    if user.role != Role.MANAGER or parent is None:
        return False
    if holder.kind == HolderKind.REP:
        return holder.pk != user.pk and holder.pk in (visible_user_ids(user) or set())
    if holder.kind == HolderKind.DEALER:
        return holder.record.team_id in team_ids_of(user)
    return False


def may_change_target(user: Any, target: Target) -> bool:
    """Whether `user` may change `target` at all (the lock aside)."""
    return may_set_target(user, holder=Holder.of(target), parent=target.parent)


def _refusal(user: Any) -> str:
    if getattr(user, "role", None) == Role.MANAGER:
        return _(
            "Managers break their team's targets down to their own reps and dealers; company, "
            "region and team targets, and your own, are set by a director."
        )
    return _("Only directors and managers set targets.")


def _locked_message(target: Target) -> str:
    return _(
        "This target is locked: its period started on %(start)s. Only a director can change it, "
        "with a reason."
    ) % {"start": target.period_start.isoformat()}


# --- targets ------------------------------------------------------------------------------------


@transaction.atomic
def target_create(
    *,
    acting_user: Any,
    metric: str,
    period: str,
    holder: Holder,
    amount: Decimal,
    product: Any = None,
    parent: Target | None = None,
) -> Target:
    if metric not in Metric.values:
        raise ValidationError({"metric": _("Choose one of: %s.") % ", ".join(Metric.values)})
    span = parse_period(period)
    if not may_set_target(acting_user, holder=holder, parent=parent):
        raise NotAllowed(_refusal(acting_user))
    if parent is not None:
        parent = Target.objects.select_for_update().get(pk=parent.pk)
    target = Target(
        metric=metric,
        period=span.key,
        period_kind=span.kind,
        period_start=span.start,
        period_end=span.end,
        product=product,
        amount=Decimal(amount),
        parent=parent,
        created_by=acting_user,
        **holder.target_fields(),
    )
    check_target(target)
    target.save()
    record_changes(
        instance=target,
        before=None,
        after=snapshot(target, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    return target


@transaction.atomic
def target_update(*, target: Target, acting_user: Any, amount: Decimal, reason: str = "") -> Target:
    """Change the amount. After the lock: directors only, with a reason kept as a TargetChange."""
    current = Target.objects.select_for_update().get(pk=target.pk)
    if not may_change_target(acting_user, current):
        raise NotAllowed(_refusal(acting_user))
    locked = is_locked(current)
    reason = (reason or "").strip()
    if locked and not sees_everything(acting_user):
        raise Refused(_locked_message(current))
    if locked and not reason:
        raise ValidationError(
            {"reason": _("Say why the target changes: its period has already started.")}
        )
    if current.parent_id is not None:
        Target.objects.select_for_update().filter(pk=current.parent_id).first()
    before = snapshot(current, TRACKED_FIELDS)
    old_amount = current.amount
    current.amount = Decimal(amount)
    check_target(current)
    if current.amount == old_amount:
        return current
    current.save(update_fields=["amount", "updated_at"])
    record_changes(
        instance=current,
        before=before,
        after=snapshot(current, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    if locked:
        TargetChange.objects.create(
            target=current,
            old_amount=old_amount,
            new_amount=current.amount,
            reason=reason,
            changed_by=acting_user,
        )
    return current


@transaction.atomic
def target_delete(*, target: Target, acting_user: Any) -> None:
    current = Target.objects.select_for_update().get(pk=target.pk)
    if not may_change_target(acting_user, current):
        raise NotAllowed(_refusal(acting_user))
    if is_locked(current):
        raise Refused(
            _(
                "This target is locked: its period started on %(start)s. It stays on record; a "
                "director can set it to 0, with a reason."
            )
            % {"start": current.period_start.isoformat()}
        )
    if current.parts.exists():
        raise Refused(_("This target has parts; delete them first."))
    record_deletion(instance=current, acting_user=acting_user)
    current.delete()


# --- payments -----------------------------------------------------------------------------------


@transaction.atomic
def payment_record(
    *,
    opportunity: Opportunity,
    acting_user: Any,
    amount: Decimal,
    received_on: date,
    note: str = "",
) -> Payment:
    """Money received on a won deal: the collections (回款) the targets count."""
    errors: dict[str, str] = {}
    if opportunity.status != Status.WON:
        errors["opportunity"] = _("Payments are recorded on won opportunities only.")
    if amount is None or Decimal(amount) <= 0:
        errors["amount"] = _("A payment is more than ¥0.")
    if received_on is None:
        errors["received_on"] = _("Give the day the money was received.")
    elif received_on > timezone.localdate():
        errors["received_on"] = _("A payment is recorded once received, not before.")
    if errors:
        raise ValidationError(errors)
    payment = Payment(
        opportunity=opportunity,
        amount=Decimal(amount),
        received_on=received_on,
        note=(note or "").strip(),
        recorded_by=acting_user,
    )
    payment.full_clean(exclude=["recorded_by"])
    payment.save()
    record_changes(
        instance=payment,
        before=None,
        after=snapshot(payment, PAYMENT_FIELDS),
        acting_user=acting_user,
    )
    return payment


def amount_text(target: Target, value: Decimal | None = None) -> str:
    return figure(target.amount if value is None else value, target.metric)
