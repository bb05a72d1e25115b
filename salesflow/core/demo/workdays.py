"""The demo's working calendar: Monday to Friday, and moments on a day in the local time zone."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

SATURDAY = 5


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def working_days(start: date, end: date) -> list[date]:
    """The working days from `start` up to, not including, `end`."""
    count = (end - start).days
    return [d for d in (start + timedelta(days=i) for i in range(count)) if is_working_day(d)]


def previous_working_day(day: date) -> date:
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def local(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """`hour:minute` on `day` in settings.TIME_ZONE; hour 24 is the next day's midnight."""
    moment = datetime.combine(day, time(0, 0)) + timedelta(hours=hour, minutes=minute)
    return timezone.make_aware(moment, timezone.get_default_timezone())


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()
