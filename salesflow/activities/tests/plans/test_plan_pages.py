"""The plan screens: starting a plan, adding and removing visits with htmx, submitting, the
supervisor's approve and return, reopening, and refusals shown on the page with their reason."""

from datetime import timedelta

import pytest
from django.urls import reverse

from salesflow.activities.models import PlanStatus, VisitPlan
from salesflow.activities.services.plans import visit_plan_return


def plan_url(plan, name="loop:plan"):
    return reverse(name, args=[plan.pk])


def test_starting_a_plan_for_tomorrow_opens_its_editor(org, client_for, tomorrow):
    client = client_for(org["rep1"])

    response = client.post(reverse("loop:plan_start"), {"date": tomorrow, "area": "Minhang"})

    plan = VisitPlan.objects.get(owner=org["rep1"])
    assert response.status_code == 302
    assert response["Location"] == plan_url(plan)
    page = client.get(plan_url(plan)).content.decode()
    assert "Add a visit" in page
    assert "No visits yet" in page


def test_starting_a_plan_for_a_past_day_shows_why_not(org, client_for, today):
    response = client_for(org["rep1"]).post(
        reverse("loop:plan_start"), {"date": today - timedelta(days=1)}
    )

    assert response.status_code == 400
    assert "is in the past" in response.content.decode()
    assert not VisitPlan.objects.exists()


def test_starting_a_day_already_planned_opens_that_plan(org, client_for, make_plan, tomorrow):
    plan = make_plan(org["rep1"])

    response = client_for(org["rep1"]).post(reverse("loop:plan_start"), {"date": tomorrow})

    assert response["Location"] == plan_url(plan)


def test_adding_a_visit_with_htmx_answers_the_refreshed_plan(
    org, client_for, make_plan, make_account
):
    plan = make_plan(org["rep1"], visits=[])
    account = make_account(org["rep1"], name="Sinopec")

    response = client_for(org["rep1"]).post(
        plan_url(plan, "loop:plan_visit_add"),
        {
            "account": account.pk,
            "time": "10:30",
            "purpose": "market_research",
            "version": plan.version,
        },
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="plan"')
    assert "Sinopec" in html and "10:30" in html
    assert "Visit to Sinopec at 10:30 added." in html
    visit = plan.visits.get()
    assert visit.purpose == "market_research"


def test_a_visit_without_a_purpose_shows_the_error_by_the_field(
    org, client_for, make_plan, make_account
):
    plan = make_plan(org["rep1"], visits=[])

    response = client_for(org["rep1"]).post(
        plan_url(plan, "loop:plan_visit_add"),
        {"account": make_account(org["rep1"]).pk, "time": "10:30", "version": plan.version},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 400
    assert 'data-field="purpose"' in response.content.decode()
    assert not plan.visits.exists()


def test_removing_a_visit(org, client_for, make_plan):
    plan = make_plan(org["rep1"])
    visit = plan.visits.order_by("planned_at")[0]

    response = client_for(org["rep1"]).post(
        reverse("loop:plan_visit_remove", args=[plan.pk, visit.pk]),
        {"version": plan.version},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert plan.visits.count() == 1


def test_submitting_from_the_page(org, client_for, make_plan):
    plan = make_plan(org["rep1"])

    response = client_for(org["rep1"]).post(
        plan_url(plan, "loop:plan_submit"), {"version": plan.version}, follow=True
    )

    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    html = response.content.decode()
    assert "Plan submitted to manager1." in html
    assert "Add a visit" not in html
    assert "Reopen for changes" in html


def test_a_stale_page_is_refused_with_a_clear_message(org, client_for, make_plan):
    plan = make_plan(org["rep1"])
    client = client_for(org["rep1"])
    client.post(plan_url(plan, "loop:plan_area"), {"area": "East", "version": plan.version})

    response = client.post(plan_url(plan, "loop:plan_submit"), {"version": plan.version})

    assert response.status_code == 409
    assert "Someone changed this plan a moment ago" in response.content.decode()


def test_editing_a_locked_plan_is_refused_on_the_page(org, client_for, submitted_plan):
    plan = submitted_plan(org["rep1"])

    response = client_for(org["rep1"]).post(
        plan_url(plan, "loop:plan_area"), {"area": "West", "version": plan.version}
    )

    assert response.status_code == 409
    assert "submitted and locked" in response.content.decode()


def test_the_supervisor_sees_approve_and_return_and_approves(org, client_for, submitted_plan):
    plan = submitted_plan(org["rep1"])
    client = client_for(org["manager1"])

    page = client.get(plan_url(plan)).content.decode()
    response = client.post(
        plan_url(plan, "loop:plan_approve"), {"version": plan.version, "comment": "Go"}
    )

    assert 'id="approve-plan"' in page and 'id="return-plan"' in page
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_returning_without_a_comment_shows_the_error(org, client_for, submitted_plan):
    plan = submitted_plan(org["rep1"])

    response = client_for(org["manager1"]).post(
        plan_url(plan, "loop:plan_return"), {"version": plan.version, "comment": ""}
    )

    assert response.status_code == 400
    assert "Say what should change" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_the_rep_reads_the_return_comment_above_their_visits(org, client_for, submitted_plan):
    plan = submitted_plan(org["rep1"])
    client_for(org["manager1"]).post(
        plan_url(plan, "loop:plan_return"), {"version": plan.version, "comment": "Add Baosteel"}
    )

    page = client_for(org["rep1"]).get(plan_url(plan)).content.decode()

    assert "Returned by manager1:" in page
    assert "Add Baosteel" in page
    assert "Your visits are kept as you submitted them." in page


@pytest.mark.parametrize("who", ["rep1", "director"])
def test_the_rep_cannot_approve_their_own_plan_and_is_told_who_can(
    who, org, client_for, submitted_plan
):
    plan = submitted_plan(org["rep1"])
    if who == "director":
        plan = submitted_plan(org["director"])

    page = client_for(org[who]).get(plan_url(plan)).content.decode()
    response = client_for(org[who]).post(
        plan_url(plan, "loop:plan_approve"), {"version": plan.version}
    )

    assert 'id="approve-plan"' not in page
    assert response.status_code == 403
    assert "supervisor or a director can approve" in response.content.decode()


def test_reopening_from_the_page_makes_the_plan_editable(org, client_for, approved_plan):
    plan = approved_plan(org["rep1"])

    response = client_for(org["rep1"]).post(
        plan_url(plan, "loop:plan_reopen"), {"version": plan.version}, follow=True
    )

    assert "Plan reopened." in response.content.decode()
    assert "Add a visit" in response.content.decode()


def test_the_history_shows_each_submission_and_decision(org, client_for, submitted_plan):
    plan = submitted_plan(org["rep1"])
    visit_plan_return(plan=plan, acting_user=org["manager1"], comment="Shorter please")

    page = client_for(org["rep1"]).get(plan_url(plan)).content.decode()

    assert 'data-action="submitted"' in page and 'data-action="returned"' in page
    assert "What it said: 2 visits" in page
    assert "Shorter please" in page


def test_deleting_a_draft_returns_to_my_day(org, client_for, make_plan):
    plan = make_plan(org["rep1"])

    response = client_for(org["rep1"]).post(plan_url(plan, "loop:plan_delete"))

    assert response["Location"] == reverse("loop:my_day")
    assert not VisitPlan.objects.exists()
