"""Buying-centre coverage of a deal (§4): who is missing or against us, given where the customer
is. One test per rule, and the rule satisfied when the right person is in the deal."""

import pytest

from salesflow.pipeline.coverage import coverage_warnings
from salesflow.pipeline.models import BuyingStage, Opportunity
from salesflow.pipeline.selectors import opportunity_search, with_deal_contacts
from salesflow.pipeline.services import deal_contact_set


@pytest.fixture
def add_person(make_contact):
    """add_person(deal, deal_role="", **contact_fields) puts a new contact of the deal's account
    into the deal's buying centre."""

    def add(deal: Opportunity, deal_role: str = "", **contact_fields):
        contact = make_contact(deal.account, **contact_fields)
        deal_contact_set(
            opportunity=deal, contact=contact, acting_user=deal.owner, decision_role=deal_role
        )
        return contact

    return add


def warning_codes(deal: Opportunity) -> list[str]:
    fresh = with_deal_contacts(Opportunity.objects.select_related("stage")).get(pk=deal.pk)
    return [w.code for w in coverage_warnings(fresh)]


def warnings_by_code(deal: Opportunity) -> dict:
    fresh = with_deal_contacts(Opportunity.objects.select_related("stage")).get(pk=deal.pk)
    return {w.code: w for w in coverage_warnings(fresh)}


def at_buying_stage(deal: Opportunity, buying_stage: str) -> Opportunity:
    stage = deal.stage
    stage.buying_stage = buying_stage
    stage.save()
    return deal


# --- no decision maker -------------------------------------------------------------------------


def test_a_deal_without_a_decision_maker_is_warned(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"])
    add_person(deal, decision_role="influencer")

    assert "no_decision_maker" in warning_codes(deal)


def test_a_decision_maker_in_the_deal_clears_the_warning(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"])
    add_person(deal, decision_role="decision_maker")

    assert "no_decision_maker" not in warning_codes(deal)


def test_a_decision_maker_of_the_account_who_is_not_in_the_deal_does_not_count(
    org, make_opportunity, make_contact
):
    deal = make_opportunity(org["rep1"])
    make_contact(deal.account, decision_role="decision_maker")

    assert "no_decision_maker" in warning_codes(deal)


# --- no ally from stage 2 on ---------------------------------------------------------------------


def test_a_deal_at_stage_1_is_not_yet_warned_about_an_ally(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    assert "no_ally" not in warning_codes(deal)


def test_a_deal_from_stage_2_on_without_an_ally_is_warned(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"], stage=2)
    add_person(deal, decision_role="decision_maker")

    assert "no_ally" in warning_codes(deal)


def test_an_ally_in_the_deal_clears_the_warning(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"], stage=5)
    add_person(deal, is_ally=True)

    assert "no_ally" not in warning_codes(deal)


# --- a resisting or hostile person with a say in the decision ----------------------------------------


@pytest.mark.parametrize("attitude", ["resists", "hostile"])
@pytest.mark.parametrize(
    "role",
    ["decision_maker", "technical_recommender", "financial_recommender", "management_recommender"],
)
def test_an_opposed_person_with_a_decision_or_recommender_role_is_warned(
    org, make_opportunity, add_person, attitude, role
):
    deal = make_opportunity(org["rep1"])
    opponent = add_person(deal, name="Zhao", decision_role=role, attitude=attitude)

    warning = warnings_by_code(deal)["opposed_decider"]

    assert warning.contact_ids == (opponent.pk,)
    assert "Zhao" in warning.message


def test_an_opposed_influencer_is_not_warned_about(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"])
    add_person(deal, decision_role="influencer", attitude="hostile")

    assert "opposed_decider" not in warning_codes(deal)


@pytest.mark.parametrize("attitude", ["accepts", "doubts", "indifferent", ""])
def test_a_decision_maker_who_is_not_against_us_is_not_warned_about(
    org, make_opportunity, add_person, attitude
):
    deal = make_opportunity(org["rep1"])
    add_person(deal, decision_role="decision_maker", attitude=attitude)

    assert "opposed_decider" not in warning_codes(deal)


def test_every_opposed_decider_is_named_in_one_warning(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"])
    zhao = add_person(deal, name="Zhao", decision_role="decision_maker", attitude="resists")
    qian = add_person(deal, name="Qian", decision_role="financial_recommender", attitude="hostile")

    warning = warnings_by_code(deal)["opposed_decider"]

    assert set(warning.contact_ids) == {zhao.pk, qian.pk}
    assert "Zhao" in warning.message
    assert "Qian" in warning.message


# --- the roles the customer's buying stage needs (§4 "who matters when") ---------------------------

# domain.md §4: buying stage -> the participants who matter then.
NEEDED = {
    BuyingStage.INTENT: {"users", "influencers"},
    BuyingStage.RESEARCH: {"gatekeepers", "users"},
    BuyingStage.PRESELECTION: {"influencers", "recommenders"},
    BuyingStage.COMPARISON: {"purchasers", "users"},
    BuyingStage.DECISION: {"decision_makers", "purchasers"},
    BuyingStage.USE: {"users", "purchasers"},
}
# A contact that fills each participant group.
FILLS = {
    "users": {"buying_role": "user"},
    "influencers": {"decision_role": "influencer"},
    "gatekeepers": {"buying_role": "gatekeeper"},
    "recommenders": {"decision_role": "technical_recommender"},
    "purchasers": {"buying_role": "purchaser"},
    "decision_makers": {"decision_role": "decision_maker"},
}


def missing_groups(deal: Opportunity) -> set[str]:
    return {c.removeprefix("missing_") for c in warning_codes(deal) if c.startswith("missing_")}


@pytest.mark.parametrize("buying_stage", list(NEEDED), ids=str)
def test_each_buying_stage_warns_about_the_participants_it_needs_when_nobody_fills_them(
    org, make_opportunity, buying_stage
):
    deal = at_buying_stage(make_opportunity(org["rep1"]), buying_stage)

    # A missing decision maker is already its own warning (no_decision_maker), never said twice.
    assert missing_groups(deal) == NEEDED[buying_stage] - {"decision_makers"}


def test_a_missing_decision_maker_at_the_decision_stage_is_one_warning_not_two(
    org, make_opportunity
):
    deal = at_buying_stage(make_opportunity(org["rep1"]), BuyingStage.DECISION)

    codes = list(warning_codes(deal))
    assert codes.count("no_decision_maker") == 1
    assert "missing_decision_makers" not in codes


@pytest.mark.parametrize("buying_stage", list(NEEDED), ids=str)
def test_each_buying_stage_is_satisfied_when_its_participants_are_in_the_deal(
    org, make_opportunity, add_person, buying_stage
):
    deal = at_buying_stage(make_opportunity(org["rep1"]), buying_stage)
    for group in NEEDED[buying_stage]:
        add_person(deal, **FILLS[group])

    assert missing_groups(deal) == set()


@pytest.mark.parametrize("buying_stage", list(NEEDED), ids=str)
def test_one_missing_participant_group_is_named_on_its_own(
    org, make_opportunity, add_person, buying_stage
):
    deal = at_buying_stage(make_opportunity(org["rep1"]), buying_stage)
    present, absent = sorted(NEEDED[buying_stage])
    add_person(deal, **FILLS[present])

    assert missing_groups(deal) == {absent}


def test_the_missing_participants_warning_names_the_buying_stage_and_the_group(
    org, make_opportunity
):
    deal = at_buying_stage(make_opportunity(org["rep1"]), BuyingStage.RESEARCH)

    message = warnings_by_code(deal)["missing_gatekeepers"].message

    assert "Research" in message
    assert "gatekeepers" in message


def test_a_stage_without_a_buying_stage_asks_for_no_participants(org, make_opportunity):
    deal = at_buying_stage(make_opportunity(org["rep1"]), "")

    assert missing_groups(deal) == set()


def test_the_eight_step_stages_ask_for_the_participants_of_their_buying_stage(
    org, make_opportunity
):
    # Stage 6 "Project evaluation": the customer compares suppliers in depth.
    deal = make_opportunity(org["rep1"], stage=6)

    assert missing_groups(deal) == {"purchasers", "users"}


# --- the deal role overrides the contact's usual role --------------------------------------------


def test_the_role_in_this_deal_overrides_the_contacts_usual_role(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"])
    add_person(deal, deal_role="decision_maker", decision_role="influencer")

    person = deal.deal_contacts.get()

    assert person.effective_decision_role == "decision_maker"
    assert "no_decision_maker" not in warning_codes(deal)


def test_without_a_deal_role_the_contacts_usual_role_counts(org, make_opportunity, add_person):
    deal = make_opportunity(org["rep1"])
    add_person(deal, deal_role="", decision_role="decision_maker")

    assert deal.deal_contacts.get().effective_decision_role == "decision_maker"
    assert "no_decision_maker" not in warning_codes(deal)


def test_a_usual_decision_maker_playing_influencer_in_this_deal_is_not_the_decision_maker(
    org, make_opportunity, add_person
):
    deal = make_opportunity(org["rep1"])
    add_person(deal, deal_role="influencer", decision_role="decision_maker", attitude="hostile")

    codes = warning_codes(deal)

    assert "no_decision_maker" in codes
    assert "opposed_decider" not in codes


# --- cost on a list of cards --------------------------------------------------------------------


@pytest.mark.parametrize("deals", [5, 50])
def test_warnings_for_a_list_of_deals_cost_a_constant_number_of_queries(
    org, make_opportunity, add_person, django_assert_max_num_queries, deals
):
    account_deal = make_opportunity(org["rep1"])
    for n in range(deals - 1):
        deal = make_opportunity(org["rep1"], account=account_deal.account, name=f"Deal {n}")
        add_person(deal, decision_role="decision_maker", attitude="resists", is_ally=True)

    with django_assert_max_num_queries(3):
        cards = with_deal_contacts(opportunity_search(org["rep1"]))
        warned = [coverage_warnings(card) for card in cards]

    assert len(warned) == deals
