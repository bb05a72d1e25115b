"""In Chromium: a manager builds a proposal outline for a rep's deal by picking two benefits,
then opens the printable outline."""

import re

import pytest

from salesflow.conftest import ARTIFACTS
from salesflow.playbook.models import ProposalBenefit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_picks_two_benefits_and_prints_the_outline(
    page, org, make_account, make_opportunity, make_product, sell, sign_in
):
    dcs = make_product(
        "DCS-500",
        [
            (
                "Redundant controllers",
                "The plant keeps running when one controller fails",
                [("time", "No unplanned downtime"), ("quality", "Stable batches")],
            ),
            (
                "Open protocols",
                "Works with the sensors already installed",
                [("cost", "No new sensors")],
            ),
        ],
    )
    make_product(
        "Scada Lite", [("Web client", "Any browser works", [("cost", "No client licences")])]
    )
    deal = make_opportunity(org["rep1"], account=make_account(org["rep1"], name="Baosteel"))
    sell(deal, dcs)
    sign_in(page, org["manager1"])

    page.goto(f"/playbook/proposal/{deal.pk}/")
    page.screenshot(path=str(ARTIFACTS / "proposal-empty.png"), full_page=True)
    for benefit, need in [
        ("No unplanned downtime", "Line stops cost ¥2m a day"),
        ("No client licences", "IT budget is frozen this year"),
    ]:
        row = page.locator("tr[data-benefit]", has_text=benefit)
        row.locator("input[name=customer_need]").fill(need)
        row.get_by_role("button", name="Add").click()
        page.locator(".messages", has_text=benefit).wait_for()

    needs = page.locator("#outline textarea[name=customer_need]")
    assert sorted(needs.evaluate_all("areas => areas.map(a => a.value)")) == [
        "IT budget is frozen this year",
        "Line stops cost ¥2m a day",
    ]

    assert ProposalBenefit.objects.filter(opportunity=deal).count() == 2
    page.screenshot(path=str(ARTIFACTS / "proposal-picked.png"), full_page=True)

    page.get_by_test_id("print-view").click()
    page.wait_for_url(re.compile(rf"/playbook/proposal/{deal.pk}/print/$"))
    assert page.locator("h1").inner_text() == "Baosteel"
    groups = page.locator(".sheet-group h2").all_inner_texts()
    assert groups == ["Cost", "Time"]
    assert "Line stops cost ¥2m a day" in page.locator(".sheet-group[data-kind=time]").inner_text()
    page.screenshot(path=str(ARTIFACTS / "proposal-print.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator(".print-toolbar").is_visible()
    page.screenshot(path=str(ARTIFACTS / "proposal-print-media.png"), full_page=True)
