"""The forecast page: the window, the stacked bar chart, tables by month, owner and team."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

FORECAST = reverse("reports:forecast")
JUNE_2030 = {"start": "2030-06", "end": "2030-07"}


def figure(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="forecast-figure" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def test_signing_in_is_required(client):
    assert client.get(FORECAST).status_code == 302


def test_the_chart_stacks_weighted_amounts_by_month_and_category(
    org, eight_step, make_deal, win, client_for
):
    rep = org["rep1"]
    make_deal(rep, amount=Decimal("100000"), expected_close_date=date(2030, 6, 20))
    make_deal(rep, stage=6, amount=Decimal("50000"), expected_close_date=date(2030, 7, 5))
    win(make_deal(rep, amount=Decimal("7000")), at=datetime(2030, 6, 3, tzinfo=UTC))

    response = client_for(rep).get(FORECAST, JUNE_2030)

    data = figure(response)
    assert figure(response)["layout"]["barmode"] == "stack"
    bars = {trace["name"]: trace["y"] for trace in data["data"]}
    assert [t["type"] for t in data["data"]] == ["bar"] * 4
    assert bars == {
        "Closed": [7000.0, 0.0],
        "Commit": [0.0, 30000.0],
        "Best case": [0.0, 0.0],
        "Pipeline": [10000.0, 0.0],
    }
    assert data["data"][0]["x"] == ["June 2030", "July 2030"]


def test_tables_by_month_owner_and_team_show_weighted_amounts(
    org, eight_step, make_deal, client_for
):
    make_deal(org["rep1"], stage=3, amount=Decimal("200000"), expected_close_date=date(2030, 6, 9))
    make_deal(org["rep3"], amount=Decimal("40000"), expected_close_date=date(2030, 7, 9))

    html = client_for(org["director"]).get(FORECAST, JUNE_2030).content.decode()

    by_month = html.split('data-by="month"', 1)[1].split("</table>", 1)[0]
    june = by_month.split('data-key="2030-06"', 1)[1].split("</tr>", 1)[0]
    assert "June 2030" in june and "60,000" in june and "200,000" in june
    by_owner = html.split('data-by="owner"', 1)[1].split("</table>", 1)[0]
    assert by_owner.index("rep1") < by_owner.index("rep3")  # largest weighted first
    by_team = html.split('data-by="team"', 1)[1].split("</table>", 1)[0]
    assert "Shanghai" in by_team and "Beijing" in by_team
    assert "64,000" in by_team.split("tfoot", 1)[1]  # the total: 60,000 + 4,000


def test_the_default_window_runs_from_three_months_back_for_a_year(org, eight_step, client_for):
    response = client_for(org["rep1"]).get(FORECAST)

    report = response.context["report"]
    assert len(report.months) == 12
    html = response.content.decode()
    assert f'value="{report.start:%Y-%m}"' in html and f'value="{report.end:%Y-%m}"' in html


def test_months_given_the_wrong_way_round_are_put_in_order(org, eight_step, client_for):
    report = client_for(org["rep1"]).get(FORECAST, {"start": "2030-09", "end": "2030-06"})

    assert (report.context["report"].start, report.context["report"].end) == (
        date(2030, 6, 1),
        date(2030, 9, 1),
    )


def test_a_month_that_does_not_parse_falls_back_to_the_default(org, eight_step, client_for):
    response = client_for(org["rep1"]).get(FORECAST, {"start": "June", "end": "2030-13"})

    assert response.status_code == 200
    assert len(response.context["report"].months) == 12


def test_a_rep_sees_only_their_deals_and_a_manager_their_reps(
    org, eight_step, make_deal, client_for
):
    for rep in ("rep1", "rep2", "rep3"):
        make_deal(org[rep], expected_close_date=date(2030, 6, 15))

    def owners(user) -> list[str]:
        report = client_for(user).get(FORECAST, JUNE_2030).context["report"]
        return [row.key for row in report.owners]

    assert owners(org["rep1"]) == ["rep1"]
    assert sorted(owners(org["manager1"])) == ["rep1", "rep2"]


def test_an_empty_period_says_so_and_draws_no_chart(org, eight_step, client_for):
    html = client_for(org["rep1"]).get(FORECAST, JUNE_2030).content.decode()

    assert "No open opportunities close, and none was won, in these months." in html
    assert "plotly.min.js" not in html
    assert 'data-by="month"' not in html


def test_in_chinese_months_and_categories_read_in_chinese(org, eight_step, make_deal, client_for):
    make_deal(org["rep1"], expected_close_date=date(2030, 6, 15))
    client = client_for(org["rep1"])

    with translation.override("zh-hans"):
        response = client.get(FORECAST, JUNE_2030, headers={"accept-language": "zh-hans"})

    assert figure(response)["data"][0]["x"] == ["2030年6月", "2030年7月"]


@pytest.mark.parametrize("deals", [5, 50])
def test_query_count_does_not_grow_with_the_deals(
    org, eight_step, make_deal, win, client_for, django_assert_max_num_queries, deals
):
    for n in range(deals):
        owner = org["rep1"] if n % 2 else org["rep2"]
        deal = make_deal(owner, stage=n % 3 + 1, expected_close_date=date(2030, 6 + n % 2, 10))
        if n % 5 == 0:
            win(deal, at=datetime(2030, 6, 20, tzinfo=UTC))
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(14):
        response = client.get(FORECAST, JUNE_2030)

    assert response.context["report"].total.total.count == deals
