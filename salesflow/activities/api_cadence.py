"""Cadence reminders over HTTP, /api/v1/cadence: the calls and visits due, with the same selector
and visibility as the cadence page. An owner the caller cannot see answers 422 naming `owner`."""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from salesflow.accounts.models import Tier
from salesflow.activities.selectors.cadence import cadence_touches
from salesflow.core.api_support import (
    ApiRequest,
    ErrorOut,
    PageQuery,
    ValidationErrorOut,
    page_of,
)
from salesflow.org.visibility import users_visible_to

router = Router(tags=["cadence"])


class CadenceDueQuery(PageQuery):
    owner: str = Field(
        "", description="Only accounts owned by this username; the caller when left out."
    )
    on: date | None = Field(
        None, description="YYYY-MM-DD: what is due on or before this day; today when left out."
    )


class DueTouchOut(Schema):
    account: int = Field(description="The account's id.")
    account_name: str
    tier: Tier
    kind: Literal["call", "visit"]
    due_date: date
    overdue_days: int = Field(description="Days since the due date; 0 when due that very day.")


class DueTouchPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[DueTouchOut]


@router.get("/due", response={200: DueTouchPageOut, 401: ErrorOut, 422: ValidationErrorOut})
def list_cadence_due(request: ApiRequest, filters: Query[CadenceDueQuery]) -> dict[str, Any]:
    """One row per call or visit due on or before `on`, most overdue first."""
    on = filters.on or timezone.localdate()
    owner = _owner(request.auth, filters.owner)
    page = page_of(cadence_touches(request.auth, on=on, owner=owner), filters)
    page["items"] = [
        {
            "account": row["id"],
            "account_name": row["name"],
            "tier": row["tier"],
            "kind": row["kind"],
            "due_date": row["due_date"],
            "overdue_days": (on - row["due_date"]).days,
        }
        for row in page["items"]
    ]
    return page


def _owner(user: Any, username: str) -> Any:
    """The owner by username, or the caller; one the caller cannot see reads like no one."""
    if not username:
        return user
    owner = users_visible_to(user).filter(username=username).first()
    if owner is None:
        raise ValidationError(
            {
                "owner": _("There is nobody you can see with the username “%(name)s”.")
                % {"name": username}
            }
        )
    return owner
