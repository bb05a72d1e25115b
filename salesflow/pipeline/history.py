"""The facts of a deal's stage history that the stage conversion report counts, worked out from
the whole history at once so that the report is a plain grouped count (bench/reports.py: reading
them back with window functions took 14 s for a million deals).

For each row, in the order the changes happened:
- `left_at`: when the deal's next change happened, which ended the stay this row began;
- `went_on` (rows entering a stage): the deal entered a later stage at some time, or was won from
  this one;
- `previous_entry_at` (rows entering a stage): when the deal last entered the same stage before,
  so that a report counts a deal once per stage even when it came back to it.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from salesflow.pipeline.models import StageChange, Status

# Rows that open a deal in a stage or take it forward into one: "reaching" the stage.
ENTERING = (StageChange.Kind.OPENED, StageChange.Kind.ADVANCED, StageChange.Kind.SKIPPED_GATE)
FACTS = ("left_at", "went_on", "previous_entry_at")


def in_order(rows: Iterable[StageChange]) -> list[StageChange]:
    """The rows as they happened: by time, then as they were recorded."""
    return sorted(rows, key=lambda row: (row.changed_at, row.pk or 0))


def work_out_facts(history: Sequence[StageChange]) -> list[StageChange]:
    """Set the facts on every row of one deal's history (given in the order it happened) and
    return the rows whose facts changed."""
    entering = [row for row in history if row.kind in ENTERING]
    highest = max((row.to_number for row in entering), default=0)
    won_from = {
        row.to_number
        for row in history
        if row.kind == StageChange.Kind.CLOSED and row.status == Status.WON
    }
    last_entry: dict[int, datetime] = {}
    changed = []
    for index, row in enumerate(history):
        before = (row.left_at, row.went_on, row.previous_entry_at)
        row.left_at = history[index + 1].changed_at if index + 1 < len(history) else None
        if row.kind in ENTERING:
            row.went_on = highest > row.to_number or row.to_number in won_from
            row.previous_entry_at = last_entry.get(row.to_number)
            last_entry[row.to_number] = row.changed_at
        else:
            row.went_on, row.previous_entry_at = False, None
        if (row.left_at, row.went_on, row.previous_entry_at) != before:
            changed.append(row)
    return changed


def refresh_facts(opportunity_id: int) -> None:
    """Work the facts out again for one deal after a change was recorded (a handful of rows)."""
    history = in_order(StageChange.objects.filter(opportunity_id=opportunity_id))
    changed = work_out_facts(history)
    if changed:
        StageChange.objects.bulk_update(changed, FACTS)
