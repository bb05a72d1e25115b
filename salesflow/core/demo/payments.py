"""Collections (回款) on the demo's won deals: most are paid in one or two instalments received
within 90 days of the win, never after today, never more than the deal's amount."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone

from salesflow.core.demo.bulk import BATCH, timestamps_as_given
from salesflow.pipeline.models import Opportunity, Status
from salesflow.targets.models import Payment

PAID_SHARE = 0.85
TWO_INSTALMENTS = 0.4
RETAINED_SHARE = 0.15  # some deals keep a retention (质保金) unpaid for now
MAX_DAYS = 90
CENT = Decimal("0.01")


@dataclass(frozen=True)
class PaymentsResult:
    payments: int
    paid_deals: int
    won_deals: int

    @property
    def rows(self) -> int:
        return self.payments

    @property
    def detail(self) -> str:
        return f"{self.payments:,} payments on {self.paid_deals:,} of {self.won_deals:,} won deals"


def payments_create(*, seed: int, today: date, recorded_by_pk: int | None) -> PaymentsResult:
    """Payments on won deals; their own random stream, so the rest of the demo stays as it was."""
    rng = random.Random(f"payments-{seed}")
    won = (
        Opportunity.objects.filter(status=Status.WON, closed_at__isnull=False, amount__gt=0)
        .order_by("pk")
        .values_list("pk", "amount", "closed_at")
    )
    rows: list[Payment] = []
    won_deals = paid_deals = 0
    for pk, amount, closed_at in won.iterator(chunk_size=BATCH):
        won_deals += 1
        if rng.random() >= PAID_SHARE:
            continue
        paid_deals += 1
        closed_on = timezone.localdate(closed_at)
        for part, received_on in _instalments(rng, amount, closed_on, today):
            if part > 0:
                rows.append(_payment(pk, part, received_on, recorded_by_pk))
    with timestamps_as_given(Payment):
        Payment.objects.bulk_create(rows, batch_size=BATCH)
    return PaymentsResult(payments=len(rows), paid_deals=paid_deals, won_deals=won_deals)


def _instalments(
    rng: random.Random, amount: Decimal, closed_on: date, today: date
) -> list[tuple[Decimal, date]]:
    """(amount received, day received): the whole amount, or less with a retention; rounded down
    to the fen so the instalments never add up to more than the deal."""
    share = Decimal(1)
    if rng.random() < RETAINED_SHARE:
        share = Decimal(rng.choice(("0.90", "0.95")))
    paid = (amount * share).quantize(CENT, rounding=ROUND_DOWN)
    count = 2 if rng.random() < TWO_INSTALMENTS else 1
    days = sorted(rng.randint(0, MAX_DAYS) for _ in range(count))
    if count == 2:
        first = (paid * Decimal(rng.choice(("0.3", "0.5", "0.7")))).quantize(
            CENT, rounding=ROUND_DOWN
        )
        parts = [first, paid - first]
    else:
        parts = [paid]
    return [
        (part, min(closed_on + timedelta(days=day), today))
        for part, day in zip(parts, days, strict=True)
    ]


def _payment(opportunity_pk: int, amount: Decimal, received_on: date, by: int | None) -> Payment:
    stamp = min(timezone.make_aware(datetime.combine(received_on, time(10))), timezone.now())
    return Payment(
        opportunity_id=opportunity_pk,
        amount=amount,
        received_on=received_on,
        note="",
        recorded_by_id=by,
        created_at=stamp,
        updated_at=stamp,
    )
