"""salesflow createtoken USERNAME: prints only the new API token."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from salesflow.users.models import User
from salesflow.users.services import api_token_create


class Command(BaseCommand):
    help = "Create an API bearer token for a user and print it (only the token)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(username=opts["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {opts['username']!r}.")
        _token, raw = api_token_create(user=user, name=opts["name"])
        self.stdout.write(raw)
