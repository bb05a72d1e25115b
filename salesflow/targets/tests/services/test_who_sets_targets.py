"""Directors set any target; managers break their team's targets down to their own reps and
dealers; reps set none."""

from decimal import Decimal

import pytest
from django.utils import timezone

from salesflow.org.models import Dealer
from salesflow.targets.services import NotAllowed, target_update

NEXT = str(timezone.localdate().year + 1)


def test_a_manager_breaks_their_teams_target_down_to_their_reps(org, set_target):
    team = set_target(org["team1"], NEXT, 500_000)

    part = set_target(org["rep1"], NEXT, 200_000, parent=team, by=org["manager1"])

    assert part.created_by == org["manager1"]


def test_a_manager_breaks_their_teams_target_down_to_its_dealers(org, set_target):
    team = set_target(org["team1"], NEXT, 500_000)
    dealer = Dealer.objects.create(name="Hangzhou Trading", team=org["team1"])

    assert set_target(dealer, NEXT, 50_000, parent=team, by=org["manager1"]).dealer == dealer


def test_a_manager_does_not_set_targets_for_another_managers_reps(org, set_target):
    team = set_target(org["team2"], NEXT, 500_000)

    with pytest.raises(NotAllowed):
        set_target(org["rep3"], NEXT, 100_000, parent=team, by=org["manager1"])


def test_a_manager_does_not_change_their_own_teams_target(org, set_target):
    team = set_target(org["team1"], NEXT, 500_000)

    with pytest.raises(NotAllowed) as excinfo:
        target_update(target=team, acting_user=org["manager1"], amount=Decimal(100))

    assert "set by a director" in str(excinfo.value)


def test_a_manager_sets_no_target_without_a_parent_to_break_down(org, set_target):
    with pytest.raises(NotAllowed):
        set_target(org["rep1"], NEXT, 100_000, by=org["manager1"])


def test_a_rep_sets_no_target(org, set_target):
    team = set_target(org["team1"], NEXT, 500_000)

    with pytest.raises(NotAllowed) as excinfo:
        set_target(org["rep1"], NEXT, 100_000, parent=team, by=org["rep1"])

    assert str(excinfo.value) == "Only directors and managers set targets."
