"""Accounts over HTTP, /api/v1/accounts: reads through the selectors, writes through the services."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router

from salesflow.accounts.models import Account
from salesflow.accounts.schemas import (
    AccountCreateIn,
    AccountListQuery,
    AccountOut,
    AccountPageOut,
    AccountPatchIn,
)
from salesflow.accounts.selectors import (
    account_get_editable,
    account_get_manageable,
    account_get_visible,
    account_list_visible,
    account_search,
)
from salesflow.accounts.services import account_create, account_delete, account_update
from salesflow.core.api_support import ApiRequest, ErrorOut, ValidationErrorOut, page_of
from salesflow.org.models import Region
from salesflow.org.visibility import users_visible_to

router = Router(tags=["accounts"])


@router.get("", response={200: AccountPageOut, 401: ErrorOut, 422: ValidationErrorOut})
def list_accounts(request: ApiRequest, filters: Query[AccountListQuery]) -> dict[str, Any]:
    accounts = account_search(
        request.auth,
        q=filters.q,
        tier=filters.tier or "",
        key_account_type=filters.key_account_type or "",
        industry=filters.industry,
        status=filters.status or "",
    )
    if filters.region:
        accounts = accounts.filter(region__name=filters.region)
    if filters.owner:
        accounts = accounts.filter(owner__username=filters.owner)
    if filters.parent is not None:
        accounts = accounts.filter(parent_id=filters.parent)
    return page_of(accounts, filters)


@router.post("", response={201: AccountOut, 401: ErrorOut, 422: ValidationErrorOut})
def create_account(request: ApiRequest, payload: AccountCreateIn) -> tuple[int, Account]:
    fields = _service_fields(request.auth, payload.model_dump(exclude_unset=True))
    return 201, account_create(acting_user=request.auth, **fields)


@router.get("/{id}", response={200: AccountOut, 401: ErrorOut, 404: ErrorOut})
def get_account(request: ApiRequest, id: int) -> Account:
    return account_get_visible(request.auth, id)


@router.patch(
    "/{id}", response={200: AccountOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
)
def update_account(request: ApiRequest, id: int, payload: AccountPatchIn) -> Account:
    account = account_get_editable(request.auth, id)
    fields = _service_fields(request.auth, payload.model_dump(exclude_unset=True))
    return account_update(account=account, acting_user=request.auth, **fields)


@router.delete("/{id}", response={204: None, 401: ErrorOut, 404: ErrorOut})
def delete_account(request: ApiRequest, id: int) -> tuple[int, None]:
    account = account_get_manageable(request.auth, id)
    account_delete(account=account, acting_user=request.auth)
    return 204, None


def _service_fields(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the public references (region name, owner username, parent id) into records.

    A reference the caller may not see reads exactly like one that does not exist.
    """
    errors: dict[str, str] = {}
    region_name = data.get("region")
    if region_name is not None:
        data["region"] = Region.objects.filter(name=region_name).first()
        if data["region"] is None:
            errors["region"] = _("There is no region named “%(name)s”.") % {"name": region_name}
    username = data.get("owner")
    if username is not None:
        data["owner"] = users_visible_to(user).filter(username=username).first()
        if data["owner"] is None:
            errors["owner"] = _(
                "You can only give the account to yourself or to people you manage."
            )
    parent_id = data.get("parent")
    if parent_id is not None:
        data["parent"] = account_list_visible(user).filter(pk=parent_id).first()
        if data["parent"] is None:
            errors["parent"] = _("Choose a parent account you can see.")
    if errors:
        raise ValidationError(errors)
    return data
