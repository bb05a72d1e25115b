"""A director sets the year's revenue target for the company, breaks it down to a region, a team
and a rep, sees what is unallocated, and reads progress; in English and in Chinese."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from salesflow.conftest import ARTIFACTS
from salesflow.pipeline.services import opportunity_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = str(timezone.localdate().year)


@pytest.fixture
def won_deal(org, eight_step, make_account, win_through_gates):
    """A ¥150,000 deal rep1 won today through the real gates."""
    deal = opportunity_create(
        acting_user=org["rep1"],
        account=make_account(org["rep1"]),
        name="Boiler retrofit",
        amount=Decimal(150_000),
        cost=Decimal(90_000),
        expected_close_date=date.today(),
    )
    return win_through_gates(deal)


def break_down(page, node_key: str, holder: str, amount: str) -> None:
    """Break the node of holder `node_key` ("company", "team:3") down to `holder`."""
    own_row = page.locator(f".target-node[data-holder='{node_key}'] .node-row").first
    own_row.locator("[data-testid=break-down]").click()
    page.select_option("#id_holder", label=holder)
    page.fill("#id_amount", amount)
    page.click("form.target-form button[type=submit]")
    page.wait_for_url("**/targets/?period=*")


def test_a_director_sets_and_breaks_down_the_years_target_and_reads_progress(
    page, org, won_deal, sign_in
):
    sign_in(page, org["director"])

    page.click("#my-targets a[href='/targets/']")
    page.click("[data-testid=set-target]")
    page.select_option("#id_metric", "revenue")
    page.fill("#id_period", YEAR)
    page.select_option("#id_holder", label="Company")
    page.fill("#id_amount", "1000000")
    page.click("form.target-form button[type=submit]")
    page.wait_for_url("**/targets/?period=*")

    break_down(page, "company", "East", "600000")
    break_down(page, f"region:{org['region'].pk}", "Shanghai", "500000")
    break_down(page, f"team:{org['team1'].pk}", "rep1", "200000")

    tree = page.locator("#target-tree")
    assert tree.locator("[data-testid=unallocated]").all_inner_texts() == [
        "unallocated ¥400,000",
        "unallocated ¥100,000",
        "unallocated ¥300,000",
    ]
    rep_row = page.locator(f".target-node[data-holder='rep:{org['rep1'].pk}']")
    assert "75.0%" in rep_row.inner_text()  # ¥150,000 won of ¥200,000
    page.screenshot(path=str(ARTIFACTS / "targets-tree-en.png"), full_page=True)

    page.click("a.button:has-text('Progress')")
    page.wait_for_url("**/targets/progress/")
    company_row = page.locator(f"#period-{YEAR} tr[data-holder=company]")
    assert "¥1,000,000" in company_row.inner_text()
    assert "Actual ¥150,000" in company_row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "targets-progress-en.png"), full_page=True)


@pytest.mark.parametrize("page", ["zh-CN"], indirect=True)
def test_in_chinese_the_tree_and_progress_read_the_same(page, org, won_deal, set_target, sign_in):
    company = set_target("company", YEAR, 1_000_000)
    east = set_target(org["region"], YEAR, 600_000, parent=company)
    team = set_target(org["team1"], YEAR, 500_000, parent=east)
    set_target(org["rep1"], YEAR, 200_000, parent=team)
    sign_in(page, org["director"])

    page.goto(f"/targets/?period={YEAR}")

    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("#target-tree [data-testid=unallocated]").count() == 3
    page.screenshot(path=str(ARTIFACTS / "targets-tree-zh.png"), full_page=True)
    page.goto("/targets/progress/")
    assert page.locator(f"#period-{YEAR} tr[data-holder=company] [role=progressbar]").count() == 1
    page.screenshot(path=str(ARTIFACTS / "targets-progress-zh.png"), full_page=True)


def test_a_rep_records_a_payment_on_the_won_deal_and_reads_their_targets_at_home(
    page, org, won_deal, set_target, sign_in
):
    set_target(org["rep1"], YEAR, 300_000, metric="collections")
    sign_in(page, org["rep1"])

    page.goto(won_deal.get_absolute_url())
    page.click("#payments summary")
    page.fill("#payments #id_amount", "60000")
    page.fill("#payments #id_note", "First instalment")
    page.click("#payments button[type=submit]")

    page.wait_for_url("**#payments")
    assert "Collected ¥60,000 of ¥150,000" in page.locator("#payments").inner_text()
    page.locator("#payments").screenshot(path=str(ARTIFACTS / "targets-payments-en.png"))
    page.goto("/")
    home = page.locator("#my-targets")
    assert "Collections" in home.inner_text() and "20.0%" in home.inner_text()
    home.screenshot(path=str(ARTIFACTS / "targets-home-en.png"))
