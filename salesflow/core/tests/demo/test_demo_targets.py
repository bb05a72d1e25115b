"""`salesflow demo` sets this year's targets, broken down to every rep, and records the payments
collected on most won deals."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from salesflow.pipeline.models import Opportunity, Status
from salesflow.targets.decomposition import check_target
from salesflow.targets.models import HolderKind, Metric, Payment, Target
from salesflow.users.models import Role, User

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[list[tuple], list[tuple]]:
    targets = list(
        Target.objects.order_by(
            "metric", "period", "holder_kind", "region__name", "team__name", "user__username"
        ).values_list(
            "metric",
            "period",
            "holder_kind",
            "region__name",
            "team__name",
            "user__username",
            "amount",
        )
    )
    payments = list(
        Payment.objects.order_by("opportunity__name", "received_on", "amount").values_list(
            "opportunity__name", "amount", "received_on"
        )
    )
    return targets, payments


def test_the_parts_of_every_target_add_up_exactly_to_it(tiny_demo: str) -> None:
    parts = defaultdict(Decimal)
    for parent_id, amount in Target.objects.filter(parent__isnull=False).values_list(
        "parent_id", "amount"
    ):
        parts[parent_id] += amount
    parents = Target.objects.filter(pk__in=parts)
    assert parents.count() == len(parts) > 0
    for parent in parents:
        assert parts[parent.pk] == parent.amount, parent
    for target in Target.objects.select_related("parent", "region", "team", "user"):
        check_target(target)


def test_every_rep_has_a_revenue_target_for_the_year_within_their_team(tiny_demo: str) -> None:
    year = str(timezone.localdate().year)
    reps = User.objects.filter(role=Role.REP)
    targets = Target.objects.filter(
        metric=Metric.REVENUE, period=year, holder_kind=HolderKind.REP
    ).select_related("parent", "user")
    assert {t.user_id for t in targets} == set(reps.values_list("pk", flat=True))
    for target in targets:
        assert target.amount > 0
        assert target.parent.holder_kind == HolderKind.TEAM
        assert target.parent.team_id == target.user.team_id


def test_every_metric_has_a_company_target_and_revenue_is_split_by_quarter_and_month(
    tiny_demo: str,
) -> None:
    year = timezone.localdate().year
    company = Target.objects.filter(holder_kind=HolderKind.COMPANY)
    assert set(company.filter(period=str(year)).values_list("metric", flat=True)) == set(
        Metric.values
    )
    annual = company.get(metric=Metric.REVENUE, period=str(year)).amount
    quarters = company.filter(metric=Metric.REVENUE, period_kind="quarter")
    assert quarters.count() == 4
    assert quarters.aggregate(total=Sum("amount"))["total"] == annual
    assert company.filter(metric=Metric.REVENUE, period_kind="month").count() == 12


def test_payments_come_after_the_win_and_never_exceed_the_deal(tiny_demo: str) -> None:
    today = timezone.localdate()
    won = Opportunity.objects.filter(status=Status.WON)
    paid = won.filter(payments__isnull=False).distinct()
    assert paid.count() >= won.count() // 2 > 0
    assert not Payment.objects.exclude(opportunity__status=Status.WON).exists()
    for deal in paid.annotate(collected=Sum("payments__amount")):
        assert deal.collected <= deal.amount
    for payment in Payment.objects.select_related("opportunity"):
        closed_on = timezone.localdate(payment.opportunity.closed_at)
        assert closed_on <= payment.received_on <= today
        assert (payment.received_on - closed_on).days <= 90
        assert payment.amount > 0


def test_the_same_seed_sets_the_same_targets_and_payments(run_demo, empty_the_database) -> None:
    run_demo("--scale", "0.1", "--seed", "11")
    first = _snapshot()
    empty_the_database()
    run_demo("--scale", "0.1", "--seed", "11")
    assert _snapshot() == first
    assert first[0] and first[1]
