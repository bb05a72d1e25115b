"""The browsable API docs in a real browser: served locally, usable by a signed-in user."""

from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_signed_in_user_tries_the_account_list_from_the_docs_without_leaving_the_server(
    page, org, sign_in, make_account, live_server
):
    make_account(org["rep1"], name="Acme Docs Test")
    sign_in(page, org["rep1"])
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))

    page.goto("/api/v1/docs")
    page.click("#operations-accounts-list_accounts button.opblock-summary-control")
    page.click("button.try-out__btn")
    page.click("button.execute")

    answer = page.locator(".live-responses-table tr.response")
    answer.wait_for()
    assert answer.locator(".response-col_status").inner_text().strip() == "200"
    assert "Acme Docs Test" in answer.locator(".response-col_description").inner_text()
    assert hosts == {urlparse(live_server.url).netloc}
