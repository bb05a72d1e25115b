"""Logging an activity: what is saved, and each kind of bad input refused with a reason."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from salesflow.activities.models import ActivityKind, ActivityPurpose
from salesflow.activities.services.activities import ObjectionMet, activity_log
from salesflow.core.history import history_for
from salesflow.pipeline.services import opportunity_create

HOUR_AGO = timezone.now() - timedelta(hours=1)


def refused(**kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        activity_log(**kwargs)
    return caught.value.message_dict


def test_a_call_is_saved_with_its_people_outcome_and_objections(
    org, make_account, make_contact, objections
):
    rep = org["rep1"]
    account = make_account(rep)
    buyer = make_contact(account, name="Li Wei")

    activity = activity_log(
        acting_user=rep,
        kind=ActivityKind.CALL,
        purpose=ActivityPurpose.NEW_CUSTOMER,
        account=account,
        contacts=[buyer],
        occurred_at=HOUR_AGO,
        duration_minutes=12,
        expenses=Decimal("3.50"),
        connected=True,
        appointment_set=True,
        objections=[
            ObjectionMet(objection=objections[5], overcome=True),
            ObjectionMet(objection=objections[6]),
        ],
    )

    assert activity.owner == rep
    assert list(activity.contacts.all()) == [buyer]
    met = {m.objection.number: m.overcome for m in activity.objections_met.all()}
    assert met == {5: True, 6: False}
    assert (activity.connected, activity.appointment_set) == (True, True)


def test_logging_records_history(org, make_account):
    rep = org["rep1"]
    activity = activity_log(
        acting_user=rep, kind=ActivityKind.VISIT, account=make_account(rep), occurred_at=HOUR_AGO
    )

    assert history_for(activity).filter(action="create").exists()


def test_an_account_the_rep_cannot_see_is_refused(org, make_account):
    errors = refused(
        acting_user=org["rep1"],
        kind=ActivityKind.VISIT,
        account=make_account(org["rep3"]),
        occurred_at=HOUR_AGO,
    )

    assert errors["account"] == ["Choose an account you can see."]


def test_an_opportunity_of_another_account_is_refused(org, make_account):
    rep = org["rep1"]
    other = make_account(rep)
    deal = opportunity_create(
        acting_user=rep,
        account=other,
        name="Elsewhere",
        amount=Decimal(1000),
        expected_close_date=timezone.localdate() + timedelta(days=30),
    )

    errors = refused(
        acting_user=rep,
        kind=ActivityKind.VISIT,
        account=make_account(rep),
        opportunity=deal,
        occurred_at=HOUR_AGO,
    )

    assert errors["opportunity"] == ["Choose an opportunity on this account."]


def test_a_contact_of_another_account_is_refused(org, make_account, make_contact):
    rep = org["rep1"]
    stranger = make_contact(make_account(rep))

    errors = refused(
        acting_user=rep,
        kind=ActivityKind.VISIT,
        account=make_account(rep),
        contacts=[stranger],
        occurred_at=HOUR_AGO,
    )

    assert errors["contacts"] == ["Choose people who work at this account."]


def test_negative_duration_and_expenses_are_refused(org, make_account):
    rep = org["rep1"]

    errors = refused(
        acting_user=rep,
        kind=ActivityKind.VISIT,
        account=make_account(rep),
        occurred_at=HOUR_AGO,
        duration_minutes=-5,
        expenses=Decimal("-1"),
    )

    assert errors["duration_minutes"] == ["A duration cannot be negative."]
    assert errors["expenses"] == ["Expenses cannot be negative."]


@pytest.mark.parametrize("outcome", ["connected", "appointment_set"])
def test_call_outcomes_on_a_visit_are_refused(org, make_account, outcome):
    rep = org["rep1"]

    errors = refused(
        acting_user=rep,
        kind=ActivityKind.VISIT,
        account=make_account(rep),
        occurred_at=HOUR_AGO,
        **{outcome: True},
    )

    assert outcome in errors


def test_an_appointment_needs_a_connected_call(org, make_account):
    rep = org["rep1"]

    errors = refused(
        acting_user=rep,
        kind=ActivityKind.CALL,
        account=make_account(rep),
        occurred_at=HOUR_AGO,
        connected=False,
        appointment_set=True,
    )

    assert errors["appointment_set"] == ["An appointment needs a call that got through."]


def test_an_activity_needs_a_time(org, make_account):
    rep = org["rep1"]

    errors = refused(acting_user=rep, kind=ActivityKind.CALL, account=make_account(rep))

    assert "occurred_at" in errors


def test_an_activity_cannot_have_happened_tomorrow(org, make_account):
    rep = org["rep1"]

    errors = refused(
        acting_user=rep,
        kind=ActivityKind.CALL,
        account=make_account(rep),
        occurred_at=timezone.now() + timedelta(days=1),
    )

    assert "occurred_at" in errors


def test_a_planned_activity_needs_no_time_it_happened(org, make_account):
    rep = org["rep1"]

    activity = activity_log(
        acting_user=rep,
        kind=ActivityKind.VISIT,
        account=make_account(rep),
        planned_at=timezone.now() + timedelta(days=2),
    )

    assert activity.occurred_at is None


def test_the_same_objection_twice_is_refused(org, make_account, objections):
    rep = org["rep1"]

    errors = refused(
        acting_user=rep,
        kind=ActivityKind.CALL,
        account=make_account(rep),
        occurred_at=HOUR_AGO,
        objections=[ObjectionMet(objection=objections[1]), ObjectionMet(objection=objections[1])],
    )

    assert len(errors["objections"]) == 1


def test_a_retired_objection_is_refused(org, make_account, objections):
    rep = org["rep1"]
    retired = objections[2]
    retired.is_active = False
    retired.save()

    errors = refused(
        acting_user=rep,
        kind=ActivityKind.CALL,
        account=make_account(rep),
        occurred_at=HOUR_AGO,
        objections=[ObjectionMet(objection=retired)],
    )

    assert "no longer in the playbook" in errors["objections"][0]


def test_a_manager_logs_for_their_rep_but_not_for_another_team(org, make_account):
    manager = org["manager1"]
    account = make_account(org["rep1"])

    activity = activity_log(
        acting_user=manager,
        owner=org["rep1"],
        kind=ActivityKind.VISIT,
        account=account,
        occurred_at=HOUR_AGO,
    )
    errors = refused(
        acting_user=manager,
        owner=org["rep3"],
        kind=ActivityKind.VISIT,
        account=account,
        occurred_at=HOUR_AGO,
    )

    assert activity.owner == org["rep1"]
    assert "owner" in errors
