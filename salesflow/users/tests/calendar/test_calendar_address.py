"""The calendar address on the profile page: created, shown once, replaced and turned off; a
turned-off or unknown address answers 404."""

import pytest

from salesflow.users.models import CalendarFeedToken
from salesflow.users.tests.calendar.conftest import at

pytestmark = pytest.mark.django_db


def new_address(client):
    client.post("/profile/calendar/")
    return client.get("/profile/").context["new_calendar_url"]


def test_the_address_is_shown_once_and_then_serves_the_feed(org, client_for, anonymous):
    client = client_for(org["rep1"])

    url = new_address(client)
    again = client.get("/profile/")

    assert url.startswith("http://testserver/calendar/") and url.endswith(".ics")
    assert again.context["new_calendar_url"] is None
    assert url not in again.content.decode()
    assert anonymous.get(url).status_code == 200


def test_only_the_hash_of_the_secret_is_stored(org, client_for):
    url = new_address(client_for(org["rep1"]))
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")

    token = CalendarFeedToken.objects.get(user=org["rep1"])
    assert secret not in token.key_hash
    assert len(token.key_hash) == 64


def test_a_turned_off_address_answers_404(org, client_for, anonymous):
    client = client_for(org["rep1"])
    url = new_address(client)

    client.post("/profile/calendar/revoke/")

    assert anonymous.get(url).status_code == 404
    assert client.get("/profile/").context["calendar_token"] is None


def test_a_new_address_replaces_the_old_one(org, client_for, anonymous):
    client = client_for(org["rep1"])
    old = new_address(client)

    new = new_address(client)

    assert anonymous.get(old).status_code == 404
    assert anonymous.get(new).status_code == 200


def test_an_unknown_address_answers_404(db, anonymous):
    assert anonymous.get("/calendar/not-a-real-secret.ics").status_code == 404


def test_a_deactivated_users_address_answers_404(org, client_for, anonymous):
    url = new_address(client_for(org["rep1"]))
    org["rep1"].is_active = False
    org["rep1"].save()

    assert anonymous.get(url).status_code == 404


def test_each_user_gets_their_own_feed_not_anothers(
    org, make_account, plan_activity, client_for, anonymous
):
    plan_activity(make_account(org["rep1"], name="Mine"), "meeting", at(2))
    plan_activity(make_account(org["rep2"], name="Theirs"), "meeting", at(2))

    feed = anonymous.get(new_address(client_for(org["rep2"]))).content.decode()

    assert "Theirs" in feed
    assert "Mine" not in feed


def test_turning_the_address_on_and_off_needs_sign_in(db, client):
    assert client.post("/profile/calendar/").status_code == 302
    assert client.post("/profile/calendar/revoke/").status_code == 302
    assert CalendarFeedToken.objects.count() == 0
