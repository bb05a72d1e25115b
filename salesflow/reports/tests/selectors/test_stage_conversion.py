"""Stage-to-stage conversion and days in stage, from the stage history."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from salesflow.pipeline.history import refresh_facts
from salesflow.pipeline.models import Stage, StageChange, Status
from salesflow.pipeline.services import (
    opportunity_close,
    opportunity_move_back,
    opportunity_skip_gate,
)
from salesflow.reports.selectors import stage_conversion


def table(rows) -> dict[int, tuple[int, int]]:
    return {row.stage.number: (row.reached, row.went_on) for row in rows}


def test_each_stage_counts_who_reached_it_and_who_went_on_to_the_next(org, eight_step, make_deal):
    rep = org["rep1"]
    make_deal(rep, stage=4)
    make_deal(rep, stage=2)
    make_deal(rep)

    rows = stage_conversion(rep, process=eight_step)

    assert table(rows) == {
        1: (3, 2),
        2: (2, 1),
        3: (1, 1),
        4: (1, 0),
        5: (0, 0),
        6: (0, 0),
        7: (0, 0),
        8: (0, 0),
    }
    assert [row.rate for row in rows[:5]] == [
        Decimal("66.7"),
        Decimal("50.0"),
        Decimal("100.0"),
        Decimal("0.0"),
        None,
    ]
    assert rows[0].next_stage.number == 2


def test_closed_deals_still_count_for_the_stages_they_passed(org, eight_step, make_deal):
    rep = org["rep1"]
    lost = make_deal(rep, stage=3)
    opportunity_close(opportunity=lost, acting_user=rep, result=Status.LOST, reason="Budget cut")

    assert table(stage_conversion(rep, process=eight_step))[3] == (1, 0)


def test_a_deal_that_went_back_and_forward_again_is_counted_once(
    org, eight_step, make_deal, walk_to
):
    rep = org["rep1"]
    deal = make_deal(rep, stage=3)
    deal = opportunity_move_back(
        opportunity=deal,
        acting_user=rep,
        to_stage=Stage.objects.get(process=eight_step, number=2),
        reason="The customer's budget was withdrawn",
    )
    walk_to(deal, 3)

    rows = table(stage_conversion(rep, process=eight_step))

    assert rows[2] == (1, 1)
    assert rows[3] == (1, 0)


def test_a_deal_that_went_back_keeps_having_reached_the_later_stage(org, eight_step, make_deal):
    rep = org["rep1"]
    deal = make_deal(rep, stage=3)
    opportunity_move_back(
        opportunity=deal,
        acting_user=rep,
        to_stage=Stage.objects.get(process=eight_step, number=1),
        reason="Project re-scoped",
    )

    rows = table(stage_conversion(rep, process=eight_step))

    assert (rows[1], rows[2], rows[3]) == ((1, 1), (1, 1), (1, 0))


def test_a_skipped_gate_counts_as_reaching_the_next_stage(org, eight_step, make_deal):
    deal = make_deal(org["rep1"])
    opportunity_skip_gate(
        opportunity=deal, acting_user=org["manager1"], reason="Strategic customer, CEO's call"
    )

    rows = table(stage_conversion(org["manager1"], process=eight_step))

    assert StageChange.objects.filter(kind=StageChange.Kind.SKIPPED_GATE).count() == 1
    assert (rows[1], rows[2]) == ((1, 1), (1, 0))


def test_from_the_last_stage_going_on_means_winning(org, eight_step, make_deal, win):
    rep = org["rep1"]
    win(make_deal(rep))
    make_deal(rep, stage=8)

    rows = stage_conversion(rep, process=eight_step)

    last = rows[-1]
    assert (last.reached, last.went_on, last.next_stage, last.next_label) == (2, 1, None, "Won")


def test_average_days_in_stage_come_from_completed_stays(org, eight_step, make_deal):
    rep = org["rep1"]
    now = timezone.now()
    for days_in_stage_1 in (4, 8):
        deal = make_deal(rep, stage=2)
        opened, advanced = deal.stage_changes.order_by("changed_at")
        StageChange.objects.filter(pk=opened.pk).update(
            changed_at=now - timedelta(days=days_in_stage_1 + 1)
        )
        StageChange.objects.filter(pk=advanced.pk).update(changed_at=now - timedelta(days=1))
        refresh_facts(deal.pk)  # as the app does whenever a change is recorded

    rows = stage_conversion(rep, process=eight_step)

    assert rows[0].average_days == pytest.approx(6)
    assert rows[1].average_days is None  # both deals are still in stage 2
    assert rows[2].average_days is None


def test_conversion_covers_only_the_deals_the_user_sees(org, eight_step, make_deal):
    make_deal(org["rep1"], stage=2)
    make_deal(org["rep2"])
    make_deal(org["rep3"], stage=3)

    assert table(stage_conversion(org["rep1"], process=eight_step))[1] == (1, 1)
    assert table(stage_conversion(org["manager1"], process=eight_step))[1] == (2, 1)
    assert table(stage_conversion(org["director"], process=eight_step))[1] == (3, 2)
    assert table(stage_conversion(org["director"], process=eight_step, owner=org["rep3"].pk))[
        3
    ] == (1, 0)
