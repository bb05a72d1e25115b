"""salesflow demologins: the demo users to sign in as, with their password, as a small table."""

import unicodedata
from typing import Any

from django.core.management.base import BaseCommand

from salesflow.core.demo.logins import demo_logins
from salesflow.core.demo.organisation import DEMO_PASSWORD


def display_width(text: str) -> int:
    """Chinese characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


class Command(BaseCommand):
    help = "Print the demo logins (director, a manager and two of their reps) with the password."

    def handle(self, *args: Any, **opts: Any) -> None:
        people = demo_logins()
        if not people:
            self.stdout.write("No demo users found. Run `salesflow demo` first.")
            return
        header = ("role", "username", "password", "name", "team")
        rows = [header] + [
            (
                str(u.get_role_display()),
                u.username,
                DEMO_PASSWORD,
                u.get_full_name() or "",
                u.team.name if u.team else "",
            )
            for u in people
        ]
        widths = [max(display_width(row[i]) for row in rows) for i in range(len(header))]
        self.stdout.write("Demo logins:")
        for n, row in enumerate(rows):
            self.stdout.write(
                "  " + "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
