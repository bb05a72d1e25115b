"""Template helpers of the playbook screens: who may edit what, so links follow the same rules
as the views."""

from typing import Any

from django import template

from salesflow.playbook import selectors

register = template.Library()


@register.filter
def may_edit_processes(user: Any) -> bool:
    return selectors.may_edit_processes(user)


@register.filter
def may_edit_library(user: Any) -> bool:
    return selectors.may_edit_library(user)
