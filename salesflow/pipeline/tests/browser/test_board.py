"""The pipeline board in Chromium: drag a card through an open gate and into a closed one, move
one back with a reason from the card's own form, and the board at phone width in Chinese."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from salesflow.conftest import ARTIFACTS
from salesflow.pipeline.models import StageChange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def card(page, deal):
    return page.locator(f'.board-card[data-id="{deal.pk}"]')


def column(page, number):
    return page.locator(f'.board-column[data-number="{number}"]')


def test_dragging_a_ready_card_moves_it_to_the_next_column(
    page, org, make_opportunity, tick_all_milestones, sign_in
):
    deal = make_opportunity(org["rep1"], name="Ready deal", amount=Decimal("300000"))
    tick_all_milestones(deal)
    make_opportunity(org["rep1"], name="Waiting deal", amount=Decimal("120000"))
    sign_in(page, org["rep1"])
    page.goto("/pipeline/board/")
    page.screenshot(path=str(ARTIFACTS / "board-en.png"), full_page=True)

    card(page, deal).drag_to(column(page, 2))

    outcome = page.locator("#board-outcome")
    outcome.wait_for()
    assert "“Ready deal” moved to 2. Initial contact." in outcome.inner_text()
    assert column(page, 2).locator(f'.board-card[data-id="{deal.pk}"]').count() == 1
    assert column(page, 2).locator('[data-total="amount"]').first.inner_text() == "¥300,000"
    assert column(page, 1).locator('[data-total="count"]').first.inner_text() == "1"
    deal.refresh_from_db()
    assert deal.stage.number == 2


def test_dragging_past_a_closed_gate_says_why_and_the_card_goes_back(
    page, org, make_opportunity, sign_in
):
    deal = make_opportunity(org["rep1"], name="Early deal")
    sign_in(page, org["rep1"])
    page.goto("/pipeline/board/")

    card(page, deal).drag_to(column(page, 2))

    outcome = page.locator("#board-outcome[role=alert]")
    outcome.wait_for()
    page.screenshot(path=str(ARTIFACTS / "board-refused.png"), full_page=True)
    assert "“Early deal” stays in 1. Project initiation" in outcome.inner_text()
    assert "Milestone not met: Project analysed" in outcome.inner_text()
    assert column(page, 1).locator(f'.board-card[data-id="{deal.pk}"]').count() == 1
    assert column(page, 2).locator(".board-card").count() == 0


def test_moving_back_from_the_cards_form_asks_for_the_reason(page, org, make_opportunity, sign_in):
    deal = make_opportunity(org["rep1"], name="Slipping deal", stage=2)
    sign_in(page, org["rep1"])
    page.goto("/pipeline/board/")

    card(page, deal).locator("summary").click()
    card(page, deal).locator("select[name=stage]").select_option(label="1. Project initiation")
    card(page, deal).get_by_role("button", name="Move").click()
    dialog = page.locator("#board-reason")
    assert "Slipping deal" in dialog.inner_text()
    dialog.locator("textarea").fill("Customer froze the budget")
    dialog.get_by_role("button", name="Move back").click()

    page.locator("#board-outcome").wait_for()
    assert column(page, 1).locator(f'.board-card[data-id="{deal.pk}"]').count() == 1
    back = StageChange.objects.filter(opportunity=deal).latest("id")
    assert (back.kind, back.reason) == (StageChange.Kind.MOVED_BACK, "Customer froze the budget")


@pytest.mark.parametrize("page", ["zh-CN"], indirect=True)
def test_the_board_reads_in_chinese_on_a_phone(page, org, make_opportunity, sign_in):
    make_opportunity(org["rep1"], name="宝钢冷轧线", amount=Decimal("1250000"), stage=3)
    sign_in(page, org["rep1"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/pipeline/board/")

    page.locator(".board-jump a", has_text="3").click()

    expect(column(page, 3).locator(".board-card")).to_be_in_viewport()
    assert "方案设计" in column(page, 3).inner_text()
    assert "宝钢冷轧线" in column(page, 3).inner_text()
    page.screenshot(path=str(ARTIFACTS / "board-zh-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "board-zh.png"), full_page=True)
