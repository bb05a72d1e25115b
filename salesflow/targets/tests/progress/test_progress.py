"""Progress: achievement, the share of the period gone, the gap and the projection at the current
run rate, worked out by hand."""

from datetime import date
from decimal import Decimal

from salesflow.targets.actuals import Actual, Slot
from salesflow.targets.holders import Holder
from salesflow.targets.models import HolderKind
from salesflow.targets.periods import parse_period
from salesflow.targets.progress import (
    DAILY,
    MONTHLY,
    WEEKLY,
    default_rhythm,
    progress_of,
    progress_of_targets,
    rhythm_holders,
    rhythm_sections,
)
from salesflow.targets.tests.conftest import shanghai


class FakeTarget:
    def __init__(self, amount):
        self.amount = Decimal(amount)


def march(actual, today, target=310_000, metric="revenue"):
    slot = Slot(metric, Holder.company(), parse_period("2026-03"))
    return progress_of(slot, Actual(Decimal(actual)), today, FakeTarget(target))


def test_ten_days_into_march_a_third_of_the_month_is_gone_and_the_run_rate_triples():
    p = march(100_000, date(2026, 3, 10))  # 10 of 31 days, today counted

    assert p.elapsed == Decimal("32.3")
    assert p.achievement == Decimal("32.3")  # 100,000 / 310,000
    assert p.gap == Decimal(210_000)
    assert p.projected == Decimal("310000.00")  # 100,000 / (10/31)
    assert p.on_track is True


def test_behind_the_run_rate_is_not_on_track():
    p = march(50_000, date(2026, 3, 16))  # 16/31 gone, 50,000 → 96,875 projected

    assert p.projected == Decimal("96875.00")
    assert p.on_track is False


def test_before_the_period_starts_nothing_is_gone_and_the_projection_is_zero():
    p = march(0, date(2026, 2, 20))

    assert (p.elapsed, p.projected, p.on_track) == (Decimal("0.0"), Decimal(0), None)


def test_after_the_period_the_projection_is_the_actual():
    p = march(400_000, date(2026, 5, 1))

    assert p.elapsed == Decimal("100.0")
    assert p.projected == Decimal("400000.00")
    assert p.achievement == Decimal("129.0")
    assert p.gap == Decimal(-90_000)
    assert p.bar_width == Decimal(100)


def test_without_a_target_there_is_no_achievement_or_gap():
    slot = Slot("revenue", Holder.company(), parse_period("2026-03"))
    p = progress_of(slot, Actual(Decimal(5_000)), date(2026, 3, 31))

    assert (p.target, p.achievement, p.gap) == (None, None, None)
    assert p.projected == Decimal("5000.00")


def test_a_dealer_shows_no_actual_and_no_projection():
    dealer = Holder(HolderKind.DEALER, None)
    slot = Slot("revenue", dealer, parse_period("2026-03"))
    p = progress_of(slot, Actual(None), date(2026, 3, 15), FakeTarget(100))

    assert (p.actual, p.achievement, p.projected, p.gap) == (None, None, None, None)


def test_progress_of_targets_reads_the_actuals(org, won, set_target):
    won(org["rep1"], 62_000, at=shanghai(2026, 3, 3, 15))
    target = set_target(org["rep1"], "2026-03", 124_000)

    p = progress_of_targets([target], date(2026, 3, 31))[target.pk]

    assert (p.actual, p.achievement, p.elapsed) == (
        Decimal("62000.00"),
        Decimal("50.0"),
        Decimal("100.0"),
    )


def test_each_role_reads_progress_in_its_own_rhythm(org):
    assert default_rhythm(org["rep1"]) == DAILY
    assert default_rhythm(org["manager1"]) == WEEKLY
    assert default_rhythm(org["director"]) == MONTHLY


def test_the_rhythms_show_a_rep_themselves_a_manager_their_team_and_a_director_the_regions(org):
    assert rhythm_holders(org["rep1"], DAILY) == [Holder("rep", org["rep1"])]
    assert rhythm_holders(org["manager1"], WEEKLY) == [
        Holder("team", org["team1"]),
        Holder("rep", org["rep1"]),
        Holder("rep", org["rep2"]),
    ]
    assert rhythm_holders(org["director"], MONTHLY) == [
        Holder.company(),
        Holder("region", org["region"]),
    ]


def test_a_section_lists_each_holders_targets_and_revenue_where_none_is_set(org, won, set_target):
    won(org["rep2"], 9_000, at=shanghai(2026, 3, 3, 15))
    set_target(org["rep1"], "2026-03", 100_000)
    set_target(org["rep1"], "2026-03", 3, metric="new_customers")
    holders = [Holder("rep", org["rep1"]), Holder("rep", org["rep2"])]

    (section,) = rhythm_sections(
        org["manager1"], holders=holders, periods=[parse_period("2026-03")], today=date(2026, 3, 9)
    )

    rows = [(r.holder.label, r.metric, r.target, r.actual) for r in section.rows]
    assert rows == [
        ("rep1", "revenue", Decimal(100_000), Decimal("0.00")),
        ("rep1", "new_customers", Decimal(3), Decimal("0.00")),
        ("rep2", "revenue", None, Decimal("9000.00")),
    ]
