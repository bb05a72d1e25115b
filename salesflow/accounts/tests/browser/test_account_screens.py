"""The account screens in Chromium: create with a correction, filter in place, the org chart."""

import re

import pytest

from salesflow.accounts.credit_code import check_character
from salesflow.accounts.models import Account
from salesflow.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_17 = "91310000MA1FL0001"
GOOD_CODE = FIRST_17 + check_character(FIRST_17)
BAD_CODE = FIRST_17 + ("0" if GOOD_CODE[-1] != "0" else "1")


def test_a_bad_credit_code_is_flagged_fixed_and_the_account_saved(page, org, sign_in):
    sign_in(page, org["rep1"])
    page.goto("/accounts/")
    page.click("text=New account")
    page.fill("#id_name", "Shanghai Electric")
    page.fill("#id_credit_code", BAD_CODE)
    page.select_option("#id_region", label="East")
    page.click("button.primary")

    error = page.locator("[data-field=credit_code] .field-error")
    assert "check character is wrong" in error.inner_text()
    assert page.locator("#id_name").input_value() == "Shanghai Electric"
    assert not Account.objects.exists()

    page.fill("#id_credit_code", GOOD_CODE)
    page.click("button.primary")

    page.wait_for_url(re.compile(r"/accounts/\d+/$"))
    assert page.locator("h1").inner_text() == "Shanghai Electric"
    assert GOOD_CODE in page.locator("#facts").inner_text()


def test_sorting_and_searching_update_the_results_in_place(page, org, make_account, sign_in):
    make_account(org["rep1"], name="Baosteel", region=org["region"], annual_revenue=3 * 10**9)
    make_account(org["rep1"], name="Bao Feng", annual_revenue=10**6, score_innovation=4)
    make_account(org["rep1"], name="Haier", score_sales_potential=5, score_innovation=5)
    sign_in(page, org["rep1"])
    page.goto("/accounts/")
    page.screenshot(path=str(ARTIFACTS / "accounts-list.png"), full_page=True)
    page.evaluate("window.stillTheSamePage = true")
    names = page.locator("#results tbody tr td:first-child a")

    page.click("th[data-sort=revenue] a")
    page.wait_for_url(re.compile(r"sort=-revenue"))
    page.wait_for_function("document.querySelector('#results tbody a').textContent === 'Baosteel'")
    assert names.all_inner_texts() == ["Baosteel", "Bao Feng", "Haier"]

    page.fill("input[name=q]", "bao")
    page.wait_for_url(re.compile(r"q=bao"))
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 2")
    assert names.all_inner_texts() == ["Baosteel", "Bao Feng"]
    assert "sort=-revenue" in page.url
    assert page.evaluate("window.stillTheSamePage") is True


def test_the_org_chart_draws_the_buying_centre(page, org, make_account, make_contact, sign_in):
    account = make_account(org["rep1"], name="Baosteel", score_sales_potential=4)
    boss = make_contact(
        account,
        name="Chen Jun",
        title="General manager",
        decision_role="decision_maker",
        attitude="doubts",
    )
    make_contact(
        account,
        name="Li Wei",
        title="CTO",
        decision_role="technical_recommender",
        attitude="accepts",
        is_ally=True,
        reports_to=boss,
    )
    make_contact(
        account,
        name="Zhao Min",
        title="Purchasing",
        decision_role="financial_recommender",
        attitude="hostile",
        reports_to=boss,
    )
    sign_in(page, org["rep1"])

    page.goto(account.get_absolute_url())
    page.screenshot(path=str(ARTIFACTS / "account-page.png"), full_page=True)

    root = page.locator(".orgchart > ul > li")
    assert root.count() == 1
    assert root.locator("> .node .name").inner_text() == "Chen Jun"
    assert "att-doubts" in root.locator("> .node").get_attribute("class")
    reports = root.locator("> ul > li > .node")
    assert reports.locator(".name").all_inner_texts() == ["Li Wei", "Zhao Min"]
    ally = page.locator(".orgchart .node:has(.ally-mark) .name")
    assert ally.all_inner_texts() == ["Li Wei"]
    assert "att-hostile" in reports.nth(1).get_attribute("class")
    border = reports.nth(1).evaluate("n => getComputedStyle(n).borderTopColor")
    assert border == "rgb(220, 38, 38)"
