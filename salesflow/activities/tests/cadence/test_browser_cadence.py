"""Cadence in Chromium: the rep's home page sections with their log links, and the manager's
cadence page in Chinese, filtered without a page load."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from salesflow.activities.months import add_months
from salesflow.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_AGO = date(2020, 1, 1)


@pytest.fixture
def team_with_touches_due(org, account_since, touch):
    today = timezone.localdate()
    steel = account_since(org["rep1"], "A", LONG_AGO, name="Baosteel Trading", address="Pudong")
    touch(steel, "call", today - timedelta(days=40))
    touch(steel, "visit", today - timedelta(days=20))
    glass = account_since(org["rep1"], "B", LONG_AGO, name="Fuyao Glass")
    touch(glass, "call", add_months(today, -3))
    touch(glass, "visit", today)
    account_since(org["rep2"], "C", LONG_AGO, name="Haier Parts")
    return {"steel": steel, "glass": glass}


def test_a_rep_sees_what_is_due_on_the_home_page_and_opens_the_log_form(
    page, org, team_with_touches_due, sign_in
):
    steel = team_with_touches_due["steel"]
    sign_in(page, org["rep1"])

    section = page.locator("#cadence-home")
    expect(section.locator('[data-section="overdue"] li')).to_have_count(1)
    expect(section.locator(f'li[data-account="{steel.pk}"]')).to_contain_text("days overdue")
    page.screenshot(path=str(ARTIFACTS / "cadence-home-en.png"), full_page=True)
    section.locator(f'li[data-account="{steel.pk}"] a.button').click()

    page.wait_for_url(f"**/activities/new/?account={steel.pk}&kind=call")


def test_a_manager_filters_the_cadence_page_in_chinese(page, org, team_with_touches_due, sign_in):
    org["manager1"].language = "zh-hans"
    org["manager1"].save()
    sign_in(page, org["manager1"])
    page.screenshot(path=str(ARTIFACTS / "cadence-home-zh.png"), full_page=True)

    page.goto("/cadence/")
    expect(page.locator("#cadence-by-rep tr[data-rep]")).to_have_count(2)
    expect(page.locator("#results tbody tr")).to_have_count(4)
    page.screenshot(path=str(ARTIFACTS / "cadence-page-zh.png"), full_page=True)
    page.select_option("#id_kind", "visit")

    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results tbody tr")).to_contain_text("Haier Parts")
    assert "kind=visit" in page.url
