import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switch_to_chinese_and_back_is_remembered_across_pages(page, org, sign_in):
    sign_in(page, org["rep1"])
    nav = page.locator("nav.mainnav").inner_text()
    assert {"Home", "Accounts", "Contacts", "Board", "Opportunities"} <= set(nav.split("\n"))

    page.click("button[data-lang=zh-hans]")
    page.wait_for_selector("html[lang=zh-hans]")
    assert "客户" in page.locator("nav.mainnav").inner_text()
    assert page.locator("button[data-lang=en]").inner_text() == "English"
    assert page.locator("button[data-lang=zh-hans]").inner_text() == "简体中文"
    page.click("nav.mainnav >> text=客户")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.screenshot(path="test-artifacts/home-zh.png", full_page=True)

    page.click("button[data-lang=en]")
    page.wait_for_selector("html[lang=en]")
    assert "Accounts" in page.locator("nav.mainnav").inner_text()


@pytest.mark.parametrize("page", ["zh-CN"], indirect=True)
def test_chinese_browser_gets_chinese_before_any_choice(page, org, sign_in):
    page.goto("/login/")

    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").inner_text() == "登录"
