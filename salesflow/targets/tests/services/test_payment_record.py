"""Payments on won opportunities: the collections the targets count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from salesflow.core.models import ChangeRecord
from salesflow.pipeline.services import opportunity_create
from salesflow.targets.services import payment_record


def test_a_payment_on_a_won_deal_is_recorded_with_history(org, won):
    deal = won(org["rep1"], 100_000)

    payment = payment_record(
        opportunity=deal,
        acting_user=org["rep1"],
        amount=Decimal("30000"),
        received_on=date(2026, 4, 2),
        note="First instalment",
    )

    assert (payment.amount, payment.recorded_by) == (Decimal("30000"), org["rep1"])
    assert ChangeRecord.objects.filter(object_id=payment.pk, action="create").exists()


def test_an_open_deal_takes_no_payment(org, eight_step, make_account):
    deal = opportunity_create(
        acting_user=org["rep1"],
        account=make_account(org["rep1"]),
        name="Open",
        amount=Decimal(1000),
        expected_close_date=date(2026, 12, 1),
    )

    with pytest.raises(ValidationError) as excinfo:
        payment_record(
            opportunity=deal,
            acting_user=org["rep1"],
            amount=Decimal(10),
            received_on=date(2026, 4, 2),
        )

    assert excinfo.value.message_dict["opportunity"] == [
        "Payments are recorded on won opportunities only."
    ]


@pytest.mark.parametrize("amount", [Decimal(0), Decimal(-5)])
def test_a_payment_is_more_than_nothing(org, won, amount):
    deal = won(org["rep1"], 100_000)

    with pytest.raises(ValidationError) as excinfo:
        payment_record(
            opportunity=deal, acting_user=org["rep1"], amount=amount, received_on=date(2026, 4, 2)
        )

    assert excinfo.value.message_dict["amount"] == ["A payment is more than ¥0."]


def test_a_payment_is_not_recorded_before_it_arrives(org, won):
    deal = won(org["rep1"], 100_000)

    with pytest.raises(ValidationError) as excinfo:
        payment_record(
            opportunity=deal,
            acting_user=org["rep1"],
            amount=Decimal(10),
            received_on=timezone.localdate() + timedelta(days=1),
        )

    assert "received_on" in excinfo.value.message_dict
