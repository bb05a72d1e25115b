"""What the opportunity page shows: facts, the stage bar, the checklist, the playbook,
qualification, coverage warnings, next best actions, and the histories."""

from decimal import Decimal

from django.urls import reverse

from salesflow.accounts.tests.views.html import find, find_all, parse, text
from salesflow.pipeline.services import competitor_add, deal_contact_set, qualification_set


def page(client, deal):
    return client.get(reverse("pipeline:detail", args=[deal.pk]))


def test_the_facts_include_margin_weighted_amount_and_the_posture_for_the_customers_state(
    org, make_opportunity, client_for
):
    deal = make_opportunity(
        org["rep1"],
        amount=Decimal("1000000"),
        cost=Decimal("600000"),
        source="referral",
        project_type="state_funded",
        our_position="leader",
        favourable_factors="Our reference at Shougang",
        decision_cycle_state=4,
    )

    facts = text(find(parse(page(client_for(org["rep1"]), deal).content), id="facts"))

    assert "1,000,000" in facts
    assert "400,000 40%" in facts  # gross margin
    assert "100,000 at 10%" in facts  # weighted at stage 1
    assert "Referral" in facts and "State-funded" in facts and "Leader" in facts
    assert "Our reference at Shougang" in facts
    assert "4 · Evaluates suppliers" in facts
    assert "Our posture: Present a competitive solution" in facts


def test_the_stage_bar_groups_stages_by_funnel_state_and_marks_the_current_one(
    org, make_opportunity, client_for
):
    deal = make_opportunity(org["rep1"], stage=3)

    html = parse(page(client_for(org["rep1"]), deal).content)

    groups = find_all(html, "div", cls="sb-group")
    assert [text(find(g, "div", cls="sb-label")) for g in groups] == [
        "Search",
        "In funnel",
        "Best",
    ]
    assert [len(find_all(g, "li")) for g in groups] == [2, 3, 3]
    assert text(find(html, "li", aria_current="step")).startswith("3 Solution design")
    assert len(find_all(html, "li", cls="done")) >= 2


def test_the_checklist_shows_who_ticked_each_milestone_and_when(
    org, make_opportunity, tick_all_milestones, client_for
):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal, user=org["manager1"], evidence="Board minutes")

    checklist = text(find(parse(page(client_for(org["rep1"]), deal).content), id="milestones"))

    assert checklist.count("Ticked by manager1") == 2
    assert "Project analysed" in checklist


def test_earlier_stages_checks_are_listed_read_only(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"], stage=2)

    html = parse(page(client_for(org["rep1"]), deal).content)

    earlier = find(html, "div", cls="earlier-checks")
    assert "1. Project initiation" in text(earlier)
    assert "Initiation approved internally" in text(earlier)
    assert not find_all(earlier, "input")


def test_the_playbook_shows_the_stages_goals_and_key_actions(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"], stage=2)

    playbook = text(find(parse(page(client_for(org["rep1"]), deal).content), id="playbook"))

    assert "Sales goals" in playbook and "Confirm the needs" in playbook
    assert "Key actions" in playbook and "Secure an inside coach (ally)" in playbook
    assert playbook.index("Sales goals") < playbook.index("Key actions")


def test_the_qualification_score_reads_as_points_and_answers(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    qualification_set(
        opportunity=deal,
        acting_user=org["rep1"],
        need="yes",
        decision_process="yes",
        budget="partly",
        relationship="yes",
    )

    html = parse(page(client_for(org["rep1"]), deal).content)

    assert text(find(html, id="qualification-score")) == "7/10 · 4 of 5 answered"


def test_coverage_warnings_and_next_actions_are_shown(
    org, make_opportunity, make_contact, client_for
):
    deal = make_opportunity(org["rep1"], stage=2)
    wang = make_contact(deal.account, name="Wang Fang", decision_role="decision_maker")
    wang.attitude = "hostile"
    wang.save()
    deal_contact_set(opportunity=deal, contact=wang, acting_user=org["rep1"])

    html = parse(page(client_for(org["rep1"]), deal).content)

    warnings = text(find(html, id="warnings"))
    assert "Wang Fang resists or is hostile" in warnings
    assert "No ally (inside coach) yet" in warnings
    actions = text(find(html, id="next-actions"))
    assert "Win over Wang Fang, who is hostile" in actions
    assert "Record their style" in actions


def test_the_buying_centre_shows_attitude_ally_and_vip(
    org, make_opportunity, make_contact, client_for
):
    deal = make_opportunity(org["rep1"])
    li = make_contact(
        deal.account, name="Li Wei", attitude="accepts", is_ally=True, social_style="analytical"
    )
    deal_contact_set(
        opportunity=deal,
        contact=li,
        acting_user=org["rep1"],
        decision_role="technical_recommender",
        is_key_person=True,
    )

    people = text(find(parse(page(client_for(org["rep1"]), deal).content), id="people"))

    assert "Li Wei" in people
    assert "Ally" in people and "VIP" in people
    assert "Accepts" in people and "Technical recommender" in people and "Analytical" in people


def test_the_stage_history_gives_who_when_and_days(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"], stage=2)

    rows = find_all(
        find(parse(page(client_for(org["rep1"]), deal).content), id="stage-history"), "tr"
    )

    assert [r for r in map(text, rows[1:])][1].endswith("Advanced rep1 — 0")
    assert len(rows) == 3


def test_the_skip_gate_is_offered_only_to_the_owners_manager(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])

    rep_page = page(client_for(org["rep1"]), deal).content.decode()
    manager_page = page(client_for(org["manager1"]), deal).content.decode()

    assert 'id="skip-gate"' not in rep_page
    assert 'id="skip-gate"' in manager_page


def test_a_deal_not_at_its_last_stage_offers_only_lost_or_abandoned(
    org, make_opportunity, client_for
):
    deal = make_opportunity(org["rep1"])

    html = parse(page(client_for(org["rep1"]), deal).content)

    results = [r for r in find_all(html, "input") if dict(r.attributes).get("name") == "result"]
    assert [dict(r.attributes)["value"] for r in results] == ["lost", "abandoned"]


def test_the_field_history_is_shown(org, make_opportunity, client_for):
    deal = make_opportunity(org["rep1"])
    competitor_add(opportunity=deal, acting_user=org["rep1"], name="Siemens", strength="strong")

    html = page(client_for(org["rep1"]), deal)

    assert len(html.context["history"]) > 0
    assert "Siemens" in text(find(parse(html.content), id="competitors"))
