"""Which benefits the proposal page offers: the opportunity's own products first, then other
active products, never one already picked."""

from salesflow.playbook.models import Benefit
from salesflow.playbook.selectors import (
    proposal_candidates_from_lines,
    proposal_candidates_other,
    proposal_outline,
)
from salesflow.playbook.services import product_update, proposal_benefit_add


def texts(benefits) -> list[str]:
    return [benefit.text for benefit in benefits]


def test_candidates_split_by_the_products_on_the_lines(org, make_opportunity, make_product, sell):
    sold = make_product(
        "Sold", [("F", "A", [("revenue", "More orders"), ("quality", "Fewer rejects")])]
    )
    make_product("Other", [("F", "A", [("cost", "Cheaper")])])
    make_product("Retired", [("F", "A", [("cost", "Old benefit")])], is_active=False)
    opportunity = make_opportunity(org["rep1"])
    sell(opportunity, sold)

    assert texts(proposal_candidates_from_lines(opportunity)) == ["Fewer rejects", "More orders"]
    assert texts(proposal_candidates_other(opportunity)) == ["Cheaper"]


def test_a_picked_benefit_is_no_longer_a_candidate(org, make_opportunity, make_product):
    make_product("Other", [("F", "A", [("cost", "Cheaper"), ("time", "Faster")])])
    opportunity = make_opportunity(org["rep1"])
    proposal_benefit_add(
        opportunity=opportunity,
        benefit=Benefit.objects.get(text="Cheaper"),
        customer_need="Budget",
        acting_user=org["rep1"],
    )

    assert texts(proposal_candidates_other(opportunity)) == ["Faster"]


def test_other_candidates_narrow_by_words_and_kind(org, make_opportunity, make_product):
    make_product("Historian", [("Archive", "Ten years online", [("quality", "Audits pass")])])
    make_product("Scada", [("Web client", "Any browser", [("cost", "No licences")])])
    opportunity = make_opportunity(org["rep1"])

    assert texts(proposal_candidates_other(opportunity, q="ten years")) == ["Audits pass"]
    assert texts(proposal_candidates_other(opportunity, kind="cost")) == ["No licences"]


def test_the_outline_groups_picks_by_kind_in_the_methods_order(org, make_opportunity, make_product):
    make_product(
        "P",
        [("F", "A", [("revenue", "R"), ("cost", "C1"), ("quality", "Q"), ("cost", "C2")])],
    )
    opportunity = make_opportunity(org["rep1"])
    for text in ["R", "C2", "Q", "C1"]:
        proposal_benefit_add(
            opportunity=opportunity,
            benefit=Benefit.objects.get(text=text),
            customer_need="Need",
            acting_user=org["rep1"],
        )

    outline = proposal_outline(opportunity)

    assert [(g.kind, [row.benefit.text for row in g.items]) for g in outline] == [
        ("quality", ["Q"]),
        ("cost", ["C2", "C1"]),
        ("revenue", ["R"]),
    ]


def test_an_inactive_product_still_offers_its_benefits_to_deals_that_sell_it(
    org, make_opportunity, make_product, sell
):
    product = make_product("Legacy", [("F", "A", [("cost", "Known costs")])])
    opportunity = make_opportunity(org["rep1"])
    sell(opportunity, product)

    product_update(product=product, acting_user=org["manager1"], is_active=False)

    assert texts(proposal_candidates_from_lines(opportunity)) == ["Known costs"]
