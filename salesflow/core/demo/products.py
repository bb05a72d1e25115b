"""The demo's product catalogue in the database: products with their features, advantages and
benefits. A product that already exists under the same name is used as it is."""

from dataclasses import dataclass
from decimal import Decimal

from salesflow.core.demo.catalogue import CATALOGUE, ProductSpec
from salesflow.playbook.models import Benefit, Feature, Product

BATCH = 500


@dataclass(frozen=True)
class CatalogueProduct:
    """What the opportunity phase needs to know about a product."""

    pk: int
    spec: ProductSpec
    benefits: tuple[tuple[int, str], ...]  # (benefit id, kind)

    @property
    def list_price(self) -> Decimal:
        return Decimal(self.spec.list_price)


@dataclass(frozen=True)
class CatalogueResult:
    products: list[CatalogueProduct]
    created: int
    features: int
    benefits: int

    @property
    def rows(self) -> int:
        return self.created + self.features + self.benefits


def catalogue_create() -> CatalogueResult:
    """Create the products of the catalogue that are missing, with their FAB library."""
    names = [spec.name for spec in CATALOGUE]
    existing = {p.name: p for p in Product.objects.filter(name__in=names)}
    missing = [
        Product(
            name=spec.name,
            description=spec.description,
            list_price=Decimal(spec.list_price),
        )
        for spec in CATALOGUE
        if spec.name not in existing
    ]
    Product.objects.bulk_create(missing, batch_size=BATCH)
    by_name = existing | {p.name: p for p in missing}

    features: list[tuple[Feature, ProductSpec, int]] = []
    for spec in CATALOGUE:
        if spec.name in existing:
            continue
        product = by_name[spec.name]
        features.extend(
            (
                Feature(product=product, order=order, feature=f.feature, advantage=f.advantage),
                spec,
                order,
            )
            for order, f in enumerate(spec.features)
        )
    Feature.objects.bulk_create([f for f, _spec, _order in features], batch_size=BATCH)
    benefits = [
        Benefit(feature=feature, kind=kind, text=text)
        for feature, spec, order in features
        for kind, text in spec.features[order].benefits
    ]
    Benefit.objects.bulk_create(benefits, batch_size=BATCH)

    benefit_rows: dict[int, list[tuple[int, str]]] = {}
    for pk, product_id, kind in (
        Benefit.objects.filter(feature__product__in=by_name.values())
        .order_by("feature__product_id", "feature__order", "feature_id", "id")
        .values_list("id", "feature__product_id", "kind")
    ):
        benefit_rows.setdefault(product_id, []).append((pk, kind))
    products = [
        CatalogueProduct(
            pk=by_name[spec.name].pk,
            spec=spec,
            benefits=tuple(benefit_rows.get(by_name[spec.name].pk, ())),
        )
        for spec in CATALOGUE
    ]
    return CatalogueResult(
        products=products, created=len(missing), features=len(features), benefits=len(benefits)
    )
