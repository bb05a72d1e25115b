"""The report screens: starting the day's report, the prefilled figures with the ratio, saving and
submitting, the supervisor's sign with instructions the rep then sees, and refusals."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from salesflow.activities.models import DailyReport, ReportStatus
from salesflow.activities.services.reports import (
    daily_report_sign,
    daily_report_submit,
)
from salesflow.activities.tests.loop_fixtures import at


def report_url(report, name="loop:report"):
    return reverse(name, args=[report.pk])


def form_data(report, **changes):
    data = {
        "version": report.version,
        "attendance": "field",
        "collections_amount": "0",
        "daily_target": "",
        "complaints_handled": "",
        "competitor_info": "",
        "customer_feedback": "",
        "customer_news": "",
        "lessons": "",
        "action": "save",
    }
    data.update(changes)
    return data


def figure(html, name):
    start = html.index(f'data-figure="{name}"')
    chunk = html[start : html.index("</div>", start)]
    return chunk.split('<span class="num">')[1].split("</span>")[0]


def test_starting_todays_report_opens_it_prefilled(org, client_for, win_deal, today):
    win_deal(org["rep1"], "64000", at(today, "09:00"))
    client = client_for(org["rep1"])

    response = client.post(reverse("loop:report_start"), {"date": today})

    report = DailyReport.objects.get(owner=org["rep1"])
    assert response["Location"] == report_url(report)
    html = client.get(report_url(report)).content.decode()
    assert figure(html, "orders") == "¥64,000"
    assert figure(html, "ratio") == "—"


def test_a_report_for_tomorrow_is_refused_with_the_reason(org, client_for, tomorrow):
    response = client_for(org["rep1"]).post(reverse("loop:report_start"), {"date": tomorrow})

    assert response.status_code == 400
    assert "has not come yet" in response.content.decode()


def test_the_page_shows_visits_made_against_planned_and_the_ratio(
    org, clock, client_for, approved_plan, log_visit, win_deal, make_report, tomorrow
):
    rep = org["rep1"]
    plan = approved_plan(rep, day=tomorrow)
    clock.set(at(tomorrow, "19:00"))
    log_visit(rep, plan.visits.first().account, at(tomorrow, "09:40"), notes="Met the CTO")
    win_deal(rep, "30000", at(tomorrow, "16:00"))
    report = make_report(rep, day=tomorrow, daily_target=Decimal("40000"))

    html = client_for(rep).get(report_url(report)).content.decode()

    assert figure(html, "visits") == "1 / 2"
    assert figure(html, "orders") == "¥30,000"
    assert figure(html, "target") == "¥40,000"
    assert figure(html, "ratio") == "75%"
    assert "Met the CTO" in html


def test_saving_and_submitting_from_the_form(org, clock, client_for, make_report, today):
    report = make_report(org["rep1"])
    clock.set(at(today, "18:30"))

    response = client_for(org["rep1"]).post(
        report_url(report, "loop:report_save"),
        form_data(
            report, collections_amount="12000", lessons="Bring the catalogue", action="submit"
        ),
        follow=True,
    )

    report.refresh_from_db()
    assert (report.status, report.collections_amount, report.lessons, report.on_time) == (
        ReportStatus.SUBMITTED,
        Decimal("12000"),
        "Bring the catalogue",
        True,
    )
    assert "Report submitted on time." in response.content.decode()


def test_a_late_submission_says_it_counts_as_late(org, clock, client_for, make_report, today):
    report = make_report(org["rep1"])
    clock.set(at(today, "21:00"))

    response = client_for(org["rep1"]).post(
        report_url(report, "loop:report_save"), form_data(report, action="submit"), follow=True
    )

    assert "it counts as late" in response.content.decode()


def test_a_negative_collection_is_shown_by_the_field(org, client_for, make_report):
    report = make_report(org["rep1"])

    response = client_for(org["rep1"]).post(
        report_url(report, "loop:report_save"), form_data(report, collections_amount="-1")
    )

    assert response.status_code == 400
    assert 'data-field="collections_amount"' in response.content.decode()


def test_the_supervisor_signs_with_instructions_and_the_rep_sees_them(org, client_for, make_report):
    report = daily_report_submit(report=make_report(org["rep1"]), acting_user=org["rep1"])

    response = client_for(org["manager1"]).post(
        report_url(report, "loop:report_sign"),
        {"version": report.version, "instructions": "Push the Baosteel tender"},
    )
    rep_page = client_for(org["rep1"]).get(report_url(report)).content.decode()
    my_day = client_for(org["rep1"]).get(reverse("loop:my_day")).content.decode()

    assert response.status_code == 302
    assert "Supervisor's instructions" in rep_page
    assert "Push the Baosteel tender" in rep_page
    assert "Push the Baosteel tender" in my_day


def test_the_rep_may_not_sign_their_own_report(org, client_for, make_report):
    report = daily_report_submit(report=make_report(org["rep1"]), acting_user=org["rep1"])

    response = client_for(org["rep1"]).post(
        report_url(report, "loop:report_sign"), {"version": report.version}
    )

    assert response.status_code == 403
    assert "supervisor or a director can sign" in response.content.decode()


def test_a_signed_report_shows_no_form_and_refuses_changes(org, client_for, make_report):
    report = daily_report_submit(report=make_report(org["rep1"]), acting_user=org["rep1"])
    report = daily_report_sign(report=report, acting_user=org["manager1"])
    client = client_for(org["rep1"])

    page = client.get(report_url(report)).content.decode()
    response = client.post(report_url(report, "loop:report_save"), form_data(report))

    assert 'id="report-form"' not in page
    assert response.status_code == 409
    assert "already signed" in response.content.decode()


def test_starting_a_signed_day_again_opens_it_saying_it_is_signed(
    org, client_for, make_report, today
):
    report = daily_report_submit(report=make_report(org["rep1"]), acting_user=org["rep1"])
    daily_report_sign(report=report, acting_user=org["manager1"])

    response = client_for(org["rep1"]).post(
        reverse("loop:report_start"), {"date": today}, follow=True
    )

    assert response.redirect_chain[-1][0] == report_url(report)
    assert "already signed" in response.content.decode()
    assert DailyReport.objects.count() == 1


def test_returning_shows_the_comment_to_the_rep_and_keeps_the_text(org, client_for, make_report):
    report = make_report(org["rep1"], customer_news="Baosteel merges with Wisco")
    report = daily_report_submit(report=report, acting_user=org["rep1"])

    client_for(org["manager1"]).post(
        report_url(report, "loop:report_return"),
        {"version": report.version, "comment": "Say what it means for us"},
    )
    page = client_for(org["rep1"]).get(report_url(report)).content.decode()

    assert "Say what it means for us" in page
    assert "Baosteel merges with Wisco" in page
    assert 'id="report-form"' in page


@pytest.mark.parametrize("who", ["rep1", "manager2", "rep3"])
@pytest.mark.parametrize(
    "route", ["loop:report", "loop:report_save", "loop:report_sign", "loop:report_return"]
)
def test_another_reps_report_is_not_found_on_every_route(route, who, org, client_for, make_report):
    report = daily_report_submit(report=make_report(org["rep2"]), acting_user=org["rep2"])
    client = client_for(org[who])
    url = report_url(report, route)

    response = client.get(url) if route == "loop:report" else client.post(url, form_data(report))

    assert response.status_code == 404


def test_an_earlier_day_can_be_reported(org, client_for, today):
    response = client_for(org["rep1"]).post(
        reverse("loop:report_start"), {"date": today - timedelta(days=2)}
    )

    assert response.status_code == 302
