"""Who may call the API: a bearer token, or a signed-in browser session with CSRF on writes."""

import json

import pytest
from django.test import Client

from salesflow.users.services import api_token_create, api_token_revoke

ACCOUNTS = "/api/v1/accounts"


def assert_json_401(response) -> None:
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert set(response.json()) == {"detail"}
    assert "Traceback" not in response.content.decode()


def test_a_request_without_a_token_is_refused_with_a_json_401(db):
    response = Client().get(ACCOUNTS)

    assert_json_401(response)


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz", "sf_no_scheme", "Bearer sf_unknown"],
)
def test_a_malformed_or_unknown_token_is_refused_with_a_json_401(org, header):
    response = Client(headers={"Authorization": header}).get(ACCOUNTS)

    assert_json_401(response)


def test_a_revoked_token_is_refused_with_a_json_401(org):
    token, raw = api_token_create(user=org["rep1"], name="laptop")
    api_token_revoke(token=token)

    response = Client(headers={"Authorization": f"Bearer {raw}"}).get(ACCOUNTS)

    assert_json_401(response)


def test_a_write_with_a_revoked_token_is_refused_with_a_json_401(org):
    token, raw = api_token_create(user=org["rep1"], name="laptop")
    api_token_revoke(token=token)
    client = Client(headers={"Authorization": f"Bearer {raw}"}, enforce_csrf_checks=True)

    response = client.post(ACCOUNTS, json.dumps({"name": "Acme"}), content_type="application/json")

    assert_json_401(response)


def test_a_valid_token_is_accepted(org, api_client_for):
    response = api_client_for(org["rep1"]).get(ACCOUNTS)

    assert response.status_code == 200


def test_a_token_of_a_deactivated_user_is_refused(org):
    _token, raw = api_token_create(user=org["rep1"], name="laptop")
    org["rep1"].is_active = False
    org["rep1"].save()

    response = Client(headers={"Authorization": f"Bearer {raw}"}).get(ACCOUNTS)

    assert_json_401(response)


def test_a_signed_in_browser_session_can_read(org, client_for, make_account):
    make_account(org["rep1"], name="Acme")

    response = client_for(org["rep1"]).get(ACCOUNTS)

    assert response.status_code == 200
    assert [a["name"] for a in response.json()["items"]] == ["Acme"]


def test_a_session_write_without_the_csrf_token_is_refused(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org["rep1"])

    response = client.post(ACCOUNTS, json.dumps({"name": "Acme"}), content_type="application/json")

    assert response.status_code == 403
    assert "detail" in response.json()


def test_a_session_write_with_the_csrf_token_from_the_docs_page_succeeds(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org["rep1"])
    client.get("/api/v1/docs")
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        ACCOUNTS,
        json.dumps({"name": "Acme"}),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )

    assert response.status_code == 201
    assert response.json()["owner"] == "rep1"
