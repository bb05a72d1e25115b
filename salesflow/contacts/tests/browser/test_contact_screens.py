import re
from pathlib import Path

import pytest

from salesflow.contacts.models import Contact
from salesflow.contacts.social_styles import SocialStyle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"


def test_rep_fixes_a_bad_email_then_sees_the_new_contact_with_style_advice(
    page, org, make_account, make_contact, sign_in
):
    rep = org["rep1"]
    rep.social_style = SocialStyle.ANALYTICAL
    rep.save()
    account = make_account(rep, name="Baosteel")
    make_contact(account, name="Li Na", title="General manager")
    sign_in(page, rep)

    page.goto("/contacts/")
    page.click("text=New contact")
    page.fill("#id_name", "Wang Wei")
    page.fill("#id_title", "Purchasing head")
    page.select_option("#id_account", label="Baosteel")
    # htmx reloads the manager choices for the chosen account.
    page.wait_for_selector("#id_reports_to option:has-text('Li Na')", state="attached")
    page.select_option("#id_reports_to", label="Li Na")
    page.fill("#id_email", "not-an-email")
    page.select_option("#id_attitude", label="Doubts")
    page.select_option("#id_social_style", label="Driver")
    page.fill("#id_view_of_us", "Thinks we are expensive but reliable.")
    page.click("button[type=submit].primary")

    email_error = page.locator("[data-field=email] .field-error")
    assert email_error.inner_text() == "Enter a valid email address."
    assert not Contact.objects.filter(name="Wang Wei").exists()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "contact-form-error.png"), full_page=True)

    page.fill("#id_email", "wang@baosteel.cn")
    page.click("button[type=submit].primary")

    page.wait_for_url(re.compile(r"/contacts/\d+/$"))
    assert page.locator("h1").inner_text().startswith("Wang Wei")
    assert page.locator("#reports-to").inner_text().startswith("Li Na")
    advice = page.locator("#style-advice").inner_text()
    assert "They are more assertive (faster)" in advice
    assert "Same warmth as you" in advice
    page.screenshot(path=str(ARTIFACTS / "contact-page.png"), full_page=True)


def test_search_updates_the_list_in_place(page, org, make_account, make_contact, sign_in):
    account = make_account(org["rep1"], name="Baosteel")
    make_contact(account, name="Wang Wei")
    make_contact(account, name="Li Na")
    sign_in(page, org["rep1"])
    page.goto("/contacts/")
    page.evaluate("window.loadedOnce = true")

    page.fill("#id_q", "wang")

    page.wait_for_url(re.compile(r"q=wang"))
    page.wait_for_function("document.querySelectorAll('#contact-table tbody tr').length === 1")
    assert page.locator("#contact-table").inner_text().count("Wang Wei") == 1
    assert page.evaluate("window.loadedOnce") is True
    page.screenshot(path=str(ARTIFACTS / "contact-list.png"), full_page=True)
