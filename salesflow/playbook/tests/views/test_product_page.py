"""The product page shows each feature's advantage and its benefits grouped by kind; managers and
directors edit the library, reps read it (and get 404 on the forms)."""

import pytest
from django.urls import reverse

from salesflow.accounts.tests.views.html import find_all, parse, text
from salesflow.playbook.models import Benefit, Feature, Product
from salesflow.playbook.services import proposal_benefit_add


@pytest.fixture
def product(make_product) -> Product:
    return make_product(
        "DCS-500",
        [
            (
                "Redundant controllers",
                "The plant keeps running when one controller fails",
                [
                    ("revenue", "Orders ship on time"),
                    ("quality", "Stable batches"),
                    ("time", "No unplanned downtime"),
                    ("quality", "Fewer rejects"),
                ],
            )
        ],
        description="Distributed control system",
    )


def test_benefits_are_grouped_by_kind_in_the_order_of_the_method(org, product, client_for):
    page = parse(
        client_for(org["rep1"]).get(reverse("playbook:product", args=[product.pk])).content
    )

    groups = find_all(page, "div", cls="benefit-group")
    assert [text(find_all(group, "h4")[0]) for group in groups] == ["Quality", "Time", "Revenue"]
    assert text(find_all(groups[0], "ul")[0]) == "Stable batches Fewer rejects"
    assert "The plant keeps running when one controller fails" in text(page)


def test_a_rep_reads_the_product_without_edit_controls(org, product, client_for):
    html = (
        client_for(org["rep1"]).get(reverse("playbook:product", args=[product.pk])).content.decode()
    )

    assert reverse("playbook:product_edit", args=[product.pk]) not in html
    assert "Add a benefit" not in html


@pytest.mark.parametrize("name", ["product_edit", "product_delete", "feature_create"])
def test_a_rep_gets_404_on_the_product_forms(org, product, client_for, name):
    client = client_for(org["rep1"])

    assert client.get(reverse(f"playbook:{name}", args=[product.pk])).status_code == 404
    assert (
        client.post(reverse(f"playbook:{name}", args=[product.pk]), {"name": "X"}).status_code
        == 404
    )


def test_a_rep_cannot_create_a_product(org, client_for):
    response = client_for(org["rep1"]).post(reverse("playbook:product_create"), {"name": "X"})

    assert response.status_code == 404
    assert not Product.objects.exists()


def test_a_manager_creates_a_product_and_lands_on_its_page(org, client_for):
    response = client_for(org["manager1"]).post(
        reverse("playbook:product_create"), {"name": "DCS-500", "is_active": "on"}
    )

    product = Product.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("playbook:product", args=[product.pk])


def test_a_product_without_a_name_is_shown_again_with_the_error(org, client_for):
    response = client_for(org["manager1"]).post(reverse("playbook:product_create"), {"name": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_manager_adds_a_feature_and_a_benefit(org, product, client_for):
    client = client_for(org["manager1"])

    client.post(
        reverse("playbook:feature_create", args=[product.pk]),
        {"feature": "Open protocols", "advantage": "Works with the sensors already installed"},
    )
    feature = Feature.objects.get(feature="Open protocols")
    response = client.post(
        reverse("playbook:benefit_create", args=[feature.pk]),
        {"kind": "cost", "text": "No new sensors to buy"},
    )

    assert response.url == reverse("playbook:product", args=[product.pk]) + f"#feature-{feature.pk}"
    assert Benefit.objects.get(feature=feature).get_kind_display() == "Cost"


def test_a_director_rewords_a_benefit(org, product, client_for):
    benefit = Benefit.objects.get(text="Fewer rejects")

    client_for(org["director"]).post(
        reverse("playbook:benefit_edit", args=[benefit.pk]), {"kind": "cost", "text": "Less scrap"}
    )

    benefit.refresh_from_db()
    assert (benefit.kind, benefit.text) == ("cost", "Less scrap")


def test_deleting_a_product_that_is_sold_is_refused_with_the_reason(
    org, product, client_for, make_opportunity, sell
):
    sell(make_opportunity(org["rep1"]), product)
    url = reverse("playbook:product_delete", args=[product.pk])

    page = client_for(org["manager1"]).get(url).content.decode()
    response = client_for(org["manager1"]).post(url)

    assert "Mark it inactive instead" in page
    assert response.status_code == 400
    assert "1 opportunity line sells this product" in response.content.decode()
    assert Product.objects.filter(pk=product.pk).exists()


def test_deleting_a_feature_warns_about_proposals_that_use_its_benefits(
    org, product, client_for, make_opportunity
):
    proposal_benefit_add(
        opportunity=make_opportunity(org["rep1"]),
        benefit=Benefit.objects.get(text="Fewer rejects"),
        customer_need="Scrap rate",
        acting_user=org["rep1"],
    )
    feature = product.features.get()
    url = reverse("playbook:feature_delete", args=[feature.pk])

    page = client_for(org["manager1"]).get(url).content.decode()
    client_for(org["manager1"]).post(url)

    assert "1 benefit picked for a proposal outline leaves that outline." in page
    assert not Feature.objects.exists()


def test_an_unknown_product_is_404(org, client_for):
    assert client_for(org["rep1"]).get(reverse("playbook:product", args=[999])).status_code == 404
