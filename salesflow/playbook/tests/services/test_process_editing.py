"""Directors edit processes: the default flag stays unique, stages go at the end, bad numbers and
deletes are refused with a reason, and nothing rewrites what opportunities have recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from salesflow.core.history import history_for
from salesflow.pipeline.models import MilestoneCheck, SalesProcess, Stage, StageChange
from salesflow.pipeline.selectors import stage_history
from salesflow.pipeline.services import milestone_set, opportunity_advance, opportunity_close
from salesflow.playbook import services
from salesflow.playbook.models import Milestone, PlaybookItem


def stage(process: SalesProcess, number: int) -> Stage:
    return process.stages.get(number=number)


def test_making_a_process_the_default_takes_the_flag_from_the_old_default(org, sales_process):
    old_default = SalesProcess.objects.get(is_default=True)

    services.process_update(process=sales_process, acting_user=org["director"], is_default=True)

    assert list(SalesProcess.objects.filter(is_default=True)) == [sales_process]
    old_default.refresh_from_db()
    assert old_default.is_default is False


def test_the_default_process_cannot_simply_lose_its_flag(org):
    default = SalesProcess.objects.get(is_default=True)

    with pytest.raises(ValidationError) as refused:
        services.process_update(process=default, acting_user=org["director"], is_default=False)

    assert "make another process the default" in refused.value.message_dict["is_default"][0]
    assert SalesProcess.objects.filter(is_default=True).count() == 1


def test_an_inactive_process_cannot_become_the_default_and_the_old_default_stays(
    org, sales_process
):
    old_default = SalesProcess.objects.get(is_default=True)

    with pytest.raises(ValidationError) as refused:
        services.process_update(
            process=sales_process, acting_user=org["director"], is_default=True, is_active=False
        )

    assert "is_active" in refused.value.message_dict
    assert list(SalesProcess.objects.filter(is_default=True)) == [old_default]


def test_a_process_is_renamed_in_both_languages_with_history(org, sales_process):
    services.process_update(
        process=sales_process, acting_user=org["director"], name_en="Key accounts", name_zh="大客户"
    )

    sales_process.refresh_from_db()
    assert (sales_process.name_en, sales_process.name_zh) == ("Key accounts", "大客户")
    change = history_for(sales_process).get(field="name_en")
    assert (change.old_value, change.new_value) == ("Test process", "Key accounts")


def test_a_new_stage_goes_after_the_last_one(org, sales_process):
    added = services.stage_add(
        process=sales_process,
        acting_user=org["director"],
        name_en="After-sales",
        name_zh="售后",
        funnel_state="best",
        probability=100,
    )

    assert added.number == 4
    assert list(sales_process.stages.values_list("number", flat=True)) == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("field", "value"),
    [("probability", 101), ("probability", -1), ("min_qualification_score", 11)],
)
def test_numbers_outside_their_range_are_refused(org, sales_process, field, value):
    with pytest.raises(ValidationError) as refused:
        services.stage_update(
            stage=stage(sales_process, 1), acting_user=org["director"], **{field: value}
        )

    assert field in refused.value.message_dict


def test_a_stage_needs_an_english_name(org, sales_process):
    with pytest.raises(ValidationError) as refused:
        services.stage_update(
            stage=stage(sales_process, 1), acting_user=org["director"], name_en=" "
        )

    assert "name_en" in refused.value.message_dict


def test_a_stage_with_opportunities_in_it_cannot_be_deleted(org, sales_process, make_opportunity):
    make_opportunity(org["rep1"])
    lost = make_opportunity(org["rep1"])
    opportunity_close(opportunity=lost, acting_user=org["rep1"], result="lost", reason="Price")

    with pytest.raises(ValidationError) as refused:
        services.stage_delete(stage=stage(sales_process, 1), acting_user=org["director"])

    message = refused.value.message_dict["stage"][0]
    assert "2 opportunities are in this stage (1 open)" in message
    assert sales_process.stages.count() == 3


def test_an_empty_stage_is_deleted_and_the_others_keep_their_numbers(org, sales_process):
    services.stage_delete(stage=stage(sales_process, 2), acting_user=org["director"])

    assert list(sales_process.stages.values_list("number", flat=True)) == [1, 3]


def test_the_last_stage_of_a_process_cannot_be_deleted(org, sales_process):
    for number in (1, 2):
        services.stage_delete(stage=stage(sales_process, number), acting_user=org["director"])

    with pytest.raises(ValidationError) as refused:
        services.stage_delete(stage=stage(sales_process, 3), acting_user=org["director"])

    assert "at least one stage" in refused.value.message_dict["stage"][0]


def test_renaming_a_stage_and_a_milestone_leaves_recorded_history_as_it_was(
    org, sales_process, make_opportunity
):
    rep, director = org["rep1"], org["director"]
    opportunity = make_opportunity(rep)
    first = stage(sales_process, 1)
    milestone = first.milestones.get()
    milestone_set(opportunity=opportunity, milestone=milestone, done=True, acting_user=rep)
    opportunity_advance(opportunity=opportunity, acting_user=rep)

    services.stage_update(stage=first, acting_user=director, name_en="Qualification")
    services.stage_update(stage=stage(sales_process, 2), acting_user=director, name_en="Design")
    services.milestone_update(milestone=milestone, acting_user=director, text_en="Budget confirmed")

    history = [(row.from_name, row.to_name) for row in stage_history(opportunity)]
    assert history == [("", "Initiation"), ("Initiation", "Solution")]
    check = MilestoneCheck.objects.get(opportunity=opportunity)
    assert (check.milestone_text, check.stage_number) == ("Initiation done", 1)
    assert str(stage(sales_process, 1)) == "1. Qualification"


def test_renaming_in_chinese_leaves_the_chinese_history_as_it_was(
    org, sales_process, make_opportunity
):
    rep, director = org["rep1"], org["director"]
    first, second = stage(sales_process, 1), stage(sales_process, 2)
    milestone = first.milestones.get()
    services.stage_update(stage=first, acting_user=director, name_zh="立项")
    services.stage_update(stage=second, acting_user=director, name_zh="方案")
    services.milestone_update(milestone=milestone, acting_user=director, text_zh="立项通过")
    opportunity = make_opportunity(rep)
    milestone_set(opportunity=opportunity, milestone=milestone, done=True, acting_user=rep)
    opportunity_advance(opportunity=opportunity, acting_user=rep)

    services.stage_update(stage=first, acting_user=director, name_zh="项目审定")
    services.stage_update(stage=second, acting_user=director, name_zh="方案设计")
    services.milestone_update(milestone=milestone, acting_user=director, text_zh="预算已确认")

    with translation.override("zh-hans"):
        history = [(row.from_label, row.to_label) for row in stage_history(opportunity)]
        check = MilestoneCheck.objects.get(opportunity=opportunity).milestone_label
    assert history == [("", "立项"), ("立项", "方案")]
    assert check == "立项通过"


def test_a_removed_milestone_stays_in_the_checks_already_made(org, sales_process, make_opportunity):
    opportunity = make_opportunity(org["rep1"])
    milestone = stage(sales_process, 1).milestones.get()
    milestone_set(opportunity=opportunity, milestone=milestone, done=True, acting_user=org["rep1"])

    services.milestone_delete(milestone=milestone, acting_user=org["director"])

    check = MilestoneCheck.objects.get(opportunity=opportunity)
    assert (check.milestone_id, check.milestone_text, check.done) == (None, "Initiation done", True)


def test_deleting_a_stage_someone_passed_through_keeps_the_history(
    org, sales_process, make_opportunity
):
    rep = org["rep1"]
    opportunity = make_opportunity(rep)
    milestone_set(
        opportunity=opportunity,
        milestone=stage(sales_process, 1).milestones.get(),
        done=True,
        acting_user=rep,
    )
    opportunity_advance(opportunity=opportunity, acting_user=rep)

    services.stage_delete(stage=stage(sales_process, 1), acting_user=org["director"])

    opened = StageChange.objects.get(opportunity=opportunity, kind=StageChange.Kind.OPENED)
    assert (opened.to_stage_id, opened.to_number, opened.to_name) == (None, 1, "Initiation")


def test_milestones_and_playbook_items_are_added_in_order(org, sales_process):
    target = stage(sales_process, 2)

    services.milestone_add(
        stage=target, acting_user=org["director"], text_en="Second", text_zh="二"
    )
    services.playbook_item_add(
        stage=target, acting_user=org["director"], kind="goal", text_en="Confirm the needs"
    )
    services.playbook_item_add(
        stage=target, acting_user=org["director"], kind="action", text_en="Listen"
    )

    assert [m.text_en for m in Milestone.objects.filter(stage=target)] == [
        "Solution done",
        "Second",
    ]
    assert list(PlaybookItem.objects.filter(stage=target).values_list("kind", "text_en")) == [
        ("action", "Listen"),
        ("goal", "Confirm the needs"),
    ]


def test_a_playbook_item_needs_a_known_kind(org, sales_process):
    with pytest.raises(ValidationError) as refused:
        services.playbook_item_add(
            stage=stage(sales_process, 1), acting_user=org["director"], kind="wish", text_en="x"
        )

    assert "kind" in refused.value.message_dict


@pytest.mark.parametrize("role", ["rep1", "manager1"])
def test_only_directors_edit_processes(org, sales_process, role):
    with pytest.raises(PermissionDenied):
        services.stage_update(stage=stage(sales_process, 1), acting_user=org[role], name_en="X")
