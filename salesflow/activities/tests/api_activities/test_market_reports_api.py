"""/api/v1/market-reports: raise, list with filters, read, acknowledge, resolve; the supervisor is
notified; 404 for what the caller may not see; 422 for a move the caller may not make."""

import pytest
from django.core import mail

from salesflow.activities.models import MarketReport, MarketReportStatus
from salesflow.activities.services.market import market_report_raise
from salesflow.notifications.models import Notification

URL = "/api/v1/market-reports"


def raise_report(user, **fields):
    fields.setdefault("kind", "market")
    fields.setdefault("subject", "Price war")
    fields.setdefault("body", "Acme cut prices by 30%.")
    return market_report_raise(acting_user=user, **fields)


def test_raising_answers_201_and_notifies_the_supervisor(
    org, make_account, api_client_for, django_capture_on_commit_callbacks
):
    org["manager1"].email = "boss@example.com"
    org["manager1"].save()
    account = make_account(org["rep1"])

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(org["rep1"]).post(
            URL,
            {
                "kind": "complaint",
                "subject": "Dealer unhappy",
                "body": "Three late deliveries.",
                "account": account.pk,
                "competitor": "Acme",
                "urgent": True,
            },
            content_type="application/json",
        )

    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["raised_by"], body["account"], body["urgent"]) == (
        "open",
        "rep1",
        account.pk,
        True,
    )
    assert Notification.objects.get().urgent
    assert mail.outbox[0].to == ["boss@example.com"]


def test_raising_without_a_body_answers_422(org, api_client_for):
    response = api_client_for(org["rep1"]).post(
        URL, {"subject": "Something"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body"


def test_acknowledge_and_resolve_record_who_and_when(org, api_client_for):
    report = raise_report(org["rep1"])
    client = api_client_for(org["manager1"])

    acknowledged = client.post(f"{URL}/{report.pk}/acknowledge")
    resolved = client.post(
        f"{URL}/{report.pk}/resolve",
        {"resolution": "Matched on key accounts."},
        content_type="application/json",
    )

    assert acknowledged.json()["status"] == "acknowledged"
    body = resolved.json()
    assert (body["status"], body["acknowledged_by"], body["resolved_by"]) == (
        "resolved",
        "manager1",
        "manager1",
    )
    assert body["resolved_at"] and body["acknowledged_at"]
    assert body["resolution"] == "Matched on key accounts."


def test_the_raiser_acknowledging_answers_422_with_the_reason(org, api_client_for):
    report = raise_report(org["rep1"])

    response = api_client_for(org["rep1"]).post(f"{URL}/{report.pk}/acknowledge")

    assert response.status_code == 422
    assert "your supervisor handles it" in response.json()["detail"][0]["message"]
    report.refresh_from_db()
    assert report.status == MarketReportStatus.OPEN


def test_list_filters_by_status_kind_and_urgency(org, api_client_for):
    raise_report(org["rep1"], subject="A")
    raise_report(org["rep1"], subject="B", kind="complaint", urgent=True)
    raise_report(org["rep2"], subject="C", urgent=True)
    client = api_client_for(org["manager1"])

    urgent = client.get(URL, {"urgent": "true"}).json()
    complaints = client.get(URL, {"kind": "complaint"}).json()
    resolved = client.get(URL, {"status": "resolved"}).json()

    assert {r["subject"] for r in urgent["items"]} == {"B", "C"}
    assert [r["subject"] for r in complaints["items"]] == ["B"]
    assert resolved["count"] == 0


@pytest.mark.parametrize(
    ("method", "path"), [("get", ""), ("post", "/acknowledge"), ("post", "/resolve")]
)
def test_an_outsider_gets_404(org, api_client_for, method, path):
    report = raise_report(org["rep1"])

    client = api_client_for(org["rep3"])

    if method == "get":
        response = client.get(f"{URL}/{report.pk}")
    else:
        response = client.post(
            f"{URL}/{report.pk}{path}", {"resolution": "x"}, content_type="application/json"
        )

    assert response.status_code == 404
    assert MarketReport.objects.get().status == MarketReportStatus.OPEN
