"""The call arithmetic page: the funnel chart, the table next to the example of §8, exports."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from salesflow.activities.models import ActivityKind
from salesflow.reports.tests.management_fixtures import at

PAGE = reverse("reports:call_funnel")
MARCH = {"start": "2025-03-01", "end": "2025-03-31"}


def figure(html: str) -> dict:
    start = html.index('<script id="call-funnel-figure" type="application/json">')
    return json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])


@pytest.fixture
def worked_march(org, make_account, log, won):
    rep = org["rep1"]
    account = make_account(rep)
    for day in (3, 4, 5, 6):
        log(rep, ActivityKind.CALL, account, at(2025, 3, day), minutes=15, connected=day != 6)
    log(rep, ActivityKind.CALL, account, at(2025, 3, 7), connected=True, appointment_set=True)
    log(rep, ActivityKind.PRESENTATION, account, at(2025, 3, 12), minutes=45)
    won(rep, 3000, at(2025, 3, 20))
    return rep


def test_signing_in_is_required(client):
    assert client.get(PAGE).status_code == 302


def test_the_page_shows_the_funnel_and_what_a_call_is_worth(worked_march, client_for):
    response = client_for(worked_march).get(PAGE, MARCH)

    html = response.content.decode()
    steps = figure(html)["data"][0]
    assert steps["type"] == "funnel"
    assert steps["x"] == [5, 4, 1, 1, 1]
    assert steps["y"] == ["Calls", "Connected", "Appointments", "Presentations", "Sales"]
    assert "¥600.00" in html  # 3,000 over 5 calls
    assert "¥30.00" in html  # 5% of it
    table = html.split('id="call-funnel-table"', 1)[1]
    assert "80.0%" in table and "25.0%" in table  # connected / calls, appointments / connected
    assert "20,000" in table and "200.00" in table and "10.00" in table  # the §8 example


def test_a_commission_of_ten_percent_doubles_the_commission_per_call(worked_march, client_for):
    html = client_for(worked_march).get(PAGE, {**MARCH, "commission": "10"}).content.decode()

    assert "Commission per call at 10%" in html
    assert "¥60.00" in html


def test_without_calls_the_page_says_so_and_draws_nothing(org, client_for):
    html = client_for(org["rep1"]).get(PAGE, MARCH).content.decode()

    assert "No calls were logged in this period." in html
    assert 'id="call-funnel-figure"' not in html


def test_the_page_reads_in_chinese(worked_march, client_for):
    client = client_for(worked_march)
    client.cookies["django_language"] = "zh-hans"

    html = client.get(PAGE, MARCH).content.decode()

    assert '<html lang="zh-hans">' in html


def test_the_export_opens_in_a_spreadsheet_with_both_columns(worked_march, client_for):
    response = client_for(worked_march).get(PAGE, {**MARCH, "format": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert rows["Calls"] == (5, 100)
    assert rows["Revenue per call (¥)"] == (600, 200)
    assert rows["Commission per call at 5% (¥)"] == (30, 10)


def test_the_csv_export_keeps_the_filters(worked_march, client_for):
    response = client_for(worked_march).get(PAGE, {**MARCH, "format": "csv"})

    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[1] == "Calls,5,100"
    assert "2025-03-01-2025-03-31" in response["Content-Disposition"]


@pytest.mark.parametrize("reps", [5, 50])
def test_query_count_does_not_grow_with_the_work(
    org, make_account, log, won, client_for, django_assert_max_num_queries, reps
):
    for n in range(reps):
        rep = org["rep1"] if n % 2 else org["rep2"]
        log(rep, ActivityKind.CALL, make_account(rep), at(2025, 3, 3), connected=True)
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(9):
        response = client.get(PAGE, MARCH)

    assert response.context["report"].calls == reps
