"""Signing in as usual, with the user's unread notification count loaded in the same query that
loads the signed-in user on every request, so the inbox badge costs no query of its own."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from salesflow.notifications.models import Notification


class UnreadCountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        User = get_user_model()
        unread = (
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(n=Count("pk"))
            .values("n")
        )
        try:
            user = User._default_manager.annotate(
                unread_notification_count=Coalesce(
                    Subquery(unread, output_field=IntegerField()), Value(0)
                )
            ).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
