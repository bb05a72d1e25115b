"""The weekly report in Chromium: a manager reads the week, writes next week's plan, prints it;
the same page in Chinese; the call arithmetic and Pareto charts drawn from local Plotly."""

from datetime import date
from decimal import Decimal
from urllib.parse import urlparse

import pytest

from salesflow.activities.models import ActivityKind, DailyReport, MarketReport, ReportStatus
from salesflow.activities.services.market import market_report_raise
from salesflow.conftest import ARTIFACTS
from salesflow.reports.tests.management_fixtures import at
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind, Metric
from salesflow.targets.services import target_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_week(org, make_account, log, won, pay):
    """2025-W10 of the Shanghai team: deals, visits, a payment, market news, daily reports."""
    rep1, rep2 = org["rep1"], org["rep2"]
    target_create(
        acting_user=org["director"],
        metric=Metric.REVENUE,
        period="2025-03",
        holder=Holder(HolderKind.TEAM, org["team1"]),
        amount=Decimal(200000),
    )
    for rep, name, amount, day in [
        (rep1, "Acme Steel", 48000, 4),
        (rep2, "Huadong Power", 36000, 6),
        (rep1, "Jinqiao Logistics", 0, 0),
    ]:
        account = make_account(rep, name=name)
        log(rep, ActivityKind.VISIT, account, at(2025, 3, 3 + day % 3), minutes=90)
        if amount:
            deal = won(rep, amount, at(2025, 3, day), cost=amount * 7 // 10, account=account)
            pay(deal, amount // 4, date(2025, 3, 7))
    news = market_report_raise(
        acting_user=rep1,
        kind="market",
        subject="Rival cuts transformer prices by 15%",
        body="Seen at two customers.",
        competitor="Rival Co",
    )
    MarketReport.objects.filter(pk=news.pk).update(created_at=at(2025, 3, 5))
    for rep, days in [(rep1, (3, 4, 5, 6, 7)), (rep2, (3, 5))]:
        for day in days:
            DailyReport.objects.create(
                owner=rep,
                date=date(2025, 3, day),
                status=ReportStatus.SIGNED,
                on_time=day != 5,
            )
    return org


def hosts_of(page) -> set[str]:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    return hosts


def test_a_manager_reads_the_week_writes_the_plan_and_prints_it(
    page, busy_week, sign_in, live_server
):
    org = busy_week
    sign_in(page, org["manager1"])

    page.goto(f"/reports/weekly/?holder=team:{org['team1'].pk}&week=2025-W10")

    assert page.locator("h1").inner_text() == "Weekly report · Shanghai"
    stats = page.locator(".weekly-stats")
    assert "¥84,000" in stats.inner_text()
    assert "Rival cuts transformer prices by 15%" in page.locator("#competitor-moves").inner_text()
    assert page.locator("#punctuality tr[data-rep=rep2] td").nth(4).inner_text() == "3"
    page.fill("textarea[name=text]", "Close Jinqiao Logistics.\nTen A-tier visits.")
    page.click("#next-week-plan button[type=submit]")
    page.wait_for_selector(".plan-text")
    assert "Ten A-tier visits." in page.locator(".plan-text").inner_text()
    page.screenshot(path=str(ARTIFACTS / "reports-weekly.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator("#report-filters").is_visible()
    assert not page.locator(".topbar").is_visible()
    assert page.locator(".plan-text").is_visible()
    page.screenshot(path=str(ARTIFACTS / "reports-weekly-print.png"), full_page=True)


@pytest.mark.parametrize("page", ["zh-CN"], indirect=True)
def test_in_chinese_the_weekly_report_reads_in_chinese(page, busy_week, sign_in):
    org = busy_week
    sign_in(page, org["manager1"])

    page.goto(f"/reports/weekly/?holder=team:{org['team1'].pk}&week=2025-W10")

    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.locator("#punctuality").wait_for()
    page.screenshot(path=str(ARTIFACTS / "reports-weekly-zh.png"), full_page=True)


def test_the_call_arithmetic_and_pareto_charts_draw_from_the_local_server(
    page, busy_week, log, make_account, sign_in, live_server
):
    org = busy_week
    account = make_account(org["rep1"])
    for n in range(12):
        log(
            org["rep1"],
            ActivityKind.CALL,
            account,
            at(2025, 3, 3),
            connected=n < 8,
            appointment_set=n < 3,
        )
    log(org["rep1"], ActivityKind.PRESENTATION, account, at(2025, 3, 4), minutes=60)
    sign_in(page, org["manager1"])
    hosts = hosts_of(page)

    page.goto("/reports/call-funnel/?start=2025-03-01&end=2025-03-31")

    page.locator("#call-funnel-chart .plot-container").wait_for()
    assert page.locator("#call-funnel-chart svg .funnellayer .trace").count() == 1
    page.screenshot(path=str(ARTIFACTS / "reports-call-funnel.png"), full_page=True)

    page.goto("/reports/pareto/?start=2025-01-01&end=2025-12-31")

    page.locator("#pareto-chart .plot-container").wait_for()
    assert page.locator("#pareto-chart svg .barlayer .trace").count() == 3
    page.screenshot(path=str(ARTIFACTS / "reports-pareto.png"), full_page=True)
    assert hosts == {urlparse(live_server.url).netloc}
