"""GET /api/v1/opportunities: only visible opportunities, filters, pages, constant queries."""

from datetime import date

import pytest

from salesflow.pipeline.models import SalesProcess
from salesflow.pipeline.services import opportunity_close

URL = "/api/v1/opportunities"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [o["name"] for o in response.json()["items"]]


@pytest.fixture
def per_rep(org, make_opportunity):
    return {
        rep: make_opportunity(org[rep], name=f"{rep}'s deal") for rep in ("rep1", "rep2", "rep3")
    }


def test_a_rep_lists_only_their_own_opportunities(org, per_rep, api_client_for):
    response = api_client_for(org["rep1"]).get(URL)

    assert names(response) == ["rep1's deal"]
    assert response.json()["count"] == 1


def test_the_manager_of_both_reps_lists_both(org, per_rep, api_client_for):
    assert sorted(names(api_client_for(org["manager1"]).get(URL))) == ["rep1's deal", "rep2's deal"]


def test_a_director_lists_every_opportunity(org, per_rep, api_client_for):
    assert len(names(api_client_for(org["director"]).get(URL))) == 3


def test_an_opportunity_is_listed_with_every_public_field(org, make_opportunity, api_client_for):
    make_opportunity(org["rep1"], name="Boiler retrofit", amount=1000, cost=600, source="referral")

    item = api_client_for(org["rep1"]).get(URL).json()["items"][0]

    assert {
        "id", "account", "name", "amount", "cost", "expected_close_date", "owner", "process",
        "stage", "status", "source", "project_type", "our_position", "decision_cycle_state",
        "forecast_category", "probability", "weighted_amount", "gross_margin", "qualification",
        "days_in_stage", "version", "created_at", "updated_at",
    } <= set(item)  # fmt: skip
    assert item["stage"] == {"number": 1, "name": "Project initiation", "funnel_state": "search"}
    assert (item["owner"], item["process"], item["status"]) == ("rep1", "eight_step", "open")
    assert (item["amount"], item["weighted_amount"], item["gross_margin"]) == (
        "1000.00",
        "100.00",
        "400.00",
    )
    assert (item["probability"], item["days_in_stage"], item["source"]) == (10, 0, "referral")
    assert item["qualification"]["score"] == 0


def test_pages_are_cut_by_limit_and_offset_and_carry_the_total(
    org, make_opportunity, api_client_for
):
    for day in range(1, 6):
        make_opportunity(org["rep1"], name=f"Deal {day}", expected_close_date=date(2030, 1, day))

    body = api_client_for(org["rep1"]).get(URL, {"limit": 2, "offset": 2}).json()

    assert (body["count"], body["limit"], body["offset"]) == (5, 2, 2)
    assert [o["name"] for o in body["items"]] == ["Deal 3", "Deal 4"]


@pytest.fixture
def varied(org, make_account, make_opportunity, ten_step):
    plant = make_account(org["rep1"], name="Steel Plant")
    make_opportunity(
        org["rep1"], account=plant, name="Boiler", expected_close_date=date(2030, 1, 15)
    )
    make_opportunity(org["rep1"], name="Turbine", stage=3, expected_close_date=date(2030, 3, 15))
    make_opportunity(
        org["rep2"],
        name="Pumps",
        process=ten_step,
        expected_close_date=date(2030, 5, 15),
    )
    lost = make_opportunity(org["rep2"], name="Valves", expected_close_date=date(2030, 7, 15))
    opportunity_close(opportunity=lost, acting_user=org["rep2"], result="lost", reason="Price")
    return plant


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "steel"}, ["Boiler"]),
        ({"q": "turb"}, ["Turbine"]),
        ({"status": "lost"}, ["Valves"]),
        ({"status": "open"}, ["Boiler", "Turbine", "Pumps"]),
        ({"owner": "rep2"}, ["Pumps", "Valves"]),
        ({"owner": "nobody"}, []),
        ({"process": "ten_step"}, ["Pumps"]),
        ({"stage": 3}, ["Turbine"]),
        ({"stage": 1, "process": "eight_step"}, ["Boiler", "Valves"]),
        ({"funnel_state": "in_funnel"}, ["Turbine"]),
        ({"funnel_state": "search"}, ["Boiler", "Pumps", "Valves"]),
        ({"close_from": "2030-03-01"}, ["Turbine", "Pumps", "Valves"]),
        ({"close_to": "2030-03-15"}, ["Boiler", "Turbine"]),
        ({"close_from": "2030-02-01", "close_to": "2030-06-01"}, ["Turbine", "Pumps"]),
    ],
)
def test_each_filter_narrows_the_list(org, varied, api_client_for, params, expected):
    assert names(api_client_for(org["manager1"]).get(URL, params)) == expected


def test_the_account_filter_lists_that_accounts_opportunities(org, varied, api_client_for):
    assert names(api_client_for(org["manager1"]).get(URL, {"account": varied.pk})) == ["Boiler"]


def test_the_process_filter_takes_an_id_too(org, varied, api_client_for):
    ten = SalesProcess.objects.get(key="ten_step")

    assert names(api_client_for(org["manager1"]).get(URL, {"process": ten.pk})) == ["Pumps"]


def test_filtering_by_another_reps_username_shows_nothing_of_theirs(org, varied, api_client_for):
    assert names(api_client_for(org["rep1"]).get(URL, {"owner": "rep2"})) == []


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "pending"}, "status"), ({"funnel_state": "hot"}, "funnel_state")],
)
def test_a_bad_filter_value_is_a_422_naming_the_field(org, api_client_for, params, field):
    response = api_client_for(org["rep1"]).get(URL, params)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == field
    assert error["message"].startswith("Choose one of:")


def test_a_bad_date_is_a_422_naming_the_field(org, api_client_for):
    response = api_client_for(org["rep1"]).get(URL, {"close_from": "next spring"})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["close_from"]


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_takes_a_constant_number_of_queries(
    org, make_account, make_opportunity, api_client_for, django_assert_max_num_queries, rows
):
    accounts = {rep: make_account(org[rep]) for rep in ("rep1", "rep2")}
    for n in range(rows):
        rep = "rep1" if n % 2 else "rep2"
        make_opportunity(org[rep], account=accounts[rep], amount=100 * n, cost=50 * n)
    client = api_client_for(org["manager1"])

    with django_assert_max_num_queries(6):
        response = client.get(URL, {"limit": 100})

    assert response.json()["count"] == rows
    assert len(response.json()["items"]) == rows
