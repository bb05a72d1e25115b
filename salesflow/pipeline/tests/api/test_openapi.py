"""The OpenAPI description lists the process and opportunity routes with their schemas."""

from django.test import Client

ROUTES = {
    "/api/v1/processes": {"get"},
    "/api/v1/processes/{key}": {"get"},
    "/api/v1/opportunities": {"get", "post"},
    "/api/v1/opportunities/{id}": {"get", "patch", "delete"},
    "/api/v1/opportunities/{id}/milestones": {"get"},
    "/api/v1/opportunities/{id}/milestones/{milestone_id}": {"post"},
    "/api/v1/opportunities/{id}/qualification": {"put"},
    "/api/v1/opportunities/{id}/advance": {"post"},
    "/api/v1/opportunities/{id}/move-back": {"post"},
    "/api/v1/opportunities/{id}/skip-gate": {"post"},
    "/api/v1/opportunities/{id}/close": {"post"},
}


def spec() -> dict:
    return Client().get("/api/v1/openapi.json").json()


def test_openapi_json_lists_every_process_and_opportunity_route(db):
    paths = spec()["paths"]

    assert {path: set(paths.get(path, {})) for path in ROUTES} == ROUTES


def test_a_shut_gate_is_described_as_a_409_with_its_blockers(db):
    document = spec()
    advance = document["paths"]["/api/v1/opportunities/{id}/advance"]["post"]

    assert {"200", "401", "404", "409", "422"} <= set(advance["responses"])
    conflict = document["components"]["schemas"]["ConflictOut"]
    assert set(conflict["properties"]) == {"detail", "blockers"}


def test_stage_and_status_are_not_offered_as_inputs(db):
    schemas = spec()["components"]["schemas"]

    for name in ("OpportunityCreateIn", "OpportunityPatchIn"):
        assert not {"id", "stage", "status"} & set(schemas[name]["properties"])
    assert "process" not in schemas["OpportunityPatchIn"]["properties"]
    assert set(schemas["OpportunityCreateIn"]["required"]) == {
        "account",
        "name",
        "expected_close_date",
    }
