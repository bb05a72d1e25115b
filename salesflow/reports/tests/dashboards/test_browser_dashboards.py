"""The manager's home dashboard in Chromium: Plotly draws the charts, a click on a bar opens the
filtered list behind it. Screenshots in English and Chinese."""

from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from salesflow.conftest import ARTIFACTS
from salesflow.pipeline.models import Stage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team(org, make_deal, win, report_day):
    make_deal(org["rep1"], name="Harbin boiler retrofit", amount=Decimal("900000"))
    make_deal(org["rep2"], name="Ningbo port cranes", stage=2, amount=Decimal("400000"))
    make_deal(org["rep1"], name="Wuxi plant upgrade", stage=4, amount=Decimal("650000"))
    win(make_deal(org["rep2"], name="Suzhou line", amount=Decimal("300000")))
    report_day(org["rep1"], timezone.localdate())
    return org


def wait_for_charts(page, count: int) -> None:
    page.locator("#dashboard .plot-container").nth(count - 1).wait_for()
    assert page.locator("#dashboard .plot-container").count() == count


def test_a_click_on_a_stage_bar_opens_the_open_deals_of_that_stage(
    page, team, sign_in, live_server
):
    sign_in(page, team["manager1"])
    wait_for_charts(page, 3)
    page.screenshot(path=str(ARTIFACTS / "dashboard-manager.png"), full_page=True)

    bar = page.locator("#dashboard-team-pipeline .barlayer .point path").first
    box = bar.bounding_box()
    assert box is not None and box["width"] > 0
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/opportunities/?**")

    query = parse_qs(urlparse(page.url).query)
    stage_one = Stage.objects.get(process__is_default=True, number=1)
    assert query == {"stage": [str(stage_one.pk)], "status": ["open"]}
    body = page.locator("main").inner_text()
    assert "Harbin boiler retrofit" in body and "Ningbo port cranes" not in body


@pytest.mark.parametrize("page", ["zh-CN"], indirect=True)
def test_in_chinese_the_dashboard_names_its_charts_and_stages_in_chinese(
    page, team, sign_in, live_server
):
    sign_in(page, team["manager1"])
    wait_for_charts(page, 3)

    titles = page.locator("#dashboard h2").all_text_contents()
    assert len(titles) == 3
    labels = page.locator("#dashboard-team-pipeline svg .yaxislayer-above text").all_text_contents()
    assert "1. 项目立项" in labels
    page.screenshot(path=str(ARTIFACTS / "dashboard-manager-zh.png"), full_page=True)
    page.goto(f"/reports/scorecard/{team['rep2'].username}/")
    page.screenshot(path=str(ARTIFACTS / "scorecard-zh.png"), full_page=True)
    page.goto("/reports/analytics/")
    page.screenshot(path=str(ARTIFACTS / "analytics-zh.png"), full_page=True)
