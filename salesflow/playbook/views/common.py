"""Helpers the playbook screens share."""

from salesflow.core.http import HtmxHttpRequest


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx request gets the fragment; a history restore after a cache miss needs the page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
