"""Targets over HTTP, /api/v1/targets, and progress, /api/v1/reports/progress.

Reads go through the visibility selectors: a target the caller cannot see answers 404. Bad input
answers 422 naming the field (an over-allocation names `amount` and gives the figures). Setting a
target that is not the caller's to set answers 403; a locked target (its period has started)
answers 409 to anyone but a director, who changes it with a `reason`."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from salesflow.core.api_support import ApiRequest, ErrorOut, ValidationErrorOut, page_of
from salesflow.playbook.models import Product
from salesflow.targets import services
from salesflow.targets.actuals import Slot, actuals_for
from salesflow.targets.models import Target
from salesflow.targets.periods import parse_period
from salesflow.targets.progress import progress_of
from salesflow.targets.schemas import (
    ProgressOut,
    ProgressQuery,
    TargetCreateIn,
    TargetListQuery,
    TargetOut,
    TargetPageOut,
    TargetPatchIn,
)
from salesflow.targets.selectors import (
    holder_resolve,
    holder_visible,
    target_for,
    target_get_visible,
    target_search,
)

router = Router(tags=["targets"])
progress_router = Router(tags=["reports"])

T = TypeVar("T")
READ = {401: ErrorOut, 404: ErrorOut}
WRITE = {**READ, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}
FIXED_FIELDS = ("metric", "period", "holder", "holder_kind", "product", "parent")


def _answer(change: Callable[[], T], status: int = 200) -> tuple[int, Any]:
    """The change's result, 403 when it is not the caller's, 409 when the target refuses it."""
    try:
        return status, change()
    except services.NotAllowed as exc:
        return 403, {"detail": str(exc)}
    except services.Refused as exc:
        return 409, {"detail": str(exc)}


def _reloaded(user: Any, target: Target) -> Target:
    return target_get_visible(user, target.pk)


@router.get("", response={200: TargetPageOut, 401: ErrorOut, 422: ValidationErrorOut})
def list_targets(request: ApiRequest, filters: Query[TargetListQuery]) -> dict[str, Any]:
    """The targets the caller sees: reps their own and their team's; managers their team's,
    their reps' and their team's dealers'; directors all."""
    period = parse_period(filters.period) if filters.period else None
    holder = (
        holder_resolve(request.auth, filters.holder, filters.holder_kind or "")
        if filters.holder
        else None
    )
    targets = target_search(request.auth, metric=filters.metric or "", period=period, holder=holder)
    if filters.parent is not None:
        targets = targets.filter(parent_id=filters.parent)
    return page_of(targets, filters)


@router.post("", response={201: TargetOut, **WRITE})
def create_target(request: ApiRequest, payload: TargetCreateIn) -> tuple[int, Any]:
    """Set a target, or with `parent` a part of one. Directors set any target; managers set
    parts for their own reps and their team's dealers (403 otherwise). Parts that would add up to
    more than their target answer 422 on `amount` with the figures."""
    user = request.auth
    errors: dict[str, str] = {}
    parent = None
    if payload.parent is not None:
        try:
            parent = target_get_visible(user, payload.parent)
        except Http404:
            errors["parent"] = _("Choose a parent target you can see.")
    product = _product(payload.product, errors)
    if errors:
        raise ValidationError(errors)
    holder = holder_resolve(user, payload.holder, payload.holder_kind or "")
    return _answer(
        lambda: _reloaded(
            user,
            services.target_create(
                acting_user=user,
                metric=payload.metric,
                period=payload.period,
                holder=holder,
                amount=payload.amount,
                product=product,
                parent=parent,
            ),
        ),
        status=201,
    )


@router.get("/{id}", response={200: TargetOut, **READ})
def get_target(request: ApiRequest, id: int) -> Target:
    return target_get_visible(request.auth, id)


@router.patch("/{id}", response={200: TargetOut, **WRITE})
def update_target(request: ApiRequest, id: int, payload: TargetPatchIn) -> tuple[int, Any]:
    """Change the amount. Once the period has started the target is locked: 409 for anyone but
    a director, who sends a `reason` (422 without one); the change is kept with its reason."""
    target = target_get_visible(request.auth, id)
    sent = payload.model_dump(exclude_unset=True)
    fixed = [name for name in FIXED_FIELDS if name in sent]
    if fixed:
        message = _(
            "A target's metric, period, holder, product and parent are fixed; delete it and set "
            "a new one."
        )
        raise ValidationError(dict.fromkeys(fixed, message))
    return _answer(
        lambda: _reloaded(
            request.auth,
            services.target_update(
                target=target,
                acting_user=request.auth,
                amount=payload.amount,
                reason=payload.reason,
            ),
        )
    )


@router.delete("/{id}", response={204: None, **WRITE})
def delete_target(request: ApiRequest, id: int) -> tuple[int, Any]:
    """Delete a target whose period has not started and that has no parts; 409 otherwise."""
    target = target_get_visible(request.auth, id)
    status, body = _answer(lambda: services.target_delete(target=target, acting_user=request.auth))
    return (204, None) if status == 200 else (status, body)


@progress_router.get("", response={200: ProgressOut, 401: ErrorOut, 422: ValidationErrorOut})
def target_progress(request: ApiRequest, filters: Query[ProgressQuery]) -> dict[str, Any]:
    """Target, actual, achievement, share of the period gone, gap and the projected result of a
    holder whose targets the caller sees, for a period and metric (with or without a target)."""
    user = request.auth
    period = parse_period(filters.period)
    holder = holder_resolve(user, filters.holder, filters.holder_kind or "")
    if not holder_visible(user, holder):
        raise ValidationError(
            {
                "holder": _(
                    "You follow your own targets and your team's; %(holder)s is not among them."
                )
                % {"holder": holder.label}
            }
        )
    errors: dict[str, str] = {}
    product = _product(filters.product or None, errors)
    if errors:
        raise ValidationError(errors)
    slot = Slot(filters.metric, holder, period, product.pk if product else None)
    target = target_for(holder, metric=filters.metric, period=period, product=product)
    progress = progress_of(slot, actuals_for([slot])[slot], timezone.localdate(), target)
    return {
        "holder": holder.public_name,
        "holder_kind": holder.kind,
        "period": period.key,
        "metric": filters.metric,
        "target": progress.target,
        "target_id": None if target is None else target.pk,
        "actual": progress.actual,
        "achievement": progress.achievement,
        "elapsed": progress.elapsed,
        "gap": progress.gap,
        "projected": progress.projected,
        "uncosted": progress.uncosted,
    }


def _product(name: str | None, errors: dict[str, str]) -> Product | None:
    if not name:
        return None
    product = Product.objects.filter(name=name).first()
    if product is None:
        errors["product"] = _("There is no product named “%(name)s”.") % {"name": name}
    return product
