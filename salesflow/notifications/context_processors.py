"""The unread count on the inbox link in every page's top bar. The signed-in user is normally
loaded with it (notifications.backends), so it costs no query; otherwise one query, and only
when a template reads it."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from salesflow.notifications.selectors import notification_unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    loaded = getattr(user, "unread_notification_count", None)
    if loaded is not None:
        return {"unread_notification_count": loaded}
    return {"unread_notification_count": SimpleLazyObject(lambda: notification_unread_count(user))}
