"""Typing help for views behind login_required: request.user is a real User there."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from salesflow.users.models import User


class AuthedHttpRequest(HttpRequest):
    user: User  # type: ignore[assignment]


class HtmxHttpRequest(AuthedHttpRequest):
    """A signed-in request that went through django-htmx's middleware."""

    htmx: HtmxDetails
