"""Writing daily sales reports (每日销售报告): the rep writes the day up (prefilled with the day's
orders), submits it, and the supervisor (or a director) signs it with instructions or returns it
with a comment. A signed report is final: no edit and no second report for that day.

A report is on time when first submitted before settings.DAILY_REPORT_CUTOFF_HOUR on its own day,
local time; resubmitting after a return keeps that first judgement, since the return was the
supervisor's doing."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salesflow.activities.models import DailyReport, PlanEvent, ReportStatus
from salesflow.activities.selectors.reports import orders_of_the_day, report_figures
from salesflow.activities.services.signoff import Refused, SignOffLoop, tell
from salesflow.notifications.models import NotificationKind

EDITABLE_FIELDS = frozenset(
    {
        "attendance",
        "collections_amount",
        "daily_target",
        "complaints_handled",
        "competitor_info",
        "customer_feedback",
        "customer_news",
        "lessons",
    }
)
TEXT_FIELDS = frozenset(
    {"complaints_handled", "competitor_info", "customer_feedback", "customer_news", "lessons"}
)


def report_snapshot(report: DailyReport) -> dict[str, Any]:
    """What the report says now, with the day's figures, as it is kept in its events."""
    figures = report_figures(report)
    return snapshot_with(
        report,
        visits_made=figures.visits_made,
        visits_planned=figures.visits_planned,
        ratio=figures.ratio,
    )


def snapshot_with(
    report: DailyReport, *, visits_made: int, visits_planned: int, ratio: Decimal | None
) -> dict[str, Any]:
    """The snapshot kept in a report's events, given the day's figures (the demo counts them in
    bulk)."""
    return {
        "date": report.date.isoformat(),
        "version": report.version,
        "attendance": report.attendance,
        "visits_made": visits_made,
        "visits_planned": visits_planned,
        "orders_amount": str(report.orders_amount),
        "collections_amount": str(report.collections_amount),
        "daily_target": None if report.daily_target is None else str(report.daily_target),
        "ratio": None if ratio is None else str(ratio),
        "complaints_handled": report.complaints_handled,
        "competitor_info": report.competitor_info,
        "customer_feedback": report.customer_feedback,
        "customer_news": report.customer_news,
        "lessons": report.lessons,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "on_time": report.on_time,
        "instructions": report.instructions,
    }


REPORT_LOOP = SignOffLoop(
    model=DailyReport,
    event_field="daily_report",
    snapshot=report_snapshot,
    url_name="loop:report",
    submitted=ReportStatus.SUBMITTED,
    returned_kind=NotificationKind.REPORT_RETURNED,
    returned_title=gettext_lazy("Your daily report for %(date)s was returned"),
    stale=gettext_lazy(
        "Someone changed this report a moment ago (it is now at version %(version)s). "
        "Look at it again and retry."
    ),
    not_owner=gettext_lazy("Only %(rep)s can write their own daily report."),
    not_signer=gettext_lazy(
        "Only %(rep)s's supervisor or a director can sign or return this report."
    ),
    not_submitted=gettext_lazy(
        "Only a submitted report can be signed or returned; this one is %(status)s."
    ),
    comment_needed=gettext_lazy("Say what should change before returning the report."),
)


def on_time(report_date: date, submitted_at: datetime) -> bool:
    """Submitted before the cut-off hour of the report's own day, local time."""
    zone = timezone.get_default_timezone()
    midnight = timezone.make_aware(datetime.combine(report_date, datetime.min.time()), zone)
    return submitted_at < midnight + timedelta(hours=settings.DAILY_REPORT_CUTOFF_HOUR)


# --- writing -----------------------------------------------------------------------------------


@transaction.atomic
def daily_report_create(*, acting_user: Any, date: date, **fields: Any) -> DailyReport:
    """The acting user's report for `date` (today or earlier), prefilled with the day's orders."""
    if date > timezone.localdate():
        raise ValidationError(
            {
                "date": _("%(date)s has not come yet: report on a day once it has begun.")
                % {"date": date}
            }
        )
    existing = DailyReport.objects.filter(owner=acting_user, date=date).first()
    if existing is not None and existing.status == ReportStatus.SIGNED:
        raise Refused(signed_message(existing))
    if existing is not None:
        raise ValidationError(
            {"date": _("You already have a report for %(date)s.") % {"date": date}}
        )
    report = DailyReport(owner=acting_user, date=date)
    _apply(report, fields)
    report.orders_amount = orders_of_the_day(acting_user, date)
    _validate(report)
    report.save()
    return report


@transaction.atomic
def daily_report_update(
    *, report: DailyReport, acting_user: Any, expected_version: int | None = None, **fields: Any
) -> DailyReport:
    current = _editable(report, acting_user, expected_version)
    _apply(current, fields)
    current.orders_amount = orders_of_the_day(current.owner, current.date)
    _validate(current)
    return REPORT_LOOP.bump(current)


@transaction.atomic
def daily_report_submit(
    *, report: DailyReport, acting_user: Any, expected_version: int | None = None
) -> DailyReport:
    current = _editable(report, acting_user, expected_version)
    now = timezone.now()
    current.orders_amount = orders_of_the_day(current.owner, current.date)
    current.status = ReportStatus.SUBMITTED
    current.submitted_at = now
    if current.on_time is None:
        current.on_time = on_time(current.date, now)
    REPORT_LOOP.save_step(current, PlanEvent.Action.SUBMITTED, acting_user)
    tell(
        recipient=current.owner.supervisor,
        kind=NotificationKind.REPORT_SUBMITTED,
        title=gettext_lazy("%(rep)s submitted the daily report for %(date)s"),
        body=(
            gettext_lazy("Submitted on time. Sign it with your instructions, or return it.")
            if current.on_time
            else gettext_lazy("Submitted late. Sign it with your instructions, or return it.")
        ),
        params={"rep": current.owner, "date": current.date},
        url=REPORT_LOOP.url(current),
    )
    return current


@transaction.atomic
def daily_report_sign(
    *,
    report: DailyReport,
    acting_user: Any,
    instructions: str = "",
    expected_version: int | None = None,
) -> DailyReport:
    current = _decidable(report, acting_user, expected_version)
    current.status = ReportStatus.SIGNED
    current.signed_by = acting_user
    current.signed_at = timezone.now()
    current.instructions = (instructions or "").strip()
    REPORT_LOOP.save_step(
        current, PlanEvent.Action.SIGNED, acting_user, comment=current.instructions
    )
    tell(
        recipient=current.owner,
        kind=NotificationKind.REPORT_SIGNED,
        title=gettext_lazy("Your daily report for %(date)s is signed"),
        body=(
            gettext_lazy("Instructions from %(by)s: %(instructions)s")
            if current.instructions
            else gettext_lazy("Signed by %(by)s.")
        ),
        params={"date": current.date, "by": acting_user, "instructions": current.instructions},
        url=REPORT_LOOP.url(current),
    )
    return current


@transaction.atomic
def daily_report_return(
    *, report: DailyReport, acting_user: Any, comment: str, expected_version: int | None = None
) -> DailyReport:
    """Send a submitted report back with a comment; what was submitted stays in its events."""
    current = _decidable(report, acting_user, expected_version)
    comment = REPORT_LOOP.return_comment(comment)
    current.status = ReportStatus.RETURNED
    REPORT_LOOP.save_step(current, PlanEvent.Action.RETURNED, acting_user, comment=comment)
    REPORT_LOOP.tell_returned(current, acting_user, comment)
    return current


# --- rules -------------------------------------------------------------------------------------


def signed_message(report: DailyReport) -> str:
    return _(
        "The report for %(date)s is already signed: it can no longer be changed, "
        "and there is no second report for that day."
    ) % {"date": report.date}


def _editable(report: DailyReport, acting_user: Any, expected_version: int | None) -> DailyReport:
    current = REPORT_LOOP.lock(report, expected_version)
    REPORT_LOOP.require_owner(current, acting_user)
    if current.status == ReportStatus.SIGNED:
        raise Refused(signed_message(current))
    if current.status == ReportStatus.SUBMITTED:
        raise Refused(
            _(
                "This report is submitted and waits for your supervisor's signature; "
                "it can be changed again only if it is returned."
            )
        )
    return current


def _decidable(report: DailyReport, acting_user: Any, expected_version: int | None) -> DailyReport:
    current = REPORT_LOOP.lock(report, expected_version)
    REPORT_LOOP.require_signer(current, acting_user)
    if current.status == ReportStatus.SIGNED:
        raise Refused(signed_message(current))
    REPORT_LOOP.require_submitted(current)
    return current


def _apply(report: DailyReport, fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = (value or "").strip()
        elif name == "collections_amount" and value is None:
            value = Decimal(0)
        setattr(report, name, value)


def _validate(report: DailyReport) -> None:
    report.full_clean(
        exclude=["owner", "orders_amount"], validate_unique=False, validate_constraints=False
    )
