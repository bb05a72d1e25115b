"""What visit plans and daily reports share: who signs them off, the refusals their actions raise,
the version check, how each step is saved and recorded, and telling people about it in their own
language."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from salesflow.activities.models import DailyReport, PlanEvent, VisitPlan
from salesflow.notifications.services import notify
from salesflow.org.visibility import sees_everything

Record = TypeVar("Record", VisitPlan, DailyReport)


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


@dataclass(frozen=True)
class SignOffLoop(Generic[Record]):
    """How one kind of record goes round the loop: its model, the PlanEvent field that points at
    it and what its events keep, its page, the notification of a return, and the words of the
    refusals that name it ("this plan", "this report")."""

    model: type[Record]
    event_field: str
    snapshot: Callable[[Record], dict[str, Any]]
    url_name: str
    submitted: str
    returned_kind: str
    returned_title: Promise  # %(date)s
    stale: Promise  # %(version)s
    not_owner: Promise  # %(rep)s
    not_signer: Promise  # %(rep)s
    not_submitted: Promise  # %(status)s
    comment_needed: Promise

    def url(self, record: Record) -> str:
        return reverse(self.url_name, args=[record.pk])

    def lock(self, record: Record, expected_version: int | None) -> Record:
        """The record's row, locked until the transaction ends, with its owner and their
        supervisor; Stale when someone moved it past the version the user saw."""
        current = (
            self.model._default_manager.select_for_update(of=("self",))
            .select_related("owner", "owner__supervisor")
            .get(pk=record.pk)
        )
        check_version(
            current.version, expected_version, str(self.stale % {"version": current.version})
        )
        return current

    def require_owner(self, record: Record, acting_user: Any) -> None:
        if record.owner_id != acting_user.pk:
            raise NotAllowed(str(self.not_owner % {"rep": record.owner}))

    def require_signer(self, record: Record, acting_user: Any) -> None:
        if not may_sign_off(acting_user, record.owner):
            raise NotAllowed(str(self.not_signer % {"rep": record.owner}))

    def require_submitted(self, record: Record) -> None:
        if record.status != self.submitted:
            status = record.get_status_display().lower()
            raise Refused(str(self.not_submitted % {"status": status}))

    def bump(self, record: Record) -> Record:
        """Save the record under its next version."""
        record.version += 1
        record.save()
        return record

    def save_step(
        self, record: Record, action: str, acting_user: Any, *, comment: str = ""
    ) -> PlanEvent:
        """Save the record under its next version and keep the step, with what it says now."""
        self.bump(record)
        return PlanEvent.objects.create(
            **{self.event_field: record},
            action=action,
            by=acting_user,
            comment=comment,
            snapshot=self.snapshot(record),
        )

    def return_comment(self, comment: str) -> str:
        """A return must say what should change."""
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError({"comment": str(self.comment_needed)})
        return comment

    def tell_returned(self, record: Record, acting_user: Any, comment: str) -> None:
        tell(
            recipient=record.owner,
            kind=self.returned_kind,
            title=self.returned_title,
            body=gettext_lazy("%(by)s: %(comment)s"),
            params={"date": record.date, "by": acting_user, "comment": comment},
            url=self.url(record),
        )
