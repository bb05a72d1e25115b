"""`salesflow demo --team-load N`: one team gets N more open deals, to load-test the board."""

from collections.abc import Callable

import pytest
from django.core.management import CommandError

from salesflow.activities.models import Activity
from salesflow.pipeline.models import Opportunity, Status

pytestmark = pytest.mark.django_db


def test_the_first_managers_team_gets_the_extra_open_deals(
    run_demo: Callable[..., str], empty_the_database: Callable[[], None]
) -> None:
    # given a tiny demo
    run_demo("--scale", "0.1", "--seed", "7")
    team = Opportunity.objects.filter(owner__supervisor__username="manager1")
    others = Opportunity.objects.exclude(owner__supervisor__username="manager1")
    before, before_others = team.filter(status=Status.OPEN).count(), others.count()
    total = Opportunity.objects.count()
    # when the same demo is built again with a team load of 300
    empty_the_database()
    printed = run_demo("--scale", "0.1", "--seed", "7", "--team-load", "300")
    # then the team has 300 more open deals, with histories and effort, and nobody else more
    assert "  team load " in printed
    assert team.filter(status=Status.OPEN).count() == before + 300
    assert others.count() == before_others
    assert Opportunity.objects.count() == total + 300
    newest = Opportunity.objects.order_by("-id")[:300]
    assert all(deal.stage_changes.exists() for deal in newest)
    assert Activity.objects.filter(opportunity__in=list(newest)).exists()


def test_it_rejects_a_team_load_that_is_not_a_whole_number(run_demo: Callable[..., str]) -> None:
    with pytest.raises(CommandError, match="whole number"):
        run_demo("--scale", "0.1", "--team-load", "lots")
