"""Forms of the daily loop: composing a visit plan, writing a daily report, and the supervisor's
decisions. They parse input and draw widgets; the services check the rules and save. Every form
that changes a plan or report carries the version the user saw."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Field
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from salesflow.accounts.models import Account
from salesflow.accounts.selectors import account_list_visible
from salesflow.activities.models import (
    ActivityPurpose,
    Attendance,
    DailyReport,
    PlannedVisit,
    PlanStatus,
    ReportStatus,
    VisitPlan,
)
from salesflow.activities.services.plans import VisitIn
from salesflow.org.visibility import users_visible_to

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_AREA = forms.Textarea(attrs={"rows": 3})
SHORT_AREA = forms.Textarea(attrs={"rows": 2})


def _label(model: Any, name: str) -> Any:
    return capfirst(cast(Field, model._meta.get_field(name)).verbose_name)


def _money(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
    )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show each of a service's errors next to its field, or above the form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages in error.message_dict.items():
        target = field.rsplit(".", 1)[-1]
        for message in messages:
            known = target in form.fields and target != NON_FIELD_ERRORS
            form.add_error(target if known else None, message)


class VersionForm(forms.Form):
    """An action with nothing to say but the version the user saw (submit, reopen, remove)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


# --- visit plans -------------------------------------------------------------------------------


class PlanStartForm(forms.Form):
    date = forms.DateField(label=_label(VisitPlan, "date"), widget=DATE_INPUT)
    area = forms.CharField(
        label=_label(VisitPlan, "area"),
        required=False,
        max_length=200,
        help_text=_("Where you will be that day, e.g. “Pudong, Zhangjiang”."),
    )


class PlanAreaForm(VersionForm):
    area = forms.CharField(label=_label(VisitPlan, "area"), required=False, max_length=200)


class VisitForm(VersionForm):
    """One visit of the plan: the account, the time on the plan's day, the purpose."""

    account = forms.ModelChoiceField(
        label=_label(PlannedVisit, "account"), queryset=Account.objects.none(), empty_label="—"
    )
    time = forms.TimeField(
        label=_label(PlannedVisit, "planned_at"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    purpose = forms.ChoiceField(
        label=_label(PlannedVisit, "purpose"), choices=[("", "—"), *ActivityPurpose.choices]
    )
    notes = forms.CharField(label=_label(PlannedVisit, "notes"), required=False, max_length=300)

    def __init__(self, *args: Any, plan: VisitPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        accounts = account_list_visible(plan.owner).order_by("name")
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = accounts

    def visit(self) -> VisitIn:
        data = self.cleaned_data
        moment = datetime.combine(self.plan.date, data["time"])
        return VisitIn(
            account=data["account"],
            planned_at=timezone.make_aware(moment),
            purpose=data["purpose"],
            notes=data["notes"],
        )


class ApproveForm(VersionForm):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=SHORT_AREA, max_length=2000
    )


class ReturnForm(VersionForm):
    comment = forms.CharField(
        label=_("What should change"),
        widget=SHORT_AREA,
        max_length=2000,
        error_messages={"required": _("Say what should change before returning it.")},
    )


# --- daily reports -----------------------------------------------------------------------------


class ReportStartForm(forms.Form):
    date = forms.DateField(label=_label(DailyReport, "date"), widget=DATE_INPUT)


class ReportForm(VersionForm):
    """What the rep writes; the visits and orders of the day are filled in from the records."""

    attendance = forms.ChoiceField(
        label=_label(DailyReport, "attendance"), choices=Attendance.choices
    )
    collections_amount = _money(
        _label(DailyReport, "collections_amount"),
        help_text=_("Payments received from customers today."),
    )
    daily_target = _money(
        _label(DailyReport, "daily_target"),
        help_text=_(
            "Your target's share for this day; the ratio compares the day's orders with it."
        ),
    )
    complaints_handled = forms.CharField(
        label=_label(DailyReport, "complaints_handled"), required=False, widget=TEXT_AREA
    )
    competitor_info = forms.CharField(
        label=_label(DailyReport, "competitor_info"), required=False, widget=TEXT_AREA
    )
    customer_feedback = forms.CharField(
        label=_label(DailyReport, "customer_feedback"), required=False, widget=TEXT_AREA
    )
    customer_news = forms.CharField(
        label=_label(DailyReport, "customer_news"), required=False, widget=TEXT_AREA
    )
    lessons = forms.CharField(
        label=_label(DailyReport, "lessons"), required=False, widget=TEXT_AREA
    )

    FIGURE_FIELDS = ("attendance", "collections_amount", "daily_target")
    TEXT_FIELDS = (
        "complaints_handled",
        "competitor_info",
        "customer_feedback",
        "customer_news",
        "lessons",
    )

    @classmethod
    def for_report(cls, report: DailyReport, data: Any = None) -> "ReportForm":
        initial = {name: getattr(report, name) for name in (*cls.FIGURE_FIELDS, *cls.TEXT_FIELDS)}
        initial["version"] = report.version
        return cls(data, initial=initial)

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in (*self.FIGURE_FIELDS, *self.TEXT_FIELDS)}
        if fields["collections_amount"] is None:
            fields["collections_amount"] = Decimal(0)
        return fields

    def figure_fields(self) -> list[Any]:
        return [self[name] for name in self.FIGURE_FIELDS]

    def text_fields(self) -> list[Any]:
        return [self[name] for name in self.TEXT_FIELDS]


class SignForm(VersionForm):
    instructions = forms.CharField(
        label=_label(DailyReport, "instructions"),
        required=False,
        widget=SHORT_AREA,
        max_length=4000,
        help_text=_("The rep sees them on the report and on their day."),
    )


# --- the lists' filters ------------------------------------------------------------------------


class _LoopFilterForm(forms.Form):
    """Whose plans or reports, in which status, over which days; a bad value is dropped."""

    owner = forms.ModelChoiceField(
        label=_("Rep"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = users_visible_to(user)

    def search_arguments(self) -> dict[str, Any]:
        self.is_valid()
        data = self.cleaned_data
        return {
            "owner": data["owner"].pk if data.get("owner") else None,
            "status": data.get("status") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.search_arguments().values())


class PlanFilterForm(_LoopFilterForm):
    status = forms.ChoiceField(
        label=_label(VisitPlan, "status"),
        required=False,
        choices=[("", _("Any status")), *PlanStatus.choices],
    )


class ReportFilterForm(_LoopFilterForm):
    status = forms.ChoiceField(
        label=_label(DailyReport, "status"),
        required=False,
        choices=[("", _("Any status")), *ReportStatus.choices],
    )


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)
