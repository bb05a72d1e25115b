"""The proposal outline page of an opportunity: visibility, the opportunity's products first,
picking with the need, and the printable outline grouped by kind of benefit."""

import pytest
from django.urls import reverse

from salesflow.accounts.tests.views.html import find, find_all, parse, text
from salesflow.pipeline.services import opportunity_close
from salesflow.playbook.models import Benefit, ProposalBenefit
from salesflow.playbook.services import proposal_benefit_add


@pytest.fixture
def library(make_product):
    dcs = make_product(
        "DCS-500",
        [
            (
                "Redundant controllers",
                "The plant keeps running when one controller fails",
                [("time", "No unplanned downtime"), ("quality", "Stable batches")],
            )
        ],
    )
    make_product(
        "Scada Lite", [("Web client", "Any browser works", [("cost", "No client licences")])]
    )
    return dcs


@pytest.fixture
def opportunity(org, make_account, make_opportunity, library, sell):
    deal = make_opportunity(org["rep1"], account=make_account(org["rep1"], name="Baosteel"))
    sell(deal, library)
    return deal


def url(name, opportunity, *args):
    return reverse(f"playbook:{name}", args=[opportunity.pk, *args])


def pick(user, opportunity, text_, need):
    return proposal_benefit_add(
        opportunity=opportunity,
        benefit=Benefit.objects.get(text=text_),
        customer_need=need,
        acting_user=user,
    )


def candidate_texts(page, section_id):
    section = find(page, "section", id=section_id)
    return [text(find(row, "td")) for row in find_all(section, "tr")[1:]]


@pytest.mark.parametrize("name", ["proposal", "proposal_print"])
def test_another_reps_opportunity_is_404(org, opportunity, client_for, name):
    assert client_for(org["rep2"]).get(url(name, opportunity)).status_code == 404


def test_another_rep_cannot_add_to_the_outline(org, opportunity, client_for):
    benefit = Benefit.objects.get(text="Stable batches")

    response = client_for(org["rep3"]).post(
        url("proposal_add", opportunity), {"benefit": benefit.pk, "customer_need": "x"}
    )

    assert response.status_code == 404
    assert not ProposalBenefit.objects.exists()


def test_the_owners_manager_sees_the_proposal(org, opportunity, client_for):
    assert client_for(org["manager1"]).get(url("proposal", opportunity)).status_code == 200


def test_the_opportunitys_own_products_come_first_and_others_below(org, opportunity, client_for):
    page = parse(client_for(org["rep1"]).get(url("proposal", opportunity)).content)

    assert candidate_texts(page, "from-lines") == [
        "Quality Stable batches",
        "Time No unplanned downtime",
    ]
    assert candidate_texts(page, "other") == ["Cost No client licences"]


def test_a_picked_benefit_moves_from_the_candidates_into_the_outline(org, opportunity, client_for):
    client = client_for(org["rep1"])
    benefit = Benefit.objects.get(text="Stable batches")

    response = client.post(
        url("proposal_add", opportunity),
        {"benefit": benefit.pk, "customer_need": "Batches vary from shift to shift"},
    )
    page = parse(client.get(response.url).content)

    outline = find(page, "section", id="outline")
    assert "Batches vary from shift to shift" in str(outline)
    assert "Stable batches" in text(outline)
    assert candidate_texts(page, "from-lines") == ["Time No unplanned downtime"]


def test_a_pick_without_a_need_is_refused_in_its_row(org, opportunity, client_for):
    benefit = Benefit.objects.get(text="Stable batches")

    response = client_for(org["rep1"]).post(
        url("proposal_add", opportunity), {"benefit": benefit.pk, "customer_need": ""}
    )

    assert response.status_code == 400
    row = find(parse(response.content), "tr", data_benefit=str(benefit.pk))
    assert "Say which of the customer's needs this benefit answers." in text(row)
    assert not ProposalBenefit.objects.exists()


def test_the_other_products_can_be_searched_in_place(org, opportunity, make_product, client_for):
    make_product("Historian", [("Archive", "Ten years online", [("quality", "Audits pass")])])

    response = client_for(org["rep1"]).get(
        url("proposal", opportunity), {"q": "audits"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert "Audits pass" in html
    assert "No client licences" not in html


def test_the_need_is_reworded_and_a_benefit_removed(org, opportunity, client_for):
    picked = pick(org["rep1"], opportunity, "Stable batches", "Quality")
    client = client_for(org["rep1"])

    client.post(url("proposal_need", opportunity, picked.pk), {"customer_need": "Scrap rate"})
    assert ProposalBenefit.objects.get().customer_need == "Scrap rate"

    client.post(url("proposal_remove", opportunity, picked.pk))
    assert not ProposalBenefit.objects.exists()


def test_a_closed_opportunity_shows_its_outline_without_forms(org, opportunity, client_for):
    pick(org["rep1"], opportunity, "Stable batches", "Scrap rate")
    opportunity_close(opportunity=opportunity, acting_user=org["rep1"], result="lost", reason="x")

    html = client_for(org["rep1"]).get(url("proposal", opportunity)).content.decode()

    assert "Scrap rate" in html
    assert url("proposal_add", opportunity) not in html
    assert "its proposal outline stays as it was" in html


def test_the_printable_outline_reads_need_feature_advantage_benefit_by_kind(
    org, opportunity, client_for
):
    pick(org["rep1"], opportunity, "No client licences", "IT budget is frozen")
    pick(org["rep1"], opportunity, "No unplanned downtime", "Line stops cost ¥2m a day")
    pick(org["rep1"], opportunity, "Stable batches", "Batches vary between shifts")

    page = parse(client_for(org["rep1"]).get(url("proposal_print", opportunity)).content)

    assert text(find(page, "h1")) == "Baosteel"
    assert text(find(page, "p", data_testid="opportunity")) == "Plant automation"
    groups = find_all(page, "section", cls="sheet-group")
    assert [text(find(group, "h2")) for group in groups] == ["Quality", "Cost", "Time"]
    assert [text(cell) for cell in find_all(find(groups[2], "tbody"), "td")] == [
        "Line stops cost ¥2m a day",
        "Redundant controllers DCS-500",
        "The plant keeps running when one controller fails",
        "No unplanned downtime",
    ]


def test_the_printable_outline_has_no_navigation(org, opportunity, client_for):
    html = client_for(org["rep1"]).get(url("proposal_print", opportunity)).content.decode()

    assert 'class="mainnav"' not in html
    assert 'class="topbar"' not in html
    assert "window.print()" in html


@pytest.mark.parametrize("rows", [5, 50])
def test_the_proposal_page_costs_the_same_queries_for_5_and_50_benefits(
    rows, org, opportunity, make_product, client_for, settings, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 100
    features = [(f"Feature {n}", "Advantage", [("cost", f"Benefit {n}")]) for n in range(rows)]
    extra = make_product("Bundle", features)
    make_product("Other bundle", features)
    for benefit in Benefit.objects.filter(feature__product=extra):
        proposal_benefit_add(
            opportunity=opportunity, benefit=benefit, customer_need="Need", acting_user=org["rep1"]
        )
    client = client_for(org["rep1"])

    with django_assert_max_num_queries(10):
        page = client.get(url("proposal", opportunity))
    with django_assert_max_num_queries(6):
        sheet = client.get(url("proposal_print", opportunity))

    assert page.context["picked_count"] == rows
    assert len(page.context["other_benefits"]) == rows + 1
    assert sheet.content.decode().count("<tr>") == rows + 1
