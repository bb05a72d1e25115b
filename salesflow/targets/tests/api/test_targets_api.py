"""/api/v1/targets: list with filters, create, read, change and delete, with the same rules and
visibility as the pages."""

import json

import pytest
from django.utils import timezone

from salesflow.org.models import Team
from salesflow.targets.models import Target, TargetChange

URL = "/api/v1/targets"
YEAR = str(timezone.localdate().year)
NEXT = str(timezone.localdate().year + 1)


def post(client, data):
    return client.post(URL, data=json.dumps(data), content_type="application/json")


def patch(client, pk, data):
    return client.patch(f"{URL}/{pk}", data=json.dumps(data), content_type="application/json")


def fields(response) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["detail"]}


def test_a_token_is_required(db, client):
    assert client.get(URL).status_code == 401


def test_a_director_sets_the_company_target_and_breaks_it_down_by_name(org, api_client_for):
    client = api_client_for(org["director"])

    company = post(
        client, {"metric": "revenue", "period": NEXT, "holder": "company", "amount": 1000000}
    )
    assert company.status_code == 201
    body = company.json()
    assert {k: body[k] for k in ("metric", "period", "period_kind", "holder", "holder_kind")} == {
        "metric": "revenue",
        "period": NEXT,
        "period_kind": "year",
        "holder": "company",
        "holder_kind": "company",
    }

    east = post(
        client,
        {
            "metric": "revenue",
            "period": NEXT,
            "holder": "East",
            "amount": 600000,
            "parent": body["id"],
        },
    )
    rep = post(
        client,
        {
            "metric": "revenue",
            "period": f"{NEXT}-q1",
            "holder": "rep1",
            "amount": 50000,
            "parent": east.json()["id"],
        },
    )

    assert east.json()["holder_kind"] == "region"
    assert (rep.json()["holder"], rep.json()["period"]) == ("rep1", f"{NEXT}-Q1")
    parent = client.get(f"{URL}/{body['id']}").json()
    assert (parent["allocated"], parent["unallocated"], parent["locked"]) == (
        "600000.00",
        "400000.00",
        False,
    )


def test_an_over_allocation_answers_422_on_amount_with_the_figures(org, set_target, api_client_for):
    company = set_target("company", NEXT, 1_000_000)
    set_target(org["region"], NEXT, 700_000, parent=company)

    response = post(
        api_client_for(org["director"]),
        {
            "metric": "revenue",
            "period": NEXT,
            "holder": "Beijing",
            "amount": 500000,
            "parent": company.pk,
        },
    )

    assert response.status_code == 422
    assert fields(response) == {
        "amount": "The parts would total ¥1,200,000, ¥200,000 more than the target of ¥1,000,000."
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"period": "2026-Q5"}, "period"),
        ({"metric": "profit"}, "metric"),
        ({"holder": "nobody"}, "holder"),
        ({"amount": -1}, "amount"),
        ({"holder_kind": "planet"}, "holder_kind"),
        ({"parent": 999999}, "parent"),
        ({"product": "Nothing"}, "product"),
    ],
)
def test_bad_input_answers_422_naming_the_field(org, api_client_for, change, field):
    data = {"metric": "revenue", "period": NEXT, "holder": "company", "amount": 1, **change}

    response = post(api_client_for(org["director"]), data)

    assert response.status_code == 422
    assert field in fields(response)


def test_a_name_two_kinds_share_is_settled_by_holder_kind(org, api_client_for):
    Team.objects.create(name="East", region=org["region"])
    client = api_client_for(org["director"])

    ambiguous = post(client, {"metric": "revenue", "period": NEXT, "holder": "East", "amount": 1})
    settled = post(
        client,
        {"metric": "revenue", "period": NEXT, "holder": "East", "holder_kind": "team", "amount": 1},
    )

    assert ambiguous.status_code == 422 and "holder" in fields(ambiguous)
    assert settled.json()["holder_kind"] == "team"


def test_the_list_filters_by_metric_period_and_holder_and_shows_only_visible_targets(
    org, set_target, api_client_for
):
    team = set_target(org["team1"], NEXT, 500_000)
    set_target(org["rep1"], NEXT, 100_000, parent=team)
    set_target(org["rep2"], NEXT, 100_000, parent=team)
    set_target(org["rep1"], NEXT, 5, metric="new_customers")
    set_target("company", NEXT, 9_000_000)

    client = api_client_for(org["rep1"])
    everything = client.get(URL).json()
    revenue = client.get(URL, {"metric": "revenue", "period": NEXT, "holder": "rep1"}).json()

    assert {(t["holder"], t["metric"]) for t in everything["items"]} == {
        ("Shanghai", "revenue"),
        ("rep1", "revenue"),
        ("rep1", "new_customers"),
    }
    assert [t["amount"] for t in revenue["items"]] == ["100000.00"]
    assert client.get(URL, {"holder": "rep2"}).status_code == 422  # a colleague reads as nobody


def test_someone_elses_target_answers_404(org, set_target, api_client_for):
    target = set_target(org["rep2"], NEXT, 100_000)

    assert api_client_for(org["rep1"]).get(f"{URL}/{target.pk}").status_code == 404


def test_a_manager_may_not_set_a_company_target(org, api_client_for):
    response = post(
        api_client_for(org["manager1"]),
        {"metric": "revenue", "period": NEXT, "holder": "company", "amount": 1},
    )

    assert response.status_code == 403
    assert "set by a director" in response.json()["detail"]


def test_a_locked_target_answers_409_to_a_manager(org, set_target, api_client_for):
    team = set_target(org["team1"], YEAR, 500_000)
    rep = set_target(org["rep1"], YEAR, 100_000, parent=team)

    response = patch(api_client_for(org["manager1"]), rep.pk, {"amount": 120000, "reason": "x"})

    assert response.status_code == 409
    assert response.json()["detail"].startswith("This target is locked")


def test_a_director_changes_a_locked_target_with_a_reason(org, set_target, api_client_for):
    target = set_target("company", YEAR, 1_000_000)
    client = api_client_for(org["director"])

    without = patch(client, target.pk, {"amount": 1100000})
    changed = patch(client, target.pk, {"amount": 1100000, "reason": "Price rise"})

    assert without.status_code == 422 and "reason" in fields(without)
    assert changed.status_code == 200 and changed.json()["amount"] == "1100000.00"
    assert TargetChange.objects.get().reason == "Price rise"


def test_a_patch_cannot_move_a_target_to_another_holder(org, set_target, api_client_for):
    target = set_target("company", NEXT, 1_000_000)

    response = patch(api_client_for(org["director"]), target.pk, {"amount": 5, "holder": "East"})

    assert response.status_code == 422
    assert "fixed" in fields(response)["holder"]


def test_delete_answers_204_before_the_period_and_409_after(org, set_target, api_client_for):
    later = set_target("company", NEXT, 1_000_000)
    started = set_target("company", YEAR, 1_000_000)
    client = api_client_for(org["director"])

    assert client.delete(f"{URL}/{later.pk}").status_code == 204
    assert client.delete(f"{URL}/{started.pk}").status_code == 409
    assert list(Target.objects.all()) == [started]


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_runs_a_constant_number_of_queries(
    org, set_target, make_user, api_client_for, django_assert_max_num_queries, rows
):
    from salesflow.users.models import Role

    team = set_target(org["team1"], NEXT, 10_000_000)
    for _ in range(rows):
        rep = make_user(Role.REP, supervisor=org["manager1"], team=org["team1"])
        set_target(rep, NEXT, 1_000, parent=team)
    client = api_client_for(org["director"])

    with django_assert_max_num_queries(5):
        response = client.get(URL, {"limit": 100})

    assert response.json()["count"] == rows + 1
