"""GET /api/v1/contacts: only contacts at visible accounts, filters, constant queries."""

import pytest

URL = "/api/v1/contacts"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [c["name"] for c in response.json()["items"]]


@pytest.fixture
def per_rep(org, make_account, make_contact):
    return {
        rep: make_contact(make_account(org[rep], name=f"{rep}'s"), name=f"{rep}'s buyer")
        for rep in ("rep1", "rep2", "rep3")
    }


def test_a_rep_lists_only_contacts_at_their_accounts(org, per_rep, api_client_for):
    response = api_client_for(org["rep1"]).get(URL)

    assert names(response) == ["rep1's buyer"]
    assert response.json()["count"] == 1


def test_a_manager_lists_the_contacts_of_both_their_reps(org, per_rep, api_client_for):
    assert names(api_client_for(org["manager1"]).get(URL)) == ["rep1's buyer", "rep2's buyer"]


def test_a_director_lists_every_contact(org, per_rep, api_client_for):
    assert len(names(api_client_for(org["director"]).get(URL))) == 3


def test_a_contact_is_listed_with_every_public_field(
    org, make_account, make_contact, api_client_for
):
    account = make_account(org["rep1"])
    boss = make_contact(account, name="Boss")
    make_contact(
        account, name="Wang", reports_to=boss, decision_role="decision_maker", meets_org_needs=True
    )

    item = api_client_for(org["rep1"]).get(URL, {"q": "wang"}).json()["items"][0]

    assert set(item) == {
        "id", "account", "name", "title", "department", "mobile", "phone", "email", "wechat",
        "reports_to", "buying_role", "decision_role", "attitude", "meets_personal_needs",
        "meets_org_needs", "relationship", "social_style", "is_ally", "view_of_need",
        "view_of_us", "view_of_competitors", "buying_criteria", "our_strategy",
    }  # fmt: skip
    assert (item["account"], item["reports_to"]) == (account.pk, boss.pk)
    assert (item["decision_role"], item["relationship"], item["attitude"]) == (
        "decision_maker",
        "stranger",
        None,
    )


@pytest.fixture
def buying_centre(org, make_account, make_contact):
    plant = make_account(org["rep1"], name="Plant")
    office = make_account(org["rep1"], name="Office")
    make_contact(plant, name="Chen", decision_role="decision_maker", attitude="accepts")
    make_contact(plant, name="Li", decision_role="influencer", attitude="hostile", is_ally=False)
    make_contact(office, name="Zhao", title="Engineer", is_ally=True, attitude="accepts")
    return {"plant": plant, "office": office}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "engineer"}, ["Zhao"]),
        ({"decision_role": "influencer"}, ["Li"]),
        ({"attitude": "accepts"}, ["Chen", "Zhao"]),
        ({"is_ally": "true"}, ["Zhao"]),
        ({"is_ally": "false"}, ["Chen", "Li"]),
    ],
)
def test_each_filter_narrows_the_list(org, buying_centre, api_client_for, params, expected):
    assert names(api_client_for(org["rep1"]).get(URL, params)) == expected


def test_the_account_filter_lists_that_accounts_people(org, buying_centre, api_client_for):
    response = api_client_for(org["rep1"]).get(URL, {"account": buying_centre["office"].pk})

    assert names(response) == ["Zhao"]


def test_a_bad_attitude_filter_is_a_422_listing_the_allowed_values(org, api_client_for):
    response = api_client_for(org["rep1"]).get(URL, {"attitude": "grumpy"})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "attitude"
    assert "accepts, doubts, resists, indifferent, hostile" in error["message"]


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_takes_a_constant_number_of_queries(
    org, make_account, make_contact, api_client_for, django_assert_max_num_queries, rows
):
    accounts = {rep: make_account(org[rep]) for rep in ("rep1", "rep2")}
    bosses = {rep: make_contact(account, name=f"{rep} boss") for rep, account in accounts.items()}
    for n in range(rows):
        rep = "rep1" if n % 2 else "rep2"
        make_contact(accounts[rep], name=f"Contact {n:02}", reports_to=bosses[rep])
    client = api_client_for(org["manager1"])

    with django_assert_max_num_queries(5):
        response = client.get(URL, {"limit": 100})

    assert response.json()["count"] == rows + 2
