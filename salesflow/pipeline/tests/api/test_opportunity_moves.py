"""POST /api/v1/opportunities/{id}/advance, /move-back and /skip-gate: a gate that is shut answers
409 listing every unmet milestone or rule; a stale version answers 409 "stale"."""

import pytest

from salesflow.pipeline.models import StageChange
from salesflow.playbook.models import Milestone


def post(client, opportunity, action: str, body=None):
    return client.post(
        f"/api/v1/opportunities/{opportunity.pk}/{action}",
        body if body is not None else {},
        content_type="application/json",
    )


def test_advancing_through_an_open_gate_answers_the_opportunity_at_the_next_stage(
    org, make_opportunity, tick_all_milestones, api_client_for
):
    opportunity = make_opportunity(org["rep1"])
    tick_all_milestones(opportunity)

    response = post(api_client_for(org["rep1"]), opportunity, "advance")

    assert response.status_code == 200
    body = response.json()
    assert body["stage"] == {"number": 2, "name": "Initial contact", "funnel_state": "search"}
    assert (body["probability"], body["days_in_stage"]) == (20, 0)
    change = opportunity.stage_changes.order_by("-id")[0]
    assert (change.kind, change.from_number, change.to_number, change.changed_by) == (
        StageChange.Kind.ADVANCED,
        1,
        2,
        org["rep1"],
    )


def test_advancing_with_no_body_at_all_works(
    org, make_opportunity, tick_all_milestones, api_client_for
):
    opportunity = make_opportunity(org["rep1"])
    tick_all_milestones(opportunity)

    response = api_client_for(org["rep1"]).generic(
        "POST", f"/api/v1/opportunities/{opportunity.pk}/advance"
    )

    assert response.status_code == 200


def test_a_shut_gate_answers_409_listing_each_unmet_milestone(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep1"])
    first, second = Milestone.objects.filter(stage=opportunity.stage).order_by("order", "id")

    response = post(api_client_for(org["rep1"]), opportunity, "advance")

    assert response.status_code == 409
    body = response.json()
    assert set(body) == {"detail", "blockers"}
    assert body["detail"]
    assert body["blockers"] == [
        {
            "code": "milestone",
            "message": "Milestone not met: Project analysed",
            "milestone_id": first.pk,
        },
        {
            "code": "milestone",
            "message": "Milestone not met: Initiation approved internally",
            "milestone_id": second.pk,
        },
    ]
    opportunity.refresh_from_db()
    assert opportunity.stage.number == 1


def test_only_the_milestones_still_unmet_are_listed(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])
    first, second = Milestone.objects.filter(stage=opportunity.stage).order_by("order", "id")
    client = api_client_for(org["rep1"])
    client.post(
        f"/api/v1/opportunities/{opportunity.pk}/milestones/{first.pk}",
        {"done": True},
        content_type="application/json",
    )

    response = post(client, opportunity, "advance")

    assert [b["milestone_id"] for b in response.json()["blockers"]] == [second.pk]


def test_the_refusal_reads_in_the_callers_language(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = api_client_for(org["rep1"]).post(
        f"/api/v1/opportunities/{opportunity.pk}/advance",
        {},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    messages = [b["message"] for b in response.json()["blockers"]]
    assert any("分析项目" in m for m in messages)


def test_the_last_stage_cannot_be_advanced_past(
    org, make_opportunity, tick_all_milestones, api_client_for
):
    opportunity = make_opportunity(org["rep1"], stage=8)
    tick_all_milestones(opportunity)

    response = post(api_client_for(org["rep1"]), opportunity, "advance")

    assert response.status_code == 409
    assert [b["code"] for b in response.json()["blockers"]] == ["last_stage"]


def test_advancing_from_an_old_version_is_refused_as_stale(
    org, make_opportunity, tick_all_milestones, api_client_for
):
    opportunity = make_opportunity(org["rep1"])
    seen = opportunity.version
    tick_all_milestones(opportunity)

    response = post(api_client_for(org["rep1"]), opportunity, "advance", {"version": seen})

    assert response.status_code == 409
    assert response.json()["blockers"] == [
        {"code": "stale", "message": response.json()["detail"], "milestone_id": None}
    ]
    opportunity.refresh_from_db()
    assert opportunity.stage.number == 1


def test_advancing_with_the_current_version_goes_through(
    org, make_opportunity, tick_all_milestones, api_client_for
):
    opportunity = make_opportunity(org["rep1"])
    tick_all_milestones(opportunity)

    response = post(
        api_client_for(org["rep1"]), opportunity, "advance", {"version": opportunity.version}
    )

    assert response.status_code == 200
    assert response.json()["version"] == opportunity.version + 1


def test_moving_back_with_a_reason_is_recorded(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"], stage=3)

    response = post(
        api_client_for(org["rep1"]),
        opportunity,
        "move-back",
        {"stage": 1, "reason": "The customer cancelled the budget"},
    )

    assert response.status_code == 200
    assert response.json()["stage"]["number"] == 1
    change = opportunity.stage_changes.order_by("-id")[0]
    assert (change.kind, change.from_number, change.reason) == (
        StageChange.Kind.MOVED_BACK,
        3,
        "The customer cancelled the budget",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"stage": 1, "reason": "  "}, "reason"),
        ({"stage": 1}, "reason"),
        ({"stage": 3, "reason": "Why not"}, "stage"),
        ({"stage": 12, "reason": "Why not"}, "stage"),
        ({"reason": "Why not"}, "stage"),
    ],
)
def test_a_move_back_without_a_reason_or_an_earlier_stage_is_a_422(
    org, make_opportunity, api_client_for, body, field
):
    opportunity = make_opportunity(org["rep1"], stage=3)

    response = post(api_client_for(org["rep1"]), opportunity, "move-back", body)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]
    opportunity.refresh_from_db()
    assert opportunity.stage.number == 3


def test_the_owners_manager_may_skip_a_shut_gate_with_a_reason(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep1"])

    response = post(
        api_client_for(org["manager1"]),
        opportunity,
        "skip-gate",
        {"reason": "Approved verbally by the plant director"},
    )

    assert response.status_code == 200
    assert response.json()["stage"]["number"] == 2
    change = opportunity.stage_changes.order_by("-id")[0]
    assert (change.kind, change.changed_by) == (StageChange.Kind.SKIPPED_GATE, org["manager1"])


def test_a_rep_may_not_skip_a_gate_and_is_told_so_on_the_reason(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep1"])

    response = post(api_client_for(org["rep1"]), opportunity, "skip-gate", {"reason": "Hurry"})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "reason"
    assert "manager" in error["message"]
    opportunity.refresh_from_db()
    assert opportunity.stage.number == 1


def test_a_manager_must_say_why_the_gate_is_skipped(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = post(api_client_for(org["manager1"]), opportunity, "skip-gate", {"reason": ""})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["reason"]
