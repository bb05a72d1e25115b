"""The key-account page: the user's table and chart next to the bank of §3, exports."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from salesflow.activities.models import ActivityKind
from salesflow.reports.tests.management_fixtures import at

PAGE = reverse("reports:pareto")
YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


def figure(html: str) -> dict:
    start = html.index('<script id="pareto-figure" type="application/json">')
    return json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])


@pytest.fixture
def ten_customers(org, make_account, log, won):
    """One customer brings ¥9,000 of margin, three bring ¥1,000 each, six only take time."""
    rep = org["rep1"]
    for n in range(10):
        account = make_account(rep)
        if n == 0:
            won(rep, 19000, at(2025, 3, 1), cost=10000, account=account)
        elif n < 4:
            won(rep, 3000, at(2025, 3, 1), cost=2000, account=account)
        log(rep, ActivityKind.VISIT, account, at(2025, 2, 1), minutes=60)
    return rep


def test_signing_in_is_required(client):
    assert client.get(PAGE).status_code == 302


def test_the_table_shows_each_group_next_to_the_bank(ten_customers, client_for):
    html = client_for(ten_customers).get(PAGE, YEAR).content.decode()

    table = html.split('id="pareto-table"', 1)[1].split("</table>", 1)[0]
    top = table.split('data-group="1"', 1)[1].split("</tr>", 1)[0]
    assert "Top 10%" in top and "75%" in top and "10%" in top  # 9,000 of 12,000
    last = table.split('data-group="3"', 1)[1].split("</tr>", 1)[0]
    assert "Last 60%" in last and "0%" in last
    bank = html.split('id="bank-table"', 1)[1].split("</table>", 1)[0]
    assert "93%" in bank and "-10%" in bank and "54%" in bank


def test_the_chart_draws_three_shares_per_group(ten_customers, client_for):
    data = figure(client_for(ten_customers).get(PAGE, YEAR).content.decode())

    assert [trace["name"] for trace in data["data"]] == [
        "Share of customers",
        "Share of selling time",
        "Share of gross margin",
    ]
    assert data["data"][0]["x"] == ["Top 10%", "Next 30%", "Last 60%"]
    assert data["data"][2]["y"] == [75.0, 25.0, 0.0]
    assert data["data"][1]["y"] == [10.0, 30.0, 60.0]


def test_a_custom_cut_regroups_the_customers(ten_customers, client_for):
    response = client_for(ten_customers).get(PAGE, {**YEAR, "cuts": "40,60"})

    groups = response.context["report"].groups
    assert [(g.label, g.customers) for g in groups] == [("Top 40%", 4), ("Last 60%", 6)]


def test_a_cut_that_does_not_add_up_is_explained_and_the_default_used(ten_customers, client_for):
    response = client_for(ten_customers).get(PAGE, {**YEAR, "cuts": "10,20"})

    assert "add up to 100%" in response.content.decode()
    assert response.context["report"].cuts == (10, 30, 60)


def test_deals_without_a_cost_are_pointed_out(org, won, client_for):
    won(org["rep1"], 5000, at(2025, 3, 1))

    html = client_for(org["rep1"]).get(PAGE, YEAR).content.decode()

    assert "1 won deal has no cost recorded" in html


def test_the_export_opens_in_a_spreadsheet(ten_customers, client_for):
    response = client_for(ten_customers).get(PAGE, {**YEAR, "format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Group", "Customers", "Share of customers (%)")
    assert rows[1][:2] == ("Top 10%", 1)
    assert rows[1][6] == 75
    assert rows[4][:2] == ("Total", 10)
    assert rows[5][0] == "The bank of §3: Top 10%" and rows[5][6] == 93


@pytest.mark.parametrize("accounts", [5, 50])
def test_query_count_does_not_grow_with_the_customers(
    org, make_account, log, won, client_for, django_assert_max_num_queries, accounts
):
    for n in range(accounts):
        rep = org["rep1"] if n % 2 else org["rep2"]
        account = make_account(rep)
        log(rep, ActivityKind.VISIT, account, at(2025, 2, 1), minutes=30)
        if n % 3 == 0:
            won(rep, 1000 + n, at(2025, 3, 1), cost=500, account=account)
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(10):
        response = client.get(PAGE, YEAR)

    assert response.context["report"].customers == accounts
