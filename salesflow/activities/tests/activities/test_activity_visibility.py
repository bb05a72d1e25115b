"""Another rep's activity does not exist for an outsider: every route answers 404, never 403. A
colleague who shares the account reads it but does not change it."""

import pytest
from django.urls import reverse

from salesflow.accounts.models import TeamRole
from salesflow.accounts.services import account_team_member_set
from salesflow.activities.models import Activity

ROUTES = [
    ("get", "activities:detail"),
    ("get", "activities:edit"),
    ("post", "activities:edit"),
    ("get", "activities:delete"),
    ("post", "activities:delete"),
]


@pytest.mark.parametrize(("method", "name"), ROUTES)
def test_an_outsider_gets_404_on_every_route(
    org, make_account, log_activity, client_for, method, name
):
    activity = log_activity(org["rep3"], make_account(org["rep3"]))

    response = getattr(client_for(org["rep1"]), method)(reverse(name, args=[activity.pk]))

    assert response.status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize("name", ["activities:edit", "activities:delete"])
def test_a_colleague_on_the_account_reads_but_cannot_change(
    org, make_account, log_activity, client_for, name
):
    account = make_account(org["rep2"])
    account_team_member_set(
        account=account, user=org["rep1"], team_role=TeamRole.SALES, acting_user=org["rep2"]
    )
    activity = log_activity(org["rep2"], account)
    client = client_for(org["rep1"])

    page = client.get(reverse("activities:detail", args=[activity.pk]))
    change = client.get(reverse(name, args=[activity.pk]))

    assert page.status_code == 200
    assert reverse("activities:edit", args=[activity.pk]) not in page.content.decode()
    assert change.status_code == 404


def test_the_manager_edits_their_reps_activity(org, make_account, log_activity, client_for):
    activity = log_activity(org["rep1"], make_account(org["rep1"]))

    response = client_for(org["manager1"]).get(reverse("activities:edit", args=[activity.pk]))

    assert response.status_code == 200


def test_the_form_does_not_preselect_an_account_the_rep_cannot_see(org, make_account, client_for):
    hidden = make_account(org["rep3"], name="Hidden Co")

    response = client_for(org["rep1"]).get(reverse("activities:create"), {"account": hidden.pk})

    assert "Hidden Co" not in response.content.decode()


def test_the_account_fields_fragment_shows_nothing_of_an_unseen_account(
    org, make_account, make_contact, client_for
):
    hidden = make_account(org["rep3"])
    make_contact(hidden, name="Secret Person")

    response = client_for(org["rep1"]).get(
        reverse("activities:account_fields"), {"account": hidden.pk}
    )

    assert "Secret Person" not in response.content.decode()
