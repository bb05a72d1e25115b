"""The first cards of every column: the soonest to close, fetched in one query."""

from datetime import date, timedelta

from salesflow.pipeline.board import board_opportunities, first_cards


def test_each_column_keeps_its_first_cards_by_close_date(
    org, eight_step, stage_of, make_opportunity, django_assert_num_queries
):
    start = date(2030, 1, 1)
    for n in (3, 1, 4, 2):
        make_opportunity(org["rep1"], name=f"S1 day {n}", expected_close_date=start + timedelta(n))
    for n in (9, 7, 8):
        make_opportunity(
            org["rep1"], name=f"S2 day {n}", expected_close_date=start + timedelta(n), stage=2
        )
    qs = board_opportunities(org["rep1"], process=eight_step)

    with django_assert_num_queries(2):  # the cards, and the deal's people for their warnings
        cards = first_cards(qs, per_column=2)
        names = {stage: [o.name for o in found] for stage, found in cards.items()}

    assert names == {
        stage_of(eight_step, 1).pk: ["S1 day 1", "S1 day 2"],
        stage_of(eight_step, 2).pk: ["S2 day 7", "S2 day 8"],
    }
