"""The actions on the opportunity page: each one, its refusals with their reasons, and the version
check that keeps a stale screen from overwriting someone else's change."""

from decimal import Decimal

import pytest
from django.urls import reverse

from salesflow.pipeline.models import Competitor, OpportunityContact, OpportunityLine, StageChange
from salesflow.pipeline.selectors import milestones_of
from salesflow.playbook.models import Product

HTMX = {"HX-Request": "true"}


def post(client, route, deal, data=None, *args, headers=None):
    deal.refresh_from_db()
    payload = {"version": deal.version, **(data or {})}
    return client.post(reverse(route, args=[deal.pk, *args]), payload, headers=headers or {})


def refused(response) -> list[str]:
    return [b.message for b in response.context["blockers"]]


# --- milestones ---------------------------------------------------------------------------------


def test_ticking_a_milestone_records_who_when_and_the_evidence(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    milestone = milestones_of(deal.stage)[0]

    response = post(
        client_for(org["rep1"]),
        "pipeline:milestone_set",
        deal,
        {"done": "on", "evidence": "Analysis sent to the board"},
        milestone.pk,
        headers=HTMX,
    )

    check = deal.milestone_checks.get(milestone=milestone)
    assert (check.done, check.checked_by, check.evidence) == (
        True,
        org["rep1"],
        "Analysis sent to the board",
    )
    html = response.content.decode()
    assert html.startswith('<div id="opportunity"')
    assert "Ticked by rep1" in html
    assert "“Project analysed” ticked." in html


def test_unticking_a_milestone_records_it(org, make_opportunity, tick_all_milestones, client_for):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)
    milestone = milestones_of(deal.stage)[0]

    post(client_for(org["manager1"]), "pipeline:milestone_set", deal, {}, milestone.pk)

    check = deal.milestone_checks.get(milestone=milestone)
    assert (check.done, check.checked_by) == (False, org["manager1"])


def test_a_milestone_of_another_stage_is_not_on_this_page(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"], stage=2)
    earlier = deal.milestone_checks.filter(stage_number=1)[0].milestone

    response = post(client_for(org["rep1"]), "pipeline:milestone_set", deal, {}, earlier.pk)

    assert response.status_code == 404
    assert deal.milestone_checks.get(milestone=earlier).done is True


# --- qualification ------------------------------------------------------------------------------


def test_saving_the_qualification_shows_the_new_score(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    answers = {
        "need": "yes",
        "need_evidence": "Their plant manager asked for it",
        "decision_process": "partly",
        "budget": "unknown",
        "relationship": "no",
        "worth": "yes",
    }

    response = post(client_for(org["rep1"]), "pipeline:qualification", deal, answers, headers=HTMX)

    deal.refresh_from_db()
    assert (deal.qualification_score, deal.qualification_answered) == (5, 4)
    assert deal.need_evidence == "Their plant manager asked for it"
    assert "5/10 · 4 of 5 answered" in response.content.decode()


def test_an_answer_outside_the_four_is_refused(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    answers = dict.fromkeys(["decision_process", "budget", "relationship", "worth"], "yes")

    response = post(
        client_for(org["rep1"]), "pipeline:qualification", deal, {**answers, "need": "maybe"}
    )

    assert response.status_code == 400
    assert response.context["qualification_form"].errors["need"]
    deal.refresh_from_db()
    assert deal.qualification_answered == 0


# --- advancing ----------------------------------------------------------------------------------


def test_advancing_through_an_open_gate(org, make_opportunity, tick_all_milestones, client_for):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)

    response = post(client_for(org["rep1"]), "pipeline:advance", deal)

    deal.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"{deal.get_absolute_url()}#stage-actions"
    assert deal.stage.number == 2
    assert StageChange.objects.filter(opportunity=deal, kind="advanced").count() == 1


def test_a_refused_advance_names_each_unmet_milestone(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])

    response = post(client_for(org["rep1"]), "pipeline:advance", deal)

    assert response.status_code == 409
    assert refused(response) == [
        "Milestone not met: Project analysed",
        "Milestone not met: Initiation approved internally",
    ]
    assert "Refused. What blocks it:" in response.content.decode()
    deal.refresh_from_db()
    assert deal.stage.number == 1


def test_a_refused_advance_names_the_qualification_rule_of_the_next_stage(
    org, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)

    response = post(client_for(org["rep1"]), "pipeline:advance", deal)

    assert refused(response) == [
        "Stage 3 needs all five qualification questions answered; 5 still unknown."
    ]


def test_a_refusal_reads_in_the_users_language(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    client = client_for(org["rep1"])
    client.cookies["django_language"] = "zh-hans"

    response = post(client, "pipeline:advance", deal)

    assert "分析项目" in refused(response)[0]
    assert "立项通过" in refused(response)[1]


# --- moving back and skipping -------------------------------------------------------------------


def test_moving_back_needs_a_reason(org, make_opportunity, stage_of, client_for):
    deal = make_opportunity(org["rep1"], stage=2)
    first = stage_of(deal.process, 1)

    response = post(client_for(org["rep1"]), "pipeline:move_back", deal, {"to_stage": first.pk})

    assert response.status_code == 400
    assert response.context["move_back_form"].errors["reason"] == [
        "Say why the opportunity moves back."
    ]
    assert response.context["open_panel"] == "move-back"
    deal.refresh_from_db()
    assert deal.stage.number == 2


def test_moving_back_with_a_reason_is_recorded(org, make_opportunity, stage_of, client_for):
    deal = make_opportunity(org["rep1"], stage=3)

    post(
        client_for(org["rep1"]),
        "pipeline:move_back",
        deal,
        {"to_stage": stage_of(deal.process, 1).pk, "reason": "The project was re-scoped"},
    )

    deal.refresh_from_db()
    change = deal.stage_changes.order_by("-id")[0]
    assert deal.stage.number == 1
    assert (change.kind, change.reason, change.changed_by) == (
        "moved_back",
        "The project was re-scoped",
        org["rep1"],
    )


def test_moving_back_offers_only_earlier_stages(org, make_opportunity, stage_of, client_for):
    deal = make_opportunity(org["rep1"], stage=2)

    response = post(
        client_for(org["rep1"]),
        "pipeline:move_back",
        deal,
        {"to_stage": stage_of(deal.process, 4).pk, "reason": "Jump"},
    )

    assert response.status_code == 400
    deal.refresh_from_db()
    assert deal.stage.number == 2


@pytest.mark.parametrize("who", ["manager1", "director"])
def test_a_manager_or_director_skips_the_gate_with_a_reason(who, org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])

    post(client_for(org[who]), "pipeline:skip_gate", deal, {"reason": "CEO's direct order"})

    deal.refresh_from_db()
    change = deal.stage_changes.order_by("-id")[0]
    assert deal.stage.number == 2
    assert (change.kind, change.reason, change.changed_by) == (
        "skipped_gate",
        "CEO's direct order",
        org[who],
    )


def test_skipping_the_gate_needs_a_reason(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])

    response = post(client_for(org["manager1"]), "pipeline:skip_gate", deal, {"reason": " "})

    assert response.status_code == 400
    assert response.context["skip_gate_form"].errors["reason"] == ["Say why the gate is skipped."]
    deal.refresh_from_db()
    assert deal.stage.number == 1


def test_a_rep_may_not_skip_a_gate(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])

    response = post(client_for(org["rep1"]), "pipeline:skip_gate", deal, {"reason": "Hurry"})

    assert response.status_code == 403
    assert "Only the owner's manager or a director may skip a gate." in (
        response.content.decode().replace("&#x27;", "'")
    )
    deal.refresh_from_db()
    assert deal.stage.number == 1


# --- closing ------------------------------------------------------------------------------------


def test_a_deal_is_not_won_before_its_last_stage(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"], stage=7)

    response = post(
        client_for(org["rep1"]), "pipeline:close", deal, {"result": "won", "reason": "Signed"}
    )

    assert response.status_code == 409
    assert refused(response) == [
        "An opportunity is won from the last stage of its process (8. Contract signing)."
    ]
    deal.refresh_from_db()
    assert deal.status == "open"


def test_a_deal_is_won_from_its_last_stage_with_its_milestone_met(
    org, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep1"], stage=8)
    tick_all_milestones(deal)

    response = post(client_for(org["rep1"]), "pipeline:close", deal, {"result": "won"})

    deal.refresh_from_db()
    assert response.status_code == 302
    assert (deal.status, deal.forecast_category) == ("won", "closed")


def test_losing_needs_a_reason_and_records_the_competitor_who_won(
    org, make_opportunity, client_for
):
    deal = make_opportunity(org["rep1"], stage=4)
    client = client_for(org["rep1"])

    no_reason = post(client, "pipeline:close", deal, {"result": "lost", "won_by": "Siemens"})
    with_reason = post(
        client,
        "pipeline:close",
        deal,
        {"result": "lost", "reason": "Price 20% above", "won_by": "Siemens"},
        headers=HTMX,
    )

    assert no_reason.status_code == 400
    assert no_reason.context["close_form"].errors["reason"]
    deal.refresh_from_db()
    assert (deal.status, deal.close_reason, deal.won_by) == ("lost", "Price 20% above", "Siemens")
    html = with_reason.content.decode()
    assert "Closed as lost." in html
    assert "Siemens" in html
    assert 'id="advance"' not in html


# --- the deal's buying centre, competitors and lines ---------------------------------------------


def test_adding_and_removing_a_person_of_the_deal(org, make_opportunity, make_contact, client_for):
    deal = make_opportunity(org["rep1"])
    chen = make_contact(deal.account, name="Chen Jun")
    client = client_for(org["rep1"])

    post(
        client,
        "pipeline:person_add",
        deal,
        {"contact": chen.pk, "decision_role": "decision_maker", "is_key_person": "on"},
    )
    person = OpportunityContact.objects.get(opportunity=deal)
    post(client, "pipeline:person_remove", deal, {}, chen.pk)

    assert (person.decision_role, person.is_key_person) == ("decision_maker", True)
    assert not OpportunityContact.objects.filter(opportunity=deal).exists()


def test_only_people_of_the_deals_account_can_be_added(
    org, make_opportunity, make_account, make_contact, client_for
):
    deal = make_opportunity(org["rep1"])
    stranger = make_contact(make_account(org["rep1"]), name="Elsewhere")

    response = post(client_for(org["rep1"]), "pipeline:person_add", deal, {"contact": stranger.pk})

    assert response.status_code == 400
    assert response.context["person_form"].errors["contact"]
    assert not OpportunityContact.objects.exists()


def test_adding_and_removing_a_competitor(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    client = client_for(org["rep1"])

    post(client, "pipeline:competitor_add", deal, {"name": "Siemens", "strength": "strong"})
    competitor = Competitor.objects.get(opportunity=deal)
    post(client, "pipeline:competitor_remove", deal, {}, competitor.pk)

    assert (competitor.name, competitor.strength) == ("Siemens", "strong")
    assert not Competitor.objects.exists()


def test_adding_a_product_line_shows_the_total(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    pump = Product.objects.create(name="Pump")

    response = post(
        client_for(org["rep1"]),
        "pipeline:line_add",
        deal,
        {"product": pump.pk, "quantity": "3", "unit_price": "25000"},
        headers=HTMX,
    )

    line = OpportunityLine.objects.get(opportunity=deal)
    assert line.total == Decimal("75000")
    assert 'id="lines-total">75,000<' in response.content.decode()


def test_a_negative_unit_price_is_refused(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    pump = Product.objects.create(name="Pump")

    response = post(
        client_for(org["rep1"]),
        "pipeline:line_add",
        deal,
        {"product": pump.pk, "quantity": "1", "unit_price": "-1"},
    )

    assert response.status_code == 400
    assert response.context["line_form"].errors["unit_price"]
    assert not OpportunityLine.objects.exists()


# --- stale versions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "data"),
    [
        ("pipeline:advance", {}),
        ("pipeline:close", {"result": "abandoned", "reason": "Budget cut"}),
        ("pipeline:qualification", dict.fromkeys(["need", "budget"], "yes")),
        ("pipeline:competitor_add", {"name": "ABB", "strength": "weak"}),
    ],
)
def test_a_stale_screen_is_refused_with_a_clear_message_and_the_fresh_page(
    route, data, org, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)
    seen = deal.version - 1  # the rep loaded the page before the last tick
    if route == "pipeline:qualification":
        data = {**dict.fromkeys(["decision_process", "relationship", "worth"], "no"), **data}

    response = client_for(org["rep1"]).post(
        reverse(route, args=[deal.pk]), {"version": seen, **data}, headers=HTMX
    )

    deal.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this opportunity a moment ago. It has been refreshed." in html
    assert f'name="version" value="{deal.version}"' in html
    assert (deal.stage.number, deal.status, deal.qualification_answered) == (1, "open", 0)
    assert not Competitor.objects.exists()


def test_a_stale_milestone_tick_is_refused(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    first, second = milestones_of(deal.stage)
    client = client_for(org["rep1"])
    seen = deal.version
    client.post(
        reverse("pipeline:milestone_set", args=[deal.pk, first.pk]),
        {"version": seen, "done": "on"},
    )

    response = client.post(
        reverse("pipeline:milestone_set", args=[deal.pk, second.pk]),
        {"version": seen, "done": "on"},
    )

    assert response.status_code == 409
    assert not deal.milestone_checks.filter(milestone=second).exists()
