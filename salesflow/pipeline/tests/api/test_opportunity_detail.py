"""GET, PATCH and DELETE /api/v1/opportunities/{id}; every route answers 404 for another rep's
opportunity and 401 without credentials."""

import pytest
from django.test import Client

from salesflow.core.history import history_for
from salesflow.pipeline.models import Opportunity
from salesflow.playbook.models import Milestone


def url(opportunity, suffix: str = "") -> str:
    return f"/api/v1/opportunities/{opportunity.pk}{suffix}"


def patch(client, opportunity, **fields):
    return client.patch(url(opportunity), fields, content_type="application/json")


def test_a_rep_reads_their_own_opportunity(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"], name="Boiler retrofit")

    response = api_client_for(org["rep1"]).get(url(opportunity))

    assert response.status_code == 200
    assert response.json()["name"] == "Boiler retrofit"


def test_the_manager_of_both_reps_reads_both_reps_opportunities(
    org, make_opportunity, api_client_for
):
    client = api_client_for(org["manager1"])

    for rep in ("rep1", "rep2"):
        assert client.get(url(make_opportunity(org[rep]))).status_code == 200


def test_another_manager_does_not_see_them(org, make_opportunity, api_client_for):
    response = api_client_for(org["manager2"]).get(url(make_opportunity(org["rep1"])))

    assert response.status_code == 404


def test_an_id_that_does_not_exist_is_not_found(org, api_client_for):
    assert api_client_for(org["rep1"]).get("/api/v1/opportunities/987654").status_code == 404


def every_route(opportunity):
    milestone = Milestone.objects.filter(stage=opportunity.stage).first()
    answers = dict.fromkeys(("need", "decision_process", "budget", "relationship", "worth"), "yes")
    return [
        ("get", url(opportunity), None),
        ("patch", url(opportunity), {"name": "Mine now"}),
        ("delete", url(opportunity), None),
        ("get", url(opportunity, "/milestones"), None),
        ("post", url(opportunity, f"/milestones/{milestone.pk}"), {"done": True}),
        ("put", url(opportunity, "/qualification"), answers),
        ("post", url(opportunity, "/advance"), {}),
        ("post", url(opportunity, "/move-back"), {"stage": 1, "reason": "Because"}),
        ("post", url(opportunity, "/skip-gate"), {"reason": "Because"}),
        ("post", url(opportunity, "/close"), {"result": "lost", "reason": "Because"}),
    ]


def call(client, method, path, body):
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, content_type="application/json")


def test_another_reps_opportunity_is_not_found_on_every_route(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep2"], name="Theirs")
    client = api_client_for(org["rep1"])

    for method, path, body in every_route(opportunity):
        response = call(client, method, path, body)
        assert response.status_code == 404, (method, path)
        assert response.json() == {"detail": "Not found."}

    opportunity.refresh_from_db()
    assert (opportunity.name, opportunity.version, opportunity.status) == ("Theirs", 1, "open")
    assert opportunity.milestone_checks.count() == 0


def test_every_route_needs_credentials(org, make_opportunity):
    opportunity = make_opportunity(org["rep1"])
    routes = [
        *every_route(opportunity),
        ("get", "/api/v1/opportunities", None),
        ("post", "/api/v1/opportunities", {"name": "X"}),
    ]

    for method, path, body in routes:
        response = call(Client(), method, path, body)
        assert response.status_code == 401, (method, path)
        assert response["WWW-Authenticate"] == "Bearer"

    assert Opportunity.objects.get().version == 1


def test_a_patch_changes_only_the_given_fields(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"], name="Boiler", amount=1000, source="referral")

    response = patch(api_client_for(org["rep1"]), opportunity, amount="1500", cost="900")

    assert response.status_code == 200
    body = response.json()
    assert (body["amount"], body["gross_margin"], body["version"]) == ("1500.00", "600.00", 2)
    assert (body["name"], body["source"]) == ("Boiler", "referral")


def test_a_patch_is_recorded_in_the_history_field_by_field(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"], name="Boiler")

    patch(api_client_for(org["rep1"]), opportunity, name="Boiler and turbine")

    updates = history_for(opportunity).filter(action="update", changed_by=org["rep1"])
    changed = {(r.field, r.old_value, r.new_value) for r in updates if r.old_value}
    assert changed == {("name", "Boiler", "Boiler and turbine")}


def test_a_patch_can_clear_a_choice(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"], our_position="leader")

    response = patch(api_client_for(org["rep1"]), opportunity, our_position=None)

    assert response.json()["our_position"] is None


def test_a_manager_may_hand_the_opportunity_to_another_of_their_reps(
    org, make_opportunity, api_client_for
):
    opportunity = make_opportunity(org["rep1"])

    response = patch(api_client_for(org["manager1"]), opportunity, owner="rep2")

    assert response.json()["owner"] == "rep2"


@pytest.mark.parametrize(
    ("field", "value", "endpoint"),
    [("stage", {"number": 2}, "/advance"), ("status", "won", "/close")],
)
def test_a_patch_of_stage_or_status_is_refused_with_the_endpoint_to_use(
    org, make_opportunity, api_client_for, field, value, endpoint
):
    opportunity = make_opportunity(org["rep1"], name="Boiler")

    response = patch(api_client_for(org["rep1"]), opportunity, name="Renamed", **{field: value})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == field
    assert endpoint in error["message"]
    opportunity.refresh_from_db()
    assert (opportunity.name, opportunity.stage.number, opportunity.status) == ("Boiler", 1, "open")


def test_the_process_cannot_be_changed(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = patch(api_client_for(org["rep1"]), opportunity, process="ten_step")

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["process"]
    opportunity.refresh_from_db()
    assert opportunity.process.key == "eight_step"


def test_a_failed_patch_changes_nothing(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"], name="Boiler", amount=1000)

    response = patch(api_client_for(org["rep1"]), opportunity, name="Renamed", amount="-1")

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["amount"]
    opportunity.refresh_from_db()
    assert (opportunity.name, opportunity.version) == ("Boiler", 1)


def test_a_patch_based_on_an_old_version_is_refused_as_stale(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"], name="Boiler")
    client = api_client_for(org["rep1"])
    patch(client, opportunity, name="Boiler (manager's edit)", version=1)

    response = patch(client, opportunity, name="Boiler (my edit)", version=1)

    assert response.status_code == 409
    [blocker] = response.json()["blockers"]
    assert blocker["code"] == "stale"
    assert "version 2" in response.json()["detail"]
    opportunity.refresh_from_db()
    assert opportunity.name == "Boiler (manager's edit)"


def test_a_rep_deletes_their_own_opportunity(org, make_opportunity, api_client_for):
    opportunity = make_opportunity(org["rep1"])

    response = api_client_for(org["rep1"]).delete(url(opportunity))

    assert response.status_code == 204
    assert not Opportunity.objects.filter(pk=opportunity.pk).exists()
    assert history_for(opportunity).filter(action="delete").exists()


def test_a_colleague_on_the_account_team_works_on_the_deal_but_cannot_delete_it(
    org, make_account, make_opportunity, api_client_for
):
    from salesflow.accounts.services import account_team_member_set

    account = make_account(org["rep3"], name="Shared")
    account_team_member_set(
        account=account, user=org["rep1"], team_role="sales", acting_user=org["rep3"]
    )
    opportunity = make_opportunity(org["rep3"], account=account)
    client = api_client_for(org["rep1"])

    assert patch(client, opportunity, name="Renamed").status_code == 200
    assert client.delete(url(opportunity)).status_code == 404
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
