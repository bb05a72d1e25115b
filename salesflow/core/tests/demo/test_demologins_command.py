"""`salesflow demologins`: the logins `make demo` shows before the server starts."""

from io import StringIO

import pytest
from django.core.management import call_command

from salesflow.users.models import User

pytestmark = pytest.mark.django_db


def demologins() -> str:
    out = StringIO()
    call_command("demologins", stdout=out)
    return out.getvalue()


def test_it_lists_the_director_a_manager_and_two_of_their_reps(tiny_demo: str) -> None:
    printed = demologins()
    manager = User.objects.get(username="manager1")
    reps = list(User.objects.filter(supervisor=manager).order_by("id")[:2])
    lines = [line.split() for line in printed.splitlines()]
    usernames = [words[2] for words in lines if len(words) > 2 and words[0] == "Sales"]
    assert usernames == ["director", "manager1", reps[0].username, reps[1].username]
    assert printed.count("salesflow") == 4
    assert manager.team.name in printed


def test_without_demo_users_it_says_how_to_make_them(db: None) -> None:
    assert "salesflow demo" in demologins()
