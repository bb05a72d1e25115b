"""salesflow createuser USERNAME --role rep|manager|director [--supervisor U] [--team T] [--password P]"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from salesflow.org.models import Team
from salesflow.users.models import Role, User
from salesflow.users.services import user_create


class Command(BaseCommand):
    help = "Create a Salesflow user with a role, an optional supervisor and team."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--supervisor", help="username of the user's supervisor")
        parser.add_argument("--team", help="team name (created when it does not exist)")
        parser.add_argument("--password", help="without it the user cannot sign in with a password")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        supervisor = None
        if opts["supervisor"]:
            supervisor = User.objects.filter(username=opts["supervisor"]).first()
            if supervisor is None:
                raise CommandError(f"--supervisor: no user named {opts['supervisor']!r}.")
        team = None
        if opts["team"]:
            team, _created = Team.objects.get_or_create(name=opts["team"])
        try:
            user = user_create(
                username=opts["username"],
                role=opts["role"],
                password=opts["password"],
                supervisor=supervisor,
                team=team,
                email=opts["email"],
            )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
            ) from exc
        self.stdout.write(f"Created {user.get_role_display()} {user.username}.")
