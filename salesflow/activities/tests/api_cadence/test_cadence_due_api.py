"""GET /api/v1/cadence/due?owner=USERNAME&on=YYYY-MM-DD: one row per due or overdue touch."""

from datetime import date

import pytest

from salesflow.activities.months import add_months

pytestmark = pytest.mark.django_db

LONG_AGO = date(2020, 1, 1)
ON = date(2025, 6, 16)


def get_due(client, **params):
    return client.get("/api/v1/cadence/due", params)


def test_rows_name_the_account_kind_due_date_and_overdue_days(
    org, account_since, touch, api_client_for
):
    today = account_since(org["rep1"], "A", LONG_AGO, name="Today Ltd")
    touch(today, "call", add_months(ON, -1))
    touch(today, "visit", ON)
    late = account_since(org["rep1"], "B", LONG_AGO, name="Late Ltd")
    touch(late, "call", date(2025, 6, 1))
    touch(late, "visit", date(2024, 12, 15))

    response = get_due(api_client_for(org["rep1"]), on="2025-06-16")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["items"] == [
        {
            "account": late.pk,
            "account_name": "Late Ltd",
            "tier": "B",
            "kind": "visit",
            "due_date": "2025-06-15",
            "overdue_days": 1,
        },
        {
            "account": today.pk,
            "account_name": "Today Ltd",
            "tier": "A",
            "kind": "call",
            "due_date": "2025-06-16",
            "overdue_days": 0,
        },
    ]


def test_owner_defaults_to_the_caller(org, account_since, api_client_for):
    account_since(org["manager1"], "A", LONG_AGO, name="Manager's")
    account_since(org["rep1"], "A", LONG_AGO, name="Rep's")

    body = get_due(api_client_for(org["manager1"]), on="2025-06-16").json()

    assert {row["account_name"] for row in body["items"]} == {"Manager's"}


def test_a_manager_asks_for_a_reps_touches_by_username(org, account_since, api_client_for):
    account = account_since(org["rep2"], "C", LONG_AGO)

    body = get_due(api_client_for(org["manager1"]), owner="rep2", on="2025-06-16").json()

    assert {(row["account"], row["kind"]) for row in body["items"]} == {
        (account.pk, "call"),
        (account.pk, "visit"),
    }


@pytest.mark.parametrize(
    ("caller", "owner"), [("rep1", "rep2"), ("manager1", "rep3"), ("rep1", "nobody")]
)
def test_an_owner_the_caller_cannot_see_answers_422_naming_owner(
    caller, owner, org, account_since, api_client_for
):
    account_since(org["rep2"], "A", LONG_AGO)
    account_since(org["rep3"], "A", LONG_AGO)

    response = get_due(api_client_for(org[caller]), owner=owner)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "owner"
    assert owner in error["message"]


def test_a_director_sees_any_reps_touches(org, account_since, api_client_for):
    account_since(org["rep3"], "A", LONG_AGO)

    body = get_due(api_client_for(org["director"]), owner="rep3", on="2025-06-16").json()

    assert body["count"] == 2


def test_on_moves_the_day_the_touches_are_counted_for(org, account_since, api_client_for):
    account_since(org["rep1"], "A", date(2025, 5, 20))
    client = api_client_for(org["rep1"])

    before = get_due(client, on="2025-06-19").json()
    after = get_due(client, on="2025-06-20").json()

    assert before["count"] == 0
    assert [(row["kind"], row["overdue_days"]) for row in after["items"]] == [("call", 0)]


def test_a_malformed_day_answers_422_naming_on(org, api_client_for):
    response = get_due(api_client_for(org["rep1"]), on="16/06/2025")

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["on"]


def test_without_credentials_the_answer_is_401(db, client):
    assert client.get("/api/v1/cadence/due").status_code == 401


def test_rows_are_paged_with_limit_and_offset(org, account_since, api_client_for):
    for n in range(3):
        account_since(org["rep1"], "A", LONG_AGO, name=f"Account {n}")
    client = api_client_for(org["rep1"])

    first = get_due(client, on="2025-06-16", limit=4).json()
    rest = get_due(client, on="2025-06-16", limit=4, offset=4).json()

    assert (first["count"], len(first["items"]), len(rest["items"])) == (6, 4, 2)


@pytest.mark.parametrize("count", [5, 50])
def test_the_api_runs_a_constant_number_of_queries(
    count, org, account_since, api_client_for, django_assert_max_num_queries
):
    for _ in range(count):
        account_since(org["rep1"], "A", LONG_AGO)
    client = api_client_for(org["manager1"])

    with django_assert_max_num_queries(7):
        response = get_due(client, owner="rep1", on="2025-06-16", limit=100)

    assert response.json()["count"] == 2 * count
