"""My day (today's plan and report, tomorrow's plan, the latest instructions) and the supervisor's
queue of plans and reports waiting for them, one block per rep."""

from datetime import timedelta

import pytest
from django.urls import reverse

from salesflow.activities.models import PlanStatus, ReportStatus
from salesflow.activities.services.reports import (
    daily_report_create,
    daily_report_sign,
    daily_report_submit,
)

MY_DAY = reverse("loop:my_day")
QUEUE = reverse("loop:queue")


def test_an_empty_day_offers_to_plan_today_tomorrow_and_write_the_report(org, client_for):
    html = client_for(org["rep1"]).get(MY_DAY).content.decode()

    assert "You have no plan for today." in html
    assert 'id="plan-today"' in html and 'id="plan-tomorrow"' in html
    assert 'id="report-today"' in html
    assert "appear here once they sign a report" in html


def test_my_day_shows_todays_approved_visits_and_tomorrows_plan(
    org, client_for, approved_plan, make_plan, today, tomorrow
):
    approved_plan(org["rep1"], day=today)
    make_plan(org["rep1"], day=tomorrow)

    html = client_for(org["rep1"]).get(MY_DAY).content.decode()

    assert "09:30" in html and "14:00" in html
    assert "To complete" in html
    assert "2 visits planned." in html
    assert 'id="plan-today"' not in html


def test_my_day_reminds_of_yesterdays_missing_report(org, client_for, today):
    html = client_for(org["rep1"]).get(MY_DAY).content.decode()

    assert f"Yesterday's report ({today - timedelta(days=1)}) is not submitted." in html


def test_the_plan_today_button_starts_todays_plan(org, client_for, today):
    response = client_for(org["rep1"]).post(reverse("loop:plan_start"), {"date": today})

    assert response.status_code == 302


def test_a_manager_is_told_what_waits_for_them(org, client_for, submitted_plan):
    submitted_plan(org["rep1"])

    html = client_for(org["manager1"]).get(MY_DAY).content.decode()

    assert "1 visit plan" in html and "0 daily reports" in html


def test_the_queue_groups_waiting_plans_and_reports_by_rep(
    org, client_for, submitted_plan, make_plan, today
):
    submitted_plan(org["rep1"])
    submitted_plan(org["rep2"])
    make_plan(org["rep2"], day=today)  # a draft: not waiting
    submitted_plan(org["rep3"])  # another team's
    report = daily_report_create(acting_user=org["rep2"], date=today)
    daily_report_submit(report=report, acting_user=org["rep2"])

    response = client_for(org["manager1"]).get(QUEUE)

    reps = response.context["reps"]
    assert [(q.rep.username, len(q.plans), len(q.reports)) for q in reps] == [
        ("rep1", 1, 0),
        ("rep2", 1, 1),
    ]


def test_approving_from_the_queue_comes_back_to_the_queue(org, client_for, submitted_plan):
    plan = submitted_plan(org["rep1"])

    response = client_for(org["manager1"]).post(
        reverse("loop:plan_approve", args=[plan.pk]), {"version": plan.version, "next": QUEUE}
    )

    assert response["Location"] == QUEUE
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_signing_from_the_queue_with_instructions(org, client_for, today):
    report = daily_report_submit(
        report=daily_report_create(acting_user=org["rep1"], date=today), acting_user=org["rep1"]
    )

    response = client_for(org["manager1"]).post(
        reverse("loop:report_sign", args=[report.pk]),
        {"version": report.version, "instructions": "Well done", "next": QUEUE},
        follow=True,
    )

    report.refresh_from_db()
    assert (report.status, report.instructions) == (ReportStatus.SIGNED, "Well done")
    assert "Nothing is waiting for you." in response.content.decode()


def test_a_next_address_off_the_site_is_ignored(org, client_for, submitted_plan):
    plan = submitted_plan(org["rep1"])

    response = client_for(org["manager1"]).post(
        reverse("loop:plan_approve", args=[plan.pk]),
        {"version": plan.version, "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("loop:plan", args=[plan.pk])


def test_a_director_sees_every_reps_waiting_plan(org, client_for, submitted_plan):
    submitted_plan(org["rep1"])
    submitted_plan(org["rep3"])

    reps = client_for(org["director"]).get(QUEUE).context["reps"]

    assert [q.rep.username for q in reps] == ["rep1", "rep3"]


def test_a_signed_report_leaves_the_queue(org, client_for, today):
    report = daily_report_submit(
        report=daily_report_create(acting_user=org["rep1"], date=today), acting_user=org["rep1"]
    )
    daily_report_sign(report=report, acting_user=org["manager1"])

    assert client_for(org["manager1"]).get(QUEUE).context["reps"] == []


@pytest.mark.parametrize("rows", [5, 50])
def test_the_queue_query_count_does_not_grow_with_the_rows(
    rows, org, make_user, submitted_plan, client_for, today, django_assert_max_num_queries
):
    reps = [make_user(supervisor=org["manager1"], team=org["team1"]) for _ in range(5)]
    for n in range(rows):
        rep = reps[n % 5]
        day = today + timedelta(days=n // 5)
        submitted_plan(rep, day=day)
        if day == today:
            daily_report_submit(
                report=daily_report_create(acting_user=rep, date=day), acting_user=rep
            )
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(6):
        response = client.get(QUEUE)

    assert sum(len(q.plans) for q in response.context["reps"]) == rows
