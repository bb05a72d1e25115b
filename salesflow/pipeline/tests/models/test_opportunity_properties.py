"""Facts about one opportunity that the card, the page and the reports show."""

from datetime import UTC, date, datetime
from decimal import Decimal

from django.utils import timezone

from salesflow.pipeline.models import Opportunity


def test_gross_margin_is_amount_less_expected_cost(org, make_opportunity):
    deal = make_opportunity(org["rep1"], amount=Decimal("500000"), cost=Decimal("320000"))

    assert deal.gross_margin == Decimal("180000")


def test_gross_margin_is_unknown_while_no_cost_is_given(org, make_opportunity):
    deal = make_opportunity(org["rep1"], amount=Decimal("500000"))

    assert deal.gross_margin is None


def test_gross_margin_goes_negative_when_the_cost_exceeds_the_amount(org, make_opportunity):
    deal = make_opportunity(org["rep1"], amount=Decimal("100"), cost=Decimal("150"))

    assert deal.gross_margin == Decimal("-50")


def test_weighted_amount_is_amount_times_the_stage_probability(
    org, eight_step, stage_of, make_opportunity
):
    deal = make_opportunity(org["rep1"], amount=Decimal("200000"), stage=3)

    assert deal.weighted_amount == Decimal("200000") * stage_of(eight_step, 3).probability / 100
    assert deal.weighted_amount == Decimal("60000")  # stage 3 ships at 30 %


def test_weighted_amount_follows_the_stage_when_the_deal_advances(
    org, make_opportunity, walk_to_stage
):
    deal = make_opportunity(org["rep1"], amount=Decimal("100000"))
    at_stage_1 = deal.weighted_amount

    deal = walk_to_stage(deal, 7)

    assert at_stage_1 == Decimal("10000")
    assert deal.weighted_amount == Decimal("80000")


def entered_at(opportunity: Opportunity, moment: datetime) -> Opportunity:
    Opportunity.objects.filter(pk=opportunity.pk).update(stage_entered_at=moment)
    opportunity.refresh_from_db()
    return opportunity


def test_days_in_stage_counts_calendar_days_in_china_time(org, make_opportunity):
    # 16:30 UTC on 1 March is 00:30 on 2 March in Shanghai: the deal entered on the 2nd.
    deal = entered_at(make_opportunity(org["rep1"]), datetime(2025, 3, 1, 16, 30, tzinfo=UTC))

    assert deal.days_in_stage(today=date(2025, 3, 2)) == 0
    assert deal.days_in_stage(today=date(2025, 3, 5)) == 3


def test_a_deal_entered_late_in_the_evening_has_been_a_day_in_stage_after_midnight(
    org, make_opportunity, monkeypatch
):
    # 15:30 UTC is 23:30 in Shanghai; an hour later it is the next day there (still the same
    # day in UTC).
    deal = entered_at(make_opportunity(org["rep1"]), datetime(2025, 3, 1, 15, 30, tzinfo=UTC))
    monkeypatch.setattr(timezone, "now", lambda: datetime(2025, 3, 1, 16, 30, tzinfo=UTC))

    assert deal.days_in_stage() == 1


def test_days_in_stage_is_zero_on_the_day_the_deal_entered(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    assert deal.days_in_stage() == 0


def test_days_in_stage_never_goes_negative(org, make_opportunity):
    deal = entered_at(make_opportunity(org["rep1"]), datetime(2025, 3, 10, 2, 0, tzinfo=UTC))

    assert deal.days_in_stage(today=date(2025, 3, 1)) == 0


def test_a_new_opportunity_is_open_and_a_closed_one_says_so(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    closed = Opportunity(status="lost")

    assert deal.is_closed is False
    assert closed.is_closed is True
