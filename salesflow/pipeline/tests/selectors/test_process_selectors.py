"""Reading processes and where an opportunity stands in one."""

import pytest
from django.http import Http404

from salesflow.pipeline.selectors import (
    milestone_checks,
    milestones_of,
    process_default,
    process_get,
    stage_first,
    stage_history,
    stage_is_last,
    stage_next,
    unmet_milestones,
)
from salesflow.pipeline.services import milestone_set


def test_a_process_is_found_by_key_or_by_id(eight_step):
    assert process_get("eight_step") == eight_step
    assert process_get(eight_step.pk) == eight_step
    assert process_get(str(eight_step.pk)) == eight_step


def test_an_unknown_process_answers_404(eight_step):
    with pytest.raises(Http404):
        process_get("nine_step")


def test_an_inactive_process_is_not_the_default(eight_step):
    eight_step.is_active = False
    eight_step.save()

    assert process_default() is None


def test_stages_follow_each_other_by_number_and_the_last_has_no_next(eight_step, stage_of):
    assert stage_first(eight_step) == stage_of(eight_step, 1)
    assert stage_next(stage_of(eight_step, 3)) == stage_of(eight_step, 4)
    assert stage_next(stage_of(eight_step, 8)) is None
    assert stage_is_last(stage_of(eight_step, 8))
    assert not stage_is_last(stage_of(eight_step, 7))


def test_a_new_deal_has_every_milestone_of_its_first_stage_unmet(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    assert [m.text_en for m in unmet_milestones(deal)] == [
        "Project analysed",
        "Initiation approved internally",
    ]


def test_a_checked_milestone_is_no_longer_unmet_and_its_check_is_found(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    first, second = milestones_of(deal.stage)

    milestone_set(opportunity=deal, milestone=first, done=True, acting_user=org["rep1"])

    assert unmet_milestones(deal) == [second]
    assert milestone_checks(deal)[first.pk].checked_by == org["rep1"]


def test_stage_history_lists_the_moves_in_order(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=3)

    assert [(c.kind, c.to_number) for c in stage_history(deal)] == [
        ("opened", 1),
        ("advanced", 2),
        ("advanced", 3),
    ]
