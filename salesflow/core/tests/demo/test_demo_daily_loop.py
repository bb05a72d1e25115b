"""`salesflow demo` runs months of the daily loop (§7): visit plans approved or returned by the
supervisor, their visits done as activities, daily reports signed or returned and judged on time
against the cut-off, objections met on calls, and market and complaint reports moving on."""

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from salesflow.accounts.models import Account, AccountTeamMember
from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityObjection,
    DailyReport,
    MarketReport,
    MarketReportStatus,
    PlanEvent,
    PlannedVisit,
    PlanStatus,
    ReportStatus,
    VisitPlan,
)
from salesflow.core.demo.build import demo_build
from salesflow.pipeline.models import Opportunity, Status
from salesflow.users.models import Role, User

pytestmark = pytest.mark.django_db
Action = PlanEvent.Action


def local(day: date, hour: int = 0) -> datetime:
    moment = datetime.combine(day, time(0, 0)) + timedelta(hours=hour)
    return timezone.make_aware(moment, timezone.get_default_timezone())


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def past_working_days() -> list[date]:
    today = timezone.localdate()
    days = (today - timedelta(days=n) for n in range(1, 92))
    return [d for d in days if d.weekday() < 5]


def events_of(**owner: Any) -> list[PlanEvent]:
    return list(PlanEvent.objects.filter(**owner).select_related("by").order_by("at", "id"))


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# --- visit plans ---------------------------------------------------------------------------------


def test_reps_plan_most_past_working_days_one_plan_a_day(tiny_demo: str) -> None:
    reps = User.objects.filter(role=Role.REP)
    days = past_working_days()
    past = VisitPlan.objects.filter(date__lt=timezone.localdate())
    pairs = list(past.values_list("owner_id", "date"))
    assert len(pairs) == len(set(pairs))
    assert set(past.values_list("owner__role", flat=True)) == {Role.REP}
    assert len(pairs) > 0.8 * reps.count() * len(days)


def test_every_planned_visit_is_on_its_plans_day_at_an_account_the_rep_works_on(
    tiny_demo: str,
) -> None:
    owners = dict(Account.objects.values_list("id", "owner_id"))
    teams = set(AccountTeamMember.objects.values_list("account_id", "user_id"))
    visits = PlannedVisit.objects.select_related("plan")
    assert visits.count() > 2 * VisitPlan.objects.count()
    for visit in visits:
        rep = visit.plan.owner_id
        assert local_day(visit.planned_at) == visit.plan.date
        assert owners[visit.account_id] == rep or (visit.account_id, rep) in teams
        assert visit.purpose


def test_approved_plans_visits_are_the_reps_visit_activities_at_the_same_account(
    tiny_demo: str,
) -> None:
    visits = PlannedVisit.objects.select_related("plan", "activity")
    approved = visits.filter(plan__status=PlanStatus.APPROVED)
    assert approved.exists()
    for visit in approved:
        activity = visit.activity
        assert activity is not None
        assert activity.kind == ActivityKind.VISIT
        assert activity.account_id == visit.account_id
        assert activity.owner_id == visit.plan.owner_id
        assert activity.planned_at is not None
        assert local_day(activity.planned_at) == visit.plan.date
        if activity.occurred_at is not None:
            assert local_day(activity.occurred_at) == visit.plan.date
    assert not visits.exclude(plan__status=PlanStatus.APPROVED).filter(activity__isnull=False)


def test_most_past_planned_visits_happened_and_none_yet_today_or_later(tiny_demo: str) -> None:
    today = timezone.localdate()
    approved = PlannedVisit.objects.filter(plan__status=PlanStatus.APPROVED)
    past = approved.filter(plan__date__lt=today)
    happened = past.filter(activity__occurred_at__isnull=False).count()
    assert 0.75 * past.count() < happened < past.count()
    assert not approved.filter(plan__date__gte=today, activity__occurred_at__isnull=False)


def test_plans_are_approved_by_the_reps_supervisor_before_the_day_begins(tiny_demo: str) -> None:
    supervisors = dict(User.objects.values_list("id", "supervisor_id"))
    approved = VisitPlan.objects.filter(status=PlanStatus.APPROVED)
    assert approved.count() > 0.9 * VisitPlan.objects.filter(date__lt=timezone.localdate()).count()
    for plan in approved:
        assert plan.decided_by_id == supervisors[plan.owner_id]
        assert plan.created_at <= plan.submitted_at < plan.decided_at < local(plan.date, 9)
        assert plan.area


def test_every_submission_and_decision_of_a_plan_leaves_an_event_with_its_visits(
    tiny_demo: str,
) -> None:
    supervisors = dict(User.objects.values_list("id", "supervisor_id"))
    by_plan: dict[int, list[PlanEvent]] = defaultdict(list)
    for event in events_of(visit_plan__isnull=False):
        by_plan[event.visit_plan_id].append(event)
    for plan in VisitPlan.objects.all():
        events = by_plan.get(plan.pk, [])
        actions = [e.action for e in events]
        if plan.status == PlanStatus.DRAFT:
            assert actions == []
            continue
        assert actions[0] == Action.SUBMITTED
        assert (
            actions[-1]
            == {
                PlanStatus.SUBMITTED: Action.SUBMITTED,
                PlanStatus.APPROVED: Action.APPROVED,
                PlanStatus.RETURNED: Action.RETURNED,
            }[plan.status]
        )
        assert events[-1].snapshot["version"] == plan.version
        for event in events:
            assert event.snapshot["date"] == plan.date.isoformat() and event.snapshot["visits"]
            submitted = event.action == Action.SUBMITTED
            assert event.by_id == (plan.owner_id if submitted else supervisors[plan.owner_id])
        linked = [v["activity"] for v in events[-1].snapshot["visits"]]
        if plan.status == PlanStatus.APPROVED:
            assert sorted(linked) == sorted(plan.visits.values_list("activity_id", flat=True))


def test_a_returned_plan_keeps_what_was_first_submitted_and_the_supervisors_comment(
    tiny_demo: str,
) -> None:
    returns = events_of(visit_plan__isnull=False, action=Action.RETURNED)
    assert returns
    for returned in returns:
        plan = returned.visit_plan
        assert returned.comment and has_chinese(returned.comment)
        assert returned.snapshot["visits"]
        if plan.status == PlanStatus.RETURNED:
            assert plan.comment == returned.comment
            continue
        assert plan.status == PlanStatus.APPROVED
        actions = [e.action for e in events_of(visit_plan=plan)]
        assert actions == [Action.SUBMITTED, Action.RETURNED, Action.SUBMITTED, Action.APPROVED]
        approved = events_of(visit_plan=plan)[-1].snapshot
        first = [(v["account"], v["planned_at"]) for v in returned.snapshot["visits"]]
        final = [(v["account"], v["planned_at"]) for v in approved["visits"]]
        assert first != final


def test_the_coming_days_have_plans_in_draft_submitted_or_returned(tiny_demo: str) -> None:
    coming = VisitPlan.objects.filter(date__gt=timezone.localdate())
    assert coming.exists()
    assert set(coming.values_list("status", flat=True)) <= {
        PlanStatus.DRAFT,
        PlanStatus.SUBMITTED,
        PlanStatus.RETURNED,
    }
    assert not PlannedVisit.objects.filter(plan__in=coming, activity__isnull=False).exists()


# --- daily reports -------------------------------------------------------------------------------


def test_reps_report_most_past_working_days_once_a_day(tiny_demo: str) -> None:
    reps = User.objects.filter(role=Role.REP)
    pairs = list(DailyReport.objects.values_list("owner_id", "date"))
    assert len(pairs) == len(set(pairs))
    assert max(day for _owner, day in pairs) < timezone.localdate()
    assert len(pairs) > 0.8 * reps.count() * len(past_working_days())


def test_signed_reports_are_signed_by_the_reps_supervisor_after_submission(
    tiny_demo: str,
) -> None:
    supervisors = dict(User.objects.values_list("id", "supervisor_id"))
    signed = DailyReport.objects.filter(status=ReportStatus.SIGNED)
    assert signed.count() > 0.8 * DailyReport.objects.count()
    assert signed.exclude(instructions="").count() > signed.count() / 2
    for report in signed:
        assert report.signed_by_id == supervisors[report.owner_id]
        assert report.submitted_at is not None and report.signed_at is not None
        assert report.submitted_at < report.signed_at


def test_the_last_days_reports_include_some_still_waiting_for_a_signature(
    tiny_demo: str,
) -> None:
    waiting = DailyReport.objects.filter(status=ReportStatus.SUBMITTED)
    assert waiting.exists()
    assert not waiting.filter(signed_by__isnull=False).exists()
    assert min(waiting.values_list("date", flat=True)) >= past_working_days()[5]


def _first_submissions() -> dict[int, datetime]:
    first: dict[int, datetime] = {}
    for report_id, at in (
        PlanEvent.objects.filter(daily_report__isnull=False, action=Action.SUBMITTED)
        .order_by("-at")
        .values_list("daily_report_id", "at")
    ):
        first[report_id] = at
    return first


def _on_time_matches_the_cut_off() -> Counter[bool]:
    first = _first_submissions()
    judged: Counter[bool] = Counter()
    for report in DailyReport.objects.exclude(status=ReportStatus.DRAFT):
        cutoff = local(report.date, settings.DAILY_REPORT_CUTOFF_HOUR)
        assert report.on_time == (first[report.pk] < cutoff)
        judged[bool(report.on_time)] += 1
    return judged


def test_on_time_says_whether_the_first_submission_beat_the_cut_off(tiny_demo: str) -> None:
    judged = _on_time_matches_the_cut_off()
    late_share = judged[False] / (judged[False] + judged[True])
    assert 0.05 < late_share < 0.25
    assert not DailyReport.objects.filter(status=ReportStatus.DRAFT, on_time__isnull=False)


def test_the_configured_cut_off_hour_decides_which_reports_are_late(
    run_demo: Callable[..., str], settings: Any
) -> None:
    settings.DAILY_REPORT_CUTOFF_HOUR = 18
    run_demo("--scale", "0.1", "--seed", "7")
    judged = _on_time_matches_the_cut_off()
    assert judged[False] and judged[True]


def test_a_returned_report_keeps_what_was_submitted_and_says_why(tiny_demo: str) -> None:
    supervisors = dict(User.objects.values_list("id", "supervisor_id"))
    returns = events_of(daily_report__isnull=False, action=Action.RETURNED)
    assert returns
    for returned in returns:
        report = returned.daily_report
        assert returned.by_id == supervisors[report.owner_id]
        assert returned.comment and has_chinese(returned.comment)
        assert returned.snapshot["date"] == report.date.isoformat()
        actions = [e.action for e in events_of(daily_report=report)]
        assert actions[:2] == [Action.SUBMITTED, Action.RETURNED]
        if report.status == ReportStatus.RETURNED:
            assert actions == [Action.SUBMITTED, Action.RETURNED]
        else:
            assert actions[2] == Action.SUBMITTED
            resubmitted = events_of(daily_report=report)[2].snapshot
            assert resubmitted != returned.snapshot


def test_orders_of_the_day_are_the_amounts_of_the_deals_the_rep_won_that_day(
    tiny_demo: str,
) -> None:
    won: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    for owner, closed_at, amount in Opportunity.objects.filter(status=Status.WON).values_list(
        "owner_id", "closed_at", "amount"
    ):
        won[(owner, local_day(closed_at))] += amount
    reports = DailyReport.objects.all()
    for report in reports:
        assert report.orders_amount == won.get((report.owner_id, report.date), Decimal(0))
    assert reports.filter(orders_amount__gt=0).exists()


def test_reports_carry_attendance_targets_collections_and_news_in_chinese(
    tiny_demo: str,
) -> None:
    reports = DailyReport.objects.all()
    assert not reports.filter(daily_target__isnull=True).exists()
    assert reports.filter(collections_amount__gt=0).exists()
    assert {"field", "present"} <= set(reports.values_list("attendance", flat=True))
    for name in ("competitor_info", "customer_feedback", "customer_news", "lessons"):
        written = [text for text in reports.values_list(name, flat=True) if text]
        assert len(written) > reports.count() / 10
        assert all(has_chinese(text) for text in written)


# --- objections and market reports ---------------------------------------------------------------


def test_objections_are_met_on_calls_that_got_through_and_on_visits_that_happened(
    tiny_demo: str,
) -> None:
    met = ActivityObjection.objects.select_related("activity")
    assert met.count() > 50
    for objection in met:
        activity = objection.activity
        if activity.kind == ActivityKind.CALL:
            assert activity.connected
        else:
            assert activity.kind == ActivityKind.VISIT and activity.occurred_at is not None
    for activity in Activity.objects.filter(appointment_set=True, objections_met__isnull=False):
        assert activity.objections_met.filter(overcome=True).exists()


def test_some_objections_are_overcome_far_more_often_than_others(tiny_demo: str) -> None:
    met: Counter[int] = Counter()
    overcome: Counter[int] = Counter()
    for number, was_overcome in ActivityObjection.objects.values_list(
        "objection__number", "overcome"
    ):
        met[number] += 1
        overcome[number] += was_overcome
    # "Send me some material" and "I'm not the person responsible" against "No budget" and
    # "We used you before and were unhappy".
    easy = (overcome[1] + overcome[4]) / (met[1] + met[4])
    hard = (overcome[5] + overcome[7]) / (met[5] + met[7])
    assert easy > hard + 0.15
    assert met[1] > 2 * met[7]


def test_market_reports_record_who_moved_them_on_and_when(tiny_demo: str) -> None:
    supervisors = dict(User.objects.values_list("id", "supervisor_id"))
    director = User.objects.get(username="director").pk
    reports = MarketReport.objects.all()
    assert reports.filter(kind="market").exists() and reports.filter(kind="complaint").exists()
    assert reports.filter(urgent=True).exists()
    assert reports.filter(status=MarketReportStatus.RESOLVED).exists()
    for report in reports:
        assert has_chinese(report.subject) and has_chinese(report.body)
        handlers = {supervisors[report.raised_by_id], director}
        if report.status == MarketReportStatus.OPEN:
            assert report.acknowledged_by_id is None and report.acknowledged_at is None
        else:
            assert report.acknowledged_by_id in handlers
            assert report.created_at < report.acknowledged_at
        if report.status == MarketReportStatus.RESOLVED:
            assert report.resolved_by_id in handlers and has_chinese(report.resolution)
            assert report.acknowledged_at <= report.resolved_at
        else:
            assert report.resolved_by_id is None and report.resolved_at is None
            assert not report.resolution


# --- the whole loop ------------------------------------------------------------------------------


def test_nothing_in_the_loop_happened_after_today_began(tiny_demo: str) -> None:
    midnight = local(timezone.localdate())
    moments = [
        *VisitPlan.objects.values_list("created_at", "submitted_at", "decided_at"),
        *DailyReport.objects.values_list("created_at", "submitted_at", "signed_at"),
        *MarketReport.objects.values_list("created_at", "acknowledged_at", "resolved_at"),
        *PlanEvent.objects.values_list("at"),
    ]
    assert all(m < midnight for row in moments for m in row if m is not None)


def loop_dump() -> list[tuple[Any, ...]]:
    return [
        *VisitPlan.objects.order_by("id").values_list(
            "owner__username", "date", "status", "area", "decided_at", "comment", "version"
        ),
        *PlannedVisit.objects.order_by("id").values_list(
            "plan__owner__username", "account__name", "planned_at", "purpose", "notes"
        ),
        *PlanEvent.objects.order_by("id").values_list("action", "by__username", "at", "comment"),
        *DailyReport.objects.order_by("id").values_list(
            "owner__username",
            "date",
            "status",
            "submitted_at",
            "on_time",
            "orders_amount",
            "collections_amount",
            "lessons",
            "instructions",
        ),
        *ActivityObjection.objects.order_by("id").values_list(
            "activity__occurred_at", "objection__number", "overcome"
        ),
        *MarketReport.objects.order_by("id").values_list(
            "raised_by__username", "subject", "status", "urgent", "resolved_at"
        ),
    ]


def test_the_same_seed_builds_the_same_daily_loop(
    run_demo: Callable[..., str], empty_the_database: Callable[[], None]
) -> None:
    run_demo("--scale", "0.1", "--seed", "11")
    first = loop_dump()
    empty_the_database()
    run_demo("--scale", "0.1", "--seed", "11")
    assert first and loop_dump() == first


def test_it_prints_a_line_per_daily_loop_phase(tiny_demo: str) -> None:
    for phase in ("visit plans", "daily reports", "objections", "market reports"):
        assert f"  {phase} " in tiny_demo


def test_built_on_a_saturday_no_weekend_day_gets_a_plan_or_a_report(db: Any) -> None:
    saturday = date(2030, 6, 15)
    demo_build(scale=0.1, seed=3, today=saturday)
    plan_days = set(VisitPlan.objects.values_list("date", flat=True))
    report_days = set(DailyReport.objects.values_list("date", flat=True))
    assert all(day.weekday() < 5 for day in plan_days | report_days)
    assert max(report_days) == date(2030, 6, 14)
    assert min(d for d in plan_days if d > saturday) == date(2030, 6, 17)
    midnight = local(saturday)
    assert all(at < midnight for at in PlanEvent.objects.values_list("at", flat=True))
