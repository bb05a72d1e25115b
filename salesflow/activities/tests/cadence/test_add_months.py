"""Calendar months, in Python and in SQL: the day is clamped to the end of a shorter month."""

from datetime import date

import pytest
from django.db.models import DateField, IntegerField, Value

from salesflow.accounts.models import Account
from salesflow.activities.months import AddMonths, add_months

CASES = [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 3, 31), 1, date(2024, 4, 30)),
    (date(2024, 11, 30), 3, date(2025, 2, 28)),
    (date(2024, 8, 31), 6, date(2025, 2, 28)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 1, 15), 1, date(2024, 2, 15)),
    (date(2024, 12, 5), 1, date(2025, 1, 5)),
    (date(2024, 5, 31), 12, date(2025, 5, 31)),
]


@pytest.mark.parametrize(("day", "months", "expected"), CASES)
def test_add_months_keeps_the_day_or_clamps_it_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "months", "expected"), CASES)
def test_the_database_adds_months_exactly_like_python(day, months, expected, org, make_account):
    make_account(org["rep1"])

    found = (
        Account.objects.annotate(
            due=AddMonths(
                Value(day, output_field=DateField()),
                Value(months, output_field=IntegerField()),
            )
        )
        .values_list("due", flat=True)
        .get()
    )

    assert found == expected
