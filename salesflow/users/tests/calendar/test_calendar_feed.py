"""The private calendar feed /calendar/<token>.ics: the user's planned visits and meetings, as
iCalendar that calendar apps read."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from salesflow.activities.models import PlanStatus
from salesflow.users.tests.calendar.conftest import at

pytestmark = pytest.mark.django_db


def events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_exactly_the_users_planned_visits_and_meetings(
    org, make_account, plan_visit, plan_activity, feed_of, anonymous
):
    account = make_account(org["rep1"], name="Acme")
    approved = plan_visit(account, at(1))
    submitted = plan_visit(account, at(3), status=PlanStatus.SUBMITTED)
    plan_visit(account, at(4), status=PlanStatus.DRAFT)
    plan_visit(account, at(5), status=PlanStatus.RETURNED)
    meeting = plan_activity(account, "meeting", at(6))
    presentation = plan_activity(account, "presentation", at(-20))
    visit = plan_activity(account, "visit", at(89))
    plan_activity(account, "call", at(2))
    plan_activity(account, "visit", at(2), occurred_at=at(2))
    plan_activity(account, "visit", at(95))
    plan_activity(account, "meeting", at(-35))
    from_plan = plan_activity(account, "visit", at(1))
    approved.activity = from_plan
    approved.save()
    theirs = make_account(org["rep2"])
    plan_visit(theirs, at(1))
    plan_activity(theirs, "meeting", at(2))

    response = anonymous.get(feed_of(org["rep1"]))

    assert response.status_code == 200
    assert set(events(response)) == {
        f"planned-visit-{approved.pk}@salesflow",
        f"planned-visit-{submitted.pk}@salesflow",
        f"activity-{meeting.pk}@salesflow",
        f"activity-{presentation.pk}@salesflow",
        f"activity-{visit.pk}@salesflow",
    }


def test_an_event_says_what_where_when_and_why(org, make_account, plan_visit, feed_of, anonymous):
    account = make_account(org["rep1"], name="Acme Steel", address="88 Century Avenue, Shanghai")
    visit = plan_visit(account, at(2, hour=14), purpose="collection", notes="Bring the invoice")

    [event] = events(anonymous.get(feed_of(org["rep1"]))).values()

    assert str(event["SUMMARY"]) == "Visit · Acme Steel"
    assert str(event["LOCATION"]) == "88 Century Avenue, Shanghai"
    assert "Collection" in str(event["DESCRIPTION"])
    assert "Bring the invoice" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART") == visit.planned_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=1)
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_meeting_lasts_its_planned_duration(org, make_account, plan_activity, feed_of, anonymous):
    account = make_account(org["rep1"])
    plan_activity(account, "meeting", at(2), duration_minutes=90)

    [event] = events(anonymous.get(feed_of(org["rep1"]))).values()

    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)
    assert str(event["SUMMARY"]).startswith("Meeting · ")


def test_a_visit_of_a_plan_awaiting_approval_is_tentative(
    org, make_account, plan_visit, feed_of, anonymous
):
    plan_visit(make_account(org["rep1"]), at(2), status=PlanStatus.SUBMITTED)

    [event] = events(anonymous.get(feed_of(org["rep1"]))).values()

    assert str(event["STATUS"]) == "TENTATIVE"


def test_an_events_uid_stays_the_same_when_it_changes(
    org, make_account, plan_activity, feed_of, anonymous
):
    meeting = plan_activity(make_account(org["rep1"]), "meeting", at(2))
    path = feed_of(org["rep1"])
    before = set(events(anonymous.get(path)))

    meeting.planned_at = at(3)
    meeting.notes = "Moved a day"
    meeting.save()
    after = events(anonymous.get(path))

    assert set(after) == before
    assert "Moved a day" in str(next(iter(after.values()))["DESCRIPTION"])


def test_the_feed_is_served_as_text_calendar(org, feed_of, anonymous):
    response = anonymous.get(feed_of(org["rep1"]))

    assert response["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


@pytest.mark.parametrize("count", [5, 50])
def test_the_feed_runs_a_constant_number_of_queries(
    count,
    org,
    make_account,
    plan_visit,
    plan_activity,
    feed_of,
    anonymous,
    django_assert_max_num_queries,
):
    account = make_account(org["rep1"])
    for n in range(count):
        plan_visit(account, at(n % 60, hour=9))
        plan_activity(account, "meeting", at(n % 60, hour=15))
    path = feed_of(org["rep1"])

    with django_assert_max_num_queries(3):
        response = anonymous.get(path)

    assert len(events(response)) == 2 * count
