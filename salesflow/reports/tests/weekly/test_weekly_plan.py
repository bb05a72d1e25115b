"""Next week's targets and plan: written by the team's manager or a director, kept per team or
region and week, each change in the history."""

import pytest
from django.core.exceptions import ValidationError

from salesflow.core.history import history_for
from salesflow.reports.models import WeeklyPlan
from salesflow.reports.services_weekly import weekly_plan_save
from salesflow.reports.spans import parse_week

W10 = parse_week("2025-W10")


def test_the_manager_writes_the_plan_and_rewrites_it(org):
    manager, team = org["manager1"], org["team1"]

    weekly_plan_save(acting_user=manager, holder=team, week=W10, text="Close Acme: ¥200k.")
    plan = weekly_plan_save(
        acting_user=manager, holder=team, week=W10, text="  Close Acme: ¥250k.\nVisit 12 A-tier.  "
    )

    assert WeeklyPlan.objects.count() == 1
    assert (plan.week, plan.team, plan.region) == ("2025-W10", team, None)
    assert plan.text == "Close Acme: ¥250k.\nVisit 12 A-tier."
    assert plan.written_by == manager
    changes = [(c.field, c.old_value, c.new_value) for c in history_for(plan) if c.field]
    assert changes[0] == ("text", "Close Acme: ¥200k.", "Close Acme: ¥250k.\nVisit 12 A-tier.")


def test_each_week_and_each_team_or_region_has_its_own_plan(org):
    director = org["director"]

    weekly_plan_save(acting_user=director, holder=org["team1"], week=W10, text="a")
    weekly_plan_save(acting_user=director, holder=org["team1"], week=W10.next, text="b")
    weekly_plan_save(acting_user=director, holder=org["region"], week=W10, text="c")

    assert sorted(WeeklyPlan.objects.values_list("text", flat=True)) == ["a", "b", "c"]


def test_a_manager_writes_for_the_region_of_their_team(org):
    plan = weekly_plan_save(
        acting_user=org["manager1"], holder=org["region"], week=W10, text="Region plan"
    )

    assert plan.region == org["region"]


@pytest.mark.parametrize("writer", ["rep1", "manager2"])
def test_reps_and_other_teams_managers_do_not_write_the_plan(org, writer):
    with pytest.raises(ValidationError) as refused:
        weekly_plan_save(acting_user=org[writer], holder=org["team1"], week=W10, text="mine")

    assert "Only the team's manager or a director" in refused.value.messages[0]
    assert not WeeklyPlan.objects.exists()


def test_an_empty_plan_is_refused(org):
    with pytest.raises(ValidationError) as refused:
        weekly_plan_save(acting_user=org["manager1"], holder=org["team1"], week=W10, text="  ")

    assert "text" in refused.value.message_dict
