"""The report charts in Chromium: Plotly draws them from our own static files, in both languages."""

from datetime import date
from decimal import Decimal
from urllib.parse import urlparse

import pytest

from salesflow.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pipeline(org, make_deal, log_activity):
    rep = org["rep1"]
    for stage, amount in [(1, 900000), (1, 400000), (2, 700000), (3, 650000), (4, 300000)]:
        deal = make_deal(rep, stage=stage, amount=Decimal(amount))
        log_activity(deal, minutes=90)
    make_deal(rep, stage=6, amount=Decimal("420000"), expected_close_date=date.today())
    return rep


def hosts_of(page) -> set[str]:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    return hosts


def test_the_funnel_page_draws_the_plotly_funnel_from_the_local_server(
    page, pipeline, sign_in, live_server
):
    sign_in(page, pipeline)
    hosts = hosts_of(page)

    page.goto("/reports/funnel/")

    chart = page.locator("#funnel-chart .plot-container")
    chart.wait_for()
    assert page.locator("#funnel-chart svg .funnellayer .trace").count() == 3
    labels = page.locator("#funnel-chart svg .yaxislayer-above text").all_text_contents()
    assert {"1. Project initiation", "8. Contract signing"} <= set(labels)
    page.screenshot(path=str(ARTIFACTS / "reports-funnel.png"), full_page=True)
    assert hosts == {urlparse(live_server.url).netloc}


@pytest.mark.parametrize("page", ["zh-CN"], indirect=True)
def test_in_chinese_the_funnel_names_the_stages_in_chinese(page, pipeline, sign_in, live_server):
    sign_in(page, pipeline)
    hosts = hosts_of(page)

    page.goto("/reports/funnel/")

    page.locator("#funnel-chart .plot-container").wait_for()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    labels = page.locator("#funnel-chart svg .yaxislayer-above text").all_text_contents()
    assert {"1. 项目立项", "2. 初步接触", "3. 方案设计"} <= set(labels)
    page.screenshot(path=str(ARTIFACTS / "reports-funnel-zh.png"), full_page=True)
    assert hosts == {urlparse(live_server.url).netloc}


def test_the_forecast_page_draws_stacked_bars(page, pipeline, sign_in, live_server):
    sign_in(page, pipeline)
    hosts = hosts_of(page)

    page.goto("/reports/forecast/")

    page.locator("#forecast-chart .plot-container").wait_for()
    assert page.locator("#forecast-chart svg .barlayer .trace").count() == 4
    page.screenshot(path=str(ARTIFACTS / "reports-forecast.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.locator("#forecast-chart .plot-container").wait_for()
    width = page.evaluate("document.querySelector('#forecast-chart .main-svg').clientWidth")
    assert width <= 390
    page.locator("#forecast-chart").screenshot(path=str(ARTIFACTS / "reports-forecast-phone.png"))
    assert hosts == {urlparse(live_server.url).netloc}
