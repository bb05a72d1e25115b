"""Benefits picked into an opportunity's proposal outline, each with the customer need it
answers."""

import pytest
from django.core.exceptions import ValidationError

from salesflow.pipeline.services import opportunity_close
from salesflow.playbook import services
from salesflow.playbook.models import Benefit, ProposalBenefit


@pytest.fixture
def benefit(make_product) -> Benefit:
    make_product(
        "DCS-500",
        [("Redundant controllers", "No stop when one fails", [("time", "No unplanned downtime")])],
    )
    return Benefit.objects.get()


def test_a_benefit_is_picked_with_the_need_it_answers(org, make_opportunity, benefit):
    opportunity = make_opportunity(org["rep1"])

    picked = services.proposal_benefit_add(
        opportunity=opportunity,
        benefit=benefit,
        customer_need="  Line stops cost ¥2m a day  ",
        acting_user=org["rep1"],
    )

    assert picked.customer_need == "Line stops cost ¥2m a day"
    assert list(opportunity.proposal_benefits.all()) == [picked]


def test_a_benefit_without_a_need_is_refused(org, make_opportunity, benefit):
    with pytest.raises(ValidationError) as refused:
        services.proposal_benefit_add(
            opportunity=make_opportunity(org["rep1"]),
            benefit=benefit,
            customer_need=" ",
            acting_user=org["rep1"],
        )

    assert "Say which of the customer's needs" in refused.value.message_dict["customer_need"][0]


def test_the_same_benefit_is_picked_once(org, make_opportunity, benefit):
    opportunity = make_opportunity(org["rep1"])
    services.proposal_benefit_add(
        opportunity=opportunity, benefit=benefit, customer_need="Uptime", acting_user=org["rep1"]
    )

    with pytest.raises(ValidationError) as refused:
        services.proposal_benefit_add(
            opportunity=opportunity, benefit=benefit, customer_need="Again", acting_user=org["rep1"]
        )

    assert "already in the outline" in refused.value.message_dict["benefit"][0]


def test_the_need_can_be_reworded_and_the_benefit_removed(org, make_opportunity, benefit):
    opportunity = make_opportunity(org["rep1"])
    picked = services.proposal_benefit_add(
        opportunity=opportunity, benefit=benefit, customer_need="Uptime", acting_user=org["rep1"]
    )

    services.proposal_benefit_update(
        proposal_benefit=picked, customer_need="Fewer stops", acting_user=org["rep1"]
    )
    assert ProposalBenefit.objects.get().customer_need == "Fewer stops"

    services.proposal_benefit_remove(proposal_benefit=picked, acting_user=org["rep1"])
    assert not ProposalBenefit.objects.exists()


def test_a_closed_opportunitys_outline_stays_as_it_was(org, make_opportunity, benefit):
    opportunity = make_opportunity(org["rep1"])
    opportunity_close(opportunity=opportunity, acting_user=org["rep1"], result="lost", reason="x")

    with pytest.raises(ValidationError) as refused:
        services.proposal_benefit_add(
            opportunity=opportunity,
            benefit=benefit,
            customer_need="Uptime",
            acting_user=org["rep1"],
        )

    assert "closed" in refused.value.message_dict["opportunity"][0]
