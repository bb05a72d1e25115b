"""GET /api/v1/reports/funnel: per funnel state and stage, value and effort; filters; errors."""

from decimal import Decimal

import pytest

URL = "/api/v1/reports/funnel"


def stage(body: dict, number: int) -> dict:
    return next(s for s in body["stages"] if s["number"] == number)


def test_the_funnel_answers_per_funnel_state_and_per_stage(
    org, eight_step, make_deal, log_activity, api_client_for
):
    rep = org["rep1"]
    deal = make_deal(rep, stage=3, amount=Decimal("200000"))
    make_deal(rep, amount=Decimal("50000"))
    log_activity(deal, minutes=90, expenses=Decimal("300"))

    response = api_client_for(rep).get(URL)

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"process", "total", "funnel_states", "stages", "conversion"}
    assert body["process"] == {"id": eight_step.pk, "key": "eight_step", "name": eight_step.name}
    assert stage(body, 3) == {
        "number": 3,
        "name": "Solution design",
        "funnel_state": "in_funnel",
        "probability": 30,
        "count": 1,
        "amount": "200000.00",
        "weighted_amount": "60000.00",
        "activities": 1,
        "hours": "1.50",
        "expenses": "300.00",
    }
    assert [
        (s["funnel_state"], s["count"], s["weighted_amount"], s["stages"])
        for s in body["funnel_states"]
    ] == [
        ("search", 1, "5000.00", [1, 2]),
        ("in_funnel", 1, "60000.00", [3, 4, 5]),
        ("best", 0, "0.00", [6, 7, 8]),
    ]
    assert body["total"]["amount"] == "250000.00"
    assert body["conversion"][0] == {
        "number": 1,
        "name": "Project initiation",
        "reached": 2,
        "next_stage": 2,
        "went_on": 1,
        "rate": "50.0",
        "average_days": pytest.approx(0, abs=0.01),
    }
    assert body["conversion"][-1]["next_stage"] is None


def test_process_is_chosen_by_key_or_id(org, ten_step, eight_step, make_deal, api_client_for):
    make_deal(org["rep1"], process=ten_step)
    client = api_client_for(org["rep1"])

    by_key = client.get(URL, {"process": "ten_step"}).json()
    by_id = client.get(URL, {"process": ten_step.pk}).json()

    assert by_key == by_id
    assert (by_key["process"]["key"], len(by_key["stages"]), by_key["total"]["count"]) == (
        "ten_step",
        10,
        1,
    )


def test_owner_team_and_region_filter_by_their_names(
    org, eight_step, make_deal, make_account, api_client_for
):
    make_deal(org["rep1"], account=make_account(org["rep1"], region=org["region"]))
    make_deal(org["rep2"])
    make_deal(org["rep3"])
    client = api_client_for(org["director"])

    def count(**filters) -> int:
        return client.get(URL, filters).json()["total"]["count"]

    assert count() == 3
    assert count(owner="rep2") == 1
    assert count(team="Beijing") == 1
    assert count(region="East") == 1


def test_a_rep_gets_only_their_deals_and_a_manager_their_reps(
    org, eight_step, make_deal, api_client_for
):
    make_deal(org["rep1"], amount=Decimal("1000"))
    make_deal(org["rep2"], amount=Decimal("2000"))
    make_deal(org["rep3"], amount=Decimal("4000"))

    def total(user) -> str:
        return api_client_for(user).get(URL).json()["total"]["amount"]

    assert total(org["rep1"]) == "1000.00"
    assert total(org["manager1"]) == "3000.00"
    assert total(org["director"]) == "7000.00"


def test_an_unknown_process_is_a_422_naming_the_field(org, eight_step, api_client_for):
    response = api_client_for(org["rep1"]).get(URL, {"process": "nine_step"})

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"field": "process", "message": "There is no process “nine_step”."}]
    }


def test_an_owner_the_caller_cannot_see_reads_like_an_unknown_one(org, eight_step, api_client_for):
    client = api_client_for(org["manager1"])

    hidden = client.get(URL, {"owner": "rep3"})
    unknown = client.get(URL, {"owner": "nobody"})

    assert (hidden.status_code, unknown.status_code) == (422, 422)
    assert [e["field"] for e in hidden.json()["detail"]] == ["owner"]
    assert "rep3" in hidden.json()["detail"][0]["message"]


def test_unknown_team_and_region_are_each_named(org, eight_step, api_client_for):
    response = api_client_for(org["director"]).get(URL, {"team": "Mars", "region": "Moon"})

    assert response.status_code == 422
    assert sorted(e["field"] for e in response.json()["detail"]) == ["region", "team"]


def test_without_credentials_the_answer_is_401(client, eight_step):
    response = client.get(URL)

    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_signed_in_browser_session_may_read_it(org, eight_step, client_for):
    assert client_for(org["rep1"]).get(URL).status_code == 200


@pytest.mark.parametrize("deals", [5, 50])
def test_query_count_does_not_grow_with_the_deals(
    org, eight_step, make_deal, log_activity, api_client_for, django_assert_max_num_queries, deals
):
    for n in range(deals):
        log_activity(make_deal(org["rep1"], stage=n % 3 + 1))
    client = api_client_for(org["manager1"])

    with django_assert_max_num_queries(13):
        response = client.get(URL, {"owner": "rep1"})

    assert response.json()["total"]["count"] == deals
