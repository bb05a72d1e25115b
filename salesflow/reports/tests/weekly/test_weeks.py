"""ISO weeks as the weekly report reads them: Monday to Sunday, bounded in Shanghai time."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from salesflow.reports.spans import parse_week, week_of
from salesflow.reports.tests.management_fixtures import at


def test_a_week_runs_from_monday_to_sunday():
    week = parse_week("2026-W47")

    assert (week.first, week.last) == (date(2026, 11, 16), date(2026, 11, 22))
    assert week.key == "2026-W47"
    assert (week.previous.key, week.next.key) == ("2026-W46", "2026-W48")


def test_the_first_week_of_a_year_may_start_in_december():
    week = parse_week("2026-W01")

    assert (week.first, week.last) == (date(2025, 12, 29), date(2026, 1, 4))
    assert week_of(date(2027, 1, 1)).key == "2026-W53"


def test_the_week_is_bounded_by_midnight_in_shanghai_not_utc():
    week = parse_week("2025-W10")

    assert week.start == datetime(2025, 3, 2, 16, 0, tzinfo=UTC)  # Monday 00:00 in Shanghai
    assert week.end == datetime(2025, 3, 9, 16, 0, tzinfo=UTC)  # the next Monday 00:00
    assert week.start <= at(2025, 3, 9, 23, 30) < week.end
    assert not at(2025, 3, 10, 0, 30) < week.end


@pytest.mark.parametrize("key", ["2026-47", "2026-W54", "W47", "2025-W53", ""])
def test_a_week_that_does_not_exist_is_refused(key):
    with pytest.raises(ValidationError) as refused:
        parse_week(key)

    assert "2026-W47" in refused.value.message_dict["week"][0]


def test_a_working_day_is_due_once_its_report_cut_off_has_passed(settings):
    settings.DAILY_REPORT_CUTOFF_HOUR = 21
    week = parse_week("2025-W10")

    assert week.working_days_due(at(2025, 3, 5, 20, 59)) == [date(2025, 3, 3), date(2025, 3, 4)]
    assert len(week.working_days_due(at(2025, 3, 5, 21, 0))) == 3
    assert len(week.working_days_due(at(2025, 3, 9, 23, 0))) == 5  # weekends are not due
    assert week.working_days_due(at(2025, 3, 2, 12, 0)) == []
