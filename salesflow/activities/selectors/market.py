"""Reading market situation and complaint reports: the raiser, the managers above them and the
directors see a report; nobody else knows it exists."""

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from salesflow.activities.models import MarketReport, MarketReportStatus
from salesflow.org.visibility import visible_user_ids

# Open reports first, then those being handled, then the resolved ones.
STATUS_ORDER = Case(
    When(status=MarketReportStatus.OPEN, then=Value(0)),
    When(status=MarketReportStatus.ACKNOWLEDGED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def market_report_list_visible(user: Any) -> QuerySet[MarketReport]:
    qs = MarketReport.objects.all()
    ids = visible_user_ids(user)
    if ids is None:
        return qs
    return qs.filter(raised_by_id__in=ids)


def market_report_search(
    user: Any,
    *,
    status: str = "",
    kind: str = "",
    urgent: bool | None = None,
    raised_by: Any = None,
) -> QuerySet[MarketReport]:
    """Reports newest first within open, acknowledged, resolved; urgent ones first in each."""
    qs = market_report_list_visible(user)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if urgent is not None:
        qs = qs.filter(urgent=urgent)
    if raised_by:
        qs = qs.filter(raised_by_id=raised_by)
    return qs.select_related("raised_by", "account", "acknowledged_by", "resolved_by").order_by(
        STATUS_ORDER, "-urgent", "-created_at", "-id"
    )


def market_report_get_visible(user: Any, pk: Any) -> MarketReport:
    try:
        return (
            market_report_list_visible(user)
            .select_related("raised_by", "account", "acknowledged_by", "resolved_by")
            .get(pk=pk)
        )
    except (MarketReport.DoesNotExist, ValueError, TypeError):
        raise Http404("No such report") from None


def market_reports_open_count(user: Any) -> int:
    """Reports by the people below `user` still waiting for someone to act."""
    return (
        market_report_list_visible(user)
        .exclude(raised_by=user)
        .exclude(status=MarketReportStatus.RESOLVED)
        .count()
    )
