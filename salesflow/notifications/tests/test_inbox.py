"""The inbox page, opening and marking notifications, and the unread badge in the top bar."""

import pytest
from django.urls import reverse

from salesflow.notifications.models import Notification, NotificationKind
from salesflow.notifications.services import notification_mark_read, notify

INBOX = reverse("notifications:list")


def send(user, title="Hello", **fields):
    return notify(recipient=user, kind=NotificationKind.OTHER, title=title, **fields)


def test_unread_come_first_then_newest(org, client_for):
    rep = org["rep1"]
    old_unread = send(rep, "Old unread")
    read = send(rep, "Read one")
    notification_mark_read(notification=read, acting_user=rep)
    new_unread = send(rep, "New unread")
    send(org["rep2"], "Someone else's")

    response = client_for(rep).get(INBOX)

    titles = [n.title for n in response.context["notifications"]]
    assert titles == [new_unread.title, old_unread.title, read.title]


def test_opening_marks_read_and_follows_the_link(org, client_for):
    notification = send(org["rep1"], url="/activities/market/1/")

    response = client_for(org["rep1"]).get(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == "/activities/market/1/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_off_the_site_is_not_followed(org, client_for):
    notification = send(org["rep1"], url="https://evil.example/")

    response = client_for(org["rep1"]).get(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == INBOX


@pytest.mark.parametrize(("method", "name"), [("get", "open"), ("post", "read")])
def test_someone_elses_notification_answers_404(org, client_for, method, name):
    notification = send(org["rep2"])

    response = getattr(client_for(org["rep1"]), method)(
        reverse(f"notifications:{name}", args=[notification.pk])
    )

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_read_with_htmx_answers_the_row(org, client_for):
    notification = send(org["rep1"], "Plan approved")

    response = client_for(org["rep1"]).post(
        reverse("notifications:read", args=[notification.pk]), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "Plan approved" in html and "unread" not in html


def test_mark_all_read(org, client_for):
    send(org["rep1"])
    send(org["rep1"])

    client_for(org["rep1"]).post(reverse("notifications:read_all"))

    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_top_bar_shows_the_unread_count(org, client_for):
    for _ in range(3):
        send(org["rep1"])
    send(org["rep2"])

    html = client_for(org["rep1"]).get(reverse("activities:list")).content.decode()

    assert '<span class="badge unread-count" title="Unread">3</span>' in html


def test_no_badge_when_everything_is_read(org, client_for):
    html = client_for(org["rep1"]).get(reverse("activities:list")).content.decode()

    assert "unread-count" not in html


def test_the_badge_costs_no_query_of_its_own(org, client_for, django_assert_max_num_queries):
    client = client_for(org["rep1"])
    with django_assert_max_num_queries(100) as without:
        client.get(reverse("activities:list"))
    send(org["rep1"])

    with django_assert_max_num_queries(len(without.captured_queries)):
        html = client.get(reverse("activities:list")).content.decode()

    assert "unread-count" in html


@pytest.mark.parametrize("count", [5, 50])
def test_the_inbox_runs_a_constant_number_of_queries(
    org, client_for, count, django_assert_max_num_queries
):
    for n in range(count):
        send(org["rep1"], f"Message {n}", urgent=n % 5 == 0)
    client = client_for(org["rep1"])

    with django_assert_max_num_queries(5):
        response = client.get(INBOX)

    assert response.status_code == 200
