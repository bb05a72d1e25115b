"""A report is on time when first submitted before the cut-off hour of its own day, Shanghai
time (settings.DAILY_REPORT_CUTOFF_HOUR, 21 by default)."""

from datetime import timedelta

import pytest

from salesflow.activities.services.reports import (
    daily_report_return,
    daily_report_submit,
)
from salesflow.activities.tests.loop_fixtures import at


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [("20:59", True), ("21:00", False), ("21:01", False), ("00:05", True)],
)
def test_on_time_until_the_cutoff_minute(submitted, expected, org, clock, make_report, today):
    report = make_report(org["rep1"])
    clock.set(at(today, submitted))

    submitted_report = daily_report_submit(report=report, acting_user=org["rep1"])

    assert submitted_report.on_time is expected


def test_the_cutoff_hour_comes_from_the_settings(org, clock, settings, make_report, today):
    settings.DAILY_REPORT_CUTOFF_HOUR = 18
    report = make_report(org["rep1"])
    clock.set(at(today, "18:00"))

    assert daily_report_submit(report=report, acting_user=org["rep1"]).on_time is False


def test_a_report_submitted_the_next_morning_is_late(org, clock, make_report, today):
    report = make_report(org["rep1"])
    clock.set(at(today + timedelta(days=1), "08:00"))

    assert daily_report_submit(report=report, acting_user=org["rep1"]).on_time is False


def test_a_returned_report_resubmitted_late_keeps_its_first_punctuality(
    org, clock, make_report, today
):
    report = make_report(org["rep1"])
    clock.set(at(today, "18:00"))
    report = daily_report_submit(report=report, acting_user=org["rep1"])
    clock.set(at(today, "22:30"))
    report = daily_report_return(report=report, acting_user=org["manager1"], comment="More")

    resubmitted = daily_report_submit(report=report, acting_user=org["rep1"])

    assert resubmitted.on_time is True
    assert resubmitted.submitted_at == at(today, "22:30")
