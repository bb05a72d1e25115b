"""GET /api/v1/reports/pareto: one row per group with its shares as percentages."""

from salesflow.activities.models import ActivityKind
from salesflow.reports.tests.management_fixtures import at

URL = "/api/v1/reports/pareto"
YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


def test_one_row_per_group_with_shares_as_percentages(org, make_account, log, won, api_client_for):
    rep = org["rep1"]
    for n in range(10):
        account = make_account(rep)
        if n == 0:
            won(rep, 19000, at(2025, 3, 1), cost=10000, account=account)
        elif n < 4:
            won(rep, 3000, at(2025, 3, 1), cost=2000, account=account)
        log(rep, ActivityKind.VISIT, account, at(2025, 2, 1), minutes=60 if n else 120)

    response = api_client_for(rep).get(URL, YEAR)

    assert response.status_code == 200, response.content
    assert response.json() == [
        {
            "group": 1,
            "cut": 10,
            "customers": 1,
            "share_of_customers": "10.0",
            "share_of_time": "18.2",
            "share_of_margin": "75.0",
            "margin": "9000.00",
            "hours": "2.00",
        },
        {
            "group": 2,
            "cut": 30,
            "customers": 3,
            "share_of_customers": "30.0",
            "share_of_time": "27.3",
            "share_of_margin": "25.0",
            "margin": "3000.00",
            "hours": "3.00",
        },
        {
            "group": 3,
            "cut": 60,
            "customers": 6,
            "share_of_customers": "60.0",
            "share_of_time": "54.5",
            "share_of_margin": "0.0",
            "margin": "0.00",
            "hours": "6.00",
        },
    ]


def test_cuts_choose_the_groups(org, make_account, log, api_client_for):
    rep = org["rep1"]
    for _ in range(4):
        log(rep, ActivityKind.VISIT, make_account(rep), at(2025, 2, 1), minutes=30)

    body = api_client_for(rep).get(URL, {**YEAR, "cuts": "50,50"}).json()

    assert [(row["cut"], row["customers"]) for row in body] == [(50, 2), (50, 2)]
    assert body[0]["share_of_margin"] is None  # no margin to share


def test_cuts_that_do_not_add_up_are_refused(org, api_client_for):
    response = api_client_for(org["rep1"]).get(URL, {"cuts": "10,30"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "cuts"


def test_a_region_the_caller_cannot_see_reads_like_none(org, api_client_for):
    response = api_client_for(org["manager2"]).get(URL, {"region": "East"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "region"


def test_a_rep_ranks_only_their_own_customers(org, make_account, won, api_client_for):
    won(org["rep1"], 5000, at(2025, 3, 1), cost=1000)
    won(org["rep2"], 9000, at(2025, 3, 1), cost=1000)

    body = api_client_for(org["rep1"]).get(URL, {**YEAR, "cuts": "50,50"}).json()

    assert [row["margin"] for row in body] == ["4000.00", "0.00"]
