"""The analytics page: its figures for the filters, the clickable trend, exports, queries."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

from django.urls import reverse

from salesflow.pipeline.models import Status
from salesflow.reports.tests.closing import local

ANALYTICS = reverse("reports:analytics")
Q1 = {"start": "2024-01-01", "end": "2024-03-31"}


def figure(response, script_id: str) -> dict:
    html = response.content.decode()
    start = html.index(f'<script id="{script_id}" type="application/json">')
    return json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])


def stat(response, name: str) -> str:
    html = response.content.decode()
    block = html.split(f'data-figure-name="{name}"', 1)[1]
    return block.split('<span class="num">', 1)[1].split("</span>", 1)[0]


def test_signing_in_is_required(client):
    response = client.get(ANALYTICS)

    assert response.status_code == 302


def test_the_page_shows_win_rate_deal_size_and_loss_reasons_for_the_period(
    org, make_deal, win, lose, client_for
):
    rep = org["rep1"]
    win(make_deal(rep, amount=Decimal("120000")), at=local(date(2024, 2, 1)))
    lose(make_deal(rep), reason="价格太高", won_by="西门子", at=local(date(2024, 2, 2)))
    lose(make_deal(rep), reason="No budget", result=Status.ABANDONED, at=local(date(2024, 3, 2)))
    lose(make_deal(rep), reason="Outside the period", at=local(date(2024, 4, 2)))

    response = client_for(rep).get(ANALYTICS, Q1)

    assert response.status_code == 200
    assert stat(response, "win-rate") == "33.3%"
    assert stat(response, "won-amount") == "¥120,000"
    assert stat(response, "average-deal") == "¥120,000"
    html = response.content.decode()
    reasons = html.split('id="loss-reasons"', 1)[1].split("</section>", 1)[0]
    assert "价格太高" in reasons and "No budget" in reasons
    assert "Outside the period" not in html
    assert "西门子" in html.split('id="lost-to"', 1)[1]


def test_the_owner_filter_narrows_every_figure(org, make_deal, win, client_for):
    win(make_deal(org["rep1"]), at=local(date(2024, 2, 1)))
    win(make_deal(org["rep2"]), at=local(date(2024, 2, 1)))

    response = client_for(org["manager1"]).get(ANALYTICS, Q1 | {"owner": org["rep2"].pk})

    assert stat(response, "won") == "1"


def test_the_win_rate_trend_leads_to_each_month_with_the_filters_kept(
    org, make_deal, win, client_for
):
    win(make_deal(org["rep1"]), at=local(date(2024, 2, 1)))

    response = client_for(org["manager1"]).get(ANALYTICS, Q1 | {"owner": org["rep1"].pk})

    trace = figure(response, "trend-figure")["data"][0]
    assert trace["y"] == [None, 100.0, None]
    february = trace["customdata"][1]
    assert february.startswith(f"{ANALYTICS}?")
    assert "start=2024-02-01" in february and "end=2024-02-29" in february
    assert f"owner={org['rep1'].pk}" in february
    assert "data-clickable" in response.content.decode()


def test_period_shortcuts_and_export_links_keep_the_other_filters(org, client_for):
    response = client_for(org["manager1"]).get(ANALYTICS, Q1 | {"owner": org["rep1"].pk})

    html = response.content.decode()
    assert "This quarter" in html and "Last month" in html
    export = html.split('class="export-links"', 1)[1].split("</p>", 1)[0]
    assert f"owner={org['rep1'].pk}" in export
    assert "format=csv" in export and "format=xlsx" in export


def test_the_csv_export_carries_the_figures_for_the_filters(org, make_deal, win, lose, client_for):
    win(make_deal(org["rep1"], amount=Decimal("80000")), at=local(date(2024, 2, 1)))
    win(make_deal(org["rep2"], amount=Decimal("5000")), at=local(date(2024, 2, 1)))
    lose(make_deal(org["rep1"]), reason="价格太高", at=local(date(2024, 2, 3)))

    response = client_for(org["manager1"]).get(
        ANALYTICS, Q1 | {"owner": org["rep1"].pk, "format": "csv"}
    )

    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Section", "Item", "Deals", "Amount (¥)"]
    assert ["Results", "Won", "1", "80000.00", "", ""] in rows
    assert ["Results", "Win rate", "2", "", "50.0", ""] in rows
    assert ["Loss reasons", "价格太高", "1", "100000.00", "", ""] in rows


def test_the_page_runs_a_constant_number_of_queries(
    org, make_deal, lose, client_for, django_assert_max_num_queries
):
    client = client_for(org["manager1"])
    for n in range(5):
        lose(make_deal(org["rep1"]), reason=f"Reason {n}", at=local(date(2024, 2, 1)))
    with django_assert_max_num_queries(16):
        client.get(ANALYTICS, Q1)
    for n in range(45):
        lose(
            make_deal(org["rep2"]),
            reason=f"Other {n}",
            won_by=f"Rival {n}",
            at=local(date(2024, 3, 1)),
        )
    with django_assert_max_num_queries(16):
        assert client.get(ANALYTICS, Q1).status_code == 200
