"""Managers and directors keep the FAB library through services that validate and record
history; reps only read it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salesflow.core.history import history_for
from salesflow.playbook import services
from salesflow.playbook.models import Benefit, Feature, Product


def test_a_director_creates_a_product_and_history_records_it(org):
    product = services.product_create(
        acting_user=org["director"], name="  DCS-500  ", list_price=Decimal("120000")
    )

    assert product.name == "DCS-500"
    assert history_for(product).filter(action="create").exists()


def test_a_rep_may_not_write_to_the_library(org):
    with pytest.raises(PermissionDenied):
        services.product_create(acting_user=org["rep1"], name="DCS-500")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "DCS-500", "list_price": Decimal("-1")}, "list_price"),
    ],
)
def test_a_product_needs_a_name_and_a_sensible_price(org, fields, field):
    with pytest.raises(ValidationError) as refused:
        services.product_create(acting_user=org["manager1"], **fields)

    assert field in refused.value.message_dict


def test_two_products_cannot_share_a_name(org, make_product):
    make_product("DCS-500")

    with pytest.raises(ValidationError) as refused:
        services.product_create(acting_user=org["manager1"], name="DCS-500")

    assert "name" in refused.value.message_dict


def test_an_edit_records_the_old_and_new_value(org, make_product):
    product = make_product("DCS-500")

    services.product_update(product=product, acting_user=org["director"], name="DCS-600")

    change = history_for(product).filter(field="name").latest("id")
    assert (change.old_value, change.new_value) == ("DCS-500", "DCS-600")


def test_a_product_that_opportunities_sell_cannot_be_deleted(
    org, make_product, make_opportunity, sell
):
    product = make_product("DCS-500")
    sell(make_opportunity(org["rep1"]), product)

    with pytest.raises(ValidationError) as refused:
        services.product_delete(product=product, acting_user=org["manager1"])

    assert "Mark it inactive instead" in refused.value.message_dict["product"][0]
    assert Product.objects.filter(pk=product.pk).exists()


def test_deleting_a_feature_deletes_its_benefits(org, make_product):
    product = make_product(
        "DCS-500", [("Redundant controllers", "No stop when one fails", [("time", "No downtime")])]
    )

    services.feature_delete(feature=product.features.get(), acting_user=org["manager1"])

    assert not Feature.objects.exists()
    assert not Benefit.objects.exists()


def test_features_are_kept_in_the_order_they_were_added(org, make_product):
    product = make_product("DCS-500", [("First", "a", []), ("Second", "b", [])])

    services.feature_create(
        product=product, acting_user=org["manager1"], feature="Third", advantage="c"
    )

    assert [f.feature for f in product.features.all()] == ["First", "Second", "Third"]


@pytest.mark.parametrize(
    ("fields", "field"), [({"kind": "luck", "text": "x"}, "kind"), ({"kind": "cost"}, "text")]
)
def test_a_benefit_needs_a_known_kind_and_a_text(org, make_product, fields, field):
    feature = make_product("DCS-500", [("Redundant controllers", "No stop", [])]).features.get()

    with pytest.raises(ValidationError) as refused:
        services.benefit_create(feature=feature, acting_user=org["manager1"], **fields)

    assert field in refused.value.message_dict
