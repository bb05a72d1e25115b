"""The deal's buying centre, competitors and product lines."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salesflow.pipeline.models import Competitor, OpportunityContact, OpportunityLine
from salesflow.pipeline.services import (
    competitor_add,
    competitor_remove,
    deal_contact_remove,
    deal_contact_set,
    line_add,
    line_remove,
)
from salesflow.playbook.models import Product


def test_a_person_of_the_account_joins_the_deal_with_a_role(org, make_opportunity, make_contact):
    deal = make_opportunity(org["rep1"])
    cio = make_contact(deal.account, name="Wang", decision_role="influencer")

    person = deal_contact_set(
        opportunity=deal,
        contact=cio,
        acting_user=org["rep1"],
        decision_role="decision_maker",
        is_key_person=True,
    )

    assert (person.decision_role, person.is_key_person) == ("decision_maker", True)
    assert person.effective_decision_role == "decision_maker"


def test_setting_the_same_person_again_changes_their_role_instead_of_adding_them(
    org, make_opportunity, make_contact
):
    deal = make_opportunity(org["rep1"])
    cio = make_contact(deal.account)
    deal_contact_set(
        opportunity=deal, contact=cio, acting_user=org["rep1"], decision_role="influencer"
    )

    deal_contact_set(opportunity=deal, contact=cio, acting_user=org["rep1"], decision_role="")

    assert OpportunityContact.objects.get(opportunity=deal).decision_role == ""


def test_a_person_of_another_account_is_refused(org, make_account, make_opportunity, make_contact):
    deal = make_opportunity(org["rep1"])
    stranger = make_contact(make_account(org["rep1"]))

    with pytest.raises(ValidationError) as caught:
        deal_contact_set(opportunity=deal, contact=stranger, acting_user=org["rep1"])

    assert list(caught.value.message_dict) == ["contact"]
    assert not OpportunityContact.objects.exists()


def test_an_unknown_role_is_refused_and_the_person_is_not_added(
    org, make_opportunity, make_contact
):
    deal = make_opportunity(org["rep1"])

    with pytest.raises(ValidationError) as caught:
        deal_contact_set(
            opportunity=deal,
            contact=make_contact(deal.account),
            acting_user=org["rep1"],
            decision_role="kingmaker",
        )

    assert "decision_role" in caught.value.message_dict
    assert not OpportunityContact.objects.exists()


def test_a_person_leaves_the_deal(org, make_opportunity, make_contact):
    deal = make_opportunity(org["rep1"])
    cio = make_contact(deal.account)
    deal_contact_set(opportunity=deal, contact=cio, acting_user=org["rep1"])

    deal_contact_remove(opportunity=deal, contact=cio, acting_user=org["rep1"])

    assert not OpportunityContact.objects.exists()


def test_competitors_are_added_with_their_strength_and_removed(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    rival = competitor_add(
        opportunity=deal, acting_user=org["rep1"], name="Kingdee", strength="strong"
    )
    assert list(deal.competitors.values_list("name", "strength")) == [("Kingdee", "strong")]

    competitor_remove(competitor=rival, acting_user=org["rep1"])
    assert not Competitor.objects.exists()


def test_a_competitor_needs_a_known_strength(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    with pytest.raises(ValidationError) as caught:
        competitor_add(opportunity=deal, acting_user=org["rep1"], name="Kingdee", strength="huge")

    assert list(caught.value.message_dict) == ["strength"]


def test_a_product_line_totals_quantity_times_unit_price_and_can_be_removed(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    product = Product.objects.create(name="MES licence")

    line = line_add(
        opportunity=deal,
        acting_user=org["rep1"],
        product=product,
        quantity=Decimal("3"),
        unit_price=Decimal("12000"),
    )
    assert line.total == Decimal("36000")

    line_remove(line=line, acting_user=org["rep1"])
    assert not OpportunityLine.objects.exists()


def test_a_negative_quantity_is_refused(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    product = Product.objects.create(name="MES licence")

    with pytest.raises(ValidationError) as caught:
        line_add(
            opportunity=deal,
            acting_user=org["rep1"],
            product=product,
            quantity=Decimal("-1"),
            unit_price=Decimal("12000"),
        )

    assert list(caught.value.message_dict) == ["quantity"]
