"""The opportunity list: what a row shows, search, filters, pages, the htmx fragment, the empty
states, and a query count that does not grow with the rows."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from salesflow.org.models import Region
from salesflow.pipeline.services import deal_contact_set, opportunity_close

LIST = reverse("pipeline:list")


def names(response) -> list[str]:
    return [row.opportunity.name for row in response.context["rows"]]


def test_a_row_shows_stage_funnel_state_amounts_close_date_owner_score_and_warnings(
    org, make_opportunity, client_for
):
    make_opportunity(org["rep1"], name="Boiler retrofit", amount=Decimal("250000"), stage=3)

    response = client_for(org["rep1"]).get(LIST)

    row = response.content.decode()
    assert "Boiler retrofit" in row
    assert "3. Solution design" in row
    assert "In funnel" in row
    assert "250,000" in row
    assert "75,000" in row  # weighted at stage 3's 30%
    assert "2030-06-28" in row
    assert "10/10" in row
    warnings = response.context["rows"][0].warnings
    assert len(warnings) == 4
    assert "No decision maker identified." in warnings
    assert '<span class="badge warn-count"' in row


def test_the_count_and_totals_cover_every_match(org, make_opportunity, client_for):
    make_opportunity(org["rep1"], amount=Decimal("100000"))
    make_opportunity(org["rep1"], amount=Decimal("300000"))

    response = client_for(org["rep1"]).get(LIST)

    assert response.context["totals"]["total"] == Decimal("400000")
    assert response.context["totals"]["weighted_total"] == Decimal("40000")
    assert "2 opportunities" in response.content.decode()


def test_a_rep_sees_only_their_own_opportunities(org, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Mine")
    make_opportunity(org["rep2"], name="Colleague's")

    response = client_for(org["rep1"]).get(LIST)

    assert names(response) == ["Mine"]


def test_search_matches_the_name_or_the_account(org, make_opportunity, make_account, client_for):
    baosteel = make_account(org["rep1"], name="Baosteel")
    make_opportunity(org["rep1"], name="Rolling line", account=baosteel)
    make_opportunity(org["rep1"], name="Baosteel-style boiler")
    make_opportunity(org["rep1"], name="Other")

    response = client_for(org["rep1"]).get(LIST, {"q": "baosteel"})

    assert sorted(names(response)) == ["Baosteel-style boiler", "Rolling line"]


def test_the_status_filter(org, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Open one")
    lost = make_opportunity(org["rep1"], name="Lost one")
    opportunity_close(opportunity=lost, acting_user=org["rep1"], result="lost", reason="Price")

    response = client_for(org["rep1"]).get(LIST, {"status": "lost"})

    assert names(response) == ["Lost one"]


def test_owner_and_team_filters(org, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Rep one")
    make_opportunity(org["rep2"], name="Rep two")
    make_opportunity(org["rep3"], name="Beijing")
    client = client_for(org["director"])

    by_owner = client.get(LIST, {"owner": org["rep2"].pk})
    by_team = client.get(LIST, {"team": org["team2"].pk})

    assert names(by_owner) == ["Rep two"]
    assert names(by_team) == ["Beijing"]


def test_region_filter_uses_the_accounts_region(org, make_opportunity, make_account, client_for):
    north = Region.objects.create(name="North")
    make_opportunity(
        org["rep1"], name="North deal", account=make_account(org["rep1"], region=north)
    )
    make_opportunity(org["rep1"], name="Elsewhere")

    response = client_for(org["rep1"]).get(LIST, {"region": north.pk})

    assert names(response) == ["North deal"]


def test_process_and_stage_filters(
    org, make_opportunity, eight_step, ten_step, stage_of, client_for
):
    make_opportunity(org["rep1"], name="Eight-step at 2", stage=2)
    make_opportunity(org["rep1"], name="Ten-step", process=ten_step)
    client = client_for(org["rep1"])

    by_process = client.get(LIST, {"process": ten_step.pk})
    by_stage = client.get(LIST, {"stage": stage_of(eight_step, 2).pk})

    assert names(by_process) == ["Ten-step"]
    assert names(by_stage) == ["Eight-step at 2"]


def test_the_close_period_filter(org, make_opportunity, client_for):
    today = timezone.localdate()
    make_opportunity(org["rep1"], name="Late", expected_close_date=today - timedelta(days=3))
    make_opportunity(org["rep1"], name="Far", expected_close_date=today + timedelta(days=800))

    response = client_for(org["rep1"]).get(LIST, {"close": "overdue"})

    assert names(response) == ["Late"]


def test_explicit_close_dates_from_the_board_filter_too(org, make_opportunity, client_for):
    today = timezone.localdate()
    make_opportunity(org["rep1"], name="Soon", expected_close_date=today + timedelta(days=10))
    make_opportunity(org["rep1"], name="Far", expected_close_date=today + timedelta(days=800))

    response = client_for(org["rep1"]).get(
        LIST, {"close_from": today.isoformat(), "close_to": (today + timedelta(days=30))}
    )

    assert names(response) == ["Soon"]


def test_an_unknown_filter_value_is_ignored(org, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Kept")

    response = client_for(org["rep1"]).get(LIST, {"stage": "x", "owner": "nobody", "close": "?"})

    assert response.status_code == 200
    assert names(response) == ["Kept"]


def test_the_list_is_paginated(org, make_opportunity, client_for, settings):
    settings.PAGE_SIZE = 2
    for n in range(3):
        make_opportunity(org["rep1"], name=f"Deal {n}")

    second = client_for(org["rep1"]).get(LIST, {"page": 2})

    assert len(second.context["rows"]) == 1
    assert "Page 2 of 2" in second.content.decode()


def test_htmx_gets_only_the_results(org, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Mine")

    response = client_for(org["rep1"]).get(LIST, {"q": "mine"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "Mine" in html
    assert "<html" not in html
    assert "opportunity-filters" not in html


def test_no_opportunities_yet_invites_to_create_one(org, client_for):
    response = client_for(org["rep1"]).get(LIST)

    html = response.content.decode()
    assert "You have no opportunities yet." in html
    assert reverse("pipeline:create") in html


def test_no_match_offers_to_clear_the_filters(org, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Mine")

    response = client_for(org["rep1"]).get(LIST, {"q": "nothing like this"})

    assert "No opportunities match this search." in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_for_5_and_50_rows(
    rows,
    org,
    make_opportunity,
    make_account,
    make_contact,
    client_for,
    settings,
    django_assert_max_num_queries,
):
    settings.PAGE_SIZE = 100
    bosses = {}
    for rep in (org["rep1"], org["rep2"]):
        account = make_account(rep, region=org["region"])
        bosses[rep] = make_contact(account, name="Boss", decision_role="decision_maker")
    for n in range(rows):
        boss = bosses[org["rep1"] if n % 2 else org["rep2"]]
        deal = make_opportunity(boss.account.owner, account=boss.account)
        deal_contact_set(opportunity=deal, contact=boss, acting_user=deal.owner)
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(13):
        response = client.get(LIST, {"q": "Opportunity", "status": "open"})

    assert len(response.context["rows"]) == rows
