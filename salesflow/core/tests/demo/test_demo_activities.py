"""`salesflow demo` logs the effort behind the deals: calls, visits, meetings and presentations,
with durations and expenses, on the accounts and many of them on the deals themselves."""

from collections import Counter

import pytest
from django.db.models import Sum
from django.utils import timezone

from salesflow.accounts.models import AccountTeamMember
from salesflow.activities.models import Activity, ActivityKind, ActivityPurpose, PlanStatus
from salesflow.pipeline.models import FunnelState, Opportunity, StageChange

pytestmark = pytest.mark.django_db


def test_reps_call_visit_meet_and_present(tiny_demo: str) -> None:
    kinds = Counter(Activity.objects.values_list("kind", flat=True))
    for kind in (
        ActivityKind.CALL,
        ActivityKind.VISIT,
        ActivityKind.MEETING,
        ActivityKind.PRESENTATION,
    ):
        assert kinds[kind] > 0
    assert sum(kinds.values()) > 5 * Opportunity.objects.count()


def test_visits_and_presentations_take_time_and_cost_money(tiny_demo: str) -> None:
    face_to_face = Activity.objects.filter(
        kind__in=(ActivityKind.VISIT, ActivityKind.MEETING, ActivityKind.PRESENTATION),
        occurred_at__isnull=False,
    )
    assert not face_to_face.filter(duration_minutes__lt=45).exists()
    assert face_to_face.aggregate(total=Sum("expenses"))["total"] > 0
    assert not Activity.objects.filter(kind=ActivityKind.EMAIL, expenses__gt=0).exists()


def test_every_activity_happened_before_now_for_an_account_its_owner_works_on(
    tiny_demo: str,
) -> None:
    """Only a visit of an approved plan may still wait to happen (or never have happened)."""
    now = timezone.now()
    teams = set(AccountTeamMember.objects.values_list("account_id", "user_id"))
    activities = Activity.objects.select_related("account", "opportunity", "planned_visit__plan")
    for activity in activities:
        if activity.occurred_at is None:
            assert activity.planned_visit.plan.status == PlanStatus.APPROVED
        else:
            assert activity.occurred_at < now
        assert (
            activity.owner_id == activity.account.owner_id
            or (activity.account_id, activity.owner_id) in teams
        )
        if activity.opportunity is not None:
            assert activity.opportunity.account_id == activity.account_id


def test_deal_activities_happen_while_the_deal_is_open_or_to_collect_after_a_win(
    tiny_demo: str,
) -> None:
    on_deals = Activity.objects.filter(opportunity__isnull=False).select_related("opportunity")
    outside_the_plans = Activity.objects.filter(planned_visit__isnull=True)
    assert on_deals.count() > outside_the_plans.count() / 2
    for activity in on_deals:
        deal = activity.opportunity
        assert deal.created_at <= activity.occurred_at
        if deal.closed_at and activity.occurred_at >= deal.closed_at:
            assert deal.status == "won" and activity.purpose == ActivityPurpose.COLLECTION


def test_effort_falls_in_every_funnel_state(tiny_demo: str) -> None:
    """Each deal activity happened while the deal stood at some stage; every state gets some."""
    states = set()
    for activity in Activity.objects.filter(opportunity__isnull=False)[:300]:
        move = (
            StageChange.objects.filter(
                opportunity_id=activity.opportunity_id, changed_at__lte=activity.occurred_at
            )
            .exclude(kind=StageChange.Kind.CLOSED)
            .order_by("-changed_at")
            .first()
        )
        assert move is not None
        states.add(move.to_funnel_state)
    assert states == set(FunnelState.values)


def test_people_met_belong_to_the_account(tiny_demo: str) -> None:
    met = Activity.contacts.through.objects.select_related("activity", "contact")
    assert met.exists()
    assert all(m.contact.account_id == m.activity.account_id for m in met)


def test_prospects_get_cold_calls_some_of_which_set_an_appointment(tiny_demo: str) -> None:
    cold = Activity.objects.filter(
        kind=ActivityKind.CALL, opportunity__isnull=True, purpose=ActivityPurpose.NEW_CUSTOMER
    )
    assert cold.filter(connected=False).exists()
    assert cold.filter(connected=True).exists()
    assert cold.filter(appointment_set=True).exists()
    assert not cold.filter(connected=False, appointment_set=True).exists()
