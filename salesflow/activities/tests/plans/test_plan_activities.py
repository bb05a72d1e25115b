"""Approval turns planned visits into activities to complete; re-approval after changes adds the
new visits' activities and removes those of dropped visits, unless they already happened."""

from salesflow.activities.models import Activity, ActivityKind
from salesflow.activities.services.activities import activity_update
from salesflow.activities.services.plans import (
    VisitIn,
    planned_visit_add,
    planned_visit_remove,
    visit_plan_approve,
    visit_plan_reopen,
    visit_plan_submit,
)
from salesflow.activities.tests.loop_fixtures import at


def test_approval_makes_each_planned_visit_an_activity_to_complete(org, approved_plan):
    plan = approved_plan(org["rep1"])

    visits = list(plan.visits.select_related("activity").order_by("planned_at"))
    for visit in visits:
        activity = visit.activity
        assert activity is not None
        assert (activity.owner, activity.kind, activity.account_id) == (
            org["rep1"],
            ActivityKind.VISIT,
            visit.account_id,
        )
        assert (activity.planned_at, activity.purpose) == (visit.planned_at, visit.purpose)
        assert activity.occurred_at is None
    assert Activity.objects.count() == 2


def test_submitting_or_returning_makes_no_activities(org, submitted_plan):
    submitted_plan(org["rep1"])

    assert not Activity.objects.exists()


def test_reapproval_adds_new_visits_and_drops_the_removed_ones_not_yet_done(
    org, approved_plan, make_account, tomorrow
):
    plan = approved_plan(org["rep1"])
    first, second = plan.visits.select_related("activity").order_by("planned_at")
    kept_activity = first.activity
    dropped_activity_id = second.activity_id
    plan = visit_plan_reopen(plan=plan, acting_user=org["rep1"])
    planned_visit_remove(plan=plan, visit=second, acting_user=org["rep1"])
    planned_visit_add(
        plan=plan,
        acting_user=org["rep1"],
        visit=VisitIn(make_account(org["rep1"], name="New Co"), at(tomorrow, "16:00"), "order"),
    )
    plan = visit_plan_submit(plan=plan, acting_user=org["rep1"])

    visit_plan_approve(plan=plan, acting_user=org["manager1"])

    assert not Activity.objects.filter(pk=dropped_activity_id).exists()
    activities = Activity.objects.order_by("planned_at")
    assert [a.account.name for a in activities] == [kept_activity.account.name, "New Co"]
    assert activities[0].pk == kept_activity.pk


def test_an_activity_already_done_survives_its_visit_being_dropped(
    org, clock, approved_plan, tomorrow
):
    plan = approved_plan(org["rep1"], day=tomorrow)
    first, second = plan.visits.select_related("activity").order_by("planned_at")
    clock.set(at(tomorrow, "12:00"))
    activity_update(
        activity=first.activity, acting_user=org["rep1"], occurred_at=at(tomorrow, "09:40")
    )
    plan = visit_plan_reopen(plan=plan, acting_user=org["rep1"])
    planned_visit_remove(plan=plan, visit=first, acting_user=org["rep1"])
    plan = visit_plan_submit(plan=plan, acting_user=org["rep1"])

    visit_plan_approve(plan=plan, acting_user=org["manager1"])

    assert Activity.objects.filter(pk=first.activity_id, occurred_at__isnull=False).exists()
    assert Activity.objects.count() == 2
