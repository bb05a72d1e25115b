"""Raising a market or complaint report tells the supervisor at once; only the supervisor or a
director acknowledges and resolves it, and who did it when is kept."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from salesflow.activities.models import MarketReportKind, MarketReportStatus
from salesflow.activities.services.market import (
    market_report_acknowledge,
    market_report_raise,
    market_report_resolve,
)
from salesflow.notifications.models import Notification, NotificationKind


@pytest.fixture
def with_email(org):
    for name in ("director", "manager1", "rep1"):
        org[name].email = f"{name}@example.com"
        org[name].save()
    return org


def raise_report(user, **fields):
    fields.setdefault("kind", MarketReportKind.MARKET)
    fields.setdefault("subject", "Competitor halves its price")
    fields.setdefault("body", "Acme offers 50% off boilers in Pudong until June.")
    return market_report_raise(acting_user=user, **fields)


def test_the_supervisor_is_notified_at_once_and_e_mailed_on_commit(
    with_email, django_capture_on_commit_callbacks
):
    rep = with_email["rep1"]

    with django_capture_on_commit_callbacks(execute=True):
        report = raise_report(rep)

    notification = Notification.objects.get(recipient=with_email["manager1"])
    assert notification.kind == NotificationKind.MARKET_REPORT
    assert not notification.urgent
    assert "Competitor halves its price" in notification.title
    assert notification.url == f"/activities/market/{report.pk}/"
    assert [m.to for m in mail.outbox] == [["manager1@example.com"]]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_an_urgent_report_makes_an_urgent_notification(
    with_email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        raise_report(with_email["rep1"], urgent=True, kind=MarketReportKind.COMPLAINT)

    notification = Notification.objects.get(recipient=with_email["manager1"])
    assert notification.urgent
    assert notification.title.startswith("Urgent:")
    assert mail.outbox[0].subject.startswith("[!]")


def test_no_mail_leaves_before_the_transaction_commits(with_email):
    raise_report(with_email["rep1"])

    assert Notification.objects.filter(recipient=with_email["manager1"]).exists()
    assert mail.outbox == []


def test_someone_without_a_supervisor_reaches_the_directors(
    org, make_user, django_capture_on_commit_callbacks
):
    second_director = make_user("director", username="director2")

    with django_capture_on_commit_callbacks(execute=True):
        raise_report(org["director"])

    assert list(Notification.objects.values_list("recipient__username", flat=True)) == [
        second_director.username
    ]


def test_a_report_needs_a_subject_and_what_happened(org):
    with pytest.raises(ValidationError) as caught:
        raise_report(org["rep1"], subject="  ", body="")

    assert {"subject", "body"} <= set(caught.value.message_dict)
    assert not Notification.objects.exists()


def test_an_account_the_raiser_cannot_see_is_refused(org, make_account):
    with pytest.raises(ValidationError) as caught:
        raise_report(org["rep1"], account=make_account(org["rep3"]))

    assert "account" in caught.value.message_dict


def test_the_supervisor_acknowledges_then_resolves(org, django_capture_on_commit_callbacks):
    report = raise_report(org["rep1"])
    manager = org["manager1"]

    report = market_report_acknowledge(report=report, acting_user=manager)
    with django_capture_on_commit_callbacks(execute=True):
        report = market_report_resolve(
            report=report, acting_user=manager, resolution="Matched the price for key accounts."
        )

    assert report.status == MarketReportStatus.RESOLVED
    assert report.acknowledged_by == manager and report.acknowledged_at is not None
    assert report.resolved_by == manager and report.resolved_at >= report.acknowledged_at
    told = Notification.objects.get(recipient=org["rep1"])
    assert "was resolved" in told.title


def test_resolving_an_open_report_acknowledges_it_too(org):
    report = raise_report(org["rep1"])

    report = market_report_resolve(
        report=report, acting_user=org["director"], resolution="Handled by phone."
    )

    assert report.acknowledged_by == org["director"]


def test_the_raiser_cannot_acknowledge_their_own_report(org):
    report = raise_report(org["rep1"])

    with pytest.raises(ValidationError) as caught:
        market_report_acknowledge(report=report, acting_user=org["rep1"])

    assert "your supervisor handles it" in caught.value.messages[0]


def test_a_manager_above_the_supervisor_is_not_the_supervisor(org, make_user):
    area = make_user("manager", username="area", supervisor=org["director"])
    org["manager1"].supervisor = area
    org["manager1"].save()
    report = raise_report(org["rep1"])

    with pytest.raises(ValidationError):
        market_report_acknowledge(report=report, acting_user=area)


def test_acknowledging_twice_is_refused(org):
    report = market_report_acknowledge(
        report=raise_report(org["rep1"]), acting_user=org["manager1"]
    )

    with pytest.raises(ValidationError) as caught:
        market_report_acknowledge(report=report, acting_user=org["manager1"])

    assert "status" in caught.value.message_dict


def test_a_resolution_needs_words(org):
    report = raise_report(org["rep1"])

    with pytest.raises(ValidationError) as caught:
        market_report_resolve(report=report, acting_user=org["manager1"], resolution=" ")

    assert "resolution" in caught.value.message_dict


def test_a_resolved_report_stays_resolved(org):
    report = market_report_resolve(
        report=raise_report(org["rep1"]), acting_user=org["manager1"], resolution="Done."
    )

    with pytest.raises(ValidationError):
        market_report_resolve(report=report, acting_user=org["director"], resolution="Again.")
