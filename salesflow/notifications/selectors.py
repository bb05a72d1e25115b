"""Reading notifications: only ever the signed-in user's own."""

from typing import Any

from django.db.models import Case, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from salesflow.notifications.models import Notification


def notification_list_own(user: Any) -> QuerySet[Notification]:
    """The user's inbox: unread first, newest first within each group."""
    unread_first = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1))
    return Notification.objects.filter(recipient=user).order_by(unread_first, "-created_at", "-id")


def notification_get_own(user: Any, *, pk: int) -> Notification:
    """One of the user's notifications; anyone else's answers 404."""
    return get_object_or_404(Notification, pk=pk, recipient=user)


def notification_unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
