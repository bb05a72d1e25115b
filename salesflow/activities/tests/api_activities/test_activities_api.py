"""/api/v1/activities: the contract's fields, filters and pages, writes through the services
(422 with field errors), and 404 for what the caller may not see."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from salesflow.activities.models import Activity, ActivityKind, ActivityPurpose
from salesflow.activities.services.activities import ObjectionMet
from salesflow.pipeline.services import opportunity_create
from salesflow.playbook.models import Objection

URL = "/api/v1/activities"


def an_hour_ago() -> str:
    return (timezone.now() - timedelta(hours=1)).isoformat()


def errors(response) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["detail"]}


def test_an_unknown_objection_is_refused(org, make_account, objections, api_client_for):
    rep = org["rep1"]

    response = api_client_for(rep).post(
        URL,
        {
            "kind": "call",
            "account": make_account(rep).pk,
            "occurred_at": an_hour_ago(),
            "objections": [{"objection": 5, "overcome": True}, {"objection": 9999}],
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert errors(response) == {"objections": "There is no objection 9999 in the playbook."}
    assert not Activity.objects.exists()


def test_an_opportunity_of_another_account_is_refused(org, make_account, api_client_for):
    rep = org["rep1"]
    deal = opportunity_create(
        acting_user=rep,
        account=make_account(rep),
        name="Deal",
        amount=Decimal(1000),
        expected_close_date=timezone.localdate() + timedelta(days=30),
    )

    response = api_client_for(rep).post(
        URL,
        {
            "kind": "visit",
            "account": make_account(rep).pk,
            "opportunity": deal.pk,
            "occurred_at": an_hour_ago(),
        },
        content_type="application/json",
    )

    assert errors(response) == {"opportunity": "Choose an opportunity on this account."}


def test_create_answers_201_with_the_stored_activity(
    org, make_account, make_contact, objections, api_client_for
):
    rep = org["rep1"]
    account = make_account(rep)
    buyer = make_contact(account)

    response = api_client_for(rep).post(
        URL,
        {
            "kind": "call",
            "purpose": "market_research",
            "account": account.pk,
            "contacts": [buyer.pk],
            "occurred_at": an_hour_ago(),
            "duration_minutes": 9,
            "expenses": "2.5",
            "connected": True,
            "appointment_set": False,
            "objections": [{"objection": 5, "overcome": True}, {"objection": 6}],
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "call" and body["purpose"] == "market_research"
    assert (body["account"], body["contacts"], body["owner"]) == (account.pk, [buyer.pk], "rep1")
    assert (body["connected"], body["appointment_set"]) == (True, False)
    assert body["expenses"] == "2.50"
    assert [(o["objection"], o["overcome"]) for o in body["objections"]] == [
        (5, True),
        (6, False),
    ]


def test_an_objection_is_named_by_its_number_or_else_its_id(
    org, make_account, objections, api_client_for
):
    added = Objection.objects.create(number=50, title_en="Call me next year", answer_en="…")
    assert not Objection.objects.filter(number=added.pk).exists()
    rep = org["rep1"]

    response = api_client_for(rep).post(
        URL,
        {
            "kind": "call",
            "account": make_account(rep).pk,
            "occurred_at": an_hour_ago(),
            "objections": [{"objection": 2}, {"objection": added.pk}],
        },
        content_type="application/json",
    )

    assert [o["objection"] for o in response.json()["objections"]] == [2, 50]


def test_validation_errors_answer_422_field_by_field(org, make_account, api_client_for):
    rep = org["rep1"]

    response = api_client_for(rep).post(
        URL,
        {
            "kind": "visit",
            "account": make_account(rep).pk,
            "occurred_at": an_hour_ago(),
            "duration_minutes": -1,
            "connected": True,
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert {"duration_minutes", "connected"} <= set(errors(response))


def test_an_unknown_kind_lists_the_allowed_ones(org, make_account, api_client_for):
    response = api_client_for(org["rep1"]).post(
        URL,
        {"kind": "fax", "account": make_account(org["rep1"]).pk, "occurred_at": an_hour_ago()},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "call, visit, meeting, presentation, email, other" in errors(response)["kind"]


def test_an_unseen_account_reads_like_a_missing_one(org, make_account, api_client_for):
    response = api_client_for(org["rep1"]).post(
        URL,
        {"kind": "call", "account": make_account(org["rep3"]).pk, "occurred_at": an_hour_ago()},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert errors(response) == {"account": "Choose an account you can see."}


def test_list_filters_and_pages(org, make_account, log_activity, api_client_for):
    rep = org["rep1"]
    account = make_account(rep)
    for _ in range(3):
        log_activity(rep, account, kind=ActivityKind.VISIT, purpose=ActivityPurpose.SERVICE)
    log_activity(rep, account, kind=ActivityKind.CALL)
    log_activity(org["rep2"], make_account(org["rep2"]), kind=ActivityKind.VISIT)

    response = api_client_for(org["manager1"]).get(
        URL, {"kind": "visit", "owner": "rep1", "limit": 2, "offset": 1}
    )

    body = response.json()
    assert (body["count"], body["limit"], body["offset"], len(body["items"])) == (3, 2, 1, 2)
    assert {item["purpose"] for item in body["items"]} == {"service"}


def test_list_shows_only_visible_activities(org, make_account, log_activity, api_client_for):
    log_activity(org["rep3"], make_account(org["rep3"]))

    response = api_client_for(org["rep1"]).get(URL)

    assert response.json()["count"] == 0


def test_patch_changes_only_what_is_sent(
    org, make_account, log_activity, objections, api_client_for
):
    rep = org["rep1"]
    activity = log_activity(
        rep, make_account(rep), notes="Keep me", objections=[ObjectionMet(objection=objections[1])]
    )

    response = api_client_for(rep).patch(
        f"{URL}/{activity.pk}",
        {"duration_minutes": 15, "objections": [{"objection": 1, "overcome": True}]},
        content_type="application/json",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["duration_minutes"], body["notes"]) == (15, "Keep me")
    assert body["objections"][0]["overcome"] is True


def test_delete_answers_204(org, make_account, log_activity, api_client_for):
    activity = log_activity(org["rep1"], make_account(org["rep1"]))

    response = api_client_for(org["rep1"]).delete(f"{URL}/{activity.pk}")

    assert response.status_code == 204
    assert not Activity.objects.exists()


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_reps_activity_answers_404(org, make_account, log_activity, api_client_for, method):
    activity = log_activity(org["rep3"], make_account(org["rep3"]))

    response = getattr(api_client_for(org["rep1"]), method)(
        f"{URL}/{activity.pk}", {} if method == "get" else "{}", content_type="application/json"
    )

    assert response.status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_without_a_token_the_api_answers_401(db):
    assert Client().get(URL).status_code == 401


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_runs_a_constant_number_of_queries(
    org,
    make_account,
    make_contact,
    log_activity,
    objections,
    api_client_for,
    count,
    django_assert_max_num_queries,
):
    rep = org["rep1"]
    account = make_account(rep)
    person = make_contact(account)
    for _ in range(count):
        log_activity(
            rep, account, contacts=[person], objections=[ObjectionMet(objection=objections[1])]
        )
    client = api_client_for(rep)

    with django_assert_max_num_queries(7):
        response = client.get(URL, {"limit": 100})

    assert len(response.json()["items"]) == count
