"""GET /api/v1/reports/weekly: the weekly report of a team or region for an ISO week."""

from datetime import date

from salesflow.activities.models import ActivityKind, DailyReport, ReportStatus
from salesflow.reports.services_weekly import weekly_plan_save
from salesflow.reports.spans import parse_week
from salesflow.reports.tests.management_fixtures import at

URL = "/api/v1/reports/weekly"


def test_the_weekly_report_of_a_team(org, make_account, log, won, pay, api_client_for):
    rep = org["rep1"]
    account = make_account(rep)
    pay(won(rep, 48000, at(2025, 3, 5), account=account), 12000, date(2025, 3, 7))
    log(rep, ActivityKind.VISIT, account, at(2025, 3, 4))
    log(rep, ActivityKind.VISIT, make_account(rep), at(2025, 3, 6))
    DailyReport.objects.create(
        owner=rep, date=date(2025, 3, 3), status=ReportStatus.SIGNED, on_time=True
    )
    weekly_plan_save(
        acting_user=org["manager1"], holder=org["team1"], week=parse_week("2025-W10"), text="Go"
    )

    response = api_client_for(org["manager1"]).get(URL, {"team": "Shanghai", "week": "2025-W10"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["week"], body["start"], body["end"]) == ("2025-W10", "2025-03-03", "2025-03-09")
    assert (body["team"], body["region"]) == ("Shanghai", None)
    assert (body["revenue"], body["deals_won"], body["new_customers"]) == ("48000.00", 1, 1)
    assert body["collections"] == "12000.00"
    assert (body["visits"], body["effective_visits"], body["effective_visit_rate"]) == (
        2,
        1,
        "50.0",
    )
    assert (body["deal_visits"], body["deal_rate"]) == (1, "50.0")
    assert (body["reps"], body["average_sales_per_rep"]) == (2, "24000.00")
    assert body["punctuality"][0] == {
        "rep": "rep1",
        "name": "rep1",
        "working_days": 5,
        "submitted": 1,
        "on_time": 1,
        "late": 0,
        "missing": 4,
    }
    assert body["plan"] == "Go"
    assert body["targets"] == [] and body["competitor_moves"] == []


def test_without_a_team_the_callers_own_team_this_week(org, api_client_for):
    body = api_client_for(org["rep3"]).get(URL).json()

    assert body["team"] == "Beijing"


def test_a_region_by_name(org, api_client_for):
    body = api_client_for(org["director"]).get(URL, {"region": "East", "week": "2025-W10"}).json()

    assert (body["team"], body["region"], body["reps"]) == (None, "East", 2)


def test_a_team_the_caller_cannot_see_reads_like_none(org, api_client_for):
    response = api_client_for(org["manager2"]).get(URL, {"team": "Shanghai"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "team"


def test_a_week_that_is_not_an_iso_week_is_refused(org, api_client_for):
    client = api_client_for(org["manager1"])

    assert client.get(URL, {"team": "Shanghai", "week": "2025-10"}).status_code == 422
    response = client.get(URL, {"team": "Shanghai", "week": "2025-W60"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "week"


def test_a_director_without_a_team_must_name_one(org, api_client_for):
    response = api_client_for(org["director"]).get(URL)

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "team"
