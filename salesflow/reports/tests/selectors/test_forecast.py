"""The forecast: weighted pipeline by close month, owner and team, in forecast categories."""

from datetime import UTC, date, datetime
from decimal import Decimal

from salesflow.pipeline.models import ForecastCategory, Status
from salesflow.pipeline.services import opportunity_close, opportunity_update
from salesflow.reports.selectors import forecast

JUNE, JULY = date(2030, 6, 1), date(2030, 7, 1)


def weighted(row) -> dict[str, Decimal]:
    return {c.value: f.weighted_amount for c, f in row.categories if f.count}


def month(report, first_day: date):
    return next(row for row in report.months if row.key == first_day)


def test_open_deals_count_at_amount_times_probability_under_their_category(
    org, eight_step, make_deal
):
    rep = org["rep1"]
    make_deal(rep, amount=Decimal("100000"), expected_close_date=date(2030, 6, 28))
    make_deal(rep, stage=3, amount=Decimal("200000"), expected_close_date=date(2030, 6, 1))
    make_deal(rep, stage=6, amount=Decimal("80000"), expected_close_date=date(2030, 7, 31))

    report = forecast(rep, start=JUNE, end=JULY)

    assert [row.key for row in report.months] == [JUNE, JULY]
    assert weighted(month(report, JUNE)) == {
        "pipeline": Decimal("10000.00"),  # stage 1, 10 %
        "best_case": Decimal("60000.00"),  # stage 3, 30 %
    }
    assert weighted(month(report, JULY)) == {"commit": Decimal("48000.00")}  # stage 6, 60 %
    june = month(report, JUNE).total
    assert (june.count, june.amount, june.weighted_amount) == (
        2,
        Decimal("300000.00"),
        Decimal("70000.00"),
    )
    assert report.total.total.weighted_amount == Decimal("118000.00")


def test_a_deal_counts_under_the_category_its_owner_set(org, eight_step, make_deal):
    rep = org["rep1"]
    deal = make_deal(rep, expected_close_date=date(2030, 6, 10))
    opportunity_update(opportunity=deal, acting_user=rep, forecast_category=ForecastCategory.COMMIT)

    assert weighted(month(forecast(rep, start=JUNE, end=JUNE), JUNE)) == {
        "commit": Decimal("10000.00")
    }


def test_won_deals_are_closed_at_their_full_amount_in_the_month_they_were_won(
    org, eight_step, make_deal, win
):
    rep = org["rep1"]
    win(
        make_deal(rep, amount=Decimal("50000"), expected_close_date=date(2030, 9, 30)),
        at=datetime(2030, 7, 15, 3, 0, tzinfo=UTC),
    )

    report = forecast(rep, start=JUNE, end=date(2030, 9, 1))

    assert weighted(month(report, JULY)) == {"closed": Decimal("50000.00")}
    assert month(report, date(2030, 9, 1)).total.count == 0


def test_a_deal_won_after_midnight_in_shanghai_belongs_to_the_new_month(
    org, eight_step, make_deal, win
):
    rep = org["rep1"]
    # 16:30 UTC on 28 February is 00:30 on 1 March in Asia/Shanghai (UTC+8).
    win(make_deal(rep, amount=Decimal("1000")), at=datetime(2030, 2, 28, 16, 30, tzinfo=UTC))
    # 15:30 UTC is still 23:30 on 28 February there.
    win(make_deal(rep, amount=Decimal("2000")), at=datetime(2030, 2, 28, 15, 30, tzinfo=UTC))

    report = forecast(rep, start=date(2030, 2, 1), end=date(2030, 3, 1))

    assert weighted(month(report, date(2030, 2, 1))) == {"closed": Decimal("2000.00")}
    assert weighted(month(report, date(2030, 3, 1))) == {"closed": Decimal("1000.00")}


def test_the_window_leaves_out_won_deals_from_just_before_it_in_shanghai(
    org, eight_step, make_deal, win
):
    rep = org["rep1"]
    # 15:59 UTC on 31 May is 23:59 on 31 May in Shanghai: May, outside a June window.
    win(make_deal(rep), at=datetime(2030, 5, 31, 15, 59, tzinfo=UTC))
    # 16:00 UTC on 30 June is midnight of 1 July in Shanghai: July, outside it too.
    win(make_deal(rep), at=datetime(2030, 6, 30, 16, 0, tzinfo=UTC))

    assert forecast(rep, start=JUNE, end=JUNE).total.total.count == 0


def test_lost_abandoned_and_out_of_window_deals_are_left_out(org, eight_step, make_deal):
    rep = org["rep1"]
    lost = make_deal(rep, expected_close_date=date(2030, 6, 5))
    opportunity_close(opportunity=lost, acting_user=rep, result=Status.LOST, reason="Price")
    dropped = make_deal(rep, expected_close_date=date(2030, 6, 5))
    opportunity_close(
        opportunity=dropped, acting_user=rep, result=Status.ABANDONED, reason="No budget"
    )
    make_deal(rep, expected_close_date=date(2030, 8, 1))

    assert forecast(rep, start=JUNE, end=JULY).total.total.count == 0


def test_every_month_of_the_window_is_listed_even_when_empty(org, eight_step):
    report = forecast(org["rep1"], start=date(2030, 11, 20), end=date(2031, 2, 3))

    assert [row.key for row in report.months] == [
        date(2030, 11, 1),
        date(2030, 12, 1),
        date(2031, 1, 1),
        date(2031, 2, 1),
    ]
    assert (report.start, report.end) == (date(2030, 11, 1), date(2031, 2, 1))


def test_by_owner_and_by_team_add_up_to_the_total(org, eight_step, make_deal, win):
    make_deal(org["rep1"], stage=3, expected_close_date=date(2030, 6, 3))  # 30,000 best case
    win(make_deal(org["rep2"], amount=Decimal("5000")), at=datetime(2030, 6, 2, tzinfo=UTC))
    make_deal(org["rep3"], expected_close_date=date(2030, 6, 30))  # 10,000 pipeline
    org["rep3"].team = None
    org["rep3"].first_name, org["rep3"].last_name = "Wei", "Zhang"
    org["rep3"].save()

    report = forecast(org["director"], start=JUNE, end=JUNE)

    assert [(row.key, row.label, weighted(row)) for row in report.owners] == [
        ("rep1", "rep1", {"best_case": Decimal("30000.00")}),
        ("rep3", "Wei Zhang", {"pipeline": Decimal("10000.00")}),
        ("rep2", "rep2", {"closed": Decimal("5000.00")}),
    ]
    assert [(row.label, row.total.weighted_amount) for row in report.teams] == [
        ("Shanghai", Decimal("35000.00")),
        ("No team", Decimal("10000.00")),
    ]
    assert report.total.total.weighted_amount == Decimal("45000.00")


def test_a_rep_forecasts_only_their_deals_and_a_manager_their_reps(org, eight_step, make_deal, win):
    for rep in ("rep1", "rep2", "rep3"):
        make_deal(org[rep], expected_close_date=date(2030, 6, 15))
    win(make_deal(org["rep3"]), at=datetime(2030, 6, 15, tzinfo=UTC))

    def owners(user) -> list[str]:
        return sorted(row.key for row in forecast(user, start=JUNE, end=JUNE).owners)

    assert owners(org["rep1"]) == ["rep1"]
    assert owners(org["manager1"]) == ["rep1", "rep2"]
    assert owners(org["manager2"]) == ["rep3"]
    assert forecast(org["manager1"], start=JUNE, end=JUNE).total.total.count == 2
