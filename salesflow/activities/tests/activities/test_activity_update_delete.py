"""Changing and deleting an activity through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from salesflow.activities.models import Activity, ActivityKind
from salesflow.activities.services.activities import (
    ObjectionMet,
    activity_delete,
    activity_update,
)
from salesflow.core.history import history_for


def test_update_changes_the_facts_and_records_what_changed(org, make_account, log_activity):
    rep = org["rep1"]
    activity = log_activity(rep, make_account(rep), duration_minutes=5)
    logged = set(history_for(activity).values_list("pk", flat=True))

    activity_update(activity=activity, acting_user=rep, duration_minutes=20, notes=" Went well ")

    activity.refresh_from_db()
    assert (activity.duration_minutes, activity.notes) == (20, "Went well")
    changes = history_for(activity).exclude(pk__in=logged)
    assert {(c.field, c.old_value, c.new_value) for c in changes} == {
        ("duration_minutes", "5", "20"),
        ("notes", "", "Went well"),
    }


def test_objections_sent_on_update_replace_the_old_ones(
    org, make_account, log_activity, objections
):
    rep = org["rep1"]
    activity = log_activity(
        rep, make_account(rep), objections=[ObjectionMet(objection=objections[1])]
    )

    activity_update(
        activity=activity,
        acting_user=rep,
        objections=[ObjectionMet(objection=objections[4], overcome=True)],
    )

    met = [(m.objection.number, m.overcome) for m in activity.objections_met.all()]
    assert met == [(4, True)]


def test_an_objection_retired_later_can_stay_on_the_activity(
    org, make_account, log_activity, objections
):
    rep = org["rep1"]
    activity = log_activity(
        rep, make_account(rep), objections=[ObjectionMet(objection=objections[3])]
    )
    objections[3].is_active = False
    objections[3].save()

    activity_update(
        activity=activity,
        acting_user=rep,
        objections=[ObjectionMet(objection=objections[3], overcome=True)],
    )

    assert activity.objections_met.get().overcome is True


def test_turning_a_call_into_a_visit_needs_the_call_outcome_cleared(
    org, make_account, log_activity
):
    rep = org["rep1"]
    activity = log_activity(rep, make_account(rep), connected=True)

    with pytest.raises(ValidationError) as caught:
        activity_update(activity=activity, acting_user=rep, kind=ActivityKind.VISIT)
    activity_update(activity=activity, acting_user=rep, kind=ActivityKind.VISIT, connected=None)

    assert "connected" in caught.value.message_dict
    activity.refresh_from_db()
    assert activity.kind == ActivityKind.VISIT


def test_moving_to_another_account_checks_the_people_again(
    org, make_account, make_contact, log_activity
):
    rep = org["rep1"]
    account = make_account(rep)
    activity = log_activity(rep, account, contacts=[make_contact(account)])

    with pytest.raises(ValidationError) as caught:
        activity_update(activity=activity, acting_user=rep, account=make_account(rep))

    assert "contacts" in caught.value.message_dict


def test_an_unknown_field_is_refused(org, make_account, log_activity):
    rep = org["rep1"]
    activity = log_activity(rep, make_account(rep))

    with pytest.raises(ValidationError) as caught:
        activity_update(activity=activity, acting_user=rep, owner=org["rep2"])

    assert "owner" in caught.value.message_dict


def test_completing_a_planned_activity(org, make_account, log_activity):
    rep = org["rep1"]
    activity = log_activity(
        rep, make_account(rep), kind=ActivityKind.VISIT, planned_at=timezone.now()
    )

    activity_update(
        activity=activity, acting_user=rep, occurred_at=timezone.now() - timedelta(minutes=5)
    )

    activity.refresh_from_db()
    assert activity.occurred_at is not None


def test_delete_removes_the_activity_and_keeps_a_history_row(org, make_account, log_activity):
    rep = org["rep1"]
    activity = log_activity(rep, make_account(rep))
    pk = activity.pk

    activity_delete(activity=activity, acting_user=rep)

    assert not Activity.objects.filter(pk=pk).exists()
    activity.pk = pk
    assert history_for(activity).filter(action="delete").exists()
