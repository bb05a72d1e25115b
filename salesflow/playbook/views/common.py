"""Helpers the playbook screens share."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from salesflow.users.models import User


class HtmxHttpRequest(HttpRequest):
    """A signed-in request as django-htmx's middleware leaves it (for type checking)."""

    htmx: HtmxDetails
    user: User


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx request gets the fragment; a history restore after a cache miss needs the page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
