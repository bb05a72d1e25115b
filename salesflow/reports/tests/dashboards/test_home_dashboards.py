"""The home page's charts per role: which charts, what they draw, and where a click leads."""

import json
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from salesflow.pipeline.models import Stage
from salesflow.reports.dashboards import home_dashboard
from salesflow.reports.forms_analytics import this_month, this_quarter
from salesflow.users.models import User

HOME = reverse("home")


def charts(response) -> dict:
    return {chart.key: chart for chart in response.context["dashboard"]}


def figure_in_page(response, key: str) -> dict:
    """The figure as the browser receives it, from the page's json_script."""
    html = response.content.decode()
    start = html.index(f'<script id="dashboard-figure-{key}" type="application/json">')
    return json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlparse(url).query).items()}


@pytest.fixture
def team_deals(org, make_deal, win):
    """Open deals of rep1 (stages 1 and 3) and rep3 (stage 1); rep2 won ¥80,000 today."""
    make_deal(org["rep1"], name="Rep one early", amount=Decimal("40000"))
    make_deal(org["rep1"], name="Rep one later", stage=3, amount=Decimal("60000"))
    make_deal(org["rep3"], name="Rep three early", amount=Decimal("10000"))
    win(make_deal(org["rep2"], amount=Decimal("80000")))
    return org


def test_a_rep_sees_their_pipeline_and_their_week(
    team_deals, client_for, activity_at, make_account
):
    rep = team_deals["rep1"]
    activity_at(rep, make_account(rep), timezone.now(), kind="visit")

    response = client_for(rep).get(HOME)

    assert list(charts(response)) == ["my-pipeline", "my-week"]
    assert 'src="/static/vendor/plotly/plotly.min.js"' in response.content.decode()


def test_a_click_on_a_stage_of_my_pipeline_opens_my_open_deals_in_that_stage(
    team_deals, eight_step, client_for
):
    rep = team_deals["rep1"]
    client = client_for(rep)

    response = client.get(HOME)

    traces = figure_in_page(response, "my-pipeline")["data"]
    assert [trace["name"] for trace in traces] == ["Search", "In funnel", "Best"]
    search = traces[0]
    assert search["y"][0] == "1. Project initiation" and search["x"][0] == 40000.0
    stage_one = Stage.objects.get(process=eight_step, number=1)
    url = search["customdata"][0]
    assert url.startswith(reverse("pipeline:list"))
    assert query_of(url) == {"stage": str(stage_one.pk), "status": "open", "owner": str(rep.pk)}
    listed = client.get(url).content.decode()
    assert "Rep one early" in listed and "Rep one later" not in listed


def test_my_week_leads_to_that_days_activities_of_that_kind(
    org, client_for, activity_at, make_account
):
    rep = org["rep1"]
    activity_at(rep, make_account(rep), timezone.now(), kind="visit")

    response = client_for(rep).get(HOME)

    trace = figure_in_page(response, "my-week")["data"][0]
    assert trace["name"] == "Visit" and sum(trace["y"]) == 1
    url = next(link for link in trace["customdata"] if link)
    today = timezone.localdate().isoformat()
    assert url.startswith(reverse("activities:list"))
    assert query_of(url) == {
        "owner": str(rep.pk),
        "kind": "visit",
        "date_from": today,
        "date_to": today,
    }


def test_a_manager_sees_the_team_pipeline_revenue_by_rep_and_report_punctuality(
    team_deals, client_for, report_day
):
    report_day(team_deals["rep1"], timezone.localdate())

    response = client_for(team_deals["manager1"]).get(HOME)

    found = charts(response)
    assert list(found) == ["team-pipeline", "revenue-by-rep", "report-punctuality"]
    pipeline = figure_in_page(response, "team-pipeline")["data"]
    assert sum(sum(trace["x"]) for trace in pipeline) == 100000.0  # rep3's deal is not theirs
    assert all("owner" not in query_of(url) for url in pipeline[0]["customdata"])


def test_revenue_by_rep_leads_to_each_reps_scorecard_for_this_month(team_deals, client_for):
    response = client_for(team_deals["manager1"]).get(HOME)

    bars = figure_in_page(response, "revenue-by-rep")["data"][0]
    assert bars["x"][0] == "rep2" and bars["y"][0] == 80000.0
    month = this_month(timezone.localdate())
    assert bars["customdata"][0] == (
        f"{reverse('reports:scorecard_of', args=['rep2'])}"
        f"?start={month.start.isoformat()}&end={month.end.isoformat()}"
    )


def test_report_punctuality_leads_to_each_reps_daily_reports(team_deals, client_for, report_day):
    report_day(team_deals["rep1"], timezone.localdate())

    response = client_for(team_deals["manager1"]).get(HOME)

    traces = figure_in_page(response, "report-punctuality")["data"]
    assert [trace["name"] for trace in traces] == ["On time", "Late", "Missing"]
    assert traces[0]["x"] == ["rep1", "rep2"]
    url = traces[0]["customdata"][0]
    assert url.startswith(reverse("loop:reports"))
    assert query_of(url)["owner"] == str(team_deals["rep1"].pk)


def test_a_director_sees_the_company_funnel_revenue_by_team_and_the_win_rate_trend(
    team_deals, client_for
):
    response = client_for(team_deals["director"]).get(HOME)

    assert list(charts(response)) == ["company-pipeline", "revenue-by-team", "win-rate-trend"]
    funnel = figure_in_page(response, "company-pipeline")["data"]
    assert {trace["type"] for trace in funnel} == {"funnel"}
    assert sum(sum(trace["x"]) for trace in funnel) == 110000.0
    assert all(url.startswith(reverse("pipeline:list")) for url in funnel[0]["customdata"])


def test_revenue_by_team_leads_to_the_teams_leaderboard_for_the_quarter(team_deals, client_for):
    response = client_for(team_deals["director"]).get(HOME)

    bars = figure_in_page(response, "revenue-by-team")["data"]
    assert [(trace["name"], trace["x"], trace["y"]) for trace in bars] == [
        ("East", ["Shanghai"], [80000.0])
    ]
    quarter = this_quarter(timezone.localdate())
    assert query_of(bars[0]["customdata"][0]) == {
        "team": str(team_deals["team1"].pk),
        "start": quarter.start.isoformat(),
        "end": quarter.end.isoformat(),
    }


def test_the_win_rate_trend_leads_to_the_analytics_of_each_month(team_deals, client_for, lose):
    lose(team_deals["rep3"].opportunities.get(name="Rep three early"))

    response = client_for(team_deals["director"]).get(HOME)

    line = figure_in_page(response, "win-rate-trend")["data"][0]
    assert len(line["x"]) == 12
    assert line["y"][-1] == 50.0 and line["text"][-1] == "1 / 2"
    this = query_of(line["customdata"][-1])
    assert line["customdata"][-1].startswith(reverse("reports:analytics"))
    assert this["start"] == timezone.localdate().replace(day=1).isoformat()


def test_a_rep_with_nothing_yet_reads_empty_states_not_empty_charts(org, client_for):
    response = client_for(org["rep1"]).get(HOME)

    html = response.content.decode()
    assert "No open opportunities." in html
    assert "No activities logged this week yet." in html
    assert "dashboard-figure-" not in html


def test_every_drawn_chart_is_marked_clickable(team_deals, client_for):
    html = client_for(team_deals["director"]).get(HOME).content.decode()

    assert html.count("data-clickable") == 3


@pytest.mark.parametrize(("role", "queries"), [("rep1", 3), ("manager1", 7), ("director", 3)])
def test_each_role_dashboard_runs_a_constant_number_of_queries(
    org, make_deal, lose, django_assert_num_queries, role, queries
):
    """One query per chart (a rep's and a manager's also read the accounts they see, and a
    manager's who reports to them); the home page's own bound is pinned in
    core/tests/views/test_home.py."""
    yesterday = timezone.now() - timedelta(days=1)

    def deals(count: int) -> None:
        for n in range(count):
            deal = make_deal(org["rep1"] if n % 2 else org["rep2"])
            if n % 3 == 0:
                lose(deal, at=yesterday)

    deals(5)
    reader = User.objects.get(pk=org[role].pk)
    with django_assert_num_queries(queries):
        home_dashboard(reader)
    deals(45)
    reader = User.objects.get(pk=org[role].pk)
    with django_assert_num_queries(queries):
        home_dashboard(reader)
