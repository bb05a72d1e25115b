"""GET /api/v1/reports/forecast: weighted amounts by month, owner and team, per category."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

URL = "/api/v1/reports/forecast"
JUNE_JULY = {"start": "2030-06", "end": "2030-07"}
NOTHING = {"count": 0, "amount": "0.00", "weighted_amount": "0.00"}


def test_the_forecast_answers_by_month_owner_and_team_per_category(
    org, eight_step, make_deal, win, api_client_for
):
    rep = org["rep1"]
    make_deal(rep, stage=3, amount=Decimal("200000"), expected_close_date=date(2030, 6, 9))
    # 16:30 UTC on 30 June is 00:30 on 1 July in Shanghai.
    win(make_deal(rep, amount=Decimal("5000")), at=datetime(2030, 6, 30, 16, 30, tzinfo=UTC))

    response = api_client_for(rep).get(URL, JUNE_JULY)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["start"], body["end"]) == ("2030-06", "2030-07")
    june, july = body["months"]
    assert june == {
        "month": "2030-06",
        "count": 1,
        "amount": "200000.00",
        "weighted_amount": "60000.00",
        "categories": {
            "pipeline": NOTHING,
            "best_case": {"count": 1, "amount": "200000.00", "weighted_amount": "60000.00"},
            "commit": NOTHING,
            "closed": NOTHING,
        },
    }
    assert july["categories"]["closed"] == {
        "count": 1,
        "amount": "5000.00",
        "weighted_amount": "5000.00",
    }
    assert [(o["owner"], o["name"], o["weighted_amount"]) for o in body["owners"]] == [
        ("rep1", "rep1", "65000.00")
    ]
    assert [(t["team"], t["count"]) for t in body["teams"]] == [("Shanghai", 2)]
    assert body["total"]["weighted_amount"] == "65000.00"


def test_without_months_the_window_is_a_year_around_this_month(org, eight_step, api_client_for):
    body = api_client_for(org["rep1"]).get(URL).json()

    assert len(body["months"]) == 12


def test_a_manager_forecasts_their_reps_only(org, eight_step, make_deal, api_client_for):
    for rep in ("rep1", "rep2", "rep3"):
        make_deal(org[rep], expected_close_date=date(2030, 6, 15))

    body = api_client_for(org["manager1"]).get(URL, JUNE_JULY).json()

    assert sorted(o["owner"] for o in body["owners"]) == ["rep1", "rep2"]


def test_filters_and_process_narrow_it(org, eight_step, ten_step, make_deal, api_client_for):
    make_deal(org["rep1"], expected_close_date=date(2030, 6, 15))
    make_deal(org["rep3"], expected_close_date=date(2030, 6, 15), process=ten_step)
    client = api_client_for(org["director"])

    def count(**filters) -> int:
        return client.get(URL, {**JUNE_JULY, **filters}).json()["total"]["count"]

    assert count() == 2
    assert count(owner="rep3") == 1
    assert count(team="Shanghai") == 1
    assert count(process="ten_step") == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "June"}, "start"),
        ({"end": "2030-13"}, "end"),
        ({"process": "nope"}, "process"),
        ({"owner": "rep3"}, "owner"),
    ],
)
def test_bad_filters_are_a_422_naming_the_field(org, eight_step, api_client_for, query, field):
    response = api_client_for(org["rep1"]).get(URL, query)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]


def test_without_credentials_the_answer_is_401(client):
    assert client.get(URL).status_code == 401
