"""GET /api/v1/reports/call-funnel: the call arithmetic of one rep or team over a span."""

from decimal import Decimal

from salesflow.activities.models import ActivityKind
from salesflow.reports.tests.management_fixtures import at

URL = "/api/v1/reports/call-funnel"
MARCH = {"start": "2025-03-01", "end": "2025-03-31"}


def test_the_call_funnel_answers_every_figure_of_the_contract(
    org, make_account, log, won, api_client_for
):
    rep = org["rep1"]
    account = make_account(rep)
    log(rep, ActivityKind.CALL, account, at(2025, 3, 3), minutes=30, connected=True)
    log(rep, ActivityKind.CALL, account, at(2025, 3, 3), minutes=30, connected=False)
    log(rep, ActivityKind.CALL, account, at(2025, 3, 4), connected=True, appointment_set=True)
    log(rep, ActivityKind.CALL, account, at(2025, 3, 4), connected=True)
    log(rep, ActivityKind.PRESENTATION, account, at(2025, 3, 10), minutes=60)
    won(rep, 8000, at(2025, 3, 12))

    response = api_client_for(rep).get(URL, {"owner": "rep1", **MARCH})

    assert response.status_code == 200, response.content
    body = response.json()
    assert {key: body[key] for key in ("calls", "connected", "appointments", "presentations")} == {
        "calls": 4,
        "connected": 3,
        "appointments": 1,
        "presentations": 1,
    }
    assert (body["sales"], body["revenue"]) == (1, "8000.00")
    assert body["revenue_per_call"] == "2000.00"
    assert body["commission_per_call"] == "100.00"
    assert body["revenue_per_hour"] == "4000.00"  # two hours logged
    assert body["conversion"] == {
        "connected": "75.0",
        "appointments": "33.3",
        "presentations": "100.0",
        "sales": "100.0",
    }
    assert (body["start"], body["end"], body["owner"]) == ("2025-03-01", "2025-03-31", "rep1")


def test_the_commission_rate_is_a_fraction(org, make_account, log, won, api_client_for):
    rep = org["rep1"]
    log(rep, ActivityKind.CALL, make_account(rep), at(2025, 3, 3), connected=True)
    won(rep, 1000, at(2025, 3, 4))

    body = api_client_for(rep).get(URL, {**MARCH, "commission_rate": "0.1"}).json()

    assert (body["commission_rate"], body["commission_per_call"]) == ("0.1", "100.00")


def test_without_calls_the_ratios_are_null(org, api_client_for):
    body = api_client_for(org["rep1"]).get(URL, MARCH).json()

    assert body["calls"] == 0
    assert body["revenue_per_call"] is None and body["revenue_per_hour"] is None


def test_someone_the_caller_cannot_see_reads_like_nobody(org, api_client_for):
    response = api_client_for(org["manager1"]).get(URL, {"owner": "rep3", **MARCH})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "owner"


def test_a_bad_date_or_rate_is_refused_naming_the_field(org, api_client_for):
    client = api_client_for(org["rep1"])

    assert client.get(URL, {"start": "2025-13-01"}).status_code == 422
    response = client.get(URL, {"commission_rate": "5"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "commission_rate"


def test_signing_in_is_required(db, client):
    assert client.get(URL).status_code == 401


def test_a_team_is_named_by_its_name(org, make_account, log, api_client_for):
    for name in ("rep1", "rep2", "rep3"):
        rep = org[name]
        log(rep, ActivityKind.CALL, make_account(rep), at(2025, 3, 3), connected=True)

    body = api_client_for(org["director"]).get(URL, {"team": "Shanghai", **MARCH}).json()

    assert body["calls"] == 2
    assert Decimal(body["commission_rate"]) == Decimal("0.05")


def test_a_span_of_more_than_three_years_is_refused(org, api_client_for):
    response = api_client_for(org["rep1"]).get(URL, {"start": "2020-01-01", "end": "2025-01-01"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "end"


def test_days_given_the_wrong_way_round_are_put_in_order(org, api_client_for):
    body = api_client_for(org["rep1"]).get(URL, {"start": "2025-03-31", "end": "2025-03-01"}).json()

    assert (body["start"], body["end"]) == ("2025-03-01", "2025-03-31")
