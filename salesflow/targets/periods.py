"""Periods as the API spells them: "2026" (year), "2026-Q1" (quarter), "2026-03" (month)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from salesflow.targets.models import PeriodKind

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Period:
    key: str
    kind: str
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end

    def elapsed_share(self, today: date) -> float:
        """0.0 before the period, 1.0 after it, the share of days gone (today included) in it."""
        if today < self.start:
            return 0.0
        if today > self.end:
            return 1.0
        return ((today - self.start).days + 1) / self.days


def _month_end(year: int, month: int) -> date:
    first_next = date(year + (month // 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def parse_period(key: str) -> Period:
    key = (key or "").strip().upper()
    if m := _YEAR.match(key):
        year = int(m.group(1))
        return Period(key, PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))
    if m := _QUARTER.match(key):
        year, quarter = int(m.group(1)), int(m.group(2))
        first_month = 3 * (quarter - 1) + 1
        return Period(
            key,
            PeriodKind.QUARTER,
            date(year, first_month, 1),
            _month_end(year, first_month + 2),
        )
    if m := _MONTH.match(key):
        year, month = int(m.group(1)), int(m.group(2))
        return Period(key, PeriodKind.MONTH, date(year, month, 1), _month_end(year, month))
    raise ValidationError(
        {
            "period": _("Write the period as 2026, 2026-Q1 or 2026-03; “%(key)s” is none of these.")
            % {"key": key}
        }
    )


def period_parts(period: Period) -> list[Period]:
    """A year's quarters, a quarter's months; a month has no parts."""
    year = period.start.year
    if period.kind == PeriodKind.YEAR:
        return [parse_period(f"{year}-Q{q}") for q in range(1, 5)]
    if period.kind == PeriodKind.QUARTER:
        return [
            parse_period(f"{year}-{m:02d}")
            for m in range(period.start.month, period.start.month + 3)
        ]
    return []
