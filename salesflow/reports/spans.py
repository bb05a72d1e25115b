"""Spans of days and ISO weeks ("2026-W47", Monday to Sunday), turned into the moments that bound
them in settings.TIME_ZONE: a deal won at 23:30 on Sunday in Shanghai belongs to that week even
though it is still Sunday afternoon in UTC."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
WORKING_DAYS_PER_WEEK = 5  # Monday to Friday; there is no holiday calendar yet
MAX_SPAN_DAYS = 3 * 366


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()), timezone.get_default_timezone())


@dataclass(frozen=True)
class Span:
    """The days from `first` through `last`, both included."""

    first: date
    last: date

    @property
    def start(self) -> datetime:
        """The first moment of the span, local time."""
        return local_midnight(self.first)

    @property
    def end(self) -> datetime:
        """The first moment after the span (exclusive bound), local time."""
        return local_midnight(self.last + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def span_of(
    first: date | None, last: date | None, *, default_first: date, default_last: date
) -> Span:
    """The span between two days given in either order; a missing end takes its default.
    Raises ValidationError({"end": ...}) for a span longer than MAX_SPAN_DAYS."""
    first, last = first or default_first, last or default_last
    if first > last:
        first, last = last, first
    if (last - first).days >= MAX_SPAN_DAYS:
        raise ValidationError(
            {"end": _("Choose at most %(days)s days.") % {"days": f"{MAX_SPAN_DAYS:,}"}}
        )
    return Span(first, last)


@dataclass(frozen=True)
class Week(Span):
    """An ISO week: Monday `first` to Sunday `last`."""

    @property
    def key(self) -> str:
        year, number, _weekday = self.first.isocalendar()
        return f"{year}-W{number:02d}"

    @property
    def thursday(self) -> date:
        """The day that decides the week's year, and here also its month and quarter."""
        return self.first + timedelta(days=3)

    @property
    def previous(self) -> "Week":
        return week_of(self.first - timedelta(days=7))

    @property
    def next(self) -> "Week":
        return week_of(self.first + timedelta(days=7))

    def working_days_due(self, now: datetime | None = None) -> list[date]:
        """The week's working days whose daily report is already due: the report's cut-off hour
        (settings.DAILY_REPORT_CUTOFF_HOUR) on the day itself has passed."""
        now = now or timezone.now()
        cutoff = timedelta(hours=settings.DAILY_REPORT_CUTOFF_HOUR)
        days = [self.first + timedelta(days=n) for n in range(WORKING_DAYS_PER_WEEK)]
        return [day for day in days if local_midnight(day) + cutoff <= now]

    def __str__(self) -> str:
        return self.key


def week_of(day: date) -> Week:
    monday = day - timedelta(days=day.weekday())
    return Week(monday, monday + timedelta(days=6))


def parse_week(key: str) -> Week:
    """ "2026-W47" → that ISO week. Raises ValidationError({"week": ...})."""
    match = _WEEK.match((key or "").strip().upper())
    try:
        if match is None:
            raise ValueError(key)
        monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise ValidationError(
            {
                "week": _("Write the week as 2026-W47 (an ISO week); “%(key)s” is not one.")
                % {"key": key}
            }
        ) from None
    return week_of(monday)
