"""What visit plans and daily reports share: who signs them off, the refusals their actions raise,
the version check, and telling people about it in their own language."""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

from salesflow.notifications.services import notify
from salesflow.org.visibility import sees_everything


class Refused(Exception):
    """The action does not fit the record's present state (locked, already signed…): 409."""


class Stale(Refused):
    """Someone changed the record since the user loaded it."""

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


class NotAllowed(Exception):
    """The user sees the record but this action is not theirs to take: 403."""


def may_sign_off(user: Any, owner: Any) -> bool:
    """The owner's own supervisor or a director approves, returns and signs; never the owner."""
    if not getattr(user, "is_authenticated", False) or user.pk == owner.pk:
        return False
    return owner.supervisor_id == user.pk or sees_everything(user)


def check_version(current_version: int, expected_version: int | None, message: str) -> None:
    if expected_version is not None and current_version != expected_version:
        raise Stale(message, current_version=current_version)


def tell(
    *,
    recipient: Any,
    kind: str,
    title: Promise,
    body: Promise | str = "",
    params: dict[str, Any] | None = None,
    url: str = "",
) -> None:
    """Notify `recipient`, with the title and body translated into the recipient's language."""
    if recipient is None:
        return
    values = params or {}
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        notify(
            recipient=recipient,
            kind=kind,
            title=str(title % values),
            body=str(body % values) if body else "",
            url=url,
        )
