"""The weekly report page: choosing the team or region and week, the sections a manager reads,
the plan form, printing and exports."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from salesflow.activities.models import ActivityKind, DailyReport, ReportStatus
from salesflow.reports.models import WeeklyPlan
from salesflow.reports.services_weekly import weekly_plan_save
from salesflow.reports.spans import parse_week, week_of
from salesflow.reports.tests.management_fixtures import at

PAGE = reverse("reports:weekly")
PLAN = reverse("reports:weekly_plan")
W10 = parse_week("2025-W10")


@pytest.fixture
def week_of_work(org, make_account, log, won, pay):
    rep = org["rep1"]
    account = make_account(rep, name="Acme Steel")
    deal = won(rep, 48000, at(2025, 3, 5), account=account)
    pay(deal, 12000, date(2025, 3, 7))
    log(rep, ActivityKind.VISIT, account, at(2025, 3, 4))
    log(rep, ActivityKind.VISIT, make_account(rep), at(2025, 3, 6))
    DailyReport.objects.create(
        owner=rep, date=date(2025, 3, 3), status=ReportStatus.SIGNED, on_time=True
    )
    return org


def team1(org) -> dict:
    return {"holder": f"team:{org['team1'].pk}", "week": "2025-W10"}


def test_signing_in_is_required(client):
    assert client.get(PAGE).status_code == 302


def test_the_manager_reads_the_week_of_their_team(week_of_work, client_for):
    org = week_of_work

    response = client_for(org["manager1"]).get(PAGE, team1(org))

    html = response.content.decode()
    assert "Weekly report · Shanghai" in html
    assert "Week 2025-W10: March 3, 2025 – March 9, 2025" in html
    stats = html.split('class="stats weekly-stats"', 1)[1].split("</section>", 1)[0]
    assert "¥48,000" in stats and "¥12,000" in stats and "¥24,000" in stats  # two reps
    assert "50.0%" in stats  # one visit of two led to the deal
    punctuality = html.split('id="punctuality"', 1)[1].split("</table>", 1)[0]
    assert 'data-rep="rep1"' in punctuality and 'data-rep="rep2"' in punctuality
    assert 'rel="prev"' in html and "week=2025-W09" in html and "week=2025-W11" in html


def test_without_a_choice_the_page_shows_the_readers_team_this_week(org, client_for):
    response = client_for(org["manager2"]).get(PAGE)

    assert response.context["holder"] == org["team2"]
    assert response.context["week"] == week_of(timezone.localdate())


def test_the_choice_lists_only_teams_and_regions_the_reader_may_see(org, client_for):
    response = client_for(org["manager2"]).get(PAGE, team1(org))

    html = response.content.decode()
    assert response.context["holder"] == org["team2"]  # Shanghai is not theirs to read
    assert f'value="team:{org["team1"].pk}"' not in html
    assert f'value="region:{org["region"].pk}"' not in html


def test_a_director_reads_a_region(week_of_work, client_for):
    org = week_of_work

    response = client_for(org["director"]).get(
        PAGE, {"holder": f"region:{org['region'].pk}", "week": "2025-W10"}
    )

    assert response.context["report"].revenue == 48000
    assert "Weekly report · East" in response.content.decode()


def test_the_manager_writes_next_weeks_plan_from_the_page(org, client_for):
    client = client_for(org["manager1"])
    form = client.get(PAGE, team1(org)).content.decode()
    assert 'action="/reports/weekly/plan/"' in form

    response = client.post(PLAN, {**team1(org), "text": "Close Acme Steel; 10 A-tier visits."})

    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?week=2025-W10&holder=team%3A{org['team1'].pk}"
    plan = WeeklyPlan.objects.get()
    assert (plan.team, plan.week) == (org["team1"], "2025-W10")
    html = client.get(response["Location"]).content.decode()
    assert "Close Acme Steel; 10 A-tier visits." in html
    assert "Next week&#x27;s plan is saved." in html


def test_a_rep_reads_the_plan_but_has_no_form(org, client_for):
    weekly_plan_save(acting_user=org["manager1"], holder=org["team1"], week=W10, text="Push Q1")

    html = client_for(org["rep1"]).get(PAGE, team1(org)).content.decode()

    assert "Push Q1" in html
    assert 'action="/reports/weekly/plan/"' not in html


def test_a_rep_posting_a_plan_is_refused(org, client_for):
    response = client_for(org["rep1"]).post(PLAN, {**team1(org), "text": "mine"}, follow=True)

    assert not WeeklyPlan.objects.exists()
    assert (
        "Only the team&#x27;s manager or a director writes the plan." in response.content.decode()
    )


def test_the_page_prints_without_filters_or_forms(org, client_for):
    html = client_for(org["manager1"]).get(PAGE, team1(org)).content.decode()

    assert 'onclick="window.print()"' in html
    assert 'class="card toolbar filters no-print"' in html
    assert 'class="no-print plan-editor"' in html


def test_the_export_opens_in_a_spreadsheet(week_of_work, client_for):
    org = week_of_work
    weekly_plan_save(acting_user=org["manager1"], holder=org["team1"], week=W10, text="Push Q1")

    response = client_for(org["manager1"]).get(PAGE, {**team1(org), "format": "xlsx"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.active.title == "Weekly report 2025-W10"
    rows = {(row[0], row[1]): row[2] for row in workbook.active.iter_rows(values_only=True)}
    assert rows[("Summary", "Revenue won (¥)")] == 48000
    assert rows[("Summary", "Collections (¥)")] == 12000
    assert rows[("Summary", "Effective visit rate (%)")] == 50
    assert rows[("Report punctuality: rep1", "On time")] == 1
    assert rows[("Next week's targets and plan", None)] == "Push Q1"


def test_the_csv_export_opens_in_excel_with_chinese_names(week_of_work, client_for):
    org = week_of_work
    client = client_for(org["manager1"])
    client.cookies["django_language"] = "zh-hans"

    response = client.get(PAGE, {**team1(org), "format": "csv"})

    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "weekly-report-Shanghai-2025-W10.csv" in response["Content-Disposition"]


@pytest.mark.parametrize("deals", [5, 50])
def test_query_count_does_not_grow_with_the_week(
    org, make_account, log, won, client_for, django_assert_max_num_queries, deals
):
    for n in range(deals):
        rep = org["rep1"] if n % 2 else org["rep2"]
        account = make_account(rep)
        won(rep, 1000, at(2025, 3, 4), account=account)
        log(rep, ActivityKind.VISIT, account, at(2025, 3, 5))
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(17):
        response = client.get(PAGE, team1(org))

    assert response.context["report"].deals_won == deals
