"""salesflow cadence_digest [--date YYYY-MM-DD]: the daily notice of calls and visits due (§8).

Run it once a day (cron); running it again the same day sends nothing new."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from salesflow.activities.services.cadence import cadence_digest_send


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Send each rep the calls and visits due today or overdue, and each manager a line per "
        "rep. At most one digest per person per day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", dest="on", default="", help="Count what is due on this day (default: today)."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        on = _day(opts["on"]) if opts["on"] else None
        result = cadence_digest_send(on=on)
        self.stdout.write(
            f"Sent {result.sent} cadence digest(s); {result.already_sent} already had today's."
        )
