import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rep_signs_in_and_lands_on_home(page, org, sign_in):
    sign_in(page, org["rep1"])

    assert page.locator("h1").inner_text().startswith("Good day")
    assert page.locator(".who").inner_text().startswith("rep1")


def test_wrong_password_is_refused_with_a_message(page, org):
    page.goto("/login/")
    page.fill("input[name=username]", "rep1")
    page.fill("input[name=password]", "not-the-password")
    page.click("form button[type=submit].primary")

    assert page.locator(".errorlist-box").is_visible()
    assert "/login/" in page.url
