"""The product list: search, pages, htmx fragment, empty states, query count."""

import pytest
from django.urls import reverse

LIST = reverse("playbook:products")


def names(response) -> list[str]:
    return [product.name for product in response.context["products"]]


def test_everyone_sees_the_library(org, make_product, client_for):
    make_product("DCS-500")

    response = client_for(org["rep3"]).get(LIST)

    assert names(response) == ["DCS-500"]


def test_search_finds_a_product_by_the_words_of_its_benefits(org, make_product, client_for):
    make_product("DCS-500", [("Redundant controllers", "No stop", [("time", "No downtime")])])
    make_product("Scada Lite", [("Web client", "Any browser", [("cost", "No licences")])])

    response = client_for(org["rep1"]).get(LIST, {"q": "downtime"})

    assert names(response) == ["DCS-500"]


def test_the_list_is_split_into_pages(org, make_product, client_for, settings):
    settings.PAGE_SIZE = 2
    for name in ["A", "B", "C"]:
        make_product(name)

    client = client_for(org["rep1"])

    assert names(client.get(LIST)) == ["A", "B"]
    assert names(client.get(LIST, {"page": 2})) == ["C"]
    assert "Page 1 of 2" in client.get(LIST).content.decode()


def test_rows_show_how_many_features_and_benefits_a_product_has(org, make_product, client_for):
    make_product(
        "DCS-500",
        [
            ("Redundant controllers", "No stop", [("time", "No downtime"), ("cost", "Less loss")]),
            ("Open protocols", "Any sensor", [("cost", "Keep old sensors")]),
        ],
    )

    product = client_for(org["rep1"]).get(LIST).context["products"][0]

    assert (product.feature_count, product.benefit_count) == (2, 3)


def test_an_htmx_search_gets_only_the_results(org, make_product, client_for):
    make_product("DCS-500")

    response = client_for(org["rep1"]).get(LIST, {"q": "DCS"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert "DCS-500" in html


def test_an_empty_library_invites_a_manager_to_add_a_product(org, client_for):
    html = client_for(org["manager1"]).get(LIST).content.decode()

    assert "The library has no products yet." in html
    assert f'href="{reverse("playbook:product_create")}"' in html


def test_an_empty_library_tells_a_rep_who_fills_it(org, client_for):
    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert "Your manager or director adds the products" in html
    assert reverse("playbook:product_create") not in html


def test_a_search_without_results_offers_to_clear_it(org, make_product, client_for):
    make_product("DCS-500")

    html = client_for(org["rep1"]).get(LIST, {"q": "nothing"}).content.decode()

    assert "No products match this search." in html


def test_only_directors_see_the_process_editor_tab(org, client_for):
    processes = reverse("playbook:processes")

    assert processes in client_for(org["director"]).get(LIST).content.decode()
    assert processes not in client_for(org["manager1"]).get(LIST).content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_for_5_and_50_rows(
    rows, org, make_product, client_for, settings, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 100
    for n in range(rows):
        make_product(f"Product {n:03}", [("Feature", "Advantage", [("cost", "Cheaper")])])
    client = client_for(org["rep1"])

    with django_assert_max_num_queries(4):
        response = client.get(LIST, {"q": "Product"})

    assert len(response.context["products"]) == rows
