"""Writing visit plans (每日拜访计划): the rep composes the day and submits it; the supervisor (or a
director) approves or returns it. An approved plan is locked: changes go through reopen → draft →
submit → approve again. Approval turns each planned visit into an activity to complete.

Every action locks the plan row, checks the version the user saw, bumps it, and records a PlanEvent
with what was submitted, so nothing is lost when a plan is returned."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from salesflow.accounts.models import Account
from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityPurpose,
    PlanEvent,
    PlannedVisit,
    PlanStatus,
    VisitPlan,
)
from salesflow.activities.selectors.plans import plan_activity_ids_approved_before
from salesflow.activities.services.activities import activity_delete, activity_log
from salesflow.activities.services.signoff import Refused, SignOffLoop, tell
from salesflow.notifications.models import NotificationKind

AREA_MAX = int(cast(models.CharField, VisitPlan._meta.get_field("area")).max_length or 0)
NOTES_MAX = int(cast(models.CharField, PlannedVisit._meta.get_field("notes")).max_length or 0)


@dataclass(frozen=True)
class VisitIn:
    """One visit as the rep plans it: where, when and why."""

    account: Account | None
    planned_at: datetime | None
    purpose: str
    notes: str = ""


def plan_snapshot(plan: VisitPlan) -> dict[str, Any]:
    """What the plan says now, as it is kept in its events."""
    visits = plan.visits.select_related("account").order_by("planned_at", "id")
    return {
        "date": plan.date.isoformat(),
        "area": plan.area,
        "version": plan.version,
        "visits": [
            {
                "account": v.account_id,
                "account_name": v.account.name,
                "planned_at": timezone.localtime(v.planned_at).isoformat(),
                "purpose": v.purpose,
                "notes": v.notes,
                "activity": v.activity_id,
            }
            for v in visits
        ],
    }


PLAN_LOOP = SignOffLoop(
    model=VisitPlan,
    event_field="visit_plan",
    snapshot=plan_snapshot,
    url_name="loop:plan",
    submitted=PlanStatus.SUBMITTED,
    returned_kind=NotificationKind.PLAN_RETURNED,
    returned_title=gettext_lazy("Your visit plan for %(date)s was returned"),
    stale=gettext_lazy(
        "Someone changed this plan a moment ago (it is now at version %(version)s). "
        "Look at it again and retry."
    ),
    not_owner=gettext_lazy("Only %(rep)s can change their own visit plan."),
    not_signer=gettext_lazy(
        "Only %(rep)s's supervisor or a director can approve or return this plan."
    ),
    not_submitted=gettext_lazy(
        "Only a submitted plan can be approved or returned; this one is %(status)s."
    ),
    comment_needed=gettext_lazy("Say what should change before returning the plan."),
)


# --- composing ---------------------------------------------------------------------------------


@transaction.atomic
def visit_plan_create(
    *, acting_user: Any, date: date, area: str = "", visits: Iterable[VisitIn] = ()
) -> VisitPlan:
    """A draft plan of the acting user's own for `date` (today or later), with its visits."""
    visits = list(visits)
    errors: dict[str, list[str]] = {}
    _check_date(date, errors)
    _check_area(area, errors)
    if not errors and VisitPlan.objects.filter(owner=acting_user, date=date).exists():
        errors["date"] = [_("You already have a plan for %(date)s.") % {"date": date}]
    plan = VisitPlan(owner=acting_user, date=date, area=(area or "").strip())
    if not errors:
        errors.update(_visit_errors(plan, visits, prefix="visits."))
    if errors:
        raise ValidationError(errors)
    plan.save()
    _add_visits(plan, visits)
    return plan


@transaction.atomic
def visit_plan_update(
    *,
    plan: VisitPlan,
    acting_user: Any,
    area: str | None = None,
    visits: Iterable[VisitIn] | None = None,
    expected_version: int | None = None,
) -> VisitPlan:
    """Change the area and, when `visits` is given, make the plan's visits exactly those: visits
    that stay keep their activity, the others are removed."""
    current = _editable(plan, acting_user, expected_version)
    errors: dict[str, list[str]] = {}
    if area is not None:
        _check_area(area, errors)
        current.area = area.strip()
    wanted = None if visits is None else list(visits)
    if wanted is not None:
        errors.update(_visit_errors(current, wanted, prefix="visits."))
    if errors:
        raise ValidationError(errors)
    if wanted is not None:
        _replace_visits(current, wanted)
    return PLAN_LOOP.bump(current)


@transaction.atomic
def planned_visit_add(
    *,
    plan: VisitPlan,
    acting_user: Any,
    visit: VisitIn,
    expected_version: int | None = None,
) -> PlannedVisit:
    current = _editable(plan, acting_user, expected_version)
    errors = _visit_errors(current, [visit], prefix="")
    if errors:
        raise ValidationError(errors)
    (added,) = _add_visits(current, [visit])
    PLAN_LOOP.bump(current)
    return added


@transaction.atomic
def planned_visit_remove(
    *,
    plan: VisitPlan,
    visit: PlannedVisit,
    acting_user: Any,
    expected_version: int | None = None,
) -> VisitPlan:
    """Take a visit off the plan. An activity it already had is settled at the next approval."""
    current = _editable(plan, acting_user, expected_version)
    if visit.plan_id != current.pk:
        raise ValidationError({"visit": _("This visit is not on this plan.")})
    visit.delete()
    return PLAN_LOOP.bump(current)


@transaction.atomic
def visit_plan_delete(*, plan: VisitPlan, acting_user: Any) -> None:
    """Only a draft that was never submitted goes away; anything submitted stays on record."""
    current = PLAN_LOOP.lock(plan, None)
    PLAN_LOOP.require_owner(current, acting_user)
    if current.status != PlanStatus.DRAFT or current.events.exists():
        raise Refused(
            _(
                "This plan has been submitted before, so it stays on record. "
                "Reopen it and change it instead."
            )
            if current.status == PlanStatus.DRAFT
            else _("Only a draft plan can be deleted.")
        )
    current.delete()


# --- the sign-off loop -------------------------------------------------------------------------


@transaction.atomic
def visit_plan_submit(
    *, plan: VisitPlan, acting_user: Any, expected_version: int | None = None
) -> VisitPlan:
    current = PLAN_LOOP.lock(plan, expected_version)
    PLAN_LOOP.require_owner(current, acting_user)
    if current.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise Refused(_locked_message(current))
    errors: dict[str, list[str]] = {}
    _check_date(current.date, errors)
    if not current.visits.exists():
        errors["visits"] = [_("Add at least one visit before submitting the plan.")]
    if errors:
        raise ValidationError(errors)
    current.status = PlanStatus.SUBMITTED
    current.submitted_at = timezone.now()
    current.comment = ""
    PLAN_LOOP.save_step(current, PlanEvent.Action.SUBMITTED, acting_user)
    tell(
        recipient=current.owner.supervisor,
        kind=NotificationKind.PLAN_SUBMITTED,
        title=gettext_lazy("%(rep)s submitted the visit plan for %(date)s"),
        body=ngettext_lazy(
            "%(count)s visit. Approve it or return it with a comment.",
            "%(count)s visits. Approve it or return it with a comment.",
            "count",
        ),
        params={"rep": current.owner, "date": current.date, "count": current.visits.count()},
        url=PLAN_LOOP.url(current),
    )
    return current


@transaction.atomic
def visit_plan_approve(
    *, plan: VisitPlan, acting_user: Any, comment: str = "", expected_version: int | None = None
) -> VisitPlan:
    """Approve a submitted plan: it is locked, and each of its visits has an activity to
    complete. Activities of visits removed since an earlier approval go, unless completed."""
    current = _decidable(plan, acting_user, expected_version)
    current.status = PlanStatus.APPROVED
    _note_decision(current, acting_user, comment)
    _sync_activities(current, acting_user)
    PLAN_LOOP.save_step(current, PlanEvent.Action.APPROVED, acting_user, comment=current.comment)
    tell(
        recipient=current.owner,
        kind=NotificationKind.PLAN_APPROVED,
        title=gettext_lazy("Your visit plan for %(date)s is approved"),
        body=(
            gettext_lazy("%(by)s: %(comment)s")
            if current.comment
            else gettext_lazy("Approved by %(by)s.")
        ),
        params={"date": current.date, "by": acting_user, "comment": current.comment},
        url=PLAN_LOOP.url(current),
    )
    return current


@transaction.atomic
def visit_plan_return(
    *, plan: VisitPlan, acting_user: Any, comment: str, expected_version: int | None = None
) -> VisitPlan:
    """Send a submitted plan back to the rep with a comment; its visits stay as they were."""
    current = _decidable(plan, acting_user, expected_version)
    comment = PLAN_LOOP.return_comment(comment)
    current.status = PlanStatus.RETURNED
    _note_decision(current, acting_user, comment)
    PLAN_LOOP.save_step(current, PlanEvent.Action.RETURNED, acting_user, comment=comment)
    PLAN_LOOP.tell_returned(current, acting_user, comment)
    return current


@transaction.atomic
def visit_plan_reopen(
    *, plan: VisitPlan, acting_user: Any, expected_version: int | None = None
) -> VisitPlan:
    """Unlock a submitted or approved plan for changes; it needs approving again afterwards.
    Its activities stay until that approval."""
    current = PLAN_LOOP.lock(plan, expected_version)
    PLAN_LOOP.require_owner(current, acting_user)
    if current.status not in (PlanStatus.SUBMITTED, PlanStatus.APPROVED):
        raise Refused(_("Only a submitted or approved plan can be reopened; this one is open."))
    if current.date < timezone.localdate():
        raise Refused(_day_over_message())
    current.status = PlanStatus.DRAFT
    PLAN_LOOP.save_step(current, PlanEvent.Action.REOPENED, acting_user)
    return current


# --- rules -------------------------------------------------------------------------------------


def _locked_message(plan: VisitPlan) -> str:
    if plan.status == PlanStatus.SUBMITTED:
        return _(
            "This plan is submitted and locked while it waits for approval. "
            "Reopen it to make changes."
        )
    return _("This plan is approved and locked. Reopen it to make changes, then submit it again.")


def _day_over_message() -> str:
    return _("The day of this plan is over; it can no longer be changed.")


def _editable(plan: VisitPlan, acting_user: Any, expected_version: int | None) -> VisitPlan:
    current = PLAN_LOOP.lock(plan, expected_version)
    PLAN_LOOP.require_owner(current, acting_user)
    if current.is_locked:
        raise Refused(_locked_message(current))
    if current.date < timezone.localdate():
        raise Refused(_day_over_message())
    return current


def _decidable(plan: VisitPlan, acting_user: Any, expected_version: int | None) -> VisitPlan:
    current = PLAN_LOOP.lock(plan, expected_version)
    PLAN_LOOP.require_signer(current, acting_user)
    PLAN_LOOP.require_submitted(current)
    return current


def _note_decision(plan: VisitPlan, acting_user: Any, comment: str) -> None:
    """An approval or a return is the plan's latest decision: who, when, and their comment."""
    plan.decided_by = acting_user
    plan.decided_at = timezone.now()
    plan.comment = (comment or "").strip()


def _check_date(day: date, errors: dict[str, list[str]]) -> None:
    today = timezone.localdate()
    if day < today:
        errors["date"] = [_("%(date)s is in the past: plan today or a day ahead.") % {"date": day}]


def _check_area(area: str | None, errors: dict[str, list[str]]) -> None:
    if len((area or "").strip()) > AREA_MAX:
        errors["area"] = [_("Keep the area under %(n)s characters.") % {"n": AREA_MAX}]


def _visit_errors(plan: VisitPlan, visits: list[VisitIn], *, prefix: str) -> dict[str, list[str]]:
    """Each visit needs an account the rep sees, a time on the plan's day and a purpose.
    Errors are keyed "<prefix><index>.<field>" (or "<prefix><field>" for a single visit)."""
    errors: dict[str, list[str]] = {}
    requested = {v.account.pk for v in visits if v.account is not None}
    visible = set(
        account_list_visible(plan.owner).filter(pk__in=requested).values_list("pk", flat=True)
    )
    single = len(visits) == 1 and not prefix
    for index, visit in enumerate(visits):
        key = prefix if single else f"{prefix}{index}."

        def add(field: str, message: str, key: str = key) -> None:
            errors.setdefault(f"{key}{field}", []).append(message)

        if visit.account is None:
            add("account", _("Choose the account to visit."))
        elif visit.account.pk not in visible:
            add("account", _("Choose an account you can see."))
        if visit.planned_at is None:
            add("planned_at", _("Say when the visit is planned."))
        else:
            local = timezone.localtime(_aware(visit.planned_at))
            if local.date() != plan.date:
                add(
                    "planned_at",
                    _("%(when)s is not on the plan's day (%(date)s).")
                    % {"when": local.strftime("%Y-%m-%d %H:%M"), "date": plan.date},
                )
        if visit.purpose not in ActivityPurpose.values:
            add(
                "purpose",
                _("Choose one of: %(allowed)s.") % {"allowed": ", ".join(ActivityPurpose.values)},
            )
        if len(visit.notes or "") > NOTES_MAX:
            add("notes", _("Keep the notes under %(n)s characters.") % {"n": NOTES_MAX})
    return errors


def _aware(moment: datetime) -> datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


# --- saving ------------------------------------------------------------------------------------


def _add_visits(plan: VisitPlan, visits: list[VisitIn]) -> list[PlannedVisit]:
    return PlannedVisit.objects.bulk_create(
        PlannedVisit(
            plan=plan,
            account=visit.account,
            planned_at=_aware(visit.planned_at),  # type: ignore[arg-type]
            purpose=visit.purpose,
            notes=(visit.notes or "").strip(),
        )
        for visit in visits
    )


def _visit_key(account_id: int, planned_at: datetime, purpose: str, notes: str) -> tuple[Any, ...]:
    return (account_id, _aware(planned_at), purpose, (notes or "").strip())


def _replace_visits(plan: VisitPlan, wanted: list[VisitIn]) -> None:
    """Keep the stored visits that are wanted as they are (with their activities), delete the
    rest, add the new ones."""
    stored = {
        _visit_key(v.account_id, v.planned_at, v.purpose, v.notes): v for v in plan.visits.all()
    }
    new: list[VisitIn] = []
    for visit in wanted:
        assert visit.account is not None and visit.planned_at is not None  # validated
        key = _visit_key(visit.account.pk, visit.planned_at, visit.purpose, visit.notes)
        if stored.pop(key, None) is None:
            new.append(visit)
    PlannedVisit.objects.filter(pk__in=[v.pk for v in stored.values()]).delete()
    _add_visits(plan, new)


def _sync_activities(plan: VisitPlan, acting_user: Any) -> None:
    visits = list(plan.visits.select_related("account", "activity"))
    kept = {v.activity_id for v in visits if v.activity_id}
    dropped = plan_activity_ids_approved_before(plan) - kept
    for activity in Activity.objects.filter(
        pk__in=dropped, owner=plan.owner, occurred_at__isnull=True
    ):
        activity_delete(activity=activity, acting_user=acting_user)
    for visit in visits:
        if visit.activity_id is not None:
            continue
        visit.activity = activity_log(
            acting_user=plan.owner,
            owner=plan.owner,
            kind=ActivityKind.VISIT,
            purpose=visit.purpose,
            account=visit.account,
            planned_at=visit.planned_at,
            notes=visit.notes,
        )
        visit.save(update_fields=["activity"])
