"""Writing users and their API tokens."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salesflow.org.models import Team
from salesflow.users.models import ApiToken, CalendarFeedToken, Role, User, hash_token


@transaction.atomic
def user_create(
    *,
    username: str,
    role: str,
    password: str | None = None,
    supervisor: User | None = None,
    team: Team | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of: %s.") % ", ".join(Role.values)})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("A user with this username already exists.")})
    if supervisor is not None and supervisor.role == Role.REP:
        raise ValidationError({"supervisor": _("A supervisor must be a manager or a director.")})
    user = User(
        username=username,
        role=role,
        supervisor=supervisor,
        team=team,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=role == Role.DIRECTOR,
        is_superuser=role == Role.DIRECTOR,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with the raw key, which is never stored."""
    raw = ApiToken.generate_raw()
    token = ApiToken.objects.create(
        user=user, name=name[:100], key_hash=hash_token(raw), prefix=raw[:8]
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(raw: str) -> User | None:
    """The active user a raw bearer token belongs to, or None."""
    if not raw or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_set_preferences(
    *, user: User, social_style: str | None = None, language: str | None = None
) -> User:
    fields = []
    if social_style is not None:
        user.social_style = social_style
        fields.append("social_style")
    if language is not None:
        user.language = language
        fields.append("language")
    user.full_clean(exclude=["password"])
    if fields:
        user.save(update_fields=fields)
    return user


# --- the private calendar feed -----------------------------------------------------------------


@transaction.atomic
def calendar_feed_token_create(*, user: User) -> tuple[CalendarFeedToken, str]:
    """A new secret calendar address for `user`; any earlier one stops working. Returns the
    token with its raw key, which is never stored (only its hash)."""
    calendar_feed_token_revoke(user=user)
    raw = secrets.token_urlsafe(32)
    return CalendarFeedToken.objects.create(user=user, key_hash=hash_token(raw)), raw


def calendar_feed_token_revoke(*, user: User) -> int:
    """Stop the user's calendar address from working; answers how many were active."""
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def calendar_feed_user(raw: str) -> User | None:
    """The active user whose live calendar address holds `raw`, or None."""
    if not raw or len(raw) > 200:
        return None
    token = (
        CalendarFeedToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return None if token is None else token.user
