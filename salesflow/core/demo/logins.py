"""The demo logins worth showing: the director, the first manager and two of that manager's reps."""

from salesflow.users.models import Role, User


def demo_logins() -> list[User]:
    director = User.objects.filter(username="director", role=Role.DIRECTOR).first()
    manager = (
        User.objects.select_related("team")
        .filter(username="manager1", role=Role.MANAGER, is_active=True)
        .first()
    )
    people = [u for u in (director, manager) if u is not None]
    if manager is not None:
        reps = User.objects.select_related("team").filter(
            supervisor=manager, role=Role.REP, is_active=True
        )
        people += list(reps.order_by("id")[:2])
    return people
