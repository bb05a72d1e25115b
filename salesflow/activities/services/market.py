"""Writing market situation and complaint reports (市场情况反映): raise one (the supervisor hears at
once), acknowledge it, resolve it. Only the raiser's supervisor or a director moves a report on."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.models import MarketReport, MarketReportStatus
from salesflow.core.history import record_changes, snapshot
from salesflow.notifications.models import NotificationKind
from salesflow.notifications.services import notify
from salesflow.org.visibility import sees_everything
from salesflow.users.models import Role

TRACKED_FIELDS = (
    "kind",
    "subject",
    "body",
    "account",
    "competitor",
    "urgent",
    "status",
    "acknowledged_by",
    "acknowledged_at",
    "resolved_by",
    "resolved_at",
    "resolution",
)


@transaction.atomic
def market_report_raise(
    *,
    acting_user: Any,
    kind: str,
    subject: str,
    body: str,
    account: Any = None,
    competitor: str = "",
    urgent: bool = False,
) -> MarketReport:
    """Raise a report and notify the raiser's supervisor at once (directors, for someone without
    a supervisor). An urgent report makes an urgent notification."""
    report = MarketReport(
        raised_by=acting_user,
        kind=kind,
        subject=(subject or "").strip(),
        body=(body or "").strip(),
        account=account,
        competitor=(competitor or "").strip(),
        urgent=bool(urgent),
    )
    errors: dict[str, list[str]] = {}
    try:
        report.full_clean(exclude=["raised_by", "account"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if account is not None and not account_list_visible(acting_user).filter(pk=account.pk).exists():
        errors["account"] = [_("Choose an account you can see.")]
    if errors:
        raise ValidationError(errors)
    report.save()
    record_changes(
        instance=report,
        before=None,
        after=snapshot(report, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    for recipient in _supervisors_of(acting_user):
        _notify_raised(report, recipient)
    return report


@transaction.atomic
def market_report_acknowledge(*, report: MarketReport, acting_user: Any) -> MarketReport:
    """The supervisor (or a director) has seen the report and is on it."""
    report = MarketReport.objects.select_for_update().get(pk=report.pk)
    _check_handler(report, acting_user)
    if report.status != MarketReportStatus.OPEN:
        message = _("Only an open report can be acknowledged; this one is %(status)s.")
        raise ValidationError({"status": message % {"status": report.get_status_display()}})
    before = snapshot(report, TRACKED_FIELDS)
    report.status = MarketReportStatus.ACKNOWLEDGED
    report.acknowledged_by = acting_user
    report.acknowledged_at = timezone.now()
    report.save()
    record_changes(
        instance=report,
        before=before,
        after=snapshot(report, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    return report


@transaction.atomic
def market_report_resolve(
    *, report: MarketReport, acting_user: Any, resolution: str
) -> MarketReport:
    """Close the report with what was done. An open report is acknowledged on the way; the raiser
    is told how it was handled."""
    report = MarketReport.objects.select_for_update().get(pk=report.pk)
    _check_handler(report, acting_user)
    if report.status == MarketReportStatus.RESOLVED:
        raise ValidationError({"status": _("This report is already resolved.")})
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("Say how the report was handled.")})
    before = snapshot(report, TRACKED_FIELDS)
    now = timezone.now()
    if report.acknowledged_at is None:
        report.acknowledged_by, report.acknowledged_at = acting_user, now
    report.status = MarketReportStatus.RESOLVED
    report.resolved_by, report.resolved_at = acting_user, now
    report.resolution = resolution
    report.save()
    record_changes(
        instance=report,
        before=before,
        after=snapshot(report, TRACKED_FIELDS),
        acting_user=acting_user,
    )
    _notify_resolved(report)
    return report


def may_handle(report: MarketReport, user: Any) -> bool:
    """The raiser's supervisor or a director moves a report on; never the raiser."""
    if report.raised_by_id == user.pk:
        return False
    return sees_everything(user) or report.raised_by.supervisor_id == user.pk


def _check_handler(report: MarketReport, user: Any) -> None:
    if report.raised_by_id == user.pk:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("You raised this report: your supervisor handles it.")}
        )
    if not may_handle(report, user):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Only the raiser's supervisor or a director handles this report.")}
        )


# --- notifications -----------------------------------------------------------------------------


def _supervisors_of(user: Any) -> list[Any]:
    if user.supervisor_id is not None:
        return [user.supervisor]
    User = get_user_model()
    return list(User.objects.filter(role=Role.DIRECTOR, is_active=True).exclude(pk=user.pk))


def _in_language_of(recipient: Any) -> Any:
    """Messages are written in the recipient's language, not the sender's."""
    return override(recipient.language or None)


def _notify_raised(report: MarketReport, recipient: Any) -> None:
    with _in_language_of(recipient):
        if report.urgent:
            title = _("Urgent: %(kind)s from %(name)s: %(subject)s")
        else:
            title = _("%(kind)s from %(name)s: %(subject)s")
        values = {
            "kind": report.get_kind_display(),
            "name": report.raised_by,
            "subject": report.subject,
        }
        notify(
            recipient=recipient,
            kind=NotificationKind.MARKET_REPORT,
            title=title % values,
            body=report.body,
            url=reverse("activities:market_detail", args=[report.pk]),
            urgent=report.urgent,
        )


def _notify_resolved(report: MarketReport) -> None:
    recipient = report.raised_by
    with _in_language_of(recipient):
        notify(
            recipient=recipient,
            kind=NotificationKind.MARKET_REPORT,
            title=_("Your report “%(subject)s” was resolved") % {"subject": report.subject},
            body=report.resolution,
            url=reverse("activities:market_detail", args=[report.pk]),
        )
