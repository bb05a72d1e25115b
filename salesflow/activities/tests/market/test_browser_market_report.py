"""In Chromium: a rep raises an urgent complaint; the supervisor sees the unread badge, opens the
notification from the inbox, acknowledges and resolves the report."""

import pytest
from playwright.sync_api import expect

from salesflow.activities.models import MarketReport, MarketReportStatus
from salesflow.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("page", ["en-US", "zh-CN"], indirect=True)
def test_an_urgent_complaint_reaches_the_supervisor(page, request, org, make_account, sign_in):
    lang = "zh" if request.node.callspec.params["page"].startswith("zh") else "en"
    make_account(org["rep1"], name="Pudong Dealer")
    sign_in(page, org["rep1"])

    page.goto("/activities/market/new/")
    page.locator('input[name="kind"][value="complaint"]').check()
    page.locator("#id_subject").fill("Dealer threatens to switch to Acme")
    page.locator("#id_body").fill("Three late deliveries this month; Acme offered 10% off.")
    page.locator("#id_account").select_option(label="Pudong Dealer")
    page.locator("#id_competitor").fill("Acme")
    page.locator("#id_urgent").check()
    page.screenshot(path=str(ARTIFACTS / f"market-report-form-{lang}.png"), full_page=True)
    page.locator("form.market-form button[type=submit]").click()
    expect(page.get_by_test_id("report-status")).to_have_class("badge market-open")

    page.locator("form[action='/logout/'] button").click()
    sign_in(page, org["manager1"])
    expect(page.locator(".inbox-link .unread-count")).to_have_text("1")
    page.locator(".inbox-link").click()
    page.screenshot(path=str(ARTIFACTS / f"inbox-{lang}.png"), full_page=True)
    page.locator(".inbox-row.unread.urgent .inbox-title").click()
    page.locator("form[action$='/acknowledge/'] button").click()
    page.locator("#id_resolution").fill("Called the dealer; delivery dates fixed with logistics.")
    page.locator(".resolve-form button").click()

    expect(page.locator(".inbox-link .unread-count")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / f"market-report-resolved-{lang}.png"), full_page=True)
    report = MarketReport.objects.get()
    assert report.status == MarketReportStatus.RESOLVED
    assert report.acknowledged_by == org["manager1"] == report.resolved_by
