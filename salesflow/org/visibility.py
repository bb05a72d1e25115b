"""Who may see whose records. Every selector that applies visibility starts here.

A rep sees their own records; a manager also sees what everyone below them sees; a director sees all.
"""

from typing import Any

from django.contrib.auth import get_user_model

from salesflow.users.models import Role


def sees_everything(user: Any) -> bool:
    return bool(user.is_active and (user.role == Role.DIRECTOR or user.is_superuser))


def subordinate_ids(user: Any) -> set[int]:
    """Everyone below `user` in the supervisor tree, at any depth."""
    User = get_user_model()
    children: dict[int, list[int]] = {}
    for uid, sup in User.objects.filter(supervisor__isnull=False).values_list(
        "id", "supervisor_id"
    ):
        children.setdefault(sup, []).append(uid)
    found: set[int] = set()
    frontier = [user.pk]
    while frontier:
        nxt: list[int] = []
        for uid in frontier:
            for child in children.get(uid, []):
                if child not in found and child != user.pk:
                    found.add(child)
                    nxt.append(child)
        frontier = nxt
    return found


def visible_user_ids(user: Any) -> set[int] | None:
    """The ids of users whose records `user` sees, or None when `user` sees everything."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if sees_everything(user):
        return None
    cached = getattr(user, "_salesflow_visible_ids", None)
    if cached is not None:
        return set(cached)
    ids = {user.pk}
    if user.role == Role.MANAGER:
        ids |= subordinate_ids(user)
    user._salesflow_visible_ids = frozenset(ids)
    return ids


def users_visible_to(user: Any):  # type: ignore[no-untyped-def]
    """The users `user` may pick as an owner or see in filters."""
    User = get_user_model()
    ids = visible_user_ids(user)
    qs = User.objects.filter(is_active=True).order_by("username")
    return qs if ids is None else qs.filter(pk__in=ids)
