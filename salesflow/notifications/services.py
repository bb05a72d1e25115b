"""Writing notifications: put a message in someone's inbox, e-mail it, mark it read."""

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from salesflow.notifications.models import Notification

logger = logging.getLogger(__name__)


def notify(
    *,
    recipient: Any,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    urgent: bool = False,
) -> Notification:
    """Create the inbox row now; e-mail it once the caller's transaction commits (never for a
    rolled-back change), when the recipient has an address."""
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:200], body=body, url=url[:300], urgent=urgent
    )
    if recipient.email:
        transaction.on_commit(lambda: _email(notification=notification, address=recipient.email))
    return notification


def _email(*, notification: Notification, address: str) -> None:
    subject = f"[!] {notification.title}" if notification.urgent else notification.title
    lines = [notification.body] if notification.body else []
    if notification.url:
        lines.append(notification.url)
    try:
        send_mail(
            subject=subject,
            message="\n\n".join(lines) or notification.title,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    except (smtplib.SMTPException, OSError):
        # The inbox row is the record; a mail server being down must not fail the user's action.
        logger.warning("Could not e-mail notification %s", notification.pk, exc_info=True)
        return
    now = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=now)
    notification.emailed_at = now


@transaction.atomic
def notification_mark_read(*, notification: Notification, acting_user: Any) -> Notification:
    """Mark one of the acting user's own notifications read (reading twice keeps the first time)."""
    if notification.recipient_id != acting_user.pk:
        raise PermissionError("A notification can only be marked read by its recipient.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, acting_user: Any) -> int:
    """Mark every unread notification of the acting user read; answers how many were unread."""
    return Notification.objects.filter(recipient=acting_user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
