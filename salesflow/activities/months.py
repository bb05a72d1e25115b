"""Calendar-month arithmetic for the cadence (§8): "every 3 months" from Jan 31 is Apr 30.

The same rule twice: `add_months` in Python and `AddMonths` in SQL, so due dates can be filtered,
sorted and paginated by the database. Both clamp the day to the last day of the target month.
"""

import calendar
from datetime import date
from typing import Any

from django.db import NotSupportedError
from django.db.models import DateField, Func


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months; Jan 31 + 1 month is Feb 28 (or 29)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class AddMonths(Func):
    """SQL for `add_months(date, months)`; `months` may be a column or an expression."""

    arity = 2
    output_field = DateField()

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Any:
        raise NotSupportedError(f"AddMonths has no SQL for {connection.vendor}.")

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        day_sql, day_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        # SQLite's '+N months' rolls an overflowing day into the next month (Jan 31 → Mar 2);
        # the last day of the target month caps it.
        sql = (
            f"MIN(date({day_sql}, '+' || ({months_sql}) || ' months'), "
            f"date({day_sql}, 'start of month', '+' || (({months_sql}) + 1) || ' months', "
            "'-1 day'))"
        )
        return sql, (*day_params, *months_params, *day_params, *months_params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        day_sql, day_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        # PostgreSQL's date + interval already clamps the day to the month's end.
        sql = f"(({day_sql}) + make_interval(months => ({months_sql})::integer))::date"
        return sql, (*day_params, *months_params)
