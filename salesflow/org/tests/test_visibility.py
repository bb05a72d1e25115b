from django.contrib.auth.models import AnonymousUser

from salesflow.org.visibility import (
    sees_everything,
    subordinate_ids,
    users_visible_to,
    visible_user_ids,
)
from salesflow.users.models import Role


def usernames(users) -> list[str]:
    return [u.username for u in users]


def test_a_rep_sees_only_themselves(org):
    assert visible_user_ids(org["rep1"]) == {org["rep1"].pk}


def test_a_manager_sees_themselves_and_their_reps(org):
    expected = {org["manager1"].pk, org["rep1"].pk, org["rep2"].pk}

    assert visible_user_ids(org["manager1"]) == expected


def test_a_manager_over_managers_sees_everyone_below_at_any_depth(org, make_user):
    head = make_user(Role.MANAGER, username="head")
    middle = make_user(Role.MANAGER, username="middle", supervisor=head)
    rep = make_user(Role.REP, username="deep", supervisor=middle)

    assert subordinate_ids(head) == {middle.pk, rep.pk}
    assert visible_user_ids(head) == {head.pk, middle.pk, rep.pk}
    assert rep.pk not in visible_user_ids(org["manager1"])


def test_a_director_sees_everything(org):
    assert sees_everything(org["director"])
    assert visible_user_ids(org["director"]) is None


def test_a_superuser_rep_sees_everything(org):
    org["rep1"].is_superuser = True

    assert visible_user_ids(org["rep1"]) is None


def test_an_inactive_user_sees_nobody(org):
    for name in ("rep1", "manager1", "director"):
        org[name].is_active = False

        assert not sees_everything(org[name])
        assert visible_user_ids(org[name]) == set()


def test_an_anonymous_visitor_sees_nobody(db):
    assert visible_user_ids(AnonymousUser()) == set()


def test_owner_choices_are_the_active_people_the_user_sees(org):
    org["rep2"].is_active = False
    org["rep2"].save()

    assert usernames(users_visible_to(org["manager1"])) == ["manager1", "rep1"]
    assert usernames(users_visible_to(org["rep3"])) == ["rep3"]
    assert len(usernames(users_visible_to(org["director"]))) == 5
