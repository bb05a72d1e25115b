"""The plan list: filters, empty states, and a query count that does not grow with the rows."""

from datetime import timedelta

import pytest
from django.urls import reverse

from salesflow.activities.services.plans import VisitIn, visit_plan_create
from salesflow.activities.tests.loop_fixtures import at

LIST = reverse("loop:plans")


def test_a_row_shows_day_rep_area_visits_and_status(org, submitted_plan, client_for):
    plan = submitted_plan(org["rep1"], area="Jing'an")

    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert str(plan.date) in html
    assert "Jing&#x27;an" in html
    assert 'data-status="submitted"' in html
    assert "1 plan" in html


def test_the_status_filter(org, make_plan, submitted_plan, client_for, tomorrow):
    make_plan(org["rep1"])
    submitted_plan(org["rep1"], day=tomorrow + timedelta(days=1))

    listed = client_for(org["rep1"]).get(LIST, {"status": "submitted"}).context["page_obj"]

    assert [p.status for p in listed] == ["submitted"]


def test_the_empty_list_invites_to_plan_a_day(org, client_for):
    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert "No visit plans yet." in html
    assert reverse("loop:plan_start") in html


def test_a_filter_that_matches_nothing_says_so(org, make_plan, client_for):
    make_plan(org["rep1"])

    html = client_for(org["rep1"]).get(LIST, {"status": "approved"}).content.decode()

    assert "No plans match these filters." in html


@pytest.mark.parametrize("rows", [5, 50])
def test_the_query_count_does_not_grow_with_the_rows(
    rows, org, make_account, client_for, settings, today, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 100
    account = make_account(org["rep1"])
    shared = make_account(org["rep2"])
    for n in range(rows):
        owner = org["rep1"] if n % 2 else org["rep2"]
        day = today + timedelta(days=n)
        visit_plan_create(
            acting_user=owner,
            date=day,
            area="A",
            visits=[VisitIn(account if n % 2 else shared, at(day, "10:00"), "service")],
        )
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(6):
        response = client.get(LIST)

    assert len(response.context["page_obj"]) == rows
