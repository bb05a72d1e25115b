"""The report list: what a row shows, visibility, empty states, a constant query count."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from salesflow.activities.services.reports import daily_report_create, daily_report_submit
from salesflow.activities.tests.loop_fixtures import at

LIST = reverse("loop:reports")


def test_a_row_shows_visits_orders_collections_status_and_punctuality(
    org, clock, client_for, make_report, log_visit, make_account, today
):
    log_visit(org["rep1"], make_account(org["rep1"]), at(today, "09:00"))
    report = make_report(org["rep1"], collections_amount=Decimal("4500"))
    clock.set(at(today, "22:00"))
    daily_report_submit(report=report, acting_user=org["rep1"])

    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert "1 / 0" in html
    assert "4,500" in html
    assert 'data-status="submitted"' in html
    assert "Late" in html


def test_a_manager_sees_their_reps_reports_not_the_other_teams(org, client_for, make_report):
    make_report(org["rep1"])
    make_report(org["rep2"])
    make_report(org["rep3"])

    rows = client_for(org["manager1"]).get(LIST).context["rows"]

    assert sorted(r.owner.username for r, _made, _planned in rows) == ["rep1", "rep2"]


def test_the_empty_list_explains_the_daily_report(org, client_for):
    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert "No daily reports yet." in html


@pytest.mark.parametrize("rows", [5, 50])
def test_the_query_count_does_not_grow_with_the_rows(
    rows, org, client_for, settings, today, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 100
    for n in range(rows):
        owner = org["rep1"] if n % 2 else org["rep2"]
        daily_report_create(acting_user=owner, date=today - timedelta(days=n))
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(8):
        response = client.get(LIST)

    assert len(response.context["rows"]) == rows
