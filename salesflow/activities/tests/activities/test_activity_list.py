"""The activity list: who sees what, the filters, pages, the htmx fragment, and a constant number
of queries however many rows there are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from salesflow.accounts.models import TeamRole
from salesflow.accounts.services import account_team_member_set
from salesflow.activities.models import ActivityKind, ActivityPurpose
from salesflow.activities.services.activities import ObjectionMet

LIST = reverse("activities:list")


def rows(response) -> list[int]:
    return [a.pk for a in response.context["activities"]]


def test_a_rep_sees_their_own_activities_only(org, make_account, log_activity, client_for):
    mine = log_activity(org["rep1"], make_account(org["rep1"]))
    log_activity(org["rep2"], make_account(org["rep2"]))

    response = client_for(org["rep1"]).get(LIST)

    assert rows(response) == [mine.pk]


def test_a_manager_sees_the_activities_of_their_team(org, make_account, log_activity, client_for):
    one = log_activity(org["rep1"], make_account(org["rep1"]))
    two = log_activity(org["rep2"], make_account(org["rep2"]))
    log_activity(org["rep3"], make_account(org["rep3"]))

    response = client_for(org["manager1"]).get(LIST)

    assert set(rows(response)) == {one.pk, two.pk}


def test_a_colleague_on_the_account_team_sees_the_accounts_activities(
    org, make_account, log_activity, client_for
):
    account = make_account(org["rep2"])
    account_team_member_set(
        account=account, user=org["rep1"], team_role=TeamRole.SALES, acting_user=org["rep2"]
    )
    theirs = log_activity(org["rep2"], account)

    response = client_for(org["rep1"]).get(LIST)

    assert rows(response) == [theirs.pk]


def test_newest_first_with_planned_ones_by_their_planned_time(
    org, make_account, log_activity, client_for
):
    rep = org["rep1"]
    account = make_account(rep)
    old = log_activity(rep, account, occurred_at=timezone.now() - timedelta(days=3))
    planned = log_activity(
        rep, account, kind=ActivityKind.VISIT, planned_at=timezone.now() + timedelta(days=1)
    )
    recent = log_activity(rep, account, occurred_at=timezone.now() - timedelta(hours=2))

    response = client_for(rep).get(LIST)

    assert rows(response) == [planned.pk, recent.pk, old.pk]
    assert "planned" in response.content.decode()


def test_filters_narrow_the_list(org, make_account, log_activity, client_for):
    rep = org["rep1"]
    account = make_account(rep)
    match = log_activity(
        rep,
        account,
        kind=ActivityKind.VISIT,
        purpose=ActivityPurpose.COLLECTION,
        occurred_at=timezone.now() - timedelta(days=2),
    )
    log_activity(rep, account, kind=ActivityKind.CALL, purpose=ActivityPurpose.COLLECTION)
    log_activity(rep, make_account(rep), kind=ActivityKind.VISIT, purpose=ActivityPurpose.SERVICE)
    log_activity(
        rep,
        account,
        kind=ActivityKind.VISIT,
        purpose=ActivityPurpose.COLLECTION,
        occurred_at=timezone.now() - timedelta(days=20),
    )
    since = (timezone.localdate() - timedelta(days=5)).isoformat()

    response = client_for(rep).get(
        LIST,
        {"kind": "visit", "purpose": "collection", "account": account.pk, "date_from": since},
    )

    assert rows(response) == [match.pk]


def test_owner_filter(org, make_account, log_activity, client_for):
    log_activity(org["rep1"], make_account(org["rep1"]))
    theirs = log_activity(org["rep2"], make_account(org["rep2"]))

    response = client_for(org["manager1"]).get(LIST, {"owner": org["rep2"].pk})

    assert rows(response) == [theirs.pk]


def test_an_htmx_request_gets_the_results_fragment(org, make_account, log_activity, client_for):
    log_activity(org["rep1"], make_account(org["rep1"], name="Sinopec"))

    response = client_for(org["rep1"]).get(LIST, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "Sinopec" in html
    assert "<html" not in html


def test_the_empty_list_invites_the_first_activity(org, client_for):
    response = client_for(org["rep1"]).get(LIST)

    assert "No activities logged yet." in response.content.decode()


def test_rows_show_the_objections_met(org, make_account, log_activity, objections, client_for):
    rep = org["rep1"]
    log_activity(
        rep, make_account(rep), objections=[ObjectionMet(objection=objections[6], overcome=True)]
    )

    response = client_for(rep).get(LIST)

    assert "Your price is too high" in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_runs_a_constant_number_of_queries(
    org,
    make_account,
    make_contact,
    log_activity,
    objections,
    client_for,
    count,
    django_assert_max_num_queries,
):
    rep = org["rep1"]
    accounts = [make_account(rep) for _ in range(3)]
    people = [make_contact(a) for a in accounts]
    for n in range(count):
        log_activity(
            rep,
            accounts[n % 3],
            contacts=[people[n % 3]],
            objections=[ObjectionMet(objection=objections[1 + n % 7], overcome=n % 2 == 0)],
        )
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(9):
        response = client.get(LIST, {"page": 2} if count == 50 else {})

    assert response.status_code == 200
