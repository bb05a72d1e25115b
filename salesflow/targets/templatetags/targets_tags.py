"""Template helpers of the target pages, and the payments section of a won opportunity."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from salesflow.pipeline.models import Opportunity, Status
from salesflow.targets.decomposition import figure
from salesflow.targets.forms import PaymentForm
from salesflow.targets.models import PeriodKind
from salesflow.targets.periods import Period
from salesflow.targets.selectors import payments_of

register = template.Library()


@register.filter
def target_figure(value: Decimal | int | None, metric: str) -> str:
    """¥1,200,000 for money metrics, 12 for new customers, — for nothing measured."""
    return figure(value, metric)


@register.filter
def target_figure_whole(value: Decimal | int | None, metric: str) -> str:
    """Like target_figure, rounded to the yuan."""
    return figure(value, metric, whole=True)


@register.filter
def period_label(period: Period) -> str:
    """November 2026, Q4 2026, 2026."""
    if period.kind == PeriodKind.MONTH:
        return date_format(period.start, "YEAR_MONTH_FORMAT")
    if period.kind == PeriodKind.QUARTER:
        return _("Q%(quarter)s %(year)s") % {
            "quarter": (period.start.month - 1) // 3 + 1,
            "year": period.start.year,
        }
    return str(period.start.year)


@register.inclusion_tag("targets/_opportunity_payments.html", takes_context=True)
def opportunity_payments(context: dict[str, Any], opportunity: Opportunity) -> dict[str, Any]:
    """The payments section of the opportunity page: only a won deal has one (and a query)."""
    if opportunity.status != Status.WON:
        return {"shown": False}
    payments = list(payments_of(opportunity))
    collected = sum((p.amount for p in payments), start=Decimal(0))
    return {
        "shown": True,
        "opportunity": opportunity,
        "payments": payments,
        "collected": collected,
        "outstanding": opportunity.amount - collected,
        "form": PaymentForm(),
        "csrf_token": context.get("csrf_token"),
    }
