"""The OpenAPI description and the browsable docs, served from this server's own static files."""

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

ROUTES = {
    "/api/v1/accounts": {"get", "post"},
    "/api/v1/accounts/{id}": {"get", "patch", "delete"},
    "/api/v1/contacts": {"get", "post"},
    "/api/v1/contacts/{id}": {"get", "patch", "delete"},
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
    "/api/v1/reports/funnel": {"get"},
    "/api/v1/reports/forecast": {"get"},
    "/api/v1/reports/call-funnel": {"get"},
    "/api/v1/reports/pareto": {"get"},
    "/api/v1/reports/weekly": {"get"},
    "/api/v1/reports/progress": {"get"},
    "/api/v1/targets": {"get", "post"},
    "/api/v1/targets/{id}": {"get", "patch", "delete"},
    "/api/v1/activities": {"get", "post"},
    "/api/v1/activities/{id}": {"get", "patch", "delete"},
    "/api/v1/market-reports": {"get", "post"},
    "/api/v1/market-reports/{id}": {"get"},
    "/api/v1/market-reports/{id}/acknowledge": {"post"},
    "/api/v1/market-reports/{id}/resolve": {"post"},
    "/api/v1/cadence/due": {"get"},
    "/api/v1/visit-plans": {"get", "post"},
    "/api/v1/visit-plans/{id}": {"get", "patch", "delete"},
    "/api/v1/visit-plans/{id}/submit": {"post"},
    "/api/v1/visit-plans/{id}/approve": {"post"},
    "/api/v1/visit-plans/{id}/return": {"post"},
    "/api/v1/visit-plans/{id}/reopen": {"post"},
    "/api/v1/daily-reports": {"get", "post"},
    "/api/v1/daily-reports/{id}": {"get", "patch"},
    "/api/v1/daily-reports/{id}/submit": {"post"},
    "/api/v1/daily-reports/{id}/sign": {"post"},
    "/api/v1/daily-reports/{id}/return": {"post"},
}


def test_openapi_json_lists_every_route_with_its_methods(db):
    spec = Client().get("/api/v1/openapi.json").json()

    assert {path: set(ops) for path, ops in spec["paths"].items()} == ROUTES


def test_openapi_json_describes_bearer_tokens_and_the_session(db):
    spec = Client().get("/api/v1/openapi.json").json()

    schemes = spec["components"]["securitySchemes"]
    assert schemes["BearerToken"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SignedInSession"]["in"] == "cookie"


def test_openapi_json_keeps_separate_input_and_output_schemas(db):
    schemas = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert {"AccountOut", "AccountCreateIn", "AccountPatchIn"} <= set(schemas)
    assert {"ContactOut", "ContactCreateIn", "ContactPatchIn"} <= set(schemas)
    assert schemas["AccountCreateIn"]["required"] == ["name"]
    assert "selection_score" not in schemas["AccountPatchIn"]["properties"]
    assert "relationship" not in schemas["ContactPatchIn"]["properties"]


def test_docs_page_uses_no_cdn(db):
    html = Client().get("/api/v1/docs").content.decode()

    for marker in ("cdn", "jsdelivr", "unpkg", "cloudflare", "googleapis", "http:", "https:"):
        assert marker not in html.lower(), marker


def test_every_asset_the_docs_page_loads_is_a_local_static_file(db):
    html = Client().get("/api/v1/docs").content.decode()

    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 3
    for url in assets:
        assert url.startswith("/" + settings.STATIC_URL.lstrip("/")), url
        assert finders.find(url.removeprefix("/" + settings.STATIC_URL.lstrip("/"))), url


def test_docs_page_turns_off_the_online_spec_validator(db):
    html = Client().get("/api/v1/docs").content.decode()

    assert '"validatorUrl": null' in html
