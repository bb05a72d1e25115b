"""Typing help for views behind login_required: request.user is a real User there."""

from django.http import HttpRequest

from salesflow.users.models import User


class AuthedHttpRequest(HttpRequest):
    user: User  # type: ignore[assignment]
