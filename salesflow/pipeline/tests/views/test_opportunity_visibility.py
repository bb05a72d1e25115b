"""Another rep's opportunity answers 404 on its page, its form and every action; a manager sees
the opportunities of all their reps."""

import pytest
from django.urls import reverse

from salesflow.pipeline.models import Competitor, OpportunityContact, OpportunityLine, StageChange
from salesflow.pipeline.selectors import milestones_of
from salesflow.playbook.models import Product

ACTIONS = [
    "pipeline:qualification",
    "pipeline:advance",
    "pipeline:move_back",
    "pipeline:skip_gate",
    "pipeline:close",
    "pipeline:person_add",
    "pipeline:competitor_add",
    "pipeline:line_add",
]


@pytest.fixture
def rep2_deal(org, make_opportunity, make_contact):
    deal = make_opportunity(org["rep2"], name="Rep two's deal", stage=2)
    contact = make_contact(deal.account, name="Chen Jun")
    OpportunityContact.objects.create(opportunity=deal, contact=contact)
    Competitor.objects.create(opportunity=deal, name="Huawei")
    OpportunityLine.objects.create(
        opportunity=deal, product=Product.objects.create(name="Pump"), quantity=1, unit_price=10
    )
    return deal


@pytest.mark.parametrize("route", ["pipeline:detail", "pipeline:edit"])
def test_a_rep_gets_not_found_for_another_reps_opportunity(route, org, rep2_deal, client_for):
    response = client_for(org["rep1"]).get(reverse(route, args=[rep2_deal.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("route", [*ACTIONS, "pipeline:edit"])
def test_a_rep_cannot_act_on_another_reps_opportunity(route, org, rep2_deal, client_for):
    version = rep2_deal.version

    response = client_for(org["rep1"]).post(
        reverse(route, args=[rep2_deal.pk]),
        {"version": version, "reason": "Mine now", "result": "lost", "name": "Taken"},
    )

    assert response.status_code == 404
    rep2_deal.refresh_from_db()
    assert rep2_deal.version == version


def test_a_rep_cannot_change_the_parts_of_another_reps_opportunity(org, rep2_deal, client_for):
    client = client_for(org["rep1"])
    milestone = milestones_of(rep2_deal.stage)[0]
    routes = [
        reverse("pipeline:milestone_set", args=[rep2_deal.pk, milestone.pk]),
        reverse(
            "pipeline:person_remove",
            args=[rep2_deal.pk, rep2_deal.deal_contacts.get().contact_id],
        ),
        reverse("pipeline:competitor_remove", args=[rep2_deal.pk, rep2_deal.competitors.get().pk]),
        reverse("pipeline:line_remove", args=[rep2_deal.pk, rep2_deal.lines.get().pk]),
    ]

    statuses = [client.post(url, {"done": "on"}).status_code for url in routes]

    assert statuses == [404, 404, 404, 404]
    assert (OpportunityContact.objects.count(), Competitor.objects.count()) == (1, 1)
    assert not rep2_deal.milestone_checks.filter(stage_number=2).exists()


def test_a_manager_sees_the_opportunities_of_both_their_reps(
    org, make_opportunity, client_for, rep2_deal
):
    mine = make_opportunity(org["rep1"], name="Rep one's deal")
    client = client_for(org["manager1"])

    pages = [client.get(reverse("pipeline:detail", args=[o.pk])) for o in (mine, rep2_deal)]
    listed = client.get(reverse("pipeline:list"))

    assert [p.status_code for p in pages] == [200, 200]
    names = [row.opportunity.name for row in listed.context["rows"]]
    assert sorted(names) == ["Rep one's deal", "Rep two's deal"]


def test_a_manager_may_move_a_deal_of_their_rep(org, rep2_deal, client_for, stage_of):
    response = client_for(org["manager1"]).post(
        reverse("pipeline:move_back", args=[rep2_deal.pk]),
        {
            "version": rep2_deal.version,
            "to_stage": stage_of(rep2_deal.process, 1).pk,
            "reason": "No coach yet",
        },
    )

    assert response.status_code == 302
    assert StageChange.objects.filter(opportunity=rep2_deal, kind="moved_back").exists()


def test_another_teams_manager_gets_not_found(org, rep2_deal, client_for):
    response = client_for(org["manager2"]).get(reverse("pipeline:detail", args=[rep2_deal.pk]))

    assert response.status_code == 404
