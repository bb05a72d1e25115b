"""Forms for activities and market reports. They parse input and draw widgets; the services check
the references and save."""

from datetime import datetime
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Field, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from salesflow.accounts.models import Account
from salesflow.activities.models import (
    Activity,
    ActivityKind,
    ActivityPurpose,
    MarketReport,
    MarketReportKind,
    MarketReportStatus,
)
from salesflow.activities.selectors.activities import (
    account_choices,
    contact_choices,
    objections_active,
    opportunity_choices,
)
from salesflow.activities.services.activities import ObjectionMet
from salesflow.contacts.models import Contact
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.models import Opportunity
from salesflow.playbook.models import Objection

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


def _label(model: Any, name: str) -> Any:
    return capfirst(cast(Field, model._meta.get_field(name)).verbose_name)


def _blank_first(choices: Any, blank: Any) -> list[tuple[Any, Any]]:
    return [("", blank), *choices]


def _moment(label: Any, *, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[LOCAL_MINUTE, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
    )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show each of a service's errors next to its field, or above the form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, messages in error.message_dict.items():
        known = name in form.fields and name != NON_FIELD_ERRORS
        for message in messages:
            form.add_error(name if known else None, message)


# --- the activity list's filters ---------------------------------------------------------------


class ActivityFilterForm(forms.Form):
    """The list's filters; a value that does not parse is dropped, never an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Account or notes…")}),
    )
    kind = forms.ChoiceField(
        label=_label(Activity, "kind"),
        required=False,
        choices=_blank_first(ActivityKind.choices, _("Any kind")),
    )
    purpose = forms.ChoiceField(
        label=_label(Activity, "purpose"),
        required=False,
        choices=_blank_first(ActivityPurpose.choices, _("Any purpose")),
    )
    owner = forms.ModelChoiceField(
        label=_label(Activity, "owner"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    account = forms.IntegerField(required=False, widget=forms.HiddenInput)
    opportunity = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = users_visible_to(user)

    def search_arguments(self) -> dict[str, Any]:
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": (data.get("q") or "").strip(),
            "kind": data.get("kind") or "",
            "purpose": data.get("purpose") or "",
            "owner": data["owner"].pk if data.get("owner") else None,
            "account": data.get("account"),
            "opportunity": data.get("opportunity"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.search_arguments().values())


# --- logging an activity -----------------------------------------------------------------------


class ActivityForm(forms.Form):
    """The fast logging form: what, with whom, when, how it went; the objections met are picked
    from the playbook panel beside it (`met` and `overcome` hold objection ids)."""

    kind = forms.ChoiceField(
        label=_label(Activity, "kind"),
        choices=ActivityKind.choices,
        initial=ActivityKind.CALL,
        widget=forms.RadioSelect,
    )
    account = forms.ModelChoiceField(
        label=_label(Activity, "account"),
        queryset=Account.objects.none(),
        empty_label="—",
        # Choosing the account reloads its opportunities and people beside it.
        widget=forms.Select(
            attrs={
                "hx-get": reverse_lazy("activities:account_fields"),
                "hx-trigger": "change",
                "hx-target": "#account-fields",
            }
        ),
    )
    opportunity = forms.ModelChoiceField(
        label=_label(Activity, "opportunity"),
        required=False,
        queryset=Opportunity.objects.none(),
        empty_label=_("None"),
    )
    contacts = forms.ModelMultipleChoiceField(
        label=_label(Activity, "contacts"),
        required=False,
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.ChoiceField(
        label=_label(Activity, "purpose"),
        choices=ActivityPurpose.choices,
        initial=ActivityPurpose.NEW_CUSTOMER,
    )
    occurred_at = _moment(_label(Activity, "occurred_at"))
    planned_at = _moment(_label(Activity, "planned_at"))
    duration_minutes = forms.IntegerField(
        label=_label(Activity, "duration_minutes"), min_value=0, initial=0
    )
    expenses = forms.DecimalField(
        label=_label(Activity, "expenses"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        initial=0,
    )
    connected = forms.BooleanField(label=_label(Activity, "connected"), required=False)
    appointment_set = forms.BooleanField(label=_label(Activity, "appointment_set"), required=False)
    notes = forms.CharField(
        label=_label(Activity, "notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    met = forms.TypedMultipleChoiceField(required=False, coerce=int)
    overcome = forms.TypedMultipleChoiceField(required=False, coerce=int)

    def __init__(
        self,
        *args: Any,
        user: Any,
        activity: Activity | None = None,
        account_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        if activity is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from_activity(activity)
        super().__init__(*args, **kwargs)
        self.activity = activity
        accounts = account_choices(user)
        if activity is not None:  # the current account stays selectable
            accounts = Account.objects.filter(
                Q(pk__in=accounts.values("pk")) | Q(pk=activity.account_id)
            ).order_by("name", "id")
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = accounts.only("id", "name")
        self.account_id = self._chosen_account(account_id)
        cast(forms.ModelChoiceField, self.fields["opportunity"]).queryset = opportunity_choices(
            self.account_id
        )
        cast(forms.ModelMultipleChoiceField, self.fields["contacts"]).queryset = contact_choices(
            self.account_id
        )
        kept = [o.objection for o in activity.objections_met.all()] if activity else []
        self.objections = _playbook(kept)
        ids = [(o.pk, o.pk) for o in self.objections]
        cast(forms.ChoiceField, self.fields["met"]).choices = ids
        cast(forms.ChoiceField, self.fields["overcome"]).choices = ids
        if activity is None:
            self.fields["occurred_at"].initial = timezone.localtime().replace(
                second=0, microsecond=0
            )

    def _chosen_account(self, account_id: int | None) -> int | None:
        raw = self.data.get("account") if self.is_bound else None
        if raw is None:
            raw = self.initial.get("account", account_id)
        value = str(getattr(raw, "pk", raw) or "")
        if not value.isdigit():
            return None
        accounts = cast(QuerySet[Account], self.fields["account"].queryset)  # type: ignore[attr-defined]
        return int(value) if accounts.filter(pk=int(value)).exists() else None

    @property
    def is_call(self) -> bool:
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        return (kind or self.fields["kind"].initial) == ActivityKind.CALL

    def selected(self) -> tuple[set[int], set[int]]:
        """The objection ids ticked met and overcome (overcome implies met)."""
        if self.is_bound:
            data = cast(QueryDict, self.data)
            met = {int(v) for v in data.getlist("met") if str(v).isdigit()}
            overcome = {int(v) for v in data.getlist("overcome") if str(v).isdigit()}
        else:
            met = set(self.initial.get("met", ()))
            overcome = set(self.initial.get("overcome", ()))
        return met | overcome, overcome

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("occurred_at") and not data.get("planned_at") and not self.errors:
            self.add_error(
                "occurred_at", _("Say when the activity happened, or when it is planned.")
            )
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        is_call = data["kind"] == ActivityKind.CALL
        overcome = set(data["overcome"])
        met = set(data["met"]) | overcome
        by_id = {o.pk: o for o in self.objections}
        return {
            "kind": data["kind"],
            "purpose": data["purpose"],
            "account": data["account"],
            "opportunity": data["opportunity"],
            "contacts": list(data["contacts"]),
            "occurred_at": data["occurred_at"],
            "planned_at": data["planned_at"],
            "duration_minutes": data["duration_minutes"],
            "expenses": data["expenses"],
            "notes": data["notes"],
            "connected": data["connected"] if is_call else None,
            "appointment_set": data["appointment_set"] if is_call else None,
            "objections": [
                ObjectionMet(objection=by_id[pk], overcome=pk in overcome)
                for pk in sorted(met, key=lambda pk: by_id[pk].number)
            ],
        }


def _playbook(kept: list[Objection]) -> list[Objection]:
    """The active objections, plus any retired one this activity already records."""
    objections = {o.pk: o for o in objections_active()}
    for objection in kept:
        objections.setdefault(objection.pk, objection)
    return sorted(objections.values(), key=lambda o: o.number)


def initial_from_activity(activity: Activity) -> dict[str, Any]:
    met = list(activity.objections_met.all())
    return {
        "kind": activity.kind,
        "account": activity.account_id,
        "opportunity": activity.opportunity_id,
        "contacts": [c.pk for c in activity.contacts.all()],
        "purpose": activity.purpose,
        "occurred_at": _local(activity.occurred_at),
        "planned_at": _local(activity.planned_at),
        "duration_minutes": activity.duration_minutes,
        "expenses": activity.expenses,
        "connected": bool(activity.connected),
        "appointment_set": bool(activity.appointment_set),
        "notes": activity.notes,
        "met": [m.objection_id for m in met],
        "overcome": [m.objection_id for m in met if m.overcome],
    }


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment else None


# --- market and complaint reports --------------------------------------------------------------


class MarketReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_label(MarketReport, "kind"),
        choices=MarketReportKind.choices,
        widget=forms.RadioSelect,
        initial=MarketReportKind.MARKET,
    )
    subject = forms.CharField(label=_label(MarketReport, "subject"), max_length=200)
    body = forms.CharField(
        label=_label(MarketReport, "body"), widget=forms.Textarea(attrs={"rows": 5})
    )
    account = forms.ModelChoiceField(
        label=_label(MarketReport, "account"),
        required=False,
        queryset=Account.objects.none(),
        empty_label=_("None"),
    )
    competitor = forms.CharField(
        label=_label(MarketReport, "competitor"), required=False, max_length=200
    )
    urgent = forms.BooleanField(
        label=_label(MarketReport, "urgent"),
        required=False,
        help_text=_("Your supervisor is told at once either way; urgent reports stand out."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = account_choices(user)


class MarketReportFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_label(MarketReport, "status"),
        required=False,
        choices=_blank_first(MarketReportStatus.choices, _("Any status")),
    )
    kind = forms.ChoiceField(
        label=_label(MarketReport, "kind"),
        required=False,
        choices=_blank_first(MarketReportKind.choices, _("Any kind")),
    )
    urgent = forms.NullBooleanField(
        label=_label(MarketReport, "urgent"),
        required=False,
        widget=forms.Select(
            choices=[("", _("Urgent or not")), ("true", _("Urgent")), ("false", _("Not urgent"))]
        ),
    )

    def search_arguments(self) -> dict[str, Any]:
        self.is_valid()
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "kind": data.get("kind") or "",
            "urgent": data.get("urgent"),
        }

    @property
    def is_filtered(self) -> bool:
        return any(v not in ("", None) for v in self.search_arguments().values())


class ResolutionForm(forms.Form):
    resolution = forms.CharField(
        label=_label(MarketReport, "resolution"), widget=forms.Textarea(attrs={"rows": 3})
    )
