"""In Chromium: a rep logs a call from the account page with the objection playbook beside the
form, ticks one objection met and overcome, saves, and finds the call in the activity list."""

import pytest
from playwright.sync_api import expect

from salesflow.activities.models import Activity
from salesflow.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("page", ["en-US", "zh-CN"], indirect=True)
def test_logging_a_call_from_the_account_page(
    page, request, org, make_account, make_contact, objections, sign_in
):
    lang = "zh" if request.node.callspec.params["page"].startswith("zh") else "en"
    rep = org["rep1"]
    account = make_account(rep, name="Baosteel Shanghai")
    make_contact(account, name="Li Wei")
    price = objections[6]
    sign_in(page, rep)

    page.goto(account.get_absolute_url())
    page.get_by_test_id("log-activity").click()
    panel = page.locator("#objection-playbook")
    expect(panel.locator(f'[data-objection="{price.number}"] .objection-answer')).to_contain_text(
        price.answer_zh if lang == "zh" else price.answer_en
    )
    expect(page.locator("#id_account")).to_have_value(str(account.pk))
    page.screenshot(path=str(ARTIFACTS / f"activity-log-call-{lang}.png"), full_page=True)

    panel.locator("#objection-q").fill("价格" if lang == "zh" else "price")
    expect(panel.locator(".objection")).to_have_count(1)
    row = panel.locator(f'[data-objection="{price.number}"]')
    row.locator('input[name="met"]').check()
    row.locator('input[name="overcome"]').check()
    page.get_by_label("Li Wei").check()
    page.locator("#id_duration_minutes").fill("7")
    page.locator("#id_connected").check()
    page.locator("form.activity-form button[type=submit].primary").click()

    page.wait_for_url(f"**{account.get_absolute_url()}")
    page.goto("/activities/")
    listed = page.locator(f'tr[data-activity="{Activity.objects.get().pk}"]')
    expect(listed).to_contain_text("Baosteel Shanghai")
    expect(listed.locator(".objection-met.overcome")).to_contain_text(
        price.title_zh if lang == "zh" else price.title_en
    )
    page.screenshot(path=str(ARTIFACTS / f"activity-list-{lang}.png"), full_page=True)
    met = Activity.objects.get().objections_met.get()
    assert (met.objection_id, met.overcome) == (price.pk, True)
