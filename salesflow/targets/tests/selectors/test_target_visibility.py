"""Who sees which targets: reps their own and their team's; managers their team's, their reps'
and their dealers'; directors all. Another's target answers 404."""

import pytest
from django.http import Http404
from django.utils import timezone

from salesflow.org.models import Dealer
from salesflow.targets.holders import Holder
from salesflow.targets.selectors import (
    holder_resolve,
    holder_visible,
    target_get_visible,
    target_list_visible,
)

NEXT = str(timezone.localdate().year + 1)


@pytest.fixture
def targets(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    east = set_target(org["region"], NEXT, 600_000, parent=company)
    shanghai = set_target(org["team1"], NEXT, 500_000, parent=east)
    beijing = set_target(org["team2"], NEXT, 300_000, parent=company)
    dealer = Dealer.objects.create(name="Ningbo Trading", team=org["team1"])
    return {
        "company": company,
        "east": east,
        "shanghai": shanghai,
        "beijing": beijing,
        "rep1": set_target(org["rep1"], NEXT, 200_000, parent=shanghai),
        "rep2": set_target(org["rep2"], NEXT, 200_000, parent=shanghai),
        "rep3": set_target(org["rep3"], NEXT, 100_000, parent=beijing),
        "dealer": set_target(dealer, NEXT, 50_000, parent=shanghai),
    }


def names(user, targets):
    seen = set(target_list_visible(user).values_list("pk", flat=True))
    return {name for name, target in targets.items() if target.pk in seen}


def test_a_rep_sees_their_own_target_and_their_teams(org, targets):
    assert names(org["rep1"], targets) == {"rep1", "shanghai"}


def test_a_manager_sees_their_team_their_reps_and_their_teams_dealers(org, targets):
    assert names(org["manager1"], targets) == {"shanghai", "rep1", "rep2", "dealer"}


def test_a_director_sees_every_target(org, targets):
    assert names(org["director"], targets) == set(targets)


def test_a_colleagues_target_answers_404(org, targets):
    with pytest.raises(Http404):
        target_get_visible(org["rep1"], targets["rep2"].pk)
    with pytest.raises(Http404):
        target_get_visible(org["manager1"], targets["company"].pk)


def test_progress_is_open_for_the_holders_whose_targets_one_sees(org):
    assert holder_visible(org["rep1"], Holder("team", org["team1"]))
    assert not holder_visible(org["rep1"], Holder("rep", org["rep2"]))
    assert not holder_visible(org["manager1"], Holder.company())
    assert holder_visible(org["director"], Holder("region", org["region"]))


def test_a_username_the_caller_cannot_see_reads_like_nobody(org):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        holder_resolve(org["rep1"], "rep3")

    assert "holder" in excinfo.value.message_dict
    assert holder_resolve(org["manager1"], "rep1") == Holder("rep", org["rep1"])


def test_a_name_two_kinds_share_needs_the_kind(org):
    from django.core.exceptions import ValidationError

    from salesflow.org.models import Team

    Team.objects.create(name="East", region=org["region"])

    with pytest.raises(ValidationError) as excinfo:
        holder_resolve(org["director"], "East")

    assert "add holder_kind" in excinfo.value.message_dict["holder"][0]
    assert holder_resolve(org["director"], "East", "region") == Holder("region", org["region"])
