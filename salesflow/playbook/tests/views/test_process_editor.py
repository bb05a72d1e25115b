"""The process editor exists for directors only; it edits processes, stages, milestones and
playbooks, and refuses what would break a process or its history, saying why."""

import pytest
from django.urls import reverse

from salesflow.accounts.tests.views.html import find, find_all, parse, text
from salesflow.pipeline.models import SalesProcess, Stage
from salesflow.playbook import services
from salesflow.playbook.models import Milestone, PlaybookItem


def first_stage(process: SalesProcess) -> Stage:
    return process.stages.get(number=1)


def editor_urls(process: SalesProcess) -> list[tuple[str, str]]:
    stage = first_stage(process)
    milestone = stage.milestones.get()
    return [
        ("get", reverse("playbook:processes")),
        ("get", reverse("playbook:process_edit", args=[process.pk])),
        ("post", reverse("playbook:process_edit", args=[process.pk])),
        ("post", reverse("playbook:stage_add", args=[process.pk])),
        ("get", reverse("playbook:stage", args=[stage.pk])),
        ("post", reverse("playbook:stage", args=[stage.pk])),
        ("post", reverse("playbook:stage_delete", args=[stage.pk])),
        ("post", reverse("playbook:milestone_add", args=[stage.pk])),
        ("post", reverse("playbook:milestone_edit", args=[milestone.pk])),
        ("post", reverse("playbook:milestone_delete", args=[milestone.pk])),
        ("post", reverse("playbook:playbook_item_add", args=[stage.pk, "goal"])),
    ]


@pytest.mark.parametrize("role", ["rep1", "manager1"])
def test_reps_and_managers_get_404_everywhere_in_the_editor(org, sales_process, client_for, role):
    client = client_for(org[role])

    statuses = {
        url: getattr(client, method)(url).status_code for method, url in editor_urls(sales_process)
    }

    assert set(statuses.values()) == {404}
    assert Milestone.objects.filter(stage__process=sales_process).count() == 3
    assert sales_process.stages.count() == 3


def test_the_director_sees_every_process_with_its_stages(org, sales_process, client_for):
    page = parse(client_for(org["director"]).get(reverse("playbook:processes")).content)

    section = find(page, "section", id=f"process-{sales_process.pk}")
    rows = find_all(find(section, "tbody"), "tr")
    assert [text(find(row, "td", data_label="Our stage")) for row in rows] == [
        "Initiation",
        "Solution",
        "Signing",
    ]
    eight_step = SalesProcess.objects.get(key="eight_step")
    assert "Default" in text(find(page, "section", id=f"process-{eight_step.pk}"))


def test_the_list_counts_open_opportunities_per_stage(
    org, sales_process, make_opportunity, client_for
):
    make_opportunity(org["rep1"])
    make_opportunity(org["rep2"])

    page = parse(client_for(org["director"]).get(reverse("playbook:processes")).content)

    row = find(page, "tr", data_stage=str(first_stage(sales_process).pk))
    assert text(find(row, "td", data_label="Open opportunities")) == "2"


@pytest.mark.parametrize("extra", [5, 50])
def test_the_process_list_costs_the_same_queries_for_5_and_50_processes(
    extra, org, client_for, django_assert_max_num_queries
):
    for n in range(extra):
        process = SalesProcess.objects.create(key=f"p{n}", name_en=f"Process {n}")
        services.stage_add(
            process=process,
            acting_user=org["director"],
            name_en="Only",
            funnel_state="search",
            probability=10,
        )
    client = client_for(org["director"])

    with django_assert_max_num_queries(4):
        response = client.get(reverse("playbook:processes"))

    assert len(response.context["processes"]) == extra + SalesProcess.objects.count() - extra


def test_the_director_makes_another_process_the_default(org, sales_process, client_for):
    response = client_for(org["director"]).post(
        reverse("playbook:process_edit", args=[sales_process.pk]),
        {"name_en": "Test process", "name_zh": "测试", "is_default": "on", "is_active": "on"},
    )

    assert response.status_code == 302
    assert list(SalesProcess.objects.filter(is_default=True)) == [sales_process]


def test_unticking_default_on_the_default_process_says_what_to_do(org, client_for):
    default = SalesProcess.objects.get(is_default=True)

    response = client_for(org["director"]).post(
        reverse("playbook:process_edit", args=[default.pk]),
        {"name_en": default.name_en, "is_active": "on"},
    )

    assert response.status_code == 400
    assert "make another process the default instead" in response.content.decode()


def test_the_director_edits_a_stage(org, sales_process, client_for):
    stage = first_stage(sales_process)

    response = client_for(org["director"]).post(
        reverse("playbook:stage", args=[stage.pk]),
        {
            "name_en": "Qualification",
            "name_zh": "项目审定",
            "customer_stage_en": "States a need",
            "funnel_state": "search",
            "buying_stage": "intent",
            "probability": "15",
            "min_qualification_score": "4",
            "requires_full_qualification": "on",
        },
    )

    stage.refresh_from_db()
    assert response.status_code == 302
    assert (stage.name_zh, stage.probability, stage.min_qualification_score) == ("项目审定", 15, 4)
    assert stage.requires_full_qualification is True


def test_a_probability_over_100_is_shown_again_with_the_error(org, sales_process, client_for):
    stage = first_stage(sales_process)

    response = client_for(org["director"]).post(
        reverse("playbook:stage", args=[stage.pk]),
        {"name_en": "X", "funnel_state": "search", "probability": "120"},
    )

    assert response.status_code == 400
    field = find(parse(response.content), "div", data_field="probability")
    assert "less than or equal to 100" in text(field)


def test_the_director_adds_a_stage_at_the_end(org, sales_process, client_for):
    response = client_for(org["director"]).post(
        reverse("playbook:stage_add", args=[sales_process.pk]),
        {"name_en": "After-sales", "funnel_state": "best", "probability": "100"},
    )

    added = sales_process.stages.get(name_en="After-sales")
    assert added.number == 4
    assert response.url == reverse("playbook:stage", args=[added.pk])


def test_deleting_a_stage_with_opportunities_is_refused_with_a_clear_message(
    org, sales_process, make_opportunity, client_for
):
    make_opportunity(org["rep1"])
    url = reverse("playbook:stage_delete", args=[first_stage(sales_process).pk])

    confirm = client_for(org["director"]).get(url)
    response = client_for(org["director"]).post(url)

    assert confirm.status_code == 200
    assert "Opportunities are in this stage" in confirm.content.decode()
    assert response.status_code == 400
    assert "1 opportunity is in this stage (1 open)" in response.content.decode()
    assert sales_process.stages.count() == 3


def test_the_director_adds_rewords_and_removes_a_milestone(org, sales_process, client_for):
    stage = first_stage(sales_process)
    client = client_for(org["director"])

    client.post(
        reverse("playbook:milestone_add", args=[stage.pk]),
        {"milestone-new-text_en": "Budget confirmed", "milestone-new-text_zh": "确认预算"},
    )
    added = stage.milestones.get(text_en="Budget confirmed")
    client.post(
        reverse("playbook:milestone_edit", args=[added.pk]),
        {f"milestone-{added.pk}-text_en": "Budget approved", f"milestone-{added.pk}-text_zh": ""},
    )
    assert stage.milestones.get(pk=added.pk).text_en == "Budget approved"

    client.post(reverse("playbook:milestone_delete", args=[added.pk]))
    assert not stage.milestones.filter(pk=added.pk).exists()


def test_an_empty_milestone_is_refused_in_its_row(org, sales_process, client_for):
    stage = first_stage(sales_process)

    response = client_for(org["director"]).post(
        reverse("playbook:milestone_add", args=[stage.pk]), {"milestone-new-text_en": ""}
    )

    assert response.status_code == 400
    row = find(parse(response.content), "div", cls="new")
    assert "This field is required." in text(row)


def test_the_director_adds_a_key_action_to_the_stage_playbook(org, sales_process, client_for):
    stage = first_stage(sales_process)

    client_for(org["director"]).post(
        reverse("playbook:playbook_item_add", args=[stage.pk, "action"]),
        {"action-new-kind": "action", "action-new-text_en": "Find the entry point"},
    )

    item = PlaybookItem.objects.get(stage=stage)
    assert (item.kind, item.text_en) == ("action", "Find the entry point")
    page = client_for(org["director"]).get(reverse("playbook:stage", args=[stage.pk]))
    assert "Find the entry point" in page.content.decode()
