"""Contacts over HTTP, /api/v1/contacts: reads through the selectors, writes through the services."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router

from salesflow.accounts.selectors import account_list_visible
from salesflow.contacts.models import Contact
from salesflow.contacts.schemas import (
    ContactCreateIn,
    ContactListQuery,
    ContactOut,
    ContactPageOut,
    ContactPatchIn,
)
from salesflow.contacts.selectors import contact_get_visible, contact_list_visible, contact_search
from salesflow.contacts.services import contact_create, contact_delete, contact_update
from salesflow.core.api_support import ApiRequest, ErrorOut, ValidationErrorOut, page_of

router = Router(tags=["contacts"])


@router.get("", response={200: ContactPageOut, 401: ErrorOut, 422: ValidationErrorOut})
def list_contacts(request: ApiRequest, filters: Query[ContactListQuery]) -> dict[str, Any]:
    contacts = contact_search(
        request.auth,
        q=filters.q,
        account=filters.account,
        decision_role=filters.decision_role or "",
        attitude=filters.attitude or "",
        is_ally=filters.is_ally,
    )
    return page_of(contacts, filters)


@router.post("", response={201: ContactOut, 401: ErrorOut, 422: ValidationErrorOut})
def create_contact(request: ApiRequest, payload: ContactCreateIn) -> tuple[int, Contact]:
    fields = _service_fields(request.auth, payload.model_dump(exclude_unset=True))
    return 201, contact_create(acting_user=request.auth, **fields)


@router.get("/{id}", response={200: ContactOut, 401: ErrorOut, 404: ErrorOut})
def get_contact(request: ApiRequest, id: int) -> Contact:
    return contact_get_visible(request.auth, id)


@router.patch(
    "/{id}", response={200: ContactOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
)
def update_contact(request: ApiRequest, id: int, payload: ContactPatchIn) -> Contact:
    contact = contact_get_visible(request.auth, id)
    fields = _service_fields(request.auth, payload.model_dump(exclude_unset=True))
    return contact_update(contact=contact, acting_user=request.auth, **fields)


@router.delete("/{id}", response={204: None, 401: ErrorOut, 404: ErrorOut})
def delete_contact(request: ApiRequest, id: int) -> tuple[int, None]:
    contact = contact_get_visible(request.auth, id)
    contact_delete(contact=contact, acting_user=request.auth)
    return 204, None


def _service_fields(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the account and reports-to ids into records the caller may see.

    A reference the caller may not see reads exactly like one that does not exist.
    """
    errors: dict[str, str] = {}
    if "account" in data:
        data["account"] = account_list_visible(user).filter(pk=data["account"]).first()
        if data["account"] is None:
            errors["account"] = _("Choose an account you can see.")
    manager_id = data.get("reports_to")
    if manager_id is not None:
        data["reports_to"] = contact_list_visible(user).filter(pk=manager_id).first()
        if data["reports_to"] is None:
            errors["reports_to"] = _("Choose someone at the same account.")
    if errors:
        raise ValidationError(errors)
    return data
