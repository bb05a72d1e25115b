"""The home page's cadence sections: the rep's calls and visits due today and overdue, each with a
link to log it; the manager's line per rep."""

from datetime import date

import pytest

from salesflow.activities.months import add_months

pytestmark = pytest.mark.django_db

LONG_AGO = date(2020, 1, 1)


def test_the_rep_sees_what_is_overdue_and_what_is_due_today(
    org, account_since, touch, client_for, today
):
    due_today = account_since(org["rep1"], "A", LONG_AGO, name="Due Today Ltd")
    touch(due_today, "call", add_months(today, -1))
    touch(due_today, "visit", today)
    late = account_since(org["rep1"], "A", LONG_AGO, name="Late Ltd")
    touch(late, "call", today)
    touch(late, "visit", date(2025, 3, 1))

    response = client_for(org["rep1"]).get("/")

    cadence = response.context["cadence"]
    assert [(t.account.name, t.kind, t.overdue_days) for t in cadence["due_today"]] == [
        ("Due Today Ltd", "call", 0)
    ]
    assert [(t.account.name, t.kind, t.overdue_days) for t in cadence["overdue"]] == [
        ("Late Ltd", "visit", 15)
    ]
    html = response.content.decode()
    assert f"/activities/new/?account={due_today.pk}&amp;kind=call" in html
    assert f"/activities/new/?account={late.pk}&amp;kind=visit" in html


def test_the_home_page_lists_only_the_users_own_accounts(org, account_since, client_for, today):
    account_since(org["rep1"], "A", LONG_AGO, name="Rep's account")

    cadence = client_for(org["manager1"]).get("/").context["cadence"]

    assert cadence["overdue_count"] == 0
    assert cadence["overdue"] == []


def test_a_long_overdue_list_shows_the_worst_ten_and_the_count(
    org, account_since, client_for, today
):
    for n in range(12):
        account_since(org["rep1"], "C", date(2020, 1, n + 1), name=f"Account {n:02}")

    response = client_for(org["rep1"]).get("/")

    cadence = response.context["cadence"]
    assert cadence["overdue_count"] == 24
    assert len(cadence["overdue"]) == 10
    assert cadence["overdue"][0].account.name == "Account 00"
    assert "See all 24 overdue" in response.content.decode()


def test_the_manager_sees_a_line_per_rep_on_the_home_page(org, account_since, client_for, today):
    account_since(org["rep2"], "B", LONG_AGO)

    response = client_for(org["manager1"]).get("/")

    lines = {line.rep.username: line for line in response.context["cadence_by_rep"]}
    assert set(lines) == {"rep1", "rep2"}
    assert lines["rep2"].overdue == 2
    assert 'id="cadence-team"' in response.content.decode()


def test_a_rep_sees_no_per_rep_table(org, account_since, client_for, today):
    account_since(org["rep1"], "B", LONG_AGO)

    response = client_for(org["rep1"]).get("/")

    assert 'id="cadence-team"' not in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_the_cadence_sections_keep_the_home_query_count_constant(
    count, org, account_since, client_for, today, django_assert_max_num_queries
):
    for n in range(count):
        account_since(org["manager1"] if n % 2 else org["rep1"], "A", LONG_AGO)
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(21):
        response = client.get("/")

    assert response.context["cadence"]["overdue_count"] == 2 * (count // 2)
