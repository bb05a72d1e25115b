"""Next best actions: what they are built from, how they are ranked, and the social-style advice
for the person an action concerns."""

import pytest

from salesflow.contacts.social_styles import advise
from salesflow.pipeline.models import Answer, DecisionCycleState
from salesflow.pipeline.next_actions import (
    MAX_ACTIONS,
    next_best_actions,
    posture_for,
)
from salesflow.pipeline.selectors import milestones_of
from salesflow.pipeline.services import deal_contact_set, opportunity_close, qualification_set


@pytest.fixture
def add_person(make_contact):
    """add_person(deal, **contact_fields) puts a new contact of the deal's account in the deal."""

    def add(deal, *, deal_role="", **fields):
        contact = make_contact(deal.account, **fields)
        deal_contact_set(
            opportunity=deal, contact=contact, acting_user=deal.owner, decision_role=deal_role
        )
        deal.refresh_from_db()
        return contact

    return add


@pytest.fixture
def covered_stage_1_deal(org, make_opportunity, add_person, tick_all_milestones):
    """A stage 1 deal with its milestones met, all five questions "yes", and the people the
    intent stage needs (users and influencers), decision maker included."""
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)
    qualification_set(
        opportunity=deal,
        acting_user=deal.owner,
        need="yes",
        decision_process="yes",
        budget="yes",
        relationship="yes",
        worth="yes",
    )
    add_person(deal, name="Boss", decision_role="decision_maker", buying_role="user")
    add_person(deal, name="Engineer", decision_role="influencer")
    deal.refresh_from_db()
    return deal


def actions_for(deal, user):
    deal.refresh_from_db()
    return next_best_actions(deal, user)


def test_unmet_milestones_come_first_with_the_gate_they_hold_closed(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    actions = actions_for(deal, org["rep1"])

    texts = [m.text for m in milestones_of(deal.stage)]
    assert [a.text for a in actions[:2]] == texts
    assert {a.kind for a in actions[:2]} == {"milestone"}
    assert "stage 1 (Project initiation)" in actions[0].reason


def test_a_met_milestone_is_not_listed(org, make_opportunity, tick_all_milestones):
    deal = make_opportunity(org["rep1"])
    tick_all_milestones(deal)

    actions = actions_for(deal, org["rep1"])

    assert "milestone" not in {a.kind for a in actions}


def test_with_nothing_else_missing_the_playbooks_key_actions_are_listed(org, covered_stage_1_deal):
    actions = actions_for(covered_stage_1_deal, org["rep1"])

    assert [a.kind for a in actions] == ["playbook", "playbook"]
    assert actions[0].text == "Research the prospect and its strategic goals"
    assert "playbook of stage 1" in actions[0].reason


def test_the_playbooks_goals_are_not_actions(org, covered_stage_1_deal):
    actions = actions_for(covered_stage_1_deal, org["rep1"])

    assert "Plan the strategy" not in [a.text for a in actions]


def test_an_unknown_answer_the_next_stage_needs_ranks_right_after_the_milestones(
    org, make_opportunity, answer_all_qualification, add_person
):
    deal = answer_all_qualification(make_opportunity(org["rep1"], stage=2))
    qualification_set(opportunity=deal, acting_user=deal.owner, budget=Answer.UNKNOWN)
    add_person(deal, name="Boss", decision_role="decision_maker", attitude="hostile")

    actions = actions_for(deal, org["rep1"])

    assert [a.kind for a in actions[:3]] == ["milestone", "milestone", "qualification"]
    assert "Money: do we know the customer's budget" in actions[2].text
    assert "Stage 3 (Solution design) needs it" in actions[2].reason
    assert actions[3].text == "Win over Boss, who is hostile"


def test_a_no_answer_comes_before_an_unknown_one(org, covered_stage_1_deal):
    deal = covered_stage_1_deal
    qualification_set(
        opportunity=deal, acting_user=deal.owner, need=Answer.UNKNOWN, worth=Answer.NO
    )

    actions = [a for a in actions_for(deal, org["rep1"]) if a.kind == "qualification"]

    assert [a.text.split(":")[0] for a in actions] == ["Turn the “no” around", "Find out"]
    assert "Worth" in actions[0].text
    assert actions[0].reason == "The answer is no: a weak point of this deal."


def test_at_most_two_qualification_questions_are_listed(
    org, covered_stage_1_deal, answer_all_qualification
):
    answer_all_qualification(covered_stage_1_deal, Answer.UNKNOWN)

    actions = actions_for(covered_stage_1_deal, org["rep1"])

    assert [a.kind for a in actions] == ["qualification"] * 2 + ["playbook"] * 2
    assert [a.text for a in actions[:2]] == [
        "Find out: Need: do we have a solution that meets the customer's need?",
        "Find out: Decision process and time frame: do we know how and when the customer decides?",
    ]


def test_the_list_is_short_and_ranked(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=2)
    qualification_set(opportunity=deal, acting_user=deal.owner, need=Answer.NO)

    actions = actions_for(deal, org["rep1"])

    assert len(actions) == MAX_ACTIONS
    assert [a.priority for a in actions] == sorted((a.priority for a in actions), reverse=True)


def test_no_decision_maker_asks_to_find_and_meet_one(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    actions = actions_for(deal, org["rep1"])

    finding = [a for a in actions if a.text == "Find and meet the decision maker"]
    assert finding[0].reason == "No decision maker identified."


def test_a_resisting_decider_is_to_be_won_over_with_advice_for_their_style(
    org, covered_stage_1_deal, add_person
):
    org["rep1"].social_style = "driver"
    add_person(
        covered_stage_1_deal,
        name="Wang Fang",
        attitude="resists",
        social_style="amiable",
        deal_role="financial_recommender",
    )

    action = actions_for(covered_stage_1_deal, org["rep1"])[0]

    assert action.text == "Win over Wang Fang, who resists"
    assert action.reason == "Wang Fang has a say in the decision as Financial recommender."
    assert action.person.contact.name == "Wang Fang"
    assert action.person.advice == advise(own_style="driver", their_style="amiable")


def test_without_the_persons_style_the_action_says_it_is_missing(
    org, covered_stage_1_deal, add_person
):
    org["rep1"].social_style = "driver"
    add_person(covered_stage_1_deal, name="Wang Fang", attitude="resists", deal_role="influencer")
    add_person(
        covered_stage_1_deal, name="Zhao Lei", attitude="hostile", decision_role="decision_maker"
    )

    action = actions_for(covered_stage_1_deal, org["rep1"])[0]

    assert action.person.contact.name == "Zhao Lei"
    assert (action.person.advice, action.person.missing) == (None, "theirs")


def test_without_the_users_own_style_the_action_says_theirs_is_needed(
    org, covered_stage_1_deal, add_person
):
    add_person(
        covered_stage_1_deal,
        name="Zhao Lei",
        attitude="hostile",
        decision_role="decision_maker",
        social_style="driver",
    )

    action = actions_for(covered_stage_1_deal, org["rep1"])[0]

    assert (action.person.advice, action.person.missing) == (None, "yours")


def test_from_stage_2_someone_who_accepts_us_is_suggested_as_the_ally(
    org, make_opportunity, add_person
):
    deal = make_opportunity(org["rep1"], stage=2)
    add_person(deal, name="Friendly user", attitude="accepts", buying_role="user")
    add_person(
        deal,
        name="Friendly CTO",
        attitude="accepts",
        decision_role="technical_recommender",
        social_style="analytical",
    )

    ally = [a for a in actions_for(deal, org["rep1"]) if "ally" in a.text]

    assert ally[0].text == "Make Friendly CTO your ally (inside coach)"
    assert ally[0].person.contact.name == "Friendly CTO"
    assert "Friendly CTO already accepts us." in ally[0].reason


def test_a_role_the_buying_stage_needs_asks_to_involve_it(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"])
    add_person(deal, name="Boss", decision_role="decision_maker")

    texts = [a.text for a in actions_for(deal, org["rep1"])]

    assert "Involve the customer's users" in texts
    assert "Involve the customer's influencers" in texts


def test_a_closed_deal_has_nothing_left_to_do(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    opportunity_close(
        opportunity=deal, acting_user=deal.owner, result="abandoned", reason="Budget cut"
    )

    assert actions_for(deal, org["rep1"]) == []


@pytest.mark.parametrize(
    ("state", "posture"),
    [
        (DecisionCycleState.SATISFIED, "Prepare"),
        (DecisionCycleState.ACTS, "Probe needs"),
        (DecisionCycleState.EVALUATES, "Present a competitive solution"),
        (DecisionCycleState.IMPLEMENTS, "Follow through"),
    ],
)
def test_the_decision_cycle_state_gives_our_posture(state, posture, org, make_opportunity):
    deal = make_opportunity(org["rep1"], decision_cycle_state=state)

    assert str(posture_for(deal).name) == posture
