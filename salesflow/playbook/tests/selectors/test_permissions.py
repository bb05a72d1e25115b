"""Who may edit what: managers and directors keep the FAB library, only directors the processes."""

import pytest
from django.contrib.auth.models import AnonymousUser

from salesflow.playbook.selectors import may_edit_library, may_edit_processes


@pytest.mark.parametrize(
    ("role", "library", "processes"),
    [("rep1", False, False), ("manager1", True, False), ("director", True, True)],
)
def test_each_role_edits_what_the_method_gives_it(org, role, library, processes):
    user = org[role]

    assert (may_edit_library(user), may_edit_processes(user)) == (library, processes)


def test_a_deactivated_director_edits_nothing(org):
    director = org["director"]
    director.is_active = False

    assert (may_edit_library(director), may_edit_processes(director)) == (False, False)


def test_an_anonymous_visitor_edits_nothing():
    assert (may_edit_library(AnonymousUser()), may_edit_processes(AnonymousUser())) == (
        False,
        False,
    )
