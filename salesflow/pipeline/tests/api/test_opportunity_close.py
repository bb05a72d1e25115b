"""POST /api/v1/opportunities/{id}/close: won only from the last stage with its milestones met,
lost or abandoned from any stage with a reason."""

import pytest

from salesflow.pipeline.models import StageChange


def close(client, opportunity, **body):
    return client.post(
        f"/api/v1/opportunities/{opportunity.pk}/close", body, content_type="application/json"
    )


def test_a_deal_at_the_last_stage_with_its_milestone_met_is_won(
    org, make_opportunity, tick_all_milestones, api_client_for
):
    opportunity = make_opportunity(org["rep1"], stage=8)
    tick_all_milestones(opportunity)

    response = close(api_client_for(org["rep1"]), opportunity, result="won", reason="Signed")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["forecast_category"], body["close_reason"]) == (
        "won",
        "closed",
        "Signed",
    )
    assert body["closed_at"] is not None
    change = opportunity.stage_changes.order_by("-id")[0]
    assert (change.kind, change.status) == (StageChange.Kind.CLOSED, "won")


def test_a_win_before_the_last_stage_is_refused_naming_the_last_stage(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep1"], stage=6)

    response = close(api_client_for(org["rep1"]), opportunity, result="won")

    assert response.status_code == 409
    [blocker] = response.json()["blockers"]
    assert blocker["code"] == "not_last_stage"
    assert "Contract signing" in blocker["message"]
    opportunity.refresh_from_db()
    assert opportunity.status == "open"


def test_a_win_at_the_last_stage_with_its_milestone_unmet_lists_it(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep1"], stage=8)

    response = close(api_client_for(org["rep1"]), opportunity, result="won")

    assert response.status_code == 409
    assert [(b["code"], b["message"]) for b in response.json()["blockers"]] == [
        ("milestone", "Milestone not met: Contract signed")
    ]


@pytest.mark.parametrize("result", ["lost", "abandoned"])
def test_a_deal_is_lost_or_abandoned_from_any_stage_with_a_reason(
    org, make_opportunity, api_client_for, result
):
    opportunity = make_opportunity(org["rep1"], stage=3)

    response = close(
        api_client_for(org["rep1"]), opportunity, result=result, reason="Budget frozen"
    )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["close_reason"]) == (
        result,
        "Budget frozen",
    )


def test_a_lost_deal_records_the_competitor_who_won(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = close(
        api_client_for(org["rep1"]), opportunity, result="lost", reason="Price", won_by="Rival Co"
    )

    assert response.json()["won_by"] == "Rival Co"


@pytest.mark.parametrize("result", ["lost", "abandoned"])
def test_losing_or_abandoning_without_a_reason_is_a_422_on_the_reason(
    org, make_opportunity, api_client_for, result
):
    opportunity = make_opportunity(org["rep1"])

    response = close(api_client_for(org["rep1"]), opportunity, result=result, reason=" ")

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["reason"]
    opportunity.refresh_from_db()
    assert opportunity.status == "open"


def test_an_unknown_result_is_a_422_listing_the_three(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = close(api_client_for(org["rep1"]), opportunity, result="open", reason="x")

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "result"
    assert "won, lost, abandoned" in error["message"]


def test_a_closed_deal_cannot_be_closed_again(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])
    client = api_client_for(org["rep1"])
    close(client, opportunity, result="lost", reason="Price")

    response = close(client, opportunity, result="abandoned", reason="Gone")

    assert response.status_code == 409
    assert [b["code"] for b in response.json()["blockers"]] == ["closed"]


def test_a_closed_deal_does_not_advance(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])
    client = api_client_for(org["rep1"])
    close(client, opportunity, result="lost", reason="Price")

    response = client.post(
        f"/api/v1/opportunities/{opportunity.pk}/advance", {}, content_type="application/json"
    )

    assert response.status_code == 409
    assert [b["code"] for b in response.json()["blockers"]] == ["closed"]
