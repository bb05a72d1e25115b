"""Months: the forecast buckets by calendar month, and its window is a run of whole months."""

from datetime import date

from django.utils import timezone

# The forecast's default window: the last few months (to compare with what was won) and the
# coming ones, a year in all.
MONTHS_BEFORE, MONTHS_AFTER = 3, 8
MAX_MONTHS = 36


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_from(month: date, n: int) -> date:
    """The first day of the month `n` months after the month of `month` (before it if n < 0)."""
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> list[date]:
    """The first days of the months from `start` through `end`, both included."""
    months, month = [], month_start(start)
    while month <= end:
        months.append(month)
        month = months_from(month, 1)
    return months


def forecast_window(
    start: date | None, end: date | None, *, today: date | None = None
) -> tuple[date, date]:
    """(first month, last month) as first days: the months given, in order; a year from the one
    month given; or, with neither, MONTHS_BEFORE back to MONTHS_AFTER ahead of today's month.
    Never more than MAX_MONTHS months."""
    span = MONTHS_BEFORE + MONTHS_AFTER
    if start is None and end is None:
        this_month = month_start(today or timezone.localdate())
        start, end = months_from(this_month, -MONTHS_BEFORE), months_from(this_month, MONTHS_AFTER)
    elif end is None:
        assert start is not None
        end = months_from(start, span)
    elif start is None:
        start = months_from(end, -span)
    first, last = sorted((month_start(start), month_start(end)))
    return first, min(last, months_from(first, MAX_MONTHS - 1))
