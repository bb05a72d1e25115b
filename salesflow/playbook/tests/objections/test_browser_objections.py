"""In Chromium: the objection playbook searched by the answer's words, and the report of how often
each objection is met and overcome, in English and Chinese."""

import pytest
from playwright.sync_api import expect

from salesflow.activities.services.activities import ObjectionMet
from salesflow.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("page", ["en-US", "zh-CN"], indirect=True)
def test_searching_the_playbook_and_reading_the_report(
    page, request, org, make_account, log_activity, objections, sign_in
):
    lang = "zh" if request.node.callspec.params["page"].startswith("zh") else "en"
    for rep, met in (
        ("rep1", [(6, True), (5, False)]),
        ("rep1", [(6, False)]),
        ("rep3", [(6, True)]),
    ):
        log_activity(
            org[rep],
            make_account(org[rep]),
            objections=[ObjectionMet(objection=objections[n], overcome=o) for n, o in met],
        )
    sign_in(page, org["director"])

    page.goto("/playbook/objections/")
    page.screenshot(path=str(ARTIFACTS / f"objections-{lang}.png"), full_page=True)
    page.locator("#id_q").fill("预算" if lang == "zh" else "budget")
    expect(page.locator(".objection-card")).to_have_count(1)
    expect(page.locator(".objection-card")).to_have_attribute("data-objection", "5")

    page.goto("/playbook/objections/report/")
    price = page.locator('#by-objection tr[data-objection="6"]')
    expect(price.get_by_test_id("met")).to_have_text("3")
    expect(price.get_by_test_id("overcome")).to_have_text("2")
    expect(price.get_by_test_id("rate")).to_have_text("67 %")
    expect(page.locator("#by-team tbody tr")).to_have_count(2)
    page.screenshot(path=str(ARTIFACTS / f"objection-report-{lang}.png"), full_page=True)
