"""A daily report is submitted by the rep, and signed (with instructions) or returned (with a
comment) by the supervisor or a director. A signed day is final."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salesflow.activities.models import DailyReport, ReportStatus
from salesflow.activities.services.reports import (
    daily_report_create,
    daily_report_return,
    daily_report_sign,
    daily_report_submit,
    daily_report_update,
)
from salesflow.activities.services.signoff import NotAllowed, Refused, Stale
from salesflow.notifications.models import Notification, NotificationKind


@pytest.fixture
def submitted_report(make_report):
    def make(owner, **fields):
        report = make_report(owner, **fields)
        return daily_report_submit(report=report, acting_user=owner)

    return make


def test_a_report_for_a_day_to_come_is_refused(org, tomorrow):
    with pytest.raises(ValidationError) as refused:
        daily_report_create(acting_user=org["rep1"], date=tomorrow)

    assert "has not come yet" in refused.value.message_dict["date"][0]


def test_a_report_for_an_earlier_day_is_allowed(org, today):
    report = daily_report_create(acting_user=org["rep1"], date=today - timedelta(days=3))

    assert report.status == ReportStatus.DRAFT


def test_submitting_tells_the_supervisor(org, make_report):
    report = make_report(org["rep1"], lessons="Listen more")

    submitted = daily_report_submit(
        report=report, acting_user=org["rep1"], expected_version=report.version
    )

    assert submitted.status == ReportStatus.SUBMITTED
    note = Notification.objects.get(recipient=org["manager1"])
    assert note.kind == NotificationKind.REPORT_SUBMITTED
    assert note.title == f"rep1 submitted the daily report for {report.date}"
    assert note.url == f"/daily/reports/{report.pk}/"


def test_the_supervisor_signs_with_instructions_the_rep_is_sent(org, submitted_report):
    report = submitted_report(org["rep1"])

    signed = daily_report_sign(
        report=report, acting_user=org["manager1"], instructions="Call Baosteel back on Monday"
    )

    assert (signed.status, signed.signed_by, signed.instructions) == (
        ReportStatus.SIGNED,
        org["manager1"],
        "Call Baosteel back on Monday",
    )
    assert signed.signed_at is not None
    note = Notification.objects.get(recipient=org["rep1"])
    assert note.kind == NotificationKind.REPORT_SIGNED
    assert "Call Baosteel back on Monday" in note.body


def test_a_director_may_sign_any_report(org, submitted_report):
    signed = daily_report_sign(report=submitted_report(org["rep3"]), acting_user=org["director"])

    assert signed.signed_by == org["director"]


@pytest.mark.parametrize("who", ["rep1", "rep2", "manager2"])
def test_nobody_else_signs(who, org, submitted_report):
    report = submitted_report(org["rep1"])

    with pytest.raises(NotAllowed) as refused:
        daily_report_sign(report=report, acting_user=org[who])

    assert "Only rep1's supervisor or a director" in str(refused.value)


def test_returning_keeps_what_was_submitted_and_the_rep_reads_why(org, submitted_report):
    report = submitted_report(org["rep1"], competitor_info="Rival cut prices 10%")

    returned = daily_report_return(
        report=report, acting_user=org["manager1"], comment="Which customers?"
    )

    assert returned.status == ReportStatus.RETURNED
    assert returned.competitor_info == "Rival cut prices 10%"
    event = returned.events.get(action="returned")
    assert event.comment == "Which customers?"
    assert event.snapshot["competitor_info"] == "Rival cut prices 10%"
    note = Notification.objects.get(recipient=org["rep1"])
    assert note.kind == NotificationKind.REPORT_RETURNED
    assert "Which customers?" in note.body


def test_returning_needs_a_comment(org, submitted_report):
    with pytest.raises(ValidationError) as refused:
        daily_report_return(
            report=submitted_report(org["rep1"]), acting_user=org["manager1"], comment=""
        )

    assert "comment" in refused.value.message_dict


def test_return_fix_resubmit_sign_keeps_each_submission(org, submitted_report):
    report = submitted_report(org["rep1"], lessons="First draft")
    report = daily_report_return(report=report, acting_user=org["manager1"], comment="More")
    report = daily_report_update(report=report, acting_user=org["rep1"], lessons="Second draft")
    report = daily_report_submit(report=report, acting_user=org["rep1"])
    report = daily_report_sign(report=report, acting_user=org["manager1"], instructions="Good")

    events = list(report.events.order_by("at", "id"))
    assert [e.action for e in events] == ["submitted", "returned", "submitted", "signed"]
    assert [e.snapshot["lessons"] for e in events[:3]] == [
        "First draft",
        "First draft",
        "Second draft",
    ]


def test_a_signed_day_gets_no_second_report(org, submitted_report, today):
    daily_report_sign(report=submitted_report(org["rep1"]), acting_user=org["manager1"])

    with pytest.raises(Refused) as refused:
        daily_report_create(acting_user=org["rep1"], date=today)

    assert "already signed" in str(refused.value)
    assert DailyReport.objects.count() == 1


def test_a_signed_report_cannot_be_edited(org, submitted_report):
    report = daily_report_sign(report=submitted_report(org["rep1"]), acting_user=org["manager1"])

    with pytest.raises(Refused) as refused:
        daily_report_update(report=report, acting_user=org["rep1"], lessons="Afterthought")

    assert "already signed" in str(refused.value)


def test_a_signed_report_cannot_be_signed_or_returned_again(org, submitted_report):
    report = daily_report_sign(report=submitted_report(org["rep1"]), acting_user=org["manager1"])

    with pytest.raises(Refused):
        daily_report_return(report=report, acting_user=org["manager1"], comment="Oops")


def test_a_submitted_report_waits_for_the_supervisor_unchanged(org, submitted_report):
    with pytest.raises(Refused) as refused:
        daily_report_update(
            report=submitted_report(org["rep1"]),
            acting_user=org["rep1"],
            collections_amount=Decimal("1"),
        )

    assert "waits for your supervisor" in str(refused.value)


def test_a_second_unsigned_report_for_the_day_is_refused_on_the_date(org, make_report, today):
    make_report(org["rep1"])

    with pytest.raises(ValidationError) as refused:
        daily_report_create(acting_user=org["rep1"], date=today)

    assert "already have a report" in refused.value.message_dict["date"][0]


def test_a_negative_collection_is_refused(org, make_report):
    with pytest.raises(ValidationError) as refused:
        daily_report_update(
            report=make_report(org["rep1"]),
            acting_user=org["rep1"],
            collections_amount=Decimal("-5"),
        )

    assert "collections_amount" in refused.value.message_dict


def test_a_stale_version_is_refused(org, make_report):
    report = make_report(org["rep1"])
    seen = report.version
    daily_report_update(report=report, acting_user=org["rep1"], lessons="One")

    with pytest.raises(Stale):
        daily_report_submit(report=report, acting_user=org["rep1"], expected_version=seen)


def test_only_the_rep_writes_their_report(org, make_report):
    with pytest.raises(NotAllowed):
        daily_report_update(
            report=make_report(org["rep1"]), acting_user=org["manager1"], lessons="Boss's"
        )
