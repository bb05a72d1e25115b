from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from salesflow.users.models import ApiToken
from salesflow.users.services import api_token_authenticate


def createtoken(*args: str) -> str:
    out = StringIO()
    call_command("createtoken", *args, stdout=out)
    return out.getvalue()


def test_createtoken_prints_only_a_token_that_authenticates_the_user(org):
    output = createtoken("rep1")

    assert output.count("\n") == 1
    token = output.strip()
    assert " " not in token
    assert api_token_authenticate(token) == org["rep1"]


def test_createtoken_names_the_token(org):
    createtoken("rep1", "--name", "ci")

    assert ApiToken.objects.get(user=org["rep1"]).name == "ci"


def test_createtoken_refuses_an_unknown_or_inactive_user(org):
    org["rep2"].is_active = False
    org["rep2"].save()

    for username in ("nobody", "rep2"):
        with pytest.raises(CommandError):
            createtoken(username)

    assert not ApiToken.objects.exists()
