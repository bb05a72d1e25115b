"""Fixtures shared by the activity, market-report, API and objection-report tests: the seven
shipped objections, and activities logged through the real service."""

from collections.abc import Callable
from datetime import timedelta
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from salesflow.activities.models import Activity, ActivityKind
from salesflow.activities.services.activities import activity_log
from salesflow.playbook.models import Objection

_shipped = import_module("salesflow.playbook.migrations.0003_shipped_objections")


@pytest.fixture
def objections(db: Any) -> dict[int, Objection]:
    """The seven objections of §9 by number (created again after a transactional test)."""
    _shipped.create_objections(django_apps, None)
    return {o.number: o for o in Objection.objects.all()}


@pytest.fixture
def log_activity(db: Any) -> Callable[..., Activity]:
    """Log an activity as its owner: a call an hour ago unless told otherwise."""

    def log(owner: Any, account: Any, **fields: Any) -> Activity:
        fields.setdefault("kind", ActivityKind.CALL)
        if "planned_at" not in fields:
            fields.setdefault("occurred_at", timezone.now() - timedelta(hours=1))
        return activity_log(acting_user=owner, account=account, **fields)

    return log
