import pytest
from django.core.exceptions import ValidationError

from salesflow.users.models import Role, User
from salesflow.users.services import user_create


def create_errors(**fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        user_create(**fields)
    return caught.value.message_dict


def test_a_rep_is_created_under_a_manager_and_can_sign_in(org):
    user = user_create(
        username="rep9", role=Role.REP, password="s3cret-pass", supervisor=org["manager1"]
    )

    assert user.supervisor == org["manager1"]
    assert user.check_password("s3cret-pass")
    assert not user.is_staff


def test_without_a_password_the_user_cannot_sign_in_with_one(db):
    user = user_create(username="sso", role=Role.REP)

    assert not user.has_usable_password()


def test_a_director_may_use_the_admin(db):
    user = user_create(username="boss", role=Role.DIRECTOR, password="s3cret-pass")

    assert user.is_staff and user.is_superuser


def test_a_rep_cannot_supervise(org):
    assert "supervisor" in create_errors(username="x", role=Role.REP, supervisor=org["rep1"])


def test_an_unknown_role_is_refused(db):
    assert "role" in create_errors(username="x", role="intern")


def test_a_taken_username_is_refused(org):
    assert "username" in create_errors(username="rep1", role=Role.REP)
    assert User.objects.filter(username="rep1").count() == 1
