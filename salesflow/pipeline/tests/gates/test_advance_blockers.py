"""What keeps a deal in its stage: each unmet milestone, the next stage's qualification rules,
the last stage, a closed deal. Refusals read in the user's language."""

from django.utils import translation

from salesflow.pipeline.gates import advance_blockers, entry_blockers
from salesflow.pipeline.selectors import milestones_of
from salesflow.pipeline.services import milestone_set, opportunity_close, qualification_set


def codes(blockers) -> list[str]:
    return [b.code for b in blockers]


def test_each_unmet_milestone_of_the_stage_is_listed(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    milestones = list(milestones_of(deal.stage))

    blockers = advance_blockers(deal)

    assert [(b.code, b.milestone_id) for b in blockers] == [("milestone", m.pk) for m in milestones]
    assert "Project analysed" in blockers[0].message
    assert "Initiation approved internally" in blockers[1].message


def test_only_the_milestones_still_unmet_are_listed(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    first, second = milestones_of(deal.stage)
    milestone_set(opportunity=deal, milestone=first, done=True, acting_user=org["rep1"])

    assert [b.milestone_id for b in advance_blockers(deal)] == [second.pk]


def test_the_gate_is_open_when_every_milestone_is_checked(
    org, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)

    assert advance_blockers(deal) == []


def test_refusals_name_the_milestone_in_chinese_for_a_chinese_user(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=2)

    with translation.override("zh-hans"):
        messages = [b.message for b in advance_blockers(deal)]

    assert "上门拜访" in messages[0]
    assert "搞定线人" in messages[1]
    assert "On-site visit done" not in " ".join(messages)


def test_stage_2_of_the_eight_step_process_stays_closed_until_all_five_answers_are_known(
    org, make_opportunity, tick_all_milestones
):
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)
    qualification_set(
        opportunity=deal,
        acting_user=org["rep1"],
        need="yes",
        decision_process="no",
        budget="partly",
        relationship="yes",
    )
    deal.refresh_from_db()

    blockers = advance_blockers(deal)

    assert codes(blockers) == ["qualification_incomplete"]
    assert "1 still unknown" in blockers[0].message


def test_no_answers_are_also_answers_for_the_stage_3_rule(
    org, make_opportunity, tick_all_milestones, answer_all_qualification
):
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)
    answer_all_qualification(deal, answer="no")

    assert advance_blockers(deal) == []


def test_milestones_and_the_qualification_rule_are_listed_together(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=2)

    assert codes(advance_blockers(deal)) == ["milestone", "milestone", "qualification_incomplete"]


def test_a_minimum_qualification_score_blocks_entry_below_it(
    org, eight_step, stage_of, make_opportunity, tick_all_milestones
):
    stage_2 = stage_of(eight_step, 2)
    stage_2.min_qualification_score = 6
    stage_2.save()
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)
    qualification_set(opportunity=deal, acting_user=org["rep1"], need="yes", budget="partly")
    deal.refresh_from_db()

    blockers = advance_blockers(deal)

    assert codes(blockers) == ["qualification_score"]
    assert "at least 6" in blockers[0].message
    assert "has 3" in blockers[0].message


def test_a_minimum_qualification_score_is_met_at_exactly_the_minimum(
    org, eight_step, stage_of, make_opportunity
):
    stage_2 = stage_of(eight_step, 2)
    stage_2.min_qualification_score = 5
    stage_2.save()
    deal = make_opportunity(org["rep1"])
    qualification_set(
        opportunity=deal, acting_user=org["rep1"], need="yes", budget="yes", worth="partly"
    )
    deal.refresh_from_db()

    assert entry_blockers(deal, stage_2) == []


def test_the_last_stage_cannot_be_advanced_past(org, make_opportunity, tick_all_milestones):
    deal = make_opportunity(org["rep1"], stage=8)
    tick_all_milestones(deal)

    assert codes(advance_blockers(deal)) == ["last_stage"]


def test_a_closed_deal_cannot_advance(org, make_opportunity, tick_all_milestones):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)
    deal = opportunity_close(
        opportunity=deal, acting_user=org["rep1"], result="abandoned", reason="Budget cut"
    )

    assert codes(advance_blockers(deal)) == ["closed"]
