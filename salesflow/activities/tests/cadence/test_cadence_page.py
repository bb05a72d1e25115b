"""The cadence page /cadence/: what is due, filters, pages, the log links and the per-rep table."""

from datetime import date

import pytest

from salesflow.activities.months import add_months

pytestmark = pytest.mark.django_db

LONG_AGO = date(2020, 1, 1)


def shown(response):
    return [(touch.account.name, touch.kind) for touch in response.context["rows"]]


def test_the_page_lists_each_due_call_and_visit_with_a_link_to_log_it(
    org, account_since, client_for, today
):
    account = account_since(org["rep1"], "A", LONG_AGO, name="Acme")

    response = client_for(org["rep1"]).get("/cadence/")

    assert response.status_code == 200
    assert shown(response) == [("Acme", "call"), ("Acme", "visit")]
    html = response.content.decode()
    assert f'href="/activities/new/?account={account.pk}&amp;kind=call"' in html
    assert f'href="/activities/new/?account={account.pk}&amp;kind=visit"' in html


def test_a_touch_due_today_reads_due_today_and_an_overdue_one_its_days(
    org, account_since, touch, client_for, today
):
    account = account_since(org["rep1"], "A", LONG_AGO, name="Acme")
    touch(account, "call", add_months(today, -1))
    touch(account, "visit", date(2025, 3, 15))

    html = client_for(org["rep1"]).get("/cadence/").content.decode()

    assert "due today" in html
    assert "1 day overdue" in html


def test_filters_narrow_by_owner_tier_kind_and_overdue(
    org, account_since, touch, client_for, today
):
    a_today = account_since(org["rep1"], "A", LONG_AGO, name="A due today")
    touch(a_today, "call", add_months(today, -1))
    touch(a_today, "visit", today)
    account_since(org["rep1"], "B", LONG_AGO, name="B overdue")
    account_since(org["rep2"], "C", LONG_AGO, name="C of rep2")
    client = client_for(org["manager1"])

    by_owner = client.get("/cadence/", {"owner": org["rep2"].pk})
    by_tier = client.get("/cadence/", {"tier": "B"})
    by_kind = client.get("/cadence/", {"kind": "visit"})
    overdue = client.get("/cadence/", {"overdue": "on", "owner": org["rep1"].pk})

    assert {name for name, _kind in shown(by_owner)} == {"C of rep2"}
    assert {name for name, _kind in shown(by_tier)} == {"B overdue"}
    assert {kind for _name, kind in shown(by_kind)} == {"visit"}
    assert shown(overdue) == [("B overdue", "call"), ("B overdue", "visit")]


def test_an_owner_the_user_cannot_see_is_ignored_not_an_error(
    org, account_since, client_for, today
):
    account_since(org["rep1"], "A", LONG_AGO, name="Mine")
    account_since(org["rep3"], "A", LONG_AGO, name="Theirs")

    response = client_for(org["rep1"]).get("/cadence/", {"owner": org["rep3"].pk})

    assert response.status_code == 200
    assert {name for name, _kind in shown(response)} == {"Mine"}


def test_long_lists_are_paged(org, account_since, client_for, settings, today):
    for n in range(15):
        account_since(org["rep1"], "C", LONG_AGO, name=f"Account {n:02}")
    client = client_for(org["rep1"])

    first = client.get("/cadence/")
    second = client.get("/cadence/", {"page": 2})

    assert first.context["page_obj"].paginator.count == 30
    assert len(shown(first)) == settings.PAGE_SIZE
    assert len(shown(second)) == 30 - settings.PAGE_SIZE
    assert not set(shown(first)) & set(shown(second))


def test_an_htmx_request_gets_only_the_results(org, account_since, client_for, today):
    account_since(org["rep1"], "A", LONG_AGO, name="Acme")

    response = client_for(org["rep1"]).get(
        "/cadence/", {"tier": "A"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "Acme" in html
    assert "<html" not in html


def test_a_manager_sees_the_per_rep_table_and_a_rep_does_not(org, account_since, client_for, today):
    account_since(org["rep1"], "A", LONG_AGO)

    manager_page = client_for(org["manager1"]).get("/cadence/")
    rep_page = client_for(org["rep1"]).get("/cadence/")

    lines = {line.rep.username: line for line in manager_page.context["by_rep"]}
    assert lines["rep1"].overdue == 2
    assert 'id="cadence-by-rep"' in manager_page.content.decode()
    assert 'id="cadence-by-rep"' not in rep_page.content.decode()


def test_nothing_due_says_so(org, client_for, today):
    html = client_for(org["rep1"]).get("/cadence/").content.decode()

    assert "No call or visit is due" in html


def test_the_page_requires_sign_in(client, db):
    response = client.get("/cadence/")

    assert response.status_code == 302


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_runs_a_constant_number_of_queries(
    count, org, account_since, client_for, today, django_assert_max_num_queries
):
    for n in range(count):
        account_since(org["rep1"] if n % 2 else org["rep2"], "A", LONG_AGO)
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(12):
        response = client.get("/cadence/")

    assert response.context["page_obj"].paginator.count == 2 * count
