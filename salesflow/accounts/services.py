"""Writing accounts: create, update, delete, account team, tier suggestion. History is recorded here."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from salesflow.accounts.credit_code import normalise_credit_code
from salesflow.accounts.models import Account, AccountTeamMember, TeamRole, Tier, TierRule
from salesflow.accounts.selectors import account_list_visible
from salesflow.core.history import record_changes, record_deletion, snapshot
from salesflow.org.visibility import visible_user_ids

TRACKED_FIELDS = (
    "name",
    "credit_code",
    "industry",
    "region",
    "address",
    "website",
    "annual_revenue",
    "employees",
    "net_assets",
    "key_account_type",
    "tier",
    *Account.SCORE_FIELDS,
    "parent",
    "owner",
    "status",
)
EDITABLE_FIELDS = frozenset(TRACKED_FIELDS)


def tier_suggest(
    *,
    annual_revenue: Decimal | None,
    employees: int | None,
    net_assets: Decimal | None,
) -> str:
    """The tier the configured size rule suggests: the first of A, B whose minimums are all met."""
    for rule in TierRule.objects.order_by("tier"):
        if rule.tier == Tier.C:
            continue
        if rule.matches(annual_revenue=annual_revenue, employees=employees, net_assets=net_assets):
            return rule.tier
    return Tier.C


def _check_references(
    *, account: Account, acting_user: Any, stored: dict[str, Any] | None = None
) -> None:
    """`stored` holds the saved owner_id and parent_id: a reference left as it was is not
    re-checked against the acting user's visibility, so an account-team member can still edit."""
    stored = stored or {}
    errors: dict[str, str] = {}
    ids = visible_user_ids(acting_user)
    owner_changed = account.owner_id != stored.get("owner_id")
    if (
        owner_changed
        and account.owner_id is not None
        and ids is not None
        and account.owner_id not in ids
    ):
        errors["owner"] = _("You can only give the account to yourself or to people you manage.")
    if account.parent_id is not None:
        parent_changed = account.parent_id != stored.get("parent_id")
        if account.pk is not None and account.parent_id == account.pk:
            errors["parent"] = _("An account cannot be its own parent.")
        elif (
            parent_changed
            and not account_list_visible(acting_user).filter(pk=account.parent_id).exists()
        ):
            errors["parent"] = _("Choose a parent account you can see.")
        elif account.pk is not None and _is_descendant(account.parent_id, of=account.pk):
            errors["parent"] = _("This would make the group structure a loop.")
    if account.credit_code:
        clash = Account.objects.filter(credit_code=account.credit_code).exclude(pk=account.pk)
        existing = clash.first()
        if existing is not None:
            if account_list_visible(acting_user).filter(pk=existing.pk).exists():
                errors["credit_code"] = _(
                    "This credit code is already recorded for “%(name)s” (account #%(id)s)."
                ) % {"name": existing.name, "id": existing.pk}
            else:
                errors["credit_code"] = _(
                    "This credit code is already recorded for another account. "
                    "Ask its owner or your manager to add you to its account team."
                )
    if errors:
        raise ValidationError(errors)


def _is_descendant(candidate_id: int, *, of: int) -> bool:
    seen: set[int] = set()
    current: int | None = candidate_id
    while current is not None and current not in seen:
        if current == of:
            return True
        seen.add(current)
        current = Account.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return False


def _as_stored_decimal(field: models.DecimalField, value: Any) -> Any:
    """The value with the column's decimal places, so that 1500000 and 1500000.00 compare equal
    in history; a value that would need rounding is left for full_clean to refuse."""
    try:
        exact = Decimal(str(value))
        stored = exact.quantize(Decimal(1).scaleb(-field.decimal_places))
    except (InvalidOperation, ValueError, TypeError):
        return value
    return stored if stored == exact else value


def _apply(account: Account, fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS - {"region_id", "parent_id", "owner_id"}
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    for name, value in fields.items():
        if name == "credit_code":
            # A code of only spaces is no code; "" would clash with itself on the unique column.
            value = (normalise_credit_code(value) if value else "") or None
        field = Account._meta.get_field(name)
        if isinstance(field, models.DecimalField) and value not in (None, ""):
            value = _as_stored_decimal(field, value)
        setattr(account, name, value)


def _validate(account: Account, acting_user: Any, stored: dict[str, Any] | None = None) -> None:
    errors: dict[str, Any] = {}
    try:
        account.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        _check_references(account=account, acting_user=acting_user, stored=stored)
    except ValidationError as exc:
        for k, v in exc.message_dict.items():
            errors.setdefault(k, v)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def account_create(*, acting_user: Any, **fields: Any) -> Account:
    account = Account()
    fields.setdefault("owner", acting_user)
    explicit_tier = fields.get("tier")
    _apply(account, fields)
    if not explicit_tier:
        account.tier = tier_suggest(
            annual_revenue=account.annual_revenue,
            employees=account.employees,
            net_assets=account.net_assets,
        )
    _validate(account, acting_user)
    account.save()
    record_changes(
        instance=account,
        before=None,
        after=snapshot(account, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    return account


@transaction.atomic
def account_update(*, account: Account, acting_user: Any, **fields: Any) -> Account:
    account = Account.objects.select_for_update().get(pk=account.pk)
    before = snapshot(account, TRACKED_FIELDS)
    stored = {"owner_id": account.owner_id, "parent_id": account.parent_id}
    _apply(account, fields)
    _validate(account, acting_user, stored)
    account.save()
    record_changes(
        instance=account,
        before=before,
        after=snapshot(account, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    return account


@transaction.atomic
def account_delete(*, account: Account, acting_user: Any) -> None:
    record_deletion(instance=account, acting_user=acting_user)
    account.delete()


@transaction.atomic
def account_team_member_set(
    *, account: Account, user: Any, team_role: str, acting_user: Any
) -> AccountTeamMember:
    if team_role not in TeamRole.values:
        raise ValidationError({"team_role": _("Choose a valid team role.")})
    member, created = AccountTeamMember.objects.get_or_create(
        account=account, user=user, defaults={"team_role": team_role}
    )
    old_role = "" if created else member.get_team_role_display()
    if not created and member.team_role != team_role:
        member.team_role = team_role
        member.full_clean()
        member.save(update_fields=["team_role", "updated_at"])
    record_changes(
        instance=account,
        before={"account team": f"{user}: {old_role}" if old_role else ""},
        after={"account team": f"{user}: {member.get_team_role_display()}"},
        acting_user=acting_user,
    )
    return member


@transaction.atomic
def account_team_member_remove(*, account: Account, user: Any, acting_user: Any) -> None:
    member = AccountTeamMember.objects.filter(account=account, user=user).first()
    if member is None:
        return
    record_changes(
        instance=account,
        before={"account team": f"{user}: {member.get_team_role_display()}"},
        after={"account team": ""},
        acting_user=acting_user,
    )
    member.delete()
