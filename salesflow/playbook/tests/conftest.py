"""Fixtures of the playbook tests: a small sales process, opportunities and FAB library entries,
all built through the real services."""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from salesflow.pipeline.models import Opportunity, SalesProcess
from salesflow.pipeline.services import line_add, opportunity_create
from salesflow.playbook import services
from salesflow.playbook.models import Product
from salesflow.users.models import User

# (feature, advantage, [(kind, benefit)])
FeatureSpec = tuple[str, str, Sequence[tuple[str, str]]]


@pytest.fixture
def sales_process(org: dict[str, Any]) -> SalesProcess:
    """Three stages with one milestone each, built by the director through the editor's
    services; not the default, so the shipped processes stay as they are."""
    process = SalesProcess.objects.create(key="test-process", name_en="Test process")
    director = org["director"]
    for name, funnel_state, probability in [
        ("Initiation", "search", 10),
        ("Solution", "in_funnel", 40),
        ("Signing", "best", 90),
    ]:
        stage = services.stage_add(
            process=process,
            acting_user=director,
            name_en=name,
            funnel_state=funnel_state,
            probability=probability,
        )
        services.milestone_add(stage=stage, acting_user=director, text_en=f"{name} done")
    return process


@pytest.fixture
def make_opportunity(
    org: dict[str, Any], make_account: Callable[..., Any], sales_process: SalesProcess
) -> Callable[..., Opportunity]:
    def make(owner: User, *, account: Any = None, **fields: Any) -> Opportunity:
        fields.setdefault("name", "Plant automation")
        fields.setdefault("amount", Decimal(500_000))
        fields.setdefault("expected_close_date", date(2030, 6, 30))
        return opportunity_create(
            acting_user=owner,
            process=sales_process,
            account=account or make_account(owner),
            **fields,
        )

    return make


@pytest.fixture
def make_product(org: dict[str, Any]) -> Callable[..., Product]:
    """A product with features and benefits, written by a manager (library editors)."""

    def make(name: str, features: Sequence[FeatureSpec] = (), **fields: Any) -> Product:
        editor = org["manager1"]
        product = services.product_create(acting_user=editor, name=name, **fields)
        for feature_text, advantage, benefits in features:
            feature = services.feature_create(
                product=product, acting_user=editor, feature=feature_text, advantage=advantage
            )
            for kind, text in benefits:
                services.benefit_create(feature=feature, acting_user=editor, kind=kind, text=text)
        return product

    return make


@pytest.fixture
def sell(org: dict[str, Any]) -> Callable[[Opportunity, Product], None]:
    """Put a product on the opportunity's lines."""

    def do(opportunity: Opportunity, product: Product) -> None:
        line_add(
            opportunity=opportunity,
            acting_user=opportunity.owner,
            product=product,
            quantity=Decimal(1),
            unit_price=Decimal(1000),
        )

    return do
