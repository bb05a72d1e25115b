"""notify(): the inbox row at once, the e-mail only once the caller's change is committed."""

import pytest
from django.core import mail
from django.db import transaction

from salesflow.notifications.models import Notification, NotificationKind
from salesflow.notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
    notify,
)


def test_notify_creates_the_row_and_mails_after_commit(org, django_capture_on_commit_callbacks):
    rep = org["rep1"]
    rep.email = "rep1@example.com"
    rep.save()

    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            recipient=rep,
            kind=NotificationKind.PLAN_APPROVED,
            title="Your plan for Monday was approved",
            body="Good plan.",
            url="/activities/",
        )

    assert Notification.objects.get() == notification
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject) == (
        ["rep1@example.com"],
        "Your plan for Monday was approved",
    )
    assert "Good plan." in message.body and "/activities/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_someone_without_an_address_gets_the_inbox_row_only(
    org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=org["rep1"], kind=NotificationKind.OTHER, title="Hello")

    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_no_mail(make_user):
    rep = make_user(username="solo", email="solo@example.com")

    with pytest.raises(RuntimeError), transaction.atomic():
        notify(recipient=rep, kind=NotificationKind.OTHER, title="Never sent")
        raise RuntimeError("the caller's change fails")

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_marking_read_keeps_the_first_time(org):
    notification = notify(recipient=org["rep1"], kind=NotificationKind.OTHER, title="Hi")

    notification_mark_read(notification=notification, acting_user=org["rep1"])
    first = notification.read_at
    notification_mark_read(notification=notification, acting_user=org["rep1"])

    assert first is not None and notification.read_at == first


def test_only_the_recipient_marks_it_read(org):
    notification = notify(recipient=org["rep1"], kind=NotificationKind.OTHER, title="Hi")

    with pytest.raises(PermissionError):
        notification_mark_read(notification=notification, acting_user=org["rep2"])


def test_mark_all_read_touches_only_the_users_own(org):
    for _ in range(3):
        notify(recipient=org["rep1"], kind=NotificationKind.OTHER, title="Mine")
    notify(recipient=org["rep2"], kind=NotificationKind.OTHER, title="Theirs")

    count = notification_mark_all_read(acting_user=org["rep1"])

    assert count == 3
    assert Notification.objects.filter(read_at__isnull=True).get().title == "Theirs"
