"""Another rep's plan, or another team's, answers 404 on its page and every action; the rep's
own manager and directors see it."""

import pytest
from django.urls import reverse

ACTIONS = [
    "loop:plan_area",
    "loop:plan_visit_add",
    "loop:plan_submit",
    "loop:plan_reopen",
    "loop:plan_approve",
    "loop:plan_return",
    "loop:plan_delete",
]


@pytest.fixture
def rep2_plan(org, submitted_plan):
    return submitted_plan(org["rep2"])


@pytest.mark.parametrize("who", ["rep1", "manager2", "rep3"])
def test_the_plan_page_is_not_found_for_those_who_may_not_see_it(who, org, rep2_plan, client_for):
    response = client_for(org[who]).get(reverse("loop:plan", args=[rep2_plan.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["rep1", "manager2"])
@pytest.mark.parametrize("route", ACTIONS)
def test_every_action_is_not_found_for_those_who_may_not_see_it(
    route, who, org, rep2_plan, client_for
):
    response = client_for(org[who]).post(
        reverse(route, args=[rep2_plan.pk]), {"version": rep2_plan.version, "comment": "x"}
    )

    assert response.status_code == 404
    rep2_plan.refresh_from_db()
    assert rep2_plan.status == "submitted"


def test_removing_a_visit_of_another_reps_plan_is_not_found(org, rep2_plan, client_for):
    visit = rep2_plan.visits.first()

    response = client_for(org["rep1"]).post(
        reverse("loop:plan_visit_remove", args=[rep2_plan.pk, visit.pk]), {}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["manager1", "director"])
def test_the_reps_manager_and_directors_see_it(who, org, rep2_plan, client_for):
    response = client_for(org[who]).get(reverse("loop:plan", args=[rep2_plan.pk]))

    assert response.status_code == 200


def test_the_list_shows_only_plans_the_user_may_see(org, submitted_plan, make_plan, client_for):
    submitted_plan(org["rep1"])
    make_plan(org["rep2"])
    make_plan(org["rep3"])

    listed = client_for(org["manager1"]).get(reverse("loop:plans")).context["page_obj"]

    assert sorted(p.owner.username for p in listed) == ["rep1", "rep2"]
