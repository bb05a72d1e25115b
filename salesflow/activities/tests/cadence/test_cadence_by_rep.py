"""The manager's per-rep summary: due today, overdue calls, overdue visits, worst overdue days."""

from datetime import date

import pytest

from salesflow.activities.selectors.cadence import cadence_by_rep

pytestmark = pytest.mark.django_db

ON = date(2025, 6, 16)
LONG_AGO = date(2020, 1, 1)


def test_each_rep_gets_a_line_with_their_due_and_overdue_counts(org, account_since, touch):
    # rep1: a call due today, a visit 19 days overdue, another call 46 days overdue.
    first = account_since(org["rep1"], "A", LONG_AGO)
    touch(first, "call", date(2025, 5, 16))
    touch(first, "visit", date(2025, 2, 28))
    second = account_since(org["rep1"], "A", LONG_AGO)
    touch(second, "call", date(2025, 4, 1))
    touch(second, "visit", ON)
    # rep2: nothing due.
    quiet = account_since(org["rep2"], "A", LONG_AGO)
    touch(quiet, "call", ON)
    touch(quiet, "visit", ON)

    lines = {line.rep.username: line for line in cadence_by_rep(org["manager1"], on=ON)}

    assert set(lines) == {"rep1", "rep2"}
    rep1 = lines["rep1"]
    assert (rep1.due_today, rep1.overdue_calls, rep1.overdue_visits) == (1, 1, 1)
    assert rep1.worst_overdue_days == 46
    rep2 = lines["rep2"]
    assert (rep2.due_today, rep2.overdue, rep2.worst_overdue_days) == (0, 0, 0)


def test_the_worst_rep_comes_first(org, account_since, touch):
    mild = account_since(org["rep1"], "A", LONG_AGO)
    touch(mild, "visit", ON)
    touch(mild, "call", date(2025, 5, 10))
    bad = account_since(org["rep2"], "A", LONG_AGO)
    touch(bad, "visit", ON)
    touch(bad, "call", date(2025, 1, 10))

    lines = cadence_by_rep(org["manager1"], on=ON)

    assert [line.rep.username for line in lines] == ["rep2", "rep1"]


def test_a_manager_sees_no_line_for_another_teams_rep(org, account_since):
    account_since(org["rep3"], "A", LONG_AGO)

    lines = cadence_by_rep(org["manager1"], on=ON)

    assert "rep3" not in {line.rep.username for line in lines}


def test_a_director_sees_every_rep(org, account_since):
    account_since(org["rep3"], "A", LONG_AGO)

    lines = {line.rep.username: line for line in cadence_by_rep(org["director"], on=ON)}

    assert {"rep1", "rep2", "rep3"} <= set(lines)
    assert lines["rep3"].overdue == 2


def test_a_rep_has_no_per_rep_summary(org, account_since):
    account_since(org["rep1"], "A", LONG_AGO)

    assert cadence_by_rep(org["rep1"], on=ON) == []
