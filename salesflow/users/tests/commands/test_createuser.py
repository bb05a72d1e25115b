from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from salesflow.org.models import Team
from salesflow.users.models import Role, User


def createuser(*args: str) -> str:
    out = StringIO()
    call_command("createuser", *args, stdout=out)
    return out.getvalue()


def test_createuser_creates_a_rep_with_supervisor_and_a_new_team(org):
    output = createuser("rep9", "--role", "rep", "--supervisor", "manager1", "--team", "Xiamen")

    user = User.objects.get(username="rep9")
    assert user.role == Role.REP
    assert user.supervisor == org["manager1"]
    assert user.team == Team.objects.get(name="Xiamen")
    assert "rep9" in output


def test_createuser_joins_an_existing_team(org):
    createuser("rep9", "--role", "rep", "--team", "Shanghai")

    assert User.objects.get(username="rep9").team == org["team1"]
    assert Team.objects.filter(name="Shanghai").count() == 1


def test_createuser_with_a_password_lets_the_user_sign_in(db):
    createuser("boss", "--role", "director", "--password", "s3cret-pass")

    assert User.objects.get(username="boss").check_password("s3cret-pass")


def test_createuser_refuses_an_unknown_supervisor(db):
    with pytest.raises(CommandError, match="nobody"):
        createuser("rep9", "--role", "rep", "--supervisor", "nobody")

    assert not User.objects.filter(username="rep9").exists()


def test_createuser_refuses_a_rep_as_supervisor(org):
    with pytest.raises(CommandError, match="supervisor"):
        createuser("rep9", "--role", "rep", "--supervisor", "rep1")

    assert not User.objects.filter(username="rep9").exists()


def test_createuser_refuses_a_taken_username(org):
    with pytest.raises(CommandError, match="username"):
        createuser("rep1", "--role", "rep")


def test_createuser_refuses_an_unknown_role(db):
    with pytest.raises(CommandError):
        createuser("x", "--role", "intern")
