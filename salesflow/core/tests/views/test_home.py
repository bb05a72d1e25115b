from salesflow.accounts.models import KeyAccountType


def test_home_requires_sign_in(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_rep_home_counts_only_their_own_accounts(org, make_account, client_for):
    make_account(org["rep1"], name="Mine", tier="A", key_account_type=KeyAccountType.NATIONAL)
    make_account(org["rep3"], name="Theirs", tier="A")

    response = client_for(org["rep1"]).get("/")

    assert response.context["tiers"]["total"] == 1
    assert response.context["tiers"]["a"] == 1
    assert "Mine" in response.content.decode()
    assert "Theirs" not in response.content.decode()
    assert response.context.get("people") is None


def test_manager_home_lists_their_reps_with_account_counts(org, make_account, client_for):
    make_account(org["rep1"], tier="A")
    make_account(org["rep1"], tier="B")
    make_account(org["rep3"], tier="A")

    response = client_for(org["manager1"]).get("/")

    people = {p.username: p for p in response.context["people"]}
    assert set(people) == {"rep1", "rep2"}
    assert people["rep1"].account_count == 2
    assert people["rep1"].a_count == 1
    assert response.context["tiers"]["total"] == 2


def test_director_home_shows_every_region(org, make_account, client_for):
    make_account(org["rep1"], region=org["region"])
    make_account(org["rep3"])

    response = client_for(org["director"]).get("/")

    regions = {r["region__name"]: r["total"] for r in response.context["by_region"]}
    assert regions == {"East": 1, None: 1}
    assert response.context["tiers"]["total"] == 2


def test_home_runs_a_constant_number_of_queries(
    org, make_account, client_for, django_assert_max_num_queries
):
    client = client_for(org["manager1"])
    for _ in range(5):
        make_account(org["rep1"])
    with django_assert_max_num_queries(20):
        client.get("/")
    for _ in range(45):
        make_account(org["rep2"])
    with django_assert_max_num_queries(20):
        client.get("/")
