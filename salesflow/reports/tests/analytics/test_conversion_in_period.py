"""Stage conversion and days in stage, counting the stays that began in the period."""

from datetime import date
from decimal import Decimal

from salesflow.pipeline.history import refresh_facts
from salesflow.pipeline.models import StageChange
from salesflow.reports.analytics import window_bounds
from salesflow.reports.selectors import stage_conversion
from salesflow.reports.tests.closing import local


def backdate(deal, **moments):
    """backdate(deal, opened=..., advanced=...): when each kind of stage change happened. The
    history's facts are then worked out again, as the app does whenever a change is recorded."""
    for kind, moment in moments.items():
        StageChange.objects.filter(opportunity=deal, kind=kind).update(changed_at=moment)
    refresh_facts(deal.pk)


def march(user, process):
    after, before = window_bounds(date(2024, 3, 1), date(2024, 3, 31))
    rows = stage_conversion(user, process=process, entered_from=after, entered_before=before)
    return {row.stage.number: row for row in rows}


def test_conversion_counts_stays_begun_in_the_period_and_days_count_finished_stays(
    org, eight_step, make_deal
):
    rep = org["rep1"]
    moved_on = make_deal(rep, stage=2)
    backdate(moved_on, opened=local(date(2024, 3, 1)), advanced=local(date(2024, 3, 5)))
    stayed = make_deal(rep)
    backdate(stayed, opened=local(date(2024, 3, 10)))
    earlier = make_deal(rep, stage=2)
    backdate(earlier, opened=local(date(2024, 2, 1)), advanced=local(date(2024, 2, 3)))

    rows = march(rep, eight_step)

    assert (rows[1].reached, rows[1].went_on) == (2, 1)
    assert rows[1].rate == Decimal("50.0")
    assert rows[1].average_days == 4.0
    assert (rows[2].reached, rows[2].went_on, rows[2].average_days) == (1, 0, None)
    assert rows[3].reached == 0 and rows[3].rate is None


def test_without_a_period_every_stay_counts_as_before(org, eight_step, make_deal):
    rep = org["rep1"]
    deal = make_deal(rep, stage=2)
    backdate(deal, opened=local(date(2023, 1, 1)), advanced=local(date(2023, 1, 3)))

    rows = {row.stage.number: row for row in stage_conversion(rep, process=eight_step)}

    assert (rows[1].reached, rows[1].went_on, rows[1].average_days) == (1, 1, 2.0)
