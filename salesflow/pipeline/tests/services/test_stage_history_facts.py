"""The facts kept on each stage change for the conversion report: when a stay ended, whether the
deal went on from a stage, and when it last entered the same stage before."""

from datetime import UTC, datetime, timedelta

from salesflow.pipeline.history import work_out_facts
from salesflow.pipeline.models import StageChange, Status
from salesflow.pipeline.services import opportunity_move_back

Kind = StageChange.Kind
START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def row(day: int, kind: str, to: int, status: str = Status.OPEN) -> StageChange:
    return StageChange(
        kind=kind, to_number=to, status=status, changed_at=START + timedelta(days=day)
    )


def facts(history: list[StageChange]) -> list[tuple]:
    return [(r.left_at, r.went_on, r.previous_entry_at) for r in history]


def day(n: int) -> datetime:
    return START + timedelta(days=n)


def test_each_stay_ends_at_the_next_change_and_the_last_one_has_not_ended():
    history = [row(0, Kind.OPENED, 1), row(4, Kind.ADVANCED, 2), row(9, Kind.ADVANCED, 3)]

    work_out_facts(history)

    assert [r.left_at for r in history] == [day(4), day(9), None]


def test_a_deal_went_on_from_every_stage_below_the_highest_it_entered():
    history = [
        row(0, Kind.OPENED, 1),
        row(1, Kind.ADVANCED, 2),
        row(2, Kind.ADVANCED, 3),
        row(3, Kind.MOVED_BACK, 2),
    ]

    work_out_facts(history)

    assert [r.went_on for r in history] == [True, True, False, False]


def test_a_deal_won_from_a_stage_went_on_from_it():
    history = [row(0, Kind.OPENED, 1), row(2, Kind.CLOSED, 1, Status.WON)]

    work_out_facts(history)

    assert history[0].went_on is True


def test_a_lost_deal_did_not_go_on_from_its_last_stage():
    history = [row(0, Kind.OPENED, 1), row(1, Kind.ADVANCED, 2), row(5, Kind.CLOSED, 2, "lost")]

    work_out_facts(history)

    assert [r.went_on for r in history] == [True, False, False]


def test_entering_a_stage_again_remembers_the_earlier_entry():
    history = [
        row(0, Kind.OPENED, 1),
        row(1, Kind.ADVANCED, 2),
        row(2, Kind.MOVED_BACK, 1),
        row(3, Kind.ADVANCED, 2),
    ]

    work_out_facts(history)

    assert facts(history) == [
        (day(1), True, None),
        (day(2), False, None),
        (day(3), False, None),  # a move back enters nothing: it is a stay, not an entry
        (None, False, day(1)),
    ]


def test_work_out_facts_says_which_rows_it_changed():
    history = [row(0, Kind.OPENED, 1), row(1, Kind.ADVANCED, 2)]
    work_out_facts(history)
    history.append(row(2, Kind.ADVANCED, 3))

    changed = work_out_facts(history)

    assert changed == [history[1]]  # stage 2 ended and went on; the new row has the defaults


def test_the_services_keep_the_facts_as_the_deal_moves(org, eight_step, stage_of, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=3)
    deal = opportunity_move_back(
        opportunity=deal,
        acting_user=org["rep1"],
        to_stage=stage_of(eight_step, 2),
        reason="New requirements",
    )

    rows = list(deal.stage_changes.order_by("changed_at", "id"))

    assert [(r.kind, r.to_number) for r in rows] == [
        (Kind.OPENED, 1),
        (Kind.ADVANCED, 2),
        (Kind.ADVANCED, 3),
        (Kind.MOVED_BACK, 2),
    ]
    assert [r.left_at for r in rows] == [
        rows[1].changed_at,
        rows[2].changed_at,
        rows[3].changed_at,
        None,
    ]
    assert [r.went_on for r in rows] == [True, True, False, False]
    assert work_out_facts(rows) == []
