"""The plan's sign-off: submit → approve, or return with a comment → resubmit. Only the rep's own
supervisor or a director decides; every submission is kept as a snapshot; people are notified."""

import pytest
from django.core.exceptions import ValidationError

from salesflow.activities.models import PlanEvent, PlanStatus
from salesflow.activities.services.plans import (
    planned_visit_remove,
    visit_plan_approve,
    visit_plan_return,
    visit_plan_submit,
)
from salesflow.activities.services.signoff import NotAllowed, Refused
from salesflow.notifications.models import Notification, NotificationKind
from salesflow.users.models import Role


def test_submitting_locks_the_plan_and_tells_the_supervisor(org, make_plan):
    plan = make_plan(org["rep1"])

    submitted = visit_plan_submit(plan=plan, acting_user=org["rep1"], expected_version=plan.version)

    assert submitted.status == PlanStatus.SUBMITTED
    assert submitted.is_locked
    assert submitted.submitted_at is not None
    note = Notification.objects.get(recipient=org["manager1"])
    assert note.kind == NotificationKind.PLAN_SUBMITTED
    assert note.title == f"rep1 submitted the visit plan for {plan.date}"
    assert note.body.startswith("2 visits.")
    assert note.url == f"/daily/plans/{plan.pk}/"


def test_an_empty_plan_cannot_be_submitted(org, make_plan):
    plan = make_plan(org["rep1"], visits=[])

    with pytest.raises(ValidationError) as refused:
        visit_plan_submit(plan=plan, acting_user=org["rep1"])

    assert "at least one visit" in refused.value.message_dict["visits"][0]


def test_the_supervisor_approves_and_the_rep_is_told(org, submitted_plan):
    plan = submitted_plan(org["rep1"])

    approved = visit_plan_approve(
        plan=plan, acting_user=org["manager1"], comment="Good route", expected_version=plan.version
    )

    assert (approved.status, approved.decided_by, approved.comment) == (
        PlanStatus.APPROVED,
        org["manager1"],
        "Good route",
    )
    note = Notification.objects.get(recipient=org["rep1"])
    assert note.kind == NotificationKind.PLAN_APPROVED
    assert note.title == f"Your visit plan for {plan.date} is approved"
    assert "Good route" in note.body


def test_a_director_may_approve_any_plan(org, submitted_plan):
    plan = submitted_plan(org["rep3"])

    approved = visit_plan_approve(plan=plan, acting_user=org["director"])

    assert approved.decided_by == org["director"]


@pytest.mark.parametrize("who", ["rep1", "rep2", "manager2"])
def test_nobody_else_approves_and_is_told_who_may(who, org, submitted_plan):
    plan = submitted_plan(org["rep1"])

    with pytest.raises(NotAllowed) as refused:
        visit_plan_approve(plan=plan, acting_user=org[who])

    assert "Only rep1's supervisor or a director" in str(refused.value)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_a_manager_above_the_supervisor_is_not_the_supervisor(org, make_user, submitted_plan):
    head = make_user(Role.MANAGER, username="head", supervisor=org["director"])
    org["manager1"].supervisor = head
    org["manager1"].save()
    plan = submitted_plan(org["rep1"])

    with pytest.raises(NotAllowed):
        visit_plan_return(plan=plan, acting_user=head, comment="Not mine to decide")


def test_returning_needs_a_comment(org, submitted_plan):
    plan = submitted_plan(org["rep1"])

    with pytest.raises(ValidationError) as refused:
        visit_plan_return(plan=plan, acting_user=org["manager1"], comment="  ")

    assert "comment" in refused.value.message_dict


def test_a_returned_plan_keeps_its_visits_and_the_rep_reads_why(org, submitted_plan):
    plan = submitted_plan(org["rep1"])
    visits_before = list(plan.visits.values_list("pk", flat=True))

    returned = visit_plan_return(
        plan=plan, acting_user=org["manager1"], comment="Visit Baosteel first"
    )

    assert returned.status == PlanStatus.RETURNED
    assert not returned.is_locked
    assert list(returned.visits.values_list("pk", flat=True)) == visits_before
    note = Notification.objects.get(recipient=org["rep1"])
    assert note.kind == NotificationKind.PLAN_RETURNED
    assert "Visit Baosteel first" in note.body


def test_plan_return_resubmit_approve_keeps_a_snapshot_of_each_submission(org, submitted_plan):
    plan = submitted_plan(org["rep1"])
    first_visits = [v.account.name for v in plan.visits.order_by("planned_at")]
    plan = visit_plan_return(plan=plan, acting_user=org["manager1"], comment="Too much")
    planned_visit_remove(
        plan=plan, visit=plan.visits.order_by("planned_at")[1], acting_user=org["rep1"]
    )

    plan = visit_plan_submit(plan=plan, acting_user=org["rep1"])
    plan = visit_plan_approve(plan=plan, acting_user=org["manager1"])

    events = list(plan.events.order_by("at", "id"))
    assert [e.action for e in events] == ["submitted", "returned", "submitted", "approved"]
    first, returned, second, approved = events
    assert [v["account_name"] for v in first.snapshot["visits"]] == first_visits
    assert [v["account_name"] for v in returned.snapshot["visits"]] == first_visits
    assert returned.comment == "Too much"
    assert [v["account_name"] for v in second.snapshot["visits"]] == first_visits[:1]
    assert approved.by == org["manager1"]
    assert plan.status == PlanStatus.APPROVED


def test_only_a_submitted_plan_is_approved(org, make_plan):
    plan = make_plan(org["rep1"])

    with pytest.raises(Refused) as refused:
        visit_plan_approve(plan=plan, acting_user=org["manager1"])

    assert "Only a submitted plan" in str(refused.value)


def test_an_approved_plan_cannot_be_returned(org, approved_plan):
    plan = approved_plan(org["rep1"])

    with pytest.raises(Refused):
        visit_plan_return(plan=plan, acting_user=org["manager1"], comment="Changed my mind")


def test_a_rep_without_a_supervisor_submits_without_notifying_anyone(org, make_user, make_plan):
    loner = make_user(username="loner")
    plan = make_plan(loner)

    visit_plan_submit(plan=plan, acting_user=loner)

    assert not Notification.objects.exists()
    assert PlanEvent.objects.filter(visit_plan=plan, action="submitted").exists()


def test_the_notification_is_written_in_the_recipients_language(org, make_plan):
    org["manager1"].language = "zh-hans"
    org["manager1"].save()
    plan = make_plan(org["rep1"])

    visit_plan_submit(plan=plan, acting_user=org["rep1"])

    note = Notification.objects.get(recipient=org["manager1"])
    assert note.kind == NotificationKind.PLAN_SUBMITTED
    assert str(plan.date) in note.title
