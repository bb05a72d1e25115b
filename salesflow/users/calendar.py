"""A user's private iCalendar feed: their planned visits and meetings, for calendar apps.

It holds the visits of their submitted and approved visit plans and the visits, meetings and
presentations they have planned but not yet held, from 30 days back to 90 days ahead. Each event's
UID stays the same for the life of the visit or activity, so a subscribed calendar updates it in
place rather than adding a copy.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityPurpose,
    PlannedVisit,
    PlanStatus,
)
from salesflow.users.models import User

DAYS_BACK = 30
DAYS_AHEAD = 90
DEFAULT_LENGTH = timedelta(hours=1)
EVENT_KINDS = (ActivityKind.VISIT, ActivityKind.MEETING, ActivityKind.PRESENTATION)
PLAN_STATUSES = (PlanStatus.SUBMITTED, PlanStatus.APPROVED)
UID_DOMAIN = "salesflow"


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str
    description: str
    modified: datetime
    confirmed: bool


def feed_events(user: User, *, now: datetime | None = None) -> list[FeedEvent]:
    """The user's own events in the feed's window, in time order (two queries)."""
    now = now or timezone.now()
    window = (now - timedelta(days=DAYS_BACK), now + timedelta(days=DAYS_AHEAD))
    planned = PlannedVisit.objects.filter(
        plan__owner=user, plan__status__in=PLAN_STATUSES, planned_at__range=window
    ).select_related("plan", "account")
    # An approved plan's visits become activities; the planned visit stands for both.
    activities = Activity.objects.filter(
        owner=user,
        kind__in=EVENT_KINDS,
        occurred_at__isnull=True,
        planned_at__range=window,
        planned_visit__isnull=True,
    ).select_related("account")
    events = [_from_planned_visit(visit) for visit in planned]
    events += [_from_activity(a, start=a.planned_at) for a in activities if a.planned_at]
    return sorted(events, key=lambda event: (event.start, event.uid))


def feed_ics(user: User, *, now: datetime | None = None) -> bytes:
    """The feed as iCalendar text, in the user's own language."""
    now = now or timezone.now()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        calendar = Calendar()
        calendar.add("prodid", "-//Salesflow//Calendar feed//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("Salesflow: %(name)s") % {"name": user})
        calendar.add("x-published-ttl", "PT1H")
        for item in feed_events(user, now=now):
            calendar.add_component(_event(item, stamp=now))
        return calendar.to_ical()


def _event(item: FeedEvent, *, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.start)
    event.add("dtend", item.end)
    event.add("summary", item.summary)
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    event.add("last-modified", item.modified)
    event.add("status", "CONFIRMED" if item.confirmed else "TENTATIVE")
    return event


def _summary(kind: str, account_name: str) -> str:
    return _("%(kind)s · %(account)s") % {"kind": ActivityKind(kind).label, "account": account_name}


def _description(purpose: str, notes: str) -> str:
    parts = [_("Purpose: %(purpose)s") % {"purpose": ActivityPurpose(purpose).label}]
    if notes.strip():
        parts.append(notes.strip())
    return "\n\n".join(parts)


def _from_planned_visit(visit: PlannedVisit) -> FeedEvent:
    return FeedEvent(
        uid=f"planned-visit-{visit.pk}@{UID_DOMAIN}",
        start=visit.planned_at,
        end=visit.planned_at + DEFAULT_LENGTH,
        summary=_summary(ActivityKind.VISIT, visit.account.name),
        location=visit.account.address,
        description=_description(visit.purpose, visit.notes),
        modified=visit.plan.updated_at,
        confirmed=visit.plan.status == PlanStatus.APPROVED,
    )


def _from_activity(activity: Activity, *, start: datetime) -> FeedEvent:
    length = timedelta(minutes=activity.duration_minutes) or DEFAULT_LENGTH
    return FeedEvent(
        uid=f"activity-{activity.pk}@{UID_DOMAIN}",
        start=start,
        end=start + length,
        summary=_summary(activity.kind, activity.account.name),
        location=activity.account.address,
        description=_description(activity.purpose, activity.notes),
        modified=activity.updated_at,
        confirmed=True,
    )
