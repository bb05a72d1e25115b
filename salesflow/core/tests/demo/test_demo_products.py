"""`salesflow demo` ships a product catalogue with a FAB library in Chinese (§6)."""

from collections.abc import Callable

import pytest

from salesflow.playbook.models import Benefit, BenefitKind, Feature, Product

pytestmark = pytest.mark.django_db


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_product_has_features_with_advantages_and_every_kind_of_benefit(
    tiny_demo: str,
) -> None:
    products = Product.objects.prefetch_related("features__benefits")
    assert products.count() >= 10
    for product in products:
        features = list(product.features.all())
        assert len(features) >= 3
        assert all(f.advantage for f in features)
        kinds = {b.kind for f in features for b in f.benefits.all()}
        assert kinds == set(BenefitKind.values), product.name
        assert product.list_price and product.list_price > 0


def test_the_fab_library_reads_in_chinese(tiny_demo: str) -> None:
    for feature in Feature.objects.all():
        assert chinese(feature.feature) and chinese(feature.advantage)
    assert all(chinese(text) for text in Benefit.objects.values_list("text", flat=True))


def test_a_product_of_the_same_name_is_used_as_it_is(run_demo: Callable[..., str]) -> None:
    # given a product the catalogue also has, entered by hand with no features
    mine = Product.objects.create(name="年度运维服务", description="我们自己的说明")
    # when the demo runs
    run_demo("--scale", "0.1", "--seed", "7")
    # then that product is not duplicated or changed, and the others get their FAB library
    assert Product.objects.filter(name="年度运维服务").count() == 1
    mine.refresh_from_db()
    assert mine.description == "我们自己的说明" and not mine.features.exists()
    assert Feature.objects.exclude(product=mine).exists()
