"""Composing a visit plan: a day that has not passed, visits on that day at accounts the rep sees,
and no changes once it is submitted or approved until it is reopened."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from salesflow.activities.models import ActivityPurpose, PlanStatus
from salesflow.activities.services.plans import (
    VisitIn,
    planned_visit_add,
    planned_visit_remove,
    visit_plan_create,
    visit_plan_delete,
    visit_plan_reopen,
    visit_plan_update,
)
from salesflow.activities.services.signoff import NotAllowed, Refused, Stale
from salesflow.activities.tests.loop_fixtures import at


def test_a_rep_plans_tomorrow_with_visits_in_time_order(org, make_account, tomorrow):
    rep = org["rep1"]
    late, early = make_account(rep, name="Late Co"), make_account(rep, name="Early Co")

    plan = visit_plan_create(
        acting_user=rep,
        date=tomorrow,
        area="Pudong",
        visits=[
            VisitIn(late, at(tomorrow, "15:00"), ActivityPurpose.SERVICE),
            VisitIn(early, at(tomorrow, "09:00"), ActivityPurpose.NEW_CUSTOMER, "bring samples"),
        ],
    )

    assert (plan.owner, plan.date, plan.area, plan.status) == (
        rep,
        tomorrow,
        "Pudong",
        PlanStatus.DRAFT,
    )
    visits = list(plan.visits.order_by("planned_at"))
    assert [(v.account.name, v.purpose, v.notes) for v in visits] == [
        ("Early Co", "new_customer", "bring samples"),
        ("Late Co", "service", ""),
    ]


def test_today_can_be_planned(org, make_account, today):
    plan = visit_plan_create(
        acting_user=org["rep1"],
        date=today,
        visits=[VisitIn(make_account(org["rep1"]), at(today, "16:00"), "order")],
    )

    assert plan.date == today


def test_a_plan_for_a_past_day_is_refused_saying_why(org, today):
    with pytest.raises(ValidationError) as refused:
        visit_plan_create(acting_user=org["rep1"], date=today - timedelta(days=1))

    assert "in the past" in refused.value.message_dict["date"][0]


def test_a_visit_at_a_time_on_another_day_is_refused_naming_the_visit(org, make_account, tomorrow):
    account = make_account(org["rep1"])

    with pytest.raises(ValidationError) as refused:
        visit_plan_create(
            acting_user=org["rep1"],
            date=tomorrow,
            visits=[
                VisitIn(account, at(tomorrow, "10:00"), "service"),
                VisitIn(account, at(tomorrow + timedelta(days=1), "10:00"), "service"),
            ],
        )

    errors = refused.value.message_dict
    assert list(errors) == ["visits.1.planned_at"]
    assert "is not on the plan's day" in errors["visits.1.planned_at"][0]


def test_a_visit_just_before_midnight_shanghai_time_is_on_the_day(org, make_account, tomorrow):
    plan = visit_plan_create(
        acting_user=org["rep1"],
        date=tomorrow,
        visits=[VisitIn(make_account(org["rep1"]), at(tomorrow, "23:59"), "service")],
    )

    assert plan.visits.count() == 1


def test_a_visit_at_an_account_the_rep_cannot_see_is_refused(org, make_account, tomorrow):
    colleagues = make_account(org["rep2"])

    with pytest.raises(ValidationError) as refused:
        visit_plan_create(
            acting_user=org["rep1"],
            date=tomorrow,
            visits=[VisitIn(colleagues, at(tomorrow, "10:00"), "service")],
        )

    assert refused.value.message_dict == {"visits.0.account": ["Choose an account you can see."]}


def test_a_visit_needs_a_known_purpose(org, make_account, tomorrow):
    with pytest.raises(ValidationError) as refused:
        visit_plan_create(
            acting_user=org["rep1"],
            date=tomorrow,
            visits=[VisitIn(make_account(org["rep1"]), at(tomorrow, "10:00"), "golf")],
        )

    assert "visits.0.purpose" in refused.value.message_dict


def test_a_second_plan_for_the_same_day_is_refused(org, make_plan, tomorrow):
    make_plan(org["rep1"])

    with pytest.raises(ValidationError) as refused:
        visit_plan_create(acting_user=org["rep1"], date=tomorrow)

    assert "already have a plan" in refused.value.message_dict["date"][0]


def test_visits_are_added_and_removed_while_the_plan_is_a_draft(
    org, make_plan, make_account, tomorrow
):
    plan = make_plan(org["rep1"])
    account = make_account(org["rep1"], name="Added Co")

    added = planned_visit_add(
        plan=plan,
        acting_user=org["rep1"],
        visit=VisitIn(account, at(tomorrow, "17:00"), "order"),
        expected_version=plan.version,
    )
    plan.refresh_from_db()
    first = plan.visits.order_by("planned_at")[0]
    planned_visit_remove(plan=plan, visit=first, acting_user=org["rep1"])

    assert sorted(plan.visits.values_list("account__name", flat=True))[-1] == "Added Co"
    assert plan.visits.count() == 2
    assert added.plan_id == plan.pk


def test_adding_a_visit_outside_the_day_names_the_time_field(org, make_plan, make_account):
    plan = make_plan(org["rep1"])

    with pytest.raises(ValidationError) as refused:
        planned_visit_add(
            plan=plan,
            acting_user=org["rep1"],
            visit=VisitIn(
                make_account(org["rep1"]), at(plan.date - timedelta(days=1), "9:00"), "service"
            ),
        )

    assert list(refused.value.message_dict) == ["planned_at"]


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_a_submitted_or_approved_plan_is_locked_against_edits(
    state, org, submitted_plan, approved_plan, make_account, tomorrow
):
    plan = (submitted_plan if state == "submitted" else approved_plan)(org["rep1"])

    with pytest.raises(Refused) as refused:
        planned_visit_add(
            plan=plan,
            acting_user=org["rep1"],
            visit=VisitIn(make_account(org["rep1"]), at(tomorrow, "17:00"), "order"),
        )
    with pytest.raises(Refused):
        visit_plan_update(plan=plan, acting_user=org["rep1"], area="Elsewhere")

    assert "Reopen it" in str(refused.value)
    plan.refresh_from_db()
    assert plan.status == state
    assert plan.visits.count() == 2


def test_a_reopened_plan_is_a_draft_again_and_can_be_changed(org, approved_plan):
    plan = approved_plan(org["rep1"])

    reopened = visit_plan_reopen(plan=plan, acting_user=org["rep1"], expected_version=plan.version)
    visit_plan_update(plan=reopened, acting_user=org["rep1"], area="South")

    reopened.refresh_from_db()
    assert (reopened.status, reopened.area) == (PlanStatus.DRAFT, "South")
    assert list(reopened.events.values_list("action", flat=True)) == [
        "submitted",
        "approved",
        "reopened",
    ]


def test_a_plan_whose_day_is_over_cannot_be_reopened(org, clock, approved_plan, tomorrow):
    plan = approved_plan(org["rep1"])
    clock.set(at(tomorrow + timedelta(days=1), "08:00"))

    with pytest.raises(Refused) as refused:
        visit_plan_reopen(plan=plan, acting_user=org["rep1"])

    assert "day of this plan is over" in str(refused.value)


def test_only_the_rep_changes_their_plan_not_even_their_manager(org, make_plan):
    plan = make_plan(org["rep1"])

    with pytest.raises(NotAllowed):
        visit_plan_update(plan=plan, acting_user=org["manager1"], area="Manager's idea")


def test_a_stale_version_is_refused(org, make_plan):
    plan = make_plan(org["rep1"])
    seen = plan.version
    visit_plan_update(plan=plan, acting_user=org["rep1"], area="First")

    with pytest.raises(Stale) as stale:
        visit_plan_update(plan=plan, acting_user=org["rep1"], area="Second", expected_version=seen)

    assert stale.value.current_version == seen + 1


def test_replacing_the_visits_keeps_those_that_stay_with_their_activity(
    org, approved_plan, make_account, tomorrow
):
    plan = approved_plan(org["rep1"])
    kept, dropped = plan.visits.order_by("planned_at")
    plan = visit_plan_reopen(plan=plan, acting_user=org["rep1"])
    new_account = make_account(org["rep1"], name="New Co")

    visit_plan_update(
        plan=plan,
        acting_user=org["rep1"],
        visits=[
            VisitIn(kept.account, kept.planned_at, kept.purpose),
            VisitIn(new_account, at(tomorrow, "16:30"), "order"),
        ],
    )

    visits = list(plan.visits.order_by("planned_at"))
    assert visits[0].pk == kept.pk and visits[0].activity_id == kept.activity_id
    assert visits[1].account == new_account and visits[1].activity is None


def test_a_draft_never_submitted_can_be_deleted(org, make_plan):
    plan = make_plan(org["rep1"])

    visit_plan_delete(plan=plan, acting_user=org["rep1"])

    assert not type(plan).objects.filter(pk=plan.pk).exists()


def test_a_plan_submitted_once_is_kept_on_record_even_as_a_draft(org, submitted_plan):
    plan = submitted_plan(org["rep1"])
    plan = visit_plan_reopen(plan=plan, acting_user=org["rep1"])

    with pytest.raises(Refused) as refused:
        visit_plan_delete(plan=plan, acting_user=org["rep1"])

    assert "stays on record" in str(refused.value)


def test_a_draft_whose_day_is_over_can_no_longer_be_changed(org, clock, make_plan, tomorrow):
    plan = make_plan(org["rep1"])
    clock.set(at(tomorrow + timedelta(days=1), "08:00"))

    with pytest.raises(Refused) as refused:
        visit_plan_update(plan=plan, acting_user=org["rep1"], area="Too late")

    assert "day of this plan is over" in str(refused.value)
