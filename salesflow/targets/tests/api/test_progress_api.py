"""/api/v1/reports/progress: target, actual, achievement, elapsed, gap and projected for a holder
and period."""

from datetime import date

from django.utils import timezone

from salesflow.targets.tests.conftest import shanghai

URL = "/api/v1/reports/progress"


def test_progress_of_a_finished_month_worked_out_by_hand(org, set_target, won, api_client_for):
    won(org["rep1"], 45_000, cost=20_000, at=shanghai(2026, 3, 31, 23, 30))
    won(org["rep2"], 15_000, at=shanghai(2026, 3, 2, 9))
    set_target(org["team1"], "2026-03", 80_000)

    response = api_client_for(org["manager1"]).get(
        URL, {"holder": "Shanghai", "period": "2026-03", "metric": "revenue"}
    )

    assert response.status_code == 200
    assert response.json() | {"target_id": None} == {
        "holder": "Shanghai",
        "holder_kind": "team",
        "period": "2026-03",
        "metric": "revenue",
        "target": "80000.00",
        "target_id": None,
        "actual": "60000.00",
        "achievement": "75.0",
        "elapsed": "100.0",
        "gap": "20000.00",
        "projected": "60000.00",
        "uncosted": 0,
    }


def test_a_gross_margin_says_how_many_won_deals_have_no_cost(org, won, api_client_for):
    won(org["rep1"], 45_000, cost=20_000, at=shanghai(2026, 3, 10, 9))
    won(org["rep1"], 15_000, at=shanghai(2026, 3, 2, 9))

    body = (
        api_client_for(org["rep1"])
        .get(URL, {"holder": "rep1", "period": "2026-Q1", "metric": "gross_margin"})
        .json()
    )

    assert (body["actual"], body["uncosted"], body["target"], body["achievement"]) == (
        "25000.00",
        1,
        None,
        None,
    )


def test_a_period_not_started_projects_zero(org, set_target, api_client_for):
    later = str(timezone.localdate().year + 1)
    set_target("company", later, 1_000_000)

    body = api_client_for(org["director"]).get(URL, {"holder": "company", "period": later}).json()

    assert (body["elapsed"], body["projected"], body["actual"]) == ("0.0", "0.00", "0.00")


def test_collections_count_payments_received(org, won, pay, api_client_for):
    deal = won(org["rep1"], 100_000, at=shanghai(2026, 1, 20, 9))
    pay(deal, 30_000, on=date(2026, 2, 28))

    body = (
        api_client_for(org["rep1"])
        .get(URL, {"holder": "rep1", "period": "2026-02", "metric": "collections"})
        .json()
    )

    assert body["actual"] == "30000.00"


def test_a_rep_does_not_read_the_companys_progress(org, api_client_for):
    response = api_client_for(org["rep1"]).get(URL, {"holder": "company", "period": "2026"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "holder"


def test_bad_input_answers_422_naming_the_field(org, api_client_for):
    client = api_client_for(org["director"])

    assert (
        client.get(URL, {"holder": "company", "period": "2026-13"}).json()["detail"][0]["field"]
        == "period"
    )
    assert (
        client.get(URL, {"holder": "company", "period": "2026", "metric": "x"}).json()["detail"][0][
            "field"
        ]
        == "metric"
    )
    assert client.get(URL, {"period": "2026"}).json()["detail"][0]["field"] == "holder"
