"""Writing activities (跟进记录): log, change, delete. Each write checks the references against what
the acting user may see, saves the objections met with it and records history, in one transaction."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityObjection,
    ActivityPurpose,
)
from salesflow.contacts.models import Contact
from salesflow.core.history import record_changes, record_deletion, snapshot
from salesflow.org.visibility import visible_user_ids
from salesflow.pipeline.models import Opportunity
from salesflow.playbook.models import Objection

TRACKED_FIELDS = (
    "kind",
    "purpose",
    "account",
    "opportunity",
    "planned_at",
    "occurred_at",
    "duration_minutes",
    "expenses",
    "notes",
    "connected",
    "appointment_set",
)
EDITABLE_FIELDS = frozenset(TRACKED_FIELDS) | {"contacts", "objections"}
# A phone's clock a few minutes ahead of the server's is not an activity in the future.
CLOCK_TOLERANCE = timedelta(minutes=10)


@dataclass(frozen=True)
class ObjectionMet:
    """One objection the customer raised during the activity, and whether the rep overcame it."""

    objection: Objection
    overcome: bool = False


@transaction.atomic
def activity_log(
    *,
    acting_user: Any,
    kind: str,
    account: Any,
    purpose: str = ActivityPurpose.OTHER,
    owner: Any = None,
    opportunity: Opportunity | None = None,
    contacts: Iterable[Any] = (),
    planned_at: Any = None,
    occurred_at: Any = None,
    duration_minutes: int = 0,
    expenses: Decimal | int = Decimal(0),
    notes: str = "",
    connected: bool | None = None,
    appointment_set: bool | None = None,
    objections: Sequence[ObjectionMet] = (),
) -> Activity:
    """Record a call, visit, meeting… on an account the acting user sees. `owner` defaults to the
    acting user; a manager may log for someone they manage."""
    owner = owner or acting_user
    activity = Activity(
        owner=owner,
        kind=kind,
        purpose=purpose,
        account=account,
        opportunity=opportunity,
        planned_at=planned_at,
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        expenses=expenses,
        notes=(notes or "").strip(),
        connected=connected,
        appointment_set=appointment_set,
    )
    contact_ids = _ids(contacts)
    errors = _errors(
        activity,
        acting_user=acting_user,
        contact_ids=contact_ids,
        objections=objections,
        account_changed=True,
        kept_objection_ids=set(),
    )
    ids = visible_user_ids(acting_user)
    if ids is not None and owner.pk not in ids:
        errors["owner"] = [_("You can only log activities for yourself or people you manage.")]
    if errors:
        raise ValidationError(errors)
    activity.save()
    activity.contacts.set(contact_ids)
    _save_objections(activity, objections)
    record_changes(
        instance=activity, before=None, after=_snapshot(activity), acting_user=acting_user
    )
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, acting_user: Any, **fields: Any) -> Activity:
    """Change some of an activity's facts; `contacts` and `objections`, when given, replace the
    activity's whole list. References left as they were are not checked again."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = _snapshot(activity)
    stored_account_id = activity.account_id
    contact_ids = (
        _ids(fields.pop("contacts"))
        if "contacts" in fields
        else set(activity.contacts.values_list("pk", flat=True))
    )
    objections = fields.pop("objections", None)
    for name, value in fields.items():
        if name == "notes":
            value = (value or "").strip()
        setattr(activity, name, value)
    kept = set(activity.objections_met.values_list("objection_id", flat=True))
    errors = _errors(
        activity,
        acting_user=acting_user,
        contact_ids=contact_ids,
        objections=objections or (),
        account_changed=activity.account_id != stored_account_id,
        kept_objection_ids=kept,
    )
    if errors:
        raise ValidationError(errors)
    activity.save()
    activity.contacts.set(contact_ids)
    if objections is not None:
        activity.objections_met.all().delete()
        _save_objections(activity, objections)
    record_changes(
        instance=activity, before=before, after=_snapshot(activity), acting_user=acting_user
    )
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, acting_user: Any) -> None:
    record_deletion(instance=activity, acting_user=acting_user)
    activity.delete()


# --- validation --------------------------------------------------------------------------------


def _errors(
    activity: Activity,
    *,
    acting_user: Any,
    contact_ids: set[int],
    objections: Sequence[ObjectionMet],
    account_changed: bool,
    kept_objection_ids: set[int],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if activity.duration_minutes is not None and activity.duration_minutes < 0:
        add("duration_minutes", _("A duration cannot be negative."))
    if activity.expenses is not None and Decimal(activity.expenses) < 0:
        add("expenses", _("Expenses cannot be negative."))
    try:
        activity.full_clean(exclude=["owner", "account", "opportunity", *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if activity.account_id is None:
        add("account", _("Choose the account the activity was with."))
    elif account_changed and not (
        account_list_visible(acting_user).filter(pk=activity.account_id).exists()
    ):
        add("account", _("Choose an account you can see."))
    if activity.opportunity_id is not None and activity.account_id is not None:
        on_account = Opportunity.objects.filter(
            pk=activity.opportunity_id, account_id=activity.account_id
        ).exists()
        if not on_account:
            add("opportunity", _("Choose an opportunity on this account."))
    if contact_ids and activity.account_id is not None:
        found = Contact.objects.filter(pk__in=contact_ids, account_id=activity.account_id).count()
        if found != len(contact_ids):
            add("contacts", _("Choose people who work at this account."))
    _check_when(activity, add)
    _check_call_outcome(activity, add)
    _check_objections(objections, kept_objection_ids, add)
    return errors


def _check_when(activity: Activity, add: Any) -> None:
    if activity.occurred_at is None and activity.planned_at is None:
        add("occurred_at", _("Say when the activity happened, or when it is planned."))
    elif activity.occurred_at is not None and activity.occurred_at > timezone.now() + (
        CLOCK_TOLERANCE
    ):
        add(
            "occurred_at",
            _("An activity cannot have happened in the future; plan it instead."),
        )


def _check_call_outcome(activity: Activity, add: Any) -> None:
    if activity.kind != ActivityKind.CALL:
        if activity.connected is not None:
            add("connected", _("Only a call is connected or not."))
        if activity.appointment_set is not None:
            add("appointment_set", _("Only a call records whether an appointment was set."))
    elif activity.appointment_set and activity.connected is False:
        add("appointment_set", _("An appointment needs a call that got through."))


def _check_objections(
    objections: Sequence[ObjectionMet], kept_objection_ids: set[int], add: Any
) -> None:
    seen: set[int] = set()
    for met in objections:
        objection = met.objection
        if objection.pk in seen:
            add(
                "objections",
                _("“%(title)s” is listed twice.") % {"title": objection.title},
            )
        seen.add(objection.pk)
        if not objection.is_active and objection.pk not in kept_objection_ids:
            add(
                "objections",
                _("“%(title)s” is no longer in the playbook.") % {"title": objection.title},
            )


# --- saving ------------------------------------------------------------------------------------


def _ids(items: Iterable[Any]) -> set[int]:
    return {int(getattr(item, "pk", item)) for item in items}


def _save_objections(activity: Activity, objections: Sequence[ObjectionMet]) -> None:
    ActivityObjection.objects.bulk_create(
        ActivityObjection(activity=activity, objection=met.objection, overcome=met.overcome)
        for met in objections
    )


def _snapshot(activity: Activity) -> dict[str, str]:
    values = snapshot(activity, TRACKED_FIELDS)
    for name in ("planned_at", "occurred_at"):
        moment = getattr(activity, name)
        # History reads in local time to the minute, as the form shows it.
        values[name] = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
    names = Contact.objects.filter(activities=activity).order_by("name").values_list("name")
    values["contacts"] = ", ".join(name for (name,) in names) if activity.pk else ""
    return values
