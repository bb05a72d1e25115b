"""Template helpers shared by every app."""

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for sort and page links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)
