"""GET /api/v1/accounts: only visible accounts, filters, pages with a total, constant queries."""

import pytest

from salesflow.org.models import Region

URL = "/api/v1/accounts"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [a["name"] for a in response.json()["items"]]


@pytest.fixture
def per_rep(org, make_account):
    return {rep: make_account(org[rep], name=f"{rep}'s") for rep in ("rep1", "rep2", "rep3")}


def test_a_rep_lists_only_their_own_accounts(org, per_rep, api_client_for):
    response = api_client_for(org["rep1"]).get(URL)

    assert names(response) == ["rep1's"]
    assert response.json()["count"] == 1


def test_a_manager_lists_the_accounts_of_both_their_reps(org, per_rep, api_client_for):
    assert names(api_client_for(org["manager1"]).get(URL)) == ["rep1's", "rep2's"]


def test_a_director_lists_every_account(org, per_rep, api_client_for):
    assert names(api_client_for(org["director"]).get(URL)) == ["rep1's", "rep2's", "rep3's"]


def test_an_account_is_listed_with_every_public_field(org, make_account, api_client_for):
    make_account(org["rep1"], name="Acme", region=org["region"], score_innovation=4)

    item = api_client_for(org["rep1"]).get(URL).json()["items"][0]

    assert set(item) == {
        "id", "name", "credit_code", "industry", "region", "address", "website", "tier",
        "key_account_type", "annual_revenue", "employees", "net_assets", "owner", "parent",
        "status", "score_sales_potential", "score_innovation", "score_market_strength",
        "score_financial_health", "selection_score", "created_at", "updated_at",
    }  # fmt: skip
    assert (item["region"], item["owner"], item["selection_score"]) == ("East", "rep1", 4)


def test_pages_are_cut_by_limit_and_offset_and_carry_the_total(org, make_account, api_client_for):
    for n in range(5):
        make_account(org["rep1"], name=f"Account {n}")

    body = api_client_for(org["rep1"]).get(URL, {"limit": 2, "offset": 2}).json()

    assert (body["count"], body["limit"], body["offset"]) == (5, 2, 2)
    assert [a["name"] for a in body["items"]] == ["Account 2", "Account 3"]


@pytest.fixture
def varied(org, make_account):
    west = Region.objects.create(name="West")
    group = make_account(org["rep1"], name="Group Holdings", industry="Steel", tier="A")
    make_account(
        org["rep1"],
        name="Steel Subsidiary",
        industry="Steel",
        key_account_type="national",
        region=west,
        parent=group,
        status="customer",
    )
    make_account(org["rep2"], name="Textile Works", industry="Textiles", region=org["region"])
    return group


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "textile"}, ["Textile Works"]),
        ({"tier": "A"}, ["Group Holdings"]),
        ({"key_account_type": "national"}, ["Steel Subsidiary"]),
        ({"region": "West"}, ["Steel Subsidiary"]),
        ({"region": "Nowhere"}, []),
        ({"owner": "rep2"}, ["Textile Works"]),
        ({"industry": "Steel"}, ["Group Holdings", "Steel Subsidiary"]),
        ({"status": "customer"}, ["Steel Subsidiary"]),
    ],
)
def test_each_filter_narrows_the_list(org, varied, api_client_for, params, expected):
    assert names(api_client_for(org["manager1"]).get(URL, params)) == expected


def test_the_parent_filter_lists_the_subsidiaries(org, varied, api_client_for):
    response = api_client_for(org["manager1"]).get(URL, {"parent": varied.pk})

    assert names(response) == ["Steel Subsidiary"]


def test_filtering_by_another_reps_username_shows_nothing_of_theirs(org, varied, api_client_for):
    assert names(api_client_for(org["rep1"]).get(URL, {"owner": "rep2"})) == []


def test_a_bad_filter_value_is_a_422_naming_the_field_and_the_allowed_values(org, api_client_for):
    response = api_client_for(org["rep1"]).get(URL, {"tier": "Z"})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "tier"
    assert all(value in error["message"] for value in ("A", "B", "C"))


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_takes_a_constant_number_of_queries(
    org, make_account, api_client_for, django_assert_max_num_queries, rows
):
    parents = {rep: make_account(org[rep], name=f"{rep}'s group") for rep in ("rep1", "rep2")}
    for n in range(rows):
        rep = "rep1" if n % 2 else "rep2"
        make_account(org[rep], name=f"Account {n:02}", region=org["region"], parent=parents[rep])
    client = api_client_for(org["manager1"])

    with django_assert_max_num_queries(5):
        response = client.get(URL, {"limit": 100})

    assert response.json()["count"] == rows + 2
