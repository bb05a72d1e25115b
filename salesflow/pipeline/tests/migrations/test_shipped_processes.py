"""The processes every install starts with (migration 0003): the eight-step process of §1 as the
default, the standard ten-step process and the simple prospecting process."""

from importlib import import_module

from django.apps import apps as django_apps
from django.utils import translation

from salesflow.pipeline.models import FunnelState, SalesProcess, Stage
from salesflow.pipeline.selectors import process_default, processes_active
from salesflow.playbook.models import Milestone, PlaybookItem

shipped = import_module("salesflow.pipeline.migrations.0003_shipped_processes")

# domain.md §1: (number, name en, name zh, customer's procurement stage en, zh, funnel state,
# milestones en, milestones zh)
EIGHT_STEP = [
    (1, "Project initiation", "项目立项", "Finds a problem, states a need", "发现问题，提出需求",
     FunnelState.SEARCH, ["Project analysed", "Initiation approved internally"], ["分析项目", "立项通过"]),
    (2, "Initial contact", "初步接触", "Analyses, sets a budget", "分析研讨，确定预算",
     FunnelState.SEARCH, ["On-site visit done", "Inside informant (coach) secured"], ["上门拜访", "搞定线人"]),
    (3, "Solution design", "方案设计", "Project approved, team formed", "项目立项，组建小组",
     FunnelState.IN_FUNNEL, ["Solution written", "Key information obtained"], ["完成方案", "获得信息"]),
    (4, "Capability demonstration", "业绩展示", "Sets criteria, fixes goals", "建立标准，稳定目标",
     FunnelState.IN_FUNNEL, ["Strength shown", "Technical preference for us"], ["实力展示", "技术倾向"]),
    (5, "Solution confirmation", "方案确认", "Decides on tender, first screening", "确定招标，初步筛选",
     FunnelState.IN_FUNNEL, ["Solution confirmed", "Technical clearance"], ["方案确认", "技术通关"]),
    (6, "Project evaluation", "项目评估", "Picks a preferred supplier, screens suppliers", "认准首选，筛供应商",
     FunnelState.BEST, ["Needs fully mined", "Senior management leans to us"], ["需求挖掘", "高层倾向"]),
    (7, "Business negotiation", "商务谈判", "Negotiates", "合作谈判",
     FunnelState.BEST, ["Negotiation held", "Preliminary result"], ["合作谈判", "初步结果"]),
    (8, "Contract signing", "签约成交", "Signs", "签约",
     FunnelState.BEST, ["Contract signed"], ["签约成交"]),
]  # fmt: skip

TEN_STEP_NAMES = [
    "Customer analysis",
    "Prospect development",
    "Needs confirmation",
    "Product presentation and demo",
    "Quotation and negotiation",
    "Contract signing",
    "Order processing and tracking",
    "After-sales service",
    "Satisfaction survey",
    "Performance evaluation",
]
PROSPECTING_NAMES = [
    "Plan",
    "Prospect",
    "Appointment",
    "Presentation",
    "Close",
    "After-sales service",
]


def stages(process: SalesProcess) -> list[Stage]:
    return list(process.stages.order_by("number"))


def test_the_eight_step_process_is_the_default_for_new_opportunities(eight_step):
    assert process_default() == eight_step
    assert SalesProcess.objects.filter(is_default=True).count() == 1


def test_the_eight_step_process_has_exactly_the_eight_stages_of_the_method(eight_step):
    shipped_stages = stages(eight_step)

    assert [(s.number, s.name_en, s.name_zh) for s in shipped_stages] == [
        (number, name_en, name_zh) for number, name_en, name_zh, *_rest in EIGHT_STEP
    ]


def test_each_eight_step_stage_mirrors_the_customers_procurement_stage(eight_step):
    shipped_stages = stages(eight_step)

    assert [(s.customer_stage_en, s.customer_stage_zh) for s in shipped_stages] == [
        (row[3], row[4]) for row in EIGHT_STEP
    ]


def test_eight_step_funnel_states_are_search_twice_then_in_funnel_three_times_then_best(
    eight_step,
):
    assert [s.funnel_state for s in stages(eight_step)] == [
        "search",
        "search",
        "in_funnel",
        "in_funnel",
        "in_funnel",
        "best",
        "best",
        "best",
    ]


def test_each_eight_step_stage_has_the_milestones_of_the_table_in_both_languages(eight_step):
    for stage, row in zip(stages(eight_step), EIGHT_STEP, strict=True):
        milestones = list(Milestone.objects.filter(stage=stage).order_by("order"))

        assert [m.text_en for m in milestones] == row[6], stage.name_en
        assert [m.text_zh for m in milestones] == row[7], stage.name_en


def test_only_stage_3_of_the_eight_step_process_requires_all_five_qualification_answers(
    eight_step,
):
    requiring = [s.number for s in stages(eight_step) if s.requires_full_qualification]

    assert requiring == [3]


def test_win_probability_rises_down_the_eight_step_funnel(eight_step):
    probabilities = [s.probability for s in stages(eight_step)]

    assert probabilities == sorted(set(probabilities))
    assert all(0 < p <= 100 for p in probabilities)


def test_the_ten_step_process_has_the_ten_stages_of_the_standard_process(ten_step):
    assert [(s.number, s.name_en) for s in stages(ten_step)] == list(
        enumerate(TEN_STEP_NAMES, start=1)
    )
    assert all(s.name_zh for s in stages(ten_step))


def test_the_prospecting_process_has_its_six_stages(prospecting):
    assert [(s.number, s.name_en) for s in stages(prospecting)] == list(
        enumerate(PROSPECTING_NAMES, start=1)
    )
    assert all(s.name_zh for s in stages(prospecting))


def test_every_shipped_stage_has_milestones_and_playbook_goals_and_actions(shipped_processes):
    for process in shipped_processes.values():
        for stage in stages(process):
            kinds = set(PlaybookItem.objects.filter(stage=stage).values_list("kind", flat=True))

            assert Milestone.objects.filter(stage=stage).exists(), f"{process.key} {stage}"
            assert kinds == {PlaybookItem.Kind.GOAL, PlaybookItem.Kind.ACTION}, (
                f"{process.key} {stage}"
            )


def test_all_three_processes_are_active_with_the_default_listed_first(shipped_processes):
    keys = [p.key for p in processes_active()]

    assert keys[0] == "eight_step"
    assert set(keys) >= {"eight_step", "ten_step", "prospecting"}


def test_process_and_stage_names_follow_the_interface_language(eight_step):
    stage_3 = eight_step.stages.get(number=3)

    with translation.override("zh-hans"):
        assert (eight_step.name, stage_3.name) == ("销售推进八步流程", "方案设计")
        assert stage_3.customer_stage == "项目立项，组建小组"
    with translation.override("en"):
        assert (eight_step.name, stage_3.name) == ("Eight-step advancement process", "Solution design")


def test_running_the_data_migration_again_adds_no_second_copy(shipped_processes):
    stage_count = Stage.objects.count()

    shipped.create_processes(django_apps, None)

    assert SalesProcess.objects.filter(key="eight_step").count() == 1
    assert Stage.objects.count() == stage_count


def test_reversing_the_data_migration_removes_the_shipped_processes_and_their_stages(
    shipped_processes,
):
    shipped.remove_processes(django_apps, None)

    assert not SalesProcess.objects.filter(key__in=["eight_step", "ten_step", "prospecting"])
    assert not Stage.objects.exists()
    assert not Milestone.objects.exists()
