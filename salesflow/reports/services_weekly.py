"""Writing next week's targets and plan under a weekly report: the team's manager (for a region,
a manager of a team in it) or a director writes it; each save is recorded in the history."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salesflow.core.history import record_changes, snapshot
from salesflow.org.models import Region, Team
from salesflow.org.visibility import sees_everything
from salesflow.reports.models import WeeklyPlan
from salesflow.reports.spans import Week
from salesflow.users.models import Role

MAX_PLAN_LENGTH = 5000
TRACKED_FIELDS = ("text",)


def may_write_weekly_plan(user: Any, holder: Team | Region) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if sees_everything(user):
        return True
    if user.role != Role.MANAGER or user.team_id is None:
        return False
    if isinstance(holder, Team):
        return bool(user.team_id == holder.pk)
    return bool(user.team.region_id == holder.pk)


@transaction.atomic
def weekly_plan_save(
    *, acting_user: Any, holder: Team | Region, week: Week, text: str
) -> WeeklyPlan:
    """Write (or rewrite) the plan of `holder` under the report of `week`."""
    if not may_write_weekly_plan(acting_user, holder):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Only the team's manager or a director writes the plan.")}
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write next week's targets and plan.")})
    if len(text) > MAX_PLAN_LENGTH:
        raise ValidationError(
            {"text": _("Keep the plan under %(max)s characters.") % {"max": f"{MAX_PLAN_LENGTH:,}"}}
        )
    holder_field = "team" if isinstance(holder, Team) else "region"
    plan = (
        WeeklyPlan.objects.select_for_update()
        .filter(week=week.key, **{holder_field: holder})
        .first()
    )
    before = None if plan is None else snapshot(plan, TRACKED_FIELDS)
    if plan is None:
        plan = WeeklyPlan(week=week.key, **{holder_field: holder})
    plan.text = text
    plan.written_by = acting_user
    plan.save()
    record_changes(
        instance=plan,
        before=before,
        after=snapshot(plan, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    return plan
