"""Advancing one stage through the gate: refused with every reason while it is closed, and a
recorded move when it is open."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from salesflow.pipeline.models import Opportunity, StageChange
from salesflow.pipeline.services import (
    GateClosed,
    opportunity_advance,
    opportunity_close,
    qualification_set,
)


def refusal(opportunity: Opportunity, user) -> GateClosed:
    with pytest.raises(GateClosed) as caught:
        opportunity_advance(opportunity=opportunity, acting_user=user)
    return caught.value


def test_advance_is_refused_naming_each_unmet_milestone(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    refused = refusal(deal, org["rep1"])

    assert [b.code for b in refused.blockers] == ["milestone", "milestone"]
    assert "Project analysed" in str(refused)
    assert "Initiation approved internally" in str(refused)


def test_a_refused_advance_changes_nothing(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    refusal(deal, org["rep1"])

    deal.refresh_from_db()
    assert (deal.stage.number, deal.version) == (1, 1)
    assert deal.stage_changes.count() == 1


def test_a_refusal_reads_in_chinese_for_a_chinese_user(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    with translation.override("zh-hans"):
        refused = refusal(deal, org["rep1"])

    assert "分析项目" in refused.blockers[0].message
    assert "立项通过" in refused.blockers[1].message


def test_advance_moves_to_the_next_stage_when_every_milestone_is_checked(
    org, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)

    deal = opportunity_advance(opportunity=deal, acting_user=org["rep1"])

    assert (deal.stage.number, deal.stage.name_en) == (2, "Initial contact")


def test_stage_2_to_3_is_refused_until_all_five_qualification_answers_are_known(
    org, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)
    qualification_set(
        opportunity=deal, acting_user=org["rep1"], need="yes", budget="yes", worth="no"
    )

    refused = refusal(deal, org["rep1"])

    assert [b.code for b in refused.blockers] == ["qualification_incomplete"]
    assert "2 still unknown" in str(refused)


def test_stage_2_to_3_opens_once_all_five_are_answered(
    org, make_opportunity, tick_all_milestones, answer_all_qualification
):
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)
    answer_all_qualification(deal, answer="partly")

    deal = opportunity_advance(opportunity=deal, acting_user=org["rep1"])

    assert deal.stage.number == 3


def test_the_last_stage_cannot_be_advanced(org, make_opportunity, tick_all_milestones):
    deal = make_opportunity(org["rep1"], stage=8)
    tick_all_milestones(deal)

    refused = refusal(deal, org["rep1"])

    assert [b.code for b in refused.blockers] == ["last_stage"]


def test_a_closed_deal_cannot_advance(org, make_opportunity, tick_all_milestones):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)
    opportunity_close(opportunity=deal, acting_user=org["rep1"], result="lost", reason="Price")

    refused = refusal(deal, org["rep1"])

    assert [b.code for b in refused.blockers] == ["closed"]


def test_an_advance_is_recorded_with_from_to_who_and_funnel_state(
    org, make_opportunity, tick_all_milestones, answer_all_qualification
):
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)
    answer_all_qualification(deal)

    deal = opportunity_advance(opportunity=deal, acting_user=org["manager1"])

    change = deal.stage_changes.latest("id")
    assert change.kind == StageChange.Kind.ADVANCED
    assert (change.from_number, change.from_name) == (2, "Initial contact")
    assert (change.to_number, change.to_name) == (3, "Solution design")
    assert change.to_funnel_state == "in_funnel"
    assert change.changed_by == org["manager1"]
    assert change.status == "open"


def test_advancing_restarts_the_days_in_stage(org, make_opportunity, tick_all_milestones):
    deal = make_opportunity(org["rep1"])
    long_ago = timezone.now() - timedelta(days=40)
    Opportunity.objects.filter(pk=deal.pk).update(stage_entered_at=long_ago)
    tick_all_milestones(deal)
    assert deal.days_in_stage() == 40

    deal = opportunity_advance(opportunity=deal, acting_user=org["rep1"])

    assert deal.stage_entered_at > long_ago
    assert deal.days_in_stage() == 0


def test_entering_the_funnel_moves_the_forecast_category_to_best_case(
    org, make_opportunity, walk_to_stage
):
    deal = make_opportunity(org["rep1"])
    assert deal.forecast_category == "pipeline"

    deal = walk_to_stage(deal, 3)
    assert deal.forecast_category == "best_case"

    deal = walk_to_stage(deal, 6)
    assert deal.forecast_category == "commit"
