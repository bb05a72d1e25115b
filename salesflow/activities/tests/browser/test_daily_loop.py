"""The daily loop in Chromium: the rep plans today (visits later in the day) and submits; the
manager, in a browser of their own, approves it from the queue; the day happens (one visit is
done); the rep files the day's report and submits it; the manager signs it with instructions,
which the rep then reads on the report and on My day. Screenshots in English and Chinese."""

from decimal import Decimal

import pytest
from django.utils import timezone

from salesflow.activities.models import PlanStatus, ReportStatus, VisitPlan
from salesflow.activities.services.activities import activity_update
from salesflow.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INSTRUCTIONS = "Send Baosteel the quotation before Friday."


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"daily-loop-{name}.png"), full_page=True)


def add_visit(page, account, time, purpose):
    form = page.locator("#visit-add")
    form.locator("select[name=account]").select_option(label=account)
    form.locator("input[name=time]").fill(time)
    form.locator("select[name=purpose]").select_option(purpose)
    form.locator("#add-visit").click()
    page.locator("#visits tr", has_text=account).wait_for()


def test_a_rep_plans_the_manager_approves_the_rep_reports_and_the_manager_signs(
    page, browser, live_server, org, make_account, sign_in
):
    rep, manager = org["rep1"], org["manager1"]
    make_account(rep, name="Baosteel")
    make_account(rep, name="Sinopec")

    # The rep plans today and submits the plan.
    sign_in(page, rep)
    page.click("nav.mainnav >> text=My day")
    page.click("#plan-today")
    page.locator("#visit-add").wait_for()
    add_visit(page, "Baosteel", "22:00", "new_customer")
    add_visit(page, "Sinopec", "23:30", "collection")
    page.locator("#plan .messages", has_text="Visit to Sinopec at 23:30 added.").wait_for()
    shot(page, "plan-editor-en")
    page.click("#submit-plan")
    page.locator("#plan[data-status=submitted]").wait_for()
    assert "Plan submitted to manager1." in page.locator("#plan .messages").inner_text()

    # The manager, in their own browser, approves it from the queue.
    manager_context = browser.new_context(
        locale="en-US", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    boss = manager_context.new_page()
    sign_in(boss, manager)
    boss.goto("/daily/")
    boss.click("#waiting")
    boss.locator("[data-rep=rep1] [data-plan]").wait_for()
    shot(boss, "queue-en")
    boss.locator("[data-rep=rep1] [data-plan] button", has_text="Approve").click()
    boss.locator(".messages", has_text="plan for").wait_for()
    plan = VisitPlan.objects.get(owner=rep)
    assert plan.status == PlanStatus.APPROVED

    # The day happens: the Baosteel visit is done.
    baosteel = plan.visits.get(account__name="Baosteel").activity
    activity_update(
        activity=baosteel,
        acting_user=rep,
        occurred_at=timezone.now(),
        notes="Met the purchasing head; wants a quotation.",
    )

    # The rep files the day's report.
    page.goto("/daily/")
    assert "Approved" in page.locator("#today-plan").inner_text()
    page.click("#report-today")
    page.locator("#report-form").wait_for()
    assert page.locator("[data-figure=visits] .num").inner_text() == "1 / 2"
    page.fill("input[name=collections_amount]", "5000")
    page.fill("input[name=daily_target]", "20000")
    page.fill("textarea[name=customer_feedback]", "Baosteel finds our delivery slow.")
    page.fill("textarea[name=lessons]", "Bring the price list to every first visit.")
    page.click("#submit-report")
    page.locator("#report[data-status=submitted]").wait_for()
    assert page.locator("[data-figure=ratio] .num").inner_text() == "0%"

    # The manager signs it with instructions.
    boss.goto("/daily/queue/")
    boss.locator("[data-rep=rep1] [data-report] a", has_text="Read").click()
    boss.locator("#sign-report").wait_for()
    shot(boss, "report-to-sign-en")
    boss.fill("textarea[name=instructions]", INSTRUCTIONS)
    boss.click("#sign-report")
    boss.locator("#report[data-status=signed]").wait_for()
    manager_context.close()

    # The rep reads the instructions on the report and on My day, in both languages.
    page.reload()
    assert INSTRUCTIONS in page.locator("#instructions").inner_text()
    shot(page, "report-signed-en")
    page.goto("/daily/")
    assert INSTRUCTIONS in page.locator("#latest-instructions").inner_text()
    shot(page, "my-day-en")
    page.click("button[data-lang=zh-hans]")
    page.locator("html[lang=zh-hans]").wait_for()
    shot(page, "my-day-zh-hans")
    page.goto(f"/daily/reports/{rep.daily_reports.get().pk}/")
    shot(page, "report-signed-zh-hans")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "report-signed-zh-hans-phone")
    report = rep.daily_reports.get()
    assert (report.status, report.instructions) == (ReportStatus.SIGNED, INSTRUCTIONS)
    assert report.collections_amount == Decimal("5000")
