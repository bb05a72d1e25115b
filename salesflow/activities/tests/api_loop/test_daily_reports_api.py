"""/api/v1/daily-reports: create (prefilled), read with the day's figures, change while open,
submit, sign with instructions, return. 409 for a signed day, 403 when it is not the caller's to
sign, 422 naming the field, 404 for a report the caller may not see."""

from datetime import timedelta
from decimal import Decimal

import pytest

from salesflow.activities.models import ActivityKind, DailyReport
from salesflow.activities.services.reports import daily_report_sign, daily_report_submit
from salesflow.activities.tests.loop_fixtures import at
from salesflow.notifications.models import Notification, NotificationKind

URL = "/api/v1/daily-reports"


def post(client, url, body=None):
    return client.post(url, body if body is not None else {}, content_type="application/json")


def test_creating_a_report_prefills_the_days_figures(
    org, win_deal, log_visit, make_account, approved_plan, api_client_for, clock, tomorrow
):
    rep = org["rep1"]
    approved_plan(rep, day=tomorrow)
    clock.set(at(tomorrow, "19:00"))
    log_visit(
        rep, make_account(rep, name="Sinopec"), at(tomorrow, "10:00"), notes="Asked for a quote"
    )
    win_deal(rep, "30000", at(tomorrow, "15:00"))

    response = post(
        api_client_for(rep),
        URL,
        {"date": str(tomorrow), "daily_target": "40000", "collections_amount": "5000"},
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["owner"], body["status"], body["attendance"]) == ("rep1", "draft", "present")
    assert (body["visits_made"], body["visits_planned"], body["planned_visits_done"]) == (1, 2, 0)
    assert (body["orders_amount"], body["collections_amount"], body["daily_target"]) == (
        "30000.00",
        "5000.00",
        "40000.00",
    )
    assert Decimal(body["ratio"]) == Decimal("0.75")
    (activity,) = body["activities"]
    assert (activity["kind"], activity["account_name"], activity["notes"]) == (
        ActivityKind.VISIT,
        "Sinopec",
        "Asked for a quote",
    )


def test_a_report_for_tomorrow_answers_422_on_the_date(org, api_client_for, tomorrow):
    response = post(api_client_for(org["rep1"]), URL, {"date": str(tomorrow)})

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "date"


def test_a_report_for_a_signed_day_answers_409(org, make_report, api_client_for, today):
    report = daily_report_submit(report=make_report(org["rep1"]), acting_user=org["rep1"])
    daily_report_sign(report=report, acting_user=org["manager1"])

    response = post(api_client_for(org["rep1"]), URL, {"date": str(today)})

    assert response.status_code == 409
    assert "already signed" in response.json()["detail"]
    assert DailyReport.objects.count() == 1


def test_editing_a_signed_report_answers_409(org, make_report, api_client_for):
    report = daily_report_submit(report=make_report(org["rep1"]), acting_user=org["rep1"])
    daily_report_sign(report=report, acting_user=org["manager1"])

    response = api_client_for(org["rep1"]).patch(
        f"{URL}/{report.pk}", {"lessons": "Later"}, content_type="application/json"
    )

    assert response.status_code == 409


def test_orders_cannot_be_written_and_negative_money_answers_422(org, make_report, api_client_for):
    report = make_report(org["rep1"])
    client = api_client_for(org["rep1"])

    negative = client.patch(
        f"{URL}/{report.pk}", {"collections_amount": "-1"}, content_type="application/json"
    )
    bad_choice = client.patch(
        f"{URL}/{report.pk}", {"attendance": "golfing"}, content_type="application/json"
    )

    assert negative.status_code == bad_choice.status_code == 422
    assert negative.json()["detail"][0]["field"] == "collections_amount"
    assert bad_choice.json()["detail"][0]["field"] == "attendance"


def test_patch_then_submit_then_sign_with_instructions(
    org, make_report, api_client_for, clock, today
):
    report = make_report(org["rep1"])
    rep = api_client_for(org["rep1"])
    rep.patch(
        f"{URL}/{report.pk}",
        {
            "attendance": "field",
            "customer_feedback": "Wants faster delivery",
            "version": report.version,
        },
        content_type="application/json",
    )
    clock.set(at(today, "20:30"))

    submitted = post(rep, f"{URL}/{report.pk}/submit")
    signed = post(
        api_client_for(org["manager1"]),
        f"{URL}/{report.pk}/sign",
        {"instructions": "Promise two weeks, not one", "version": submitted.json()["version"]},
    )

    assert submitted.status_code == 200
    assert (submitted.json()["status"], submitted.json()["on_time"]) == ("submitted", True)
    assert signed.status_code == 200
    body = signed.json()
    assert (body["status"], body["signed_by"], body["instructions"]) == (
        "signed",
        "manager1",
        "Promise two weeks, not one",
    )
    assert body["customer_feedback"] == "Wants faster delivery"
    assert [e["action"] for e in body["events"]] == ["submitted", "signed"]
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds == {NotificationKind.REPORT_SUBMITTED, NotificationKind.REPORT_SIGNED}
    assert rep.get(f"{URL}/{report.pk}").json()["instructions"] == "Promise two weeks, not one"


def test_the_rep_signing_their_own_report_answers_403(org, make_report, api_client_for):
    report = daily_report_submit(report=make_report(org["rep1"]), acting_user=org["rep1"])

    response = post(api_client_for(org["rep1"]), f"{URL}/{report.pk}/sign", {"instructions": "Me"})

    assert response.status_code == 403


def test_return_needs_a_comment_and_keeps_the_report(org, make_report, api_client_for):
    report = make_report(org["rep1"], lessons="Ask for the budget first")
    report = daily_report_submit(report=report, acting_user=org["rep1"])
    client = api_client_for(org["manager1"])

    blank = post(client, f"{URL}/{report.pk}/return", {"comment": ""})
    returned = post(client, f"{URL}/{report.pk}/return", {"comment": "Whose budget?"})

    assert blank.status_code == 422
    assert returned.status_code == 200
    body = returned.json()
    assert (body["status"], body["lessons"]) == ("returned", "Ask for the budget first")
    assert body["events"][-1]["comment"] == "Whose budget?"


def test_the_list_filters_by_owner_date_and_status(org, make_report, api_client_for, today):
    make_report(org["rep1"])
    make_report(org["rep2"], day=today - timedelta(days=1))
    daily_report_submit(report=make_report(org["rep2"]), acting_user=org["rep2"])
    client = api_client_for(org["manager1"])

    assert client.get(URL).json()["count"] == 3
    assert [r["owner"] for r in client.get(URL, {"owner": "rep1"}).json()["items"]] == ["rep1"]
    assert client.get(URL, {"date": str(today)}).json()["count"] == 2
    assert [r["date"] for r in client.get(URL, {"status": "submitted"}).json()["items"]] == [
        str(today)
    ]


def test_the_list_query_count_does_not_grow(
    org, make_report, api_client_for, today, django_assert_max_num_queries
):
    for n in range(6):
        make_report(org["rep1"], day=today - timedelta(days=n))
    client = api_client_for(org["rep1"])

    with django_assert_max_num_queries(6):
        response = client.get(URL)

    assert response.json()["count"] == 6


@pytest.mark.parametrize("who", ["rep1", "manager2", "rep3"])
@pytest.mark.parametrize(
    ("method", "path"),
    [("get", ""), ("patch", ""), ("post", "/submit"), ("post", "/sign"), ("post", "/return")],
)
def test_another_reps_report_is_not_found_on_every_route(
    method, path, who, org, make_report, api_client_for
):
    report = daily_report_submit(report=make_report(org["rep2"]), acting_user=org["rep2"])

    response = api_client_for(org[who]).generic(
        method.upper(),
        f"{URL}/{report.pk}{path}",
        '{"comment": "x", "instructions": "x"}',
        content_type="application/json",
    )

    assert response.status_code == 404
