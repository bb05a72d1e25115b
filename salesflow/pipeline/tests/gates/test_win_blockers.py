"""A deal is won from the last stage of its process, with that stage's milestones met."""

from django.utils import translation

from salesflow.pipeline.gates import win_blockers
from salesflow.pipeline.services import opportunity_close


def test_a_deal_before_the_last_stage_cannot_be_won_and_the_last_stage_is_named(
    org, make_opportunity
):
    deal = make_opportunity(org["rep1"], stage=7)

    blockers = win_blockers(deal)

    assert [b.code for b in blockers] == ["not_last_stage"]
    assert "Contract signing" in blockers[0].message


def test_the_last_stage_needs_its_milestone_before_the_deal_is_won(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=8)

    blockers = win_blockers(deal)

    assert [b.code for b in blockers] == ["milestone"]
    assert "Contract signed" in blockers[0].message


def test_the_last_stage_is_named_in_chinese_for_a_chinese_user(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=7)

    with translation.override("zh-hans"):
        message = win_blockers(deal)[0].message

    assert "签约成交" in message


def test_nothing_blocks_a_win_at_the_last_stage_with_its_milestones_met(
    org, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"], stage=8)
    tick_all_milestones(deal)

    assert win_blockers(deal) == []


def test_a_closed_deal_cannot_be_won(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=8)
    deal = opportunity_close(opportunity=deal, acting_user=org["rep1"], result="lost", reason="x")

    assert [b.code for b in win_blockers(deal)] == ["closed"]
