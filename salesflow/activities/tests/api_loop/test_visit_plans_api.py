"""/api/v1/visit-plans: list with filters and pages, create with visits, read, change while open,
delete a draft, and submit → approve / return. 409 for a state that refuses, 403 for an action
that is not the caller's, 422 naming the field, 404 for a plan the caller may not see."""

from datetime import datetime, timedelta

import pytest
from django.test import Client

from salesflow.activities.models import Activity, PlanStatus, VisitPlan
from salesflow.activities.services.plans import visit_plan_submit
from salesflow.activities.tests.loop_fixtures import at
from salesflow.notifications.models import Notification

URL = "/api/v1/visit-plans"


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def post(client, url, body=None):
    return client.post(url, body if body is not None else {}, content_type="application/json")


def patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


def test_a_rep_creates_a_plan_with_visits(org, make_account, api_client_for, tomorrow):
    account = make_account(org["rep1"], name="Baosteel")

    response = post(
        api_client_for(org["rep1"]),
        URL,
        {
            "date": str(tomorrow),
            "area": "Baoshan",
            "visits": [
                {
                    "account": account.pk,
                    "planned_at": f"{tomorrow}T10:00:00+08:00",
                    "purpose": "new_customer",
                }
            ],
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["owner"], body["date"], body["area"], body["status"]) == (
        "rep1",
        str(tomorrow),
        "Baoshan",
        "draft",
    )
    (visit,) = body["visits"]
    assert (visit["account"], visit["account_name"], visit["purpose"]) == (
        account.pk,
        "Baosteel",
        "new_customer",
    )
    assert when(visit["planned_at"]) == at(tomorrow, "10:00")
    assert (visit["activity"], visit["done"]) == (None, False)
    assert body["events"] == []


def test_a_visit_time_without_an_offset_is_shanghai_time(
    org, make_account, api_client_for, tomorrow
):
    response = post(
        api_client_for(org["rep1"]),
        URL,
        {
            "date": str(tomorrow),
            "visits": [
                {
                    "account": make_account(org["rep1"]).pk,
                    "planned_at": f"{tomorrow}T23:30:00",
                    "purpose": "service",
                }
            ],
        },
    )

    assert response.status_code == 201
    assert when(response.json()["visits"][0]["planned_at"]) == at(tomorrow, "23:30")


def test_a_past_date_answers_422_on_the_date(org, api_client_for, today):
    response = post(api_client_for(org["rep1"]), URL, {"date": str(today - timedelta(days=1))})

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["field"] == "date"
    assert "in the past" in error["message"]


def test_a_visit_off_the_plans_day_answers_422_naming_the_visit(
    org, make_account, api_client_for, tomorrow
):
    response = post(
        api_client_for(org["rep1"]),
        URL,
        {
            "date": str(tomorrow),
            "visits": [
                {
                    "account": make_account(org["rep1"]).pk,
                    "planned_at": f"{tomorrow + timedelta(days=1)}T09:00:00+08:00",
                    "purpose": "service",
                }
            ],
        },
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["visits.0.planned_at"]


def test_an_invisible_account_reads_like_a_missing_one(org, make_account, api_client_for, tomorrow):
    response = post(
        api_client_for(org["rep1"]),
        URL,
        {
            "date": str(tomorrow),
            "visits": [
                {
                    "account": make_account(org["rep3"]).pk,
                    "planned_at": f"{tomorrow}T09:00",
                    "purpose": "service",
                },
                {"account": 999999, "planned_at": f"{tomorrow}T10:00", "purpose": "service"},
            ],
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "visits.0.account", "message": "Choose an account you can see."},
        {"field": "visits.1.account", "message": "Choose an account you can see."},
    ]


def test_an_unknown_purpose_answers_422_listing_the_choices(
    org, make_account, api_client_for, tomorrow
):
    response = post(
        api_client_for(org["rep1"]),
        URL,
        {
            "date": str(tomorrow),
            "visits": [
                {
                    "account": make_account(org["rep1"]).pk,
                    "planned_at": f"{tomorrow}T09:00",
                    "purpose": "golf",
                }
            ],
        },
    )

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["field"] == "visits.0.purpose"
    assert "new_customer" in error["message"]


def test_the_list_filters_by_owner_date_and_status_with_pages(
    org, make_plan, submitted_plan, api_client_for, tomorrow
):
    submitted_plan(org["rep1"])
    make_plan(org["rep2"])
    make_plan(org["rep2"], day=tomorrow + timedelta(days=1))
    client = api_client_for(org["manager1"])

    everything = client.get(URL, {"limit": 2}).json()
    by_owner = client.get(URL, {"owner": "rep2"}).json()
    by_date = client.get(URL, {"date": str(tomorrow)}).json()
    by_status = client.get(URL, {"status": "submitted"}).json()

    assert (everything["count"], everything["limit"], len(everything["items"])) == (3, 2, 2)
    assert [p["owner"] for p in by_owner["items"]] == ["rep2", "rep2"]
    assert sorted(p["owner"] for p in by_date["items"]) == ["rep1", "rep2"]
    assert [p["owner"] for p in by_status["items"]] == ["rep1"]


def test_the_list_query_count_does_not_grow(
    org, make_plan, api_client_for, tomorrow, django_assert_max_num_queries
):
    for n in range(6):
        make_plan(org["rep1"], day=tomorrow + timedelta(days=n))
    client = api_client_for(org["rep1"])

    with django_assert_max_num_queries(7):
        response = client.get(URL)

    assert response.json()["count"] == 6


def test_patch_replaces_the_visits_and_area_of_an_open_plan(
    org, make_plan, make_account, api_client_for, tomorrow
):
    plan = make_plan(org["rep1"])
    account = make_account(org["rep1"], name="Only one")

    response = patch(
        api_client_for(org["rep1"]),
        f"{URL}/{plan.pk}",
        {
            "area": "South",
            "version": plan.version,
            "visits": [
                {"account": account.pk, "planned_at": f"{tomorrow}T11:00", "purpose": "order"}
            ],
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["area"] == "South"
    assert [v["account_name"] for v in body["visits"]] == ["Only one"]
    assert body["version"] == plan.version + 1


def test_patching_a_locked_plan_answers_409(org, submitted_plan, api_client_for):
    plan = submitted_plan(org["rep1"])

    response = patch(api_client_for(org["rep1"]), f"{URL}/{plan.pk}", {"area": "New"})

    assert response.status_code == 409
    assert "locked" in response.json()["detail"]


def test_a_stale_version_answers_409(org, make_plan, api_client_for):
    plan = make_plan(org["rep1"])

    response = patch(
        api_client_for(org["rep1"]), f"{URL}/{plan.pk}", {"area": "X", "version": plan.version - 1}
    )

    assert response.status_code == 409
    assert "Someone changed this plan" in response.json()["detail"]


def test_deleting_a_draft_answers_204_and_a_submitted_plan_409(
    org, make_plan, submitted_plan, api_client_for, tomorrow
):
    draft = make_plan(org["rep1"])
    submitted = submitted_plan(org["rep1"], day=tomorrow + timedelta(days=1))
    client = api_client_for(org["rep1"])

    assert client.delete(f"{URL}/{draft.pk}").status_code == 204
    refused = client.delete(f"{URL}/{submitted.pk}")

    assert refused.status_code == 409
    assert list(VisitPlan.objects.values_list("pk", flat=True)) == [submitted.pk]


def test_submit_then_approve_makes_activities_and_notifies(org, make_plan, api_client_for):
    plan = make_plan(org["rep1"])

    submitted = post(
        api_client_for(org["rep1"]), f"{URL}/{plan.pk}/submit", {"version": plan.version}
    )
    approved = post(
        api_client_for(org["manager1"]),
        f"{URL}/{plan.pk}/approve",
        {"comment": "OK", "version": submitted.json()["version"]},
    )

    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert approved.status_code == 200
    body = approved.json()
    assert (body["status"], body["decided_by"], body["comment"], body["is_locked"]) == (
        "approved",
        "manager1",
        "OK",
        True,
    )
    assert all(v["activity"] for v in body["visits"])
    assert [e["action"] for e in body["events"]] == ["submitted", "approved"]
    assert Activity.objects.count() == 2
    assert Notification.objects.filter(recipient=org["manager1"]).count() == 1
    assert Notification.objects.filter(recipient=org["rep1"]).count() == 1


def test_submit_works_without_a_body(org, make_plan, api_client_for):
    plan = make_plan(org["rep1"])

    response = api_client_for(org["rep1"]).generic("POST", f"{URL}/{plan.pk}/submit")

    assert response.status_code == 200


def test_return_with_a_comment_and_the_rep_resubmits(org, submitted_plan, api_client_for):
    plan = submitted_plan(org["rep1"])

    returned = post(
        api_client_for(org["manager1"]), f"{URL}/{plan.pk}/return", {"comment": "Earlier start"}
    )
    again = post(api_client_for(org["rep1"]), f"{URL}/{plan.pk}/submit")

    assert returned.status_code == 200
    assert (returned.json()["status"], returned.json()["comment"]) == ("returned", "Earlier start")
    assert len(returned.json()["visits"]) == 2
    assert again.json()["status"] == "submitted"
    snapshots = [e["snapshot"] for e in again.json()["events"]]
    assert len(snapshots) == 3 and all(len(s["visits"]) == 2 for s in snapshots)


def test_return_without_a_comment_answers_422_on_comment(org, submitted_plan, api_client_for):
    plan = submitted_plan(org["rep1"])
    client = api_client_for(org["manager1"])

    missing = post(client, f"{URL}/{plan.pk}/return", {})
    blank = post(client, f"{URL}/{plan.pk}/return", {"comment": " "})

    assert missing.status_code == blank.status_code == 422
    assert missing.json()["detail"][0]["field"] == "comment"
    assert blank.json()["detail"][0]["field"] == "comment"


def test_the_rep_approving_their_own_plan_answers_403(org, submitted_plan, api_client_for):
    plan = submitted_plan(org["rep1"])

    response = post(api_client_for(org["rep1"]), f"{URL}/{plan.pk}/approve")

    assert response.status_code == 403
    assert "supervisor or a director" in response.json()["detail"]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_approving_a_draft_answers_409(org, make_plan, api_client_for):
    plan = make_plan(org["rep1"])

    response = post(api_client_for(org["manager1"]), f"{URL}/{plan.pk}/approve")

    assert response.status_code == 409


def test_reopen_unlocks_an_approved_plan(org, approved_plan, api_client_for):
    plan = approved_plan(org["rep1"])

    response = post(api_client_for(org["rep1"]), f"{URL}/{plan.pk}/reopen")

    assert (response.status_code, response.json()["status"]) == (200, "draft")


@pytest.mark.parametrize("who", ["rep1", "manager2", "rep3"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("patch", ""),
        ("delete", ""),
        ("post", "/submit"),
        ("post", "/approve"),
        ("post", "/return"),
        ("post", "/reopen"),
    ],
)
def test_another_reps_plan_is_not_found_on_every_route(
    method, path, who, org, make_plan, api_client_for
):
    plan = make_plan(org["rep2"])
    visit_plan_submit(plan=plan, acting_user=org["rep2"])
    client = api_client_for(org[who])

    response = client.generic(
        method.upper(),
        f"{URL}/{plan.pk}{path}",
        '{"comment": "x", "area": "x"}',
        content_type="application/json",
    )

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_list_leaves_out_what_the_caller_may_not_see(org, make_plan, api_client_for):
    make_plan(org["rep2"])

    assert api_client_for(org["rep1"]).get(URL).json()["count"] == 0
    assert api_client_for(org["manager2"]).get(URL).json()["count"] == 0
    assert api_client_for(org["director"]).get(URL).json()["count"] == 1


def test_without_credentials_answers_401(db):
    assert Client().get(URL).status_code == 401
