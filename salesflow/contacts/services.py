"""Writing contacts. History is recorded here, in the same transaction as the change."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from salesflow.accounts.selectors import account_list_visible
from salesflow.contacts.models import Contact
from salesflow.core.history import record_changes, record_deletion, snapshot

TRACKED_FIELDS = (
    "account",
    "name",
    "title",
    "department",
    "mobile",
    "phone",
    "email",
    "wechat",
    "reports_to",
    "buying_role",
    "decision_role",
    "attitude",
    "meets_personal_needs",
    "meets_org_needs",
    "social_style",
    "is_ally",
    "view_of_need",
    "view_of_us",
    "view_of_competitors",
    "buying_criteria",
    "our_strategy",
)
EDITABLE_FIELDS = frozenset(TRACKED_FIELDS) | {"account_id", "reports_to_id"}


def _apply(contact: Contact, fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    for name, value in fields.items():
        field = Contact._meta.get_field(name.removesuffix("_id"))
        if value is None and isinstance(field, (models.CharField, models.TextField)):
            value = ""
        setattr(contact, name, value)


def _would_loop(contact: Contact) -> bool:
    seen: set[int] = set()
    current = contact.reports_to_id
    while current is not None and current not in seen:
        if current == contact.pk:
            return True
        seen.add(current)
        current = Contact.objects.filter(pk=current).values_list("reports_to_id", flat=True).first()
    return False


def _validate(contact: Contact, acting_user: Any) -> None:
    errors: dict[str, Any] = {}
    try:
        contact.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if (
        contact.account_id is not None
        and "account" not in errors
        and not account_list_visible(acting_user).filter(pk=contact.account_id).exists()
    ):
        errors["account"] = [_("Choose an account you can see.")]
    if contact.reports_to_id is not None and "reports_to" not in errors:
        manager = Contact.objects.filter(pk=contact.reports_to_id).only("account_id").first()
        if contact.pk is not None and contact.reports_to_id == contact.pk:
            errors["reports_to"] = [_("A contact cannot report to themselves.")]
        elif manager is None or manager.account_id != contact.account_id:
            errors["reports_to"] = [_("Choose someone at the same account.")]
        elif contact.pk is not None and _would_loop(contact):
            errors["reports_to"] = [_("This would make the org chart a loop.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_create(*, acting_user: Any, **fields: Any) -> Contact:
    contact = Contact()
    _apply(contact, fields)
    _validate(contact, acting_user)
    contact.save()
    record_changes(
        instance=contact,
        before=None,
        after=snapshot(contact, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, acting_user: Any, **fields: Any) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    before = snapshot(contact, TRACKED_FIELDS)
    old_account_id = contact.account_id
    if ("account" in fields or "account_id" in fields) and "reports_to" not in fields:
        new_account = fields.get("account")
        new_id = getattr(new_account, "pk", fields.get("account_id"))
        if new_id != contact.account_id:
            fields["reports_to"] = None
    _apply(contact, fields)
    _validate(contact, acting_user)
    contact.save()
    record_changes(
        instance=contact,
        before=before,
        after=snapshot(contact, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    if contact.account_id != old_account_id:
        _release_direct_reports(contact=contact, acting_user=acting_user)
    return contact


def _release_direct_reports(*, contact: Contact, acting_user: Any) -> None:
    """People left at the old account no longer report to a contact who moved away; otherwise
    their next edit would fail the same-account check on a field the user did not touch."""
    reports = (
        Contact.objects.select_for_update()
        .filter(reports_to=contact)
        .exclude(account_id=contact.account_id)
    )
    for report in reports:
        before = {"reports_to": str(contact)}
        report.reports_to = None
        report.save(update_fields=["reports_to", "updated_at"])
        record_changes(
            instance=report,
            before=before,
            after={"reports_to": ""},
            acting_user=acting_user,
        )


@transaction.atomic
def contact_delete(*, contact: Contact, acting_user: Any) -> None:
    record_deletion(instance=contact, acting_user=acting_user)
    contact.delete()
