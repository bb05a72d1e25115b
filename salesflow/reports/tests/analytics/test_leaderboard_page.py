"""The leaderboard page: the ranking, links into scorecards, the XLSX export, constant queries."""

import io
import json
from datetime import date
from decimal import Decimal

import openpyxl
from django.urls import reverse

from salesflow.reports.tests.closing import local
from salesflow.users.models import Role

LEADERBOARD = reverse("reports:leaderboard")
MARCH = {"start": "2024-03-01", "end": "2024-03-31"}


def test_the_table_ranks_people_and_links_each_to_their_scorecard(org, make_deal, win, client_for):
    win(make_deal(org["rep2"], amount=Decimal("70000")), at=local(date(2024, 3, 5)))

    response = client_for(org["manager1"]).get(LEADERBOARD, MARCH)

    html = response.content.decode()
    assert html.index('data-person="rep2"') < html.index('data-person="rep1"')
    assert 'data-person="rep3"' not in html
    scorecard = reverse("reports:scorecard_of", args=["rep2"])
    assert f'href="{scorecard}?start=2024-03-01&amp;end=2024-03-31"' in html


def test_a_click_on_a_bar_opens_that_persons_scorecard_for_the_period(
    org, make_deal, win, client_for
):
    win(make_deal(org["rep1"], amount=Decimal("70000")), at=local(date(2024, 3, 5)))

    response = client_for(org["manager1"]).get(LEADERBOARD, MARCH)

    html = response.content.decode()
    start = html.index('<script id="leaderboard-figure" type="application/json">')
    trace = json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])["data"][0]
    assert trace["y"] == [70000.0, 0.0]
    assert trace["customdata"][0] == (
        f"{reverse('reports:scorecard_of', args=['rep1'])}?start=2024-03-01&end=2024-03-31"
    )


def test_the_xlsx_export_keeps_the_filters_and_numbers(org, make_deal, win, client_for):
    win(make_deal(org["rep1"], amount=Decimal("70000")), at=local(date(2024, 3, 5)))
    win(make_deal(org["rep3"], amount=Decimal("90000")), at=local(date(2024, 3, 5)))

    response = client_for(org["director"]).get(
        LEADERBOARD, MARCH | {"team": org["team1"].pk, "format": "xlsx"}
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Rank" and sheet["E1"].value == "Revenue won (¥)"
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["rep1", "rep2"]
    assert sheet["E2"].value == 70000 and sheet["E2"].data_type == "n"
    assert sheet["F2"].value == 1


def test_the_page_runs_a_constant_number_of_queries(
    org, make_user, client_for, django_assert_max_num_queries
):
    client = client_for(org["director"])
    for _ in range(2):
        make_user(Role.REP, supervisor=org["manager1"], team=org["team1"])
    with django_assert_max_num_queries(8):
        client.get(LEADERBOARD, MARCH)
    for _ in range(47):
        make_user(Role.REP, supervisor=org["manager1"], team=org["team1"])
    with django_assert_max_num_queries(8):
        assert client.get(LEADERBOARD, MARCH).status_code == 200
