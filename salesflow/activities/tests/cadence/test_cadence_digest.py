"""The daily digest (`salesflow cadence_digest`): each rep hears what is due, each manager how
each rep stands; never twice the same day."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from salesflow.accounts.models import AccountStatus
from salesflow.notifications.models import Notification

pytestmark = pytest.mark.django_db

ON = "2025-06-16"
LONG_AGO = date(2020, 1, 1)


def digest(on=ON):
    out = StringIO()
    call_command("cadence_digest", "--date", on, stdout=out)
    return out.getvalue()


def digests_for(user):
    return list(Notification.objects.filter(recipient=user, kind="cadence_digest"))


def test_a_rep_with_overdue_touches_gets_one_digest_naming_them(org, account_since):
    account_since(org["rep1"], "A", LONG_AGO, name="Acme Steel")

    digest()

    [notice] = digests_for(org["rep1"])
    assert notice.url == "/cadence/"
    assert "2 overdue" in notice.title
    assert "Acme Steel" in notice.body


def test_a_rep_with_nothing_due_gets_no_digest(org, account_since, touch):
    account = account_since(org["rep1"], "A", LONG_AGO)
    touch(account, "call", date(2025, 6, 16))
    touch(account, "visit", date(2025, 6, 16))

    digest()

    assert digests_for(org["rep1"]) == []


def test_closed_accounts_are_left_out_of_the_digest(org, account_since):
    account_since(org["rep1"], "A", LONG_AGO, name="Gone Ltd", status=AccountStatus.CLOSED)

    digest()

    assert digests_for(org["rep1"]) == []


def test_a_manager_gets_a_line_for_each_of_their_reps_with_something_due(org, account_since):
    account_since(org["rep1"], "A", LONG_AGO)
    account_since(org["rep3"], "A", LONG_AGO)

    digest()

    [notice] = digests_for(org["manager1"])
    assert "rep1: due today 0 · overdue calls 1 · overdue visits 1" in notice.body
    assert "rep3" not in notice.body
    [other] = digests_for(org["manager2"])
    assert "rep3" in other.body and "rep1" not in other.body


def test_running_it_again_the_same_day_sends_nothing_new(org, account_since):
    account_since(org["rep1"], "A", LONG_AGO)

    first = digest()
    second = digest()

    assert len(digests_for(org["rep1"])) == 1
    assert len(digests_for(org["manager1"])) == 1
    assert "Sent 2 " in first
    assert "Sent 0 " in second and "2 already" in second


def test_yesterdays_digest_does_not_stop_todays(org, account_since):
    account_since(org["rep1"], "A", LONG_AGO)
    digest()
    Notification.objects.update(created_at=timezone.now() - timedelta(days=1))

    digest()

    assert len(digests_for(org["rep1"])) == 2


def test_the_digest_is_also_e_mailed_to_a_rep_with_an_address(
    org, account_since, django_capture_on_commit_callbacks
):
    org["rep1"].email = "rep1@example.com"
    org["rep1"].save()
    account_since(org["rep1"], "B", LONG_AGO, name="Acme Steel")

    with django_capture_on_commit_callbacks(execute=True):
        digest()

    [message] = [m for m in mail.outbox if m.to == ["rep1@example.com"]]
    assert "Acme Steel" in message.body


def test_a_malformed_date_is_refused(db):
    with pytest.raises(CommandError):
        digest(on="16/06/2025")
