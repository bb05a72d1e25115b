"""The stage history is a record of what happened: every move leaves a row, and editing the
process later never rewrites it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from salesflow.pipeline.models import Opportunity, StageChange
from salesflow.pipeline.selectors import stage_history
from salesflow.pipeline.services import (
    opportunity_advance,
    opportunity_move_back,
    opportunity_skip_gate,
)


def test_every_move_leaves_one_row_and_each_starts_where_the_last_ended(
    org, eight_step, stage_of, make_opportunity, walk_to_stage
):
    deal = make_opportunity(org["rep1"], stage=3)
    deal = opportunity_move_back(
        opportunity=deal, acting_user=org["rep1"], to_stage=stage_of(eight_step, 2), reason="x"
    )
    deal = opportunity_skip_gate(opportunity=deal, acting_user=org["manager1"], reason="y")
    deal = walk_to_stage(deal, 4)

    history = list(stage_history(deal))

    assert [(c.kind, c.from_number, c.to_number) for c in history] == [
        ("opened", None, 1),
        ("advanced", 1, 2),
        ("advanced", 2, 3),
        ("moved_back", 3, 2),
        ("skipped_gate", 2, 3),
        ("advanced", 3, 4),
    ]
    assert all(c.from_name == p.to_name for p, c in zip(history, history[1:], strict=False))


def test_renaming_a_stage_later_leaves_the_recorded_names_as_they_were(
    org, eight_step, stage_of, make_opportunity
):
    deal = make_opportunity(org["rep1"], stage=3)
    stage_3 = stage_of(eight_step, 3)
    stage_3.name_en = "Solution workshop"
    stage_3.name_zh = "方案研讨"
    stage_3.save()

    change = StageChange.objects.get(opportunity=deal, to_number=3)

    assert change.to_name == "Solution design"
    assert change.to_stage == stage_3


def test_renumbering_stages_later_leaves_the_recorded_numbers_as_they_were(
    org, eight_step, stage_of, make_opportunity
):
    deal = make_opportunity(org["rep1"], stage=2)
    stage_2 = stage_of(eight_step, 2)
    stage_2.number = 20
    stage_2.save()

    change = deal.stage_changes.latest("id")

    assert (change.from_number, change.to_number) == (1, 2)


@pytest.mark.parametrize("how", ["advance", "skip gate", "move back"])
def test_every_move_restarts_the_clock_of_days_in_stage(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones, answer_all_qualification, how
):
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)
    answer_all_qualification(deal)
    long_ago = timezone.now() - timedelta(days=30)
    Opportunity.objects.filter(pk=deal.pk).update(stage_entered_at=long_ago)
    deal.refresh_from_db()
    moves = {
        "advance": lambda: opportunity_advance(opportunity=deal, acting_user=org["rep1"]),
        "skip gate": lambda: opportunity_skip_gate(
            opportunity=deal, acting_user=org["manager1"], reason="CEO's call"
        ),
        "move back": lambda: opportunity_move_back(
            opportunity=deal, acting_user=org["rep1"], to_stage=stage_of(eight_step, 1), reason="x"
        ),
    }

    deal = moves[how]()

    assert deal.stage_entered_at > long_ago
    assert deal.days_in_stage() == 0
