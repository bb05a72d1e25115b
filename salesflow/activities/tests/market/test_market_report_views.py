"""The market and complaint report screens: raising, the list with its filters, the page where the
supervisor acts, and visibility (the raiser, the managers above them, directors)."""

import pytest
from django.urls import reverse

from salesflow.activities.models import MarketReport, MarketReportKind, MarketReportStatus
from salesflow.activities.services.market import market_report_acknowledge, market_report_raise
from salesflow.notifications.models import Notification

LIST = reverse("activities:market_list")


def raise_report(user, **fields):
    fields.setdefault("kind", MarketReportKind.MARKET)
    fields.setdefault("subject", "New product from Acme")
    fields.setdefault("body", "Acme launched a cheaper controller.")
    return market_report_raise(acting_user=user, **fields)


def rows(response) -> list[str]:
    return [r.subject for r in response.context["reports"]]


def test_raising_from_the_form_notifies_the_supervisor(org, make_account, client_for):
    account = make_account(org["rep1"])

    response = client_for(org["rep1"]).post(
        reverse("activities:market_create"),
        {
            "kind": "complaint",
            "subject": "Dealer threatens to leave",
            "body": "Late deliveries three times this month.",
            "account": account.pk,
            "competitor": "",
            "urgent": "on",
        },
    )

    report = MarketReport.objects.get()
    assert response["Location"] == reverse("activities:market_detail", args=[report.pk])
    assert (report.kind, report.urgent, report.account) == ("complaint", True, account)
    assert Notification.objects.get().recipient == org["manager1"]


def test_the_form_shows_what_is_missing(org, client_for):
    response = client_for(org["rep1"]).post(
        reverse("activities:market_create"), {"kind": "market", "subject": "", "body": ""}
    )

    assert response.status_code == 400
    assert {"subject", "body"} <= set(response.context["form"].errors)


def test_the_raiser_the_managers_above_and_directors_see_it(org, make_user, client_for):
    raise_report(org["rep1"], subject="Seen by the chain")

    seen = {
        name: rows(client_for(org[name]).get(LIST))
        for name in ("rep1", "rep2", "manager1", "manager2", "director")
    }

    assert seen == {
        "rep1": ["Seen by the chain"],
        "rep2": [],
        "manager1": ["Seen by the chain"],
        "manager2": [],
        "director": ["Seen by the chain"],
    }


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "activities:market_detail"),
        ("post", "activities:market_acknowledge"),
        ("post", "activities:market_resolve"),
    ],
)
def test_an_outsider_gets_404_on_every_route(org, client_for, method, name):
    report = raise_report(org["rep1"])

    response = getattr(client_for(org["manager2"]), method)(reverse(name, args=[report.pk]))

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == MarketReportStatus.OPEN


def test_the_raiser_sees_no_buttons_and_cannot_acknowledge(org, client_for):
    report = raise_report(org["rep1"])
    client = client_for(org["rep1"])

    page = client.get(reverse("activities:market_detail", args=[report.pk]))
    client.post(reverse("activities:market_acknowledge", args=[report.pk]))

    assert reverse("activities:market_acknowledge", args=[report.pk]) not in page.content.decode()
    report.refresh_from_db()
    assert report.status == MarketReportStatus.OPEN


def test_the_supervisor_acknowledges_and_resolves_from_the_page(org, client_for):
    report = raise_report(org["rep1"])
    client = client_for(org["manager1"])

    client.post(reverse("activities:market_acknowledge", args=[report.pk]))
    client.post(
        reverse("activities:market_resolve", args=[report.pk]),
        {"resolution": "Briefed the team on our answer."},
    )
    page = client.get(reverse("activities:market_detail", args=[report.pk]))

    report.refresh_from_db()
    assert report.status == MarketReportStatus.RESOLVED
    assert "Briefed the team on our answer." in page.content.decode()


def test_resolving_without_words_shows_the_error(org, client_for):
    report = raise_report(org["rep1"])

    response = client_for(org["manager1"]).post(
        reverse("activities:market_resolve", args=[report.pk]), {"resolution": ""}
    )

    assert response.status_code == 400
    assert "resolution" in response.context["resolution_form"].errors


def test_filters_and_open_first(org, client_for):
    raise_report(org["rep1"], subject="Old news")
    handled = raise_report(org["rep1"], subject="Handled")
    market_report_acknowledge(report=handled, acting_user=org["manager1"])
    raise_report(org["rep1"], subject="Urgent complaint", kind="complaint", urgent=True)
    client = client_for(org["manager1"])

    everything = rows(client.get(LIST))
    urgent = rows(client.get(LIST, {"urgent": "true"}))
    acknowledged = rows(client.get(LIST, {"status": "acknowledged"}))
    markets = rows(client.get(LIST, {"kind": "market"}))

    assert everything == ["Urgent complaint", "Old news", "Handled"]
    assert urgent == ["Urgent complaint"]
    assert acknowledged == ["Handled"]
    assert markets == ["Old news", "Handled"]


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_runs_a_constant_number_of_queries(
    org, make_account, client_for, count, django_assert_max_num_queries
):
    accounts = {name: make_account(org[name]) for name in ("rep1", "rep2")}
    for n in range(count):
        name = "rep1" if n % 2 else "rep2"
        report = raise_report(org[name], account=accounts[name])
        if n % 3 == 0:
            market_report_acknowledge(report=report, acting_user=org["manager1"])
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(5):
        response = client.get(LIST, {"page": 2} if count == 50 else {})

    assert response.status_code == 200
