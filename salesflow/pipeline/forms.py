"""Forms for the opportunity screens. They parse input and draw widgets; the services validate,
check the gates and save. Every form that changes an opportunity carries the version the user
saw, so a stale screen is caught instead of overwriting someone else's change."""

import calendar
from datetime import date, timedelta
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
from salesflow.contacts.models import Contact, DecisionRole
from salesflow.org.models import Region, Team
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.models import (
    QUALIFICATION_QUESTIONS,
    Answer,
    DecisionCycleState,
    ForecastCategory,
    Opportunity,
    OurPosition,
    ProjectType,
    SalesProcess,
    Source,
    Stage,
    Status,
    Strength,
)
from salesflow.pipeline.selectors import (
    deal_contact_choices,
    process_default,
    processes_active,
    products_active,
)
from salesflow.playbook.models import Product

TEXT_AREA = forms.Textarea(attrs={"rows": 3})
REASON_AREA = forms.Textarea(attrs={"rows": 2})


def _money(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    """An amount in yuan: never negative (the services check the upper bound)."""
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
    )


def _label(name: str) -> Any:
    return capfirst(cast(Field, Opportunity._meta.get_field(name)).verbose_name)


def _blank_first(choices: Any, blank: Any) -> list[tuple[Any, Any]]:
    return [("", blank), *choices]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show each of a service's errors next to its field, or above the form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages in error.message_dict.items():
        target = field.removesuffix("_id")
        for message in messages:
            known = target in form.fields and target != NON_FIELD_ERRORS
            form.add_error(target if known else None, message)


# --- the list's filters --------------------------------------------------------------------------

CLOSE_PERIODS = [
    ("overdue", _("Overdue")),
    ("this_month", _("This month")),
    ("next_month", _("Next month")),
    ("this_quarter", _("This quarter")),
    ("next_quarter", _("Next quarter")),
    ("this_year", _("This year")),
]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def close_period_range(period: str, today: date) -> tuple[date | None, date | None]:
    """The first and last expected close date of a named period, counted from `today`."""
    month_start = today.replace(day=1)
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if period == "overdue":
        return None, today - timedelta(days=1)
    if period == "this_month":
        return month_start, _month_end(today.year, today.month)
    if period == "next_month":
        start = _add_months(month_start, 1)
        return start, _month_end(start.year, start.month)
    if period == "this_quarter":
        end = _add_months(quarter_start, 2)
        return quarter_start, _month_end(end.year, end.month)
    if period == "next_quarter":
        start = _add_months(quarter_start, 3)
        end = _add_months(start, 2)
        return start, _month_end(end.year, end.month)
    if period == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return None, None


class OpportunityFilterForm(forms.Form):
    """The list's search box and filters; an invalid value is dropped, never an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name or account…")}),
    )
    status = forms.ChoiceField(
        label=_label("status"),
        required=False,
        choices=_blank_first(Status.choices, _("Any status")),
    )
    owner = forms.ModelChoiceField(
        label=_label("owner"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    team = forms.ModelChoiceField(
        label=_("Owner's team"),
        required=False,
        queryset=Team.objects.order_by("name"),
        empty_label=_("All teams"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.order_by("name"),
        empty_label=_("All regions"),
    )
    process = forms.TypedChoiceField(
        label=_label("process"), required=False, coerce=int, empty_value=None
    )
    stage = forms.TypedChoiceField(
        label=_label("stage"), required=False, coerce=int, empty_value=None
    )
    close = forms.ChoiceField(
        label=_("Expected close"),
        required=False,
        choices=_blank_first(CLOSE_PERIODS, _("Any time")),
    )
    close_from = forms.DateField(
        label=_("Closing from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    close_to = forms.DateField(
        label=_("Closing until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = users_visible_to(user)
        processes = list(processes_active())
        cast(forms.ChoiceField, self.fields["process"]).choices = _blank_first(
            [(p.pk, p.name) for p in processes], _("All processes")
        )
        cast(forms.ChoiceField, self.fields["stage"]).choices = _blank_first(
            [(p.name, [(s.pk, str(s)) for s in p.stages.all()]) for p in processes],
            _("All stages"),
        )

    def search_arguments(self) -> dict[str, Any]:
        """Keyword arguments for selectors.opportunity_search from whatever parsed cleanly."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("close"):
            close_from, close_to = close_period_range(data["close"], timezone.localdate())
        else:
            close_from, close_to = data.get("close_from"), data.get("close_to")
        return {
            "q": (data.get("q") or "").strip(),
            "status": data.get("status") or "",
            "owner": data["owner"].pk if data.get("owner") else None,
            "team": data["team"].pk if data.get("team") else None,
            "region": data["region"].pk if data.get("region") else None,
            "process": data.get("process"),
            "stage": data.get("stage"),
            "close_from": close_from,
            "close_to": close_to,
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.search_arguments().values())


# --- creating and editing ------------------------------------------------------------------------


class OpportunityForm(forms.Form):
    """The opportunity's own facts. The process is chosen once, on creation."""

    account = forms.ModelChoiceField(
        label=_label("account"), queryset=Account.objects.none(), empty_label="—"
    )
    name = forms.CharField(label=_label("name"), max_length=200)
    process = forms.ModelChoiceField(
        label=_label("process"),
        queryset=SalesProcess.objects.none(),
        empty_label=None,
        help_text=_("The stages the deal moves through. It cannot be changed later."),
    )
    owner = forms.ModelChoiceField(
        label=_label("owner"), queryset=get_user_model().objects.none(), empty_label="—"
    )
    expected_close_date = forms.DateField(
        label=_label("expected_close_date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.ChoiceField(
        label=_label("source"), required=False, choices=_blank_first(Source.choices, "—")
    )
    project_type = forms.ChoiceField(
        label=_label("project_type"),
        required=False,
        choices=_blank_first(ProjectType.choices, "—"),
    )
    amount = _money(_label("amount"))
    cost = _money(
        _label("cost"),
        required=False,
        help_text=_("What delivering the deal costs us, so the gross margin is known."),
    )
    forecast_category = forms.ChoiceField(
        label=_label("forecast_category"),
        choices=ForecastCategory.choices,
        help_text=_("Set from the funnel state on every stage move; adjust it when you judge."),
    )
    our_position = forms.ChoiceField(
        label=_label("our_position"),
        required=False,
        choices=_blank_first(OurPosition.choices, "—"),
    )
    decision_cycle_state = forms.TypedChoiceField(
        label=_label("decision_cycle_state"),
        choices=DecisionCycleState.choices,
        coerce=int,
        initial=DecisionCycleState.RECOGNISES_PROBLEM,
    )
    favourable_factors = forms.CharField(
        label=_label("favourable_factors"), required=False, widget=TEXT_AREA
    )
    unfavourable_factors = forms.CharField(
        label=_label("unfavourable_factors"), required=False, widget=TEXT_AREA
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    SECTIONS = (
        (
            _("Deal"),
            (
                "account",
                "name",
                "process",
                "owner",
                "expected_close_date",
                "source",
                "project_type",
            ),
        ),
        (_("Money"), ("amount", "cost", "forecast_category")),
        (
            _("Our position"),
            (
                "our_position",
                "decision_cycle_state",
                "favourable_factors",
                "unfavourable_factors",
            ),
        ),
    )

    def __init__(
        self, *args: Any, user: Any, opportunity: Opportunity | None = None, **kwargs: Any
    ) -> None:
        if opportunity is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from_opportunity(opportunity)
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity
        accounts = account_list_visible(user)
        owners = users_visible_to(user)
        if opportunity is not None:  # the current account and owner stay selectable
            accounts = accounts | Account.objects.filter(pk=opportunity.account_id)
            owners = owners | get_user_model().objects.filter(pk=opportunity.owner_id)
        cast(forms.ModelChoiceField, self.fields["account"]).queryset = accounts.only(
            "id", "name"
        ).order_by("name", "id")
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = owners
        if opportunity is None:
            process = cast(forms.ModelChoiceField, self.fields["process"])
            process.queryset = SalesProcess.objects.filter(is_active=True)
            default = process_default()
            process.initial = default.pk if default else None
            self.fields["owner"].initial = user.pk
            del self.fields["forecast_category"]
            del self.fields["version"]
        else:
            del self.fields["process"]

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in self.SECTIONS
        ]

    def service_fields(self) -> dict[str, Any]:
        """The cleaned facts for the services: all of them on creation, only the changed ones on
        editing (so an untouched owner or account is not checked again)."""
        names = self.changed_data if self.opportunity is not None else self.cleaned_data
        return {
            name: self.cleaned_data[name] for name in names if name not in ("process", "version")
        }


def initial_from_opportunity(opportunity: Opportunity) -> dict[str, Any]:
    names = [n for n in OpportunityForm.base_fields if n not in ("process", "account", "owner")]
    initial = {name: getattr(opportunity, name) for name in names}
    initial.update(account=opportunity.account_id, owner=opportunity.owner_id)
    return initial


# --- actions on the opportunity page ------------------------------------------------------------


class VersionForm(forms.Form):
    """An action with nothing to say but the version the user saw (advance, remove)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MilestoneForm(VersionForm):
    done = forms.BooleanField(label=_("Done"), required=False)
    evidence = forms.CharField(label=_("Evidence"), required=False)


def _answer_field(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=Answer.choices, initial=Answer.UNKNOWN, widget=forms.RadioSelect
    )


def _evidence_field() -> forms.CharField:
    return forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "placeholder": _("Evidence")}),
    )


class QualificationForm(VersionForm):
    """The five questions of §5, each answered with an evidence note."""

    need = _answer_field(QUALIFICATION_QUESTIONS[0][1])
    need_evidence = _evidence_field()
    decision_process = _answer_field(QUALIFICATION_QUESTIONS[1][1])
    decision_process_evidence = _evidence_field()
    budget = _answer_field(QUALIFICATION_QUESTIONS[2][1])
    budget_evidence = _evidence_field()
    relationship = _answer_field(QUALIFICATION_QUESTIONS[3][1])
    relationship_evidence = _evidence_field()
    worth = _answer_field(QUALIFICATION_QUESTIONS[4][1])
    worth_evidence = _evidence_field()

    def questions(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[name], self[f"{name}_evidence"]) for name, _q in QUALIFICATION_QUESTIONS]

    def answers(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def qualification_initial(opportunity: Opportunity) -> dict[str, Any]:
    initial = {}
    for name, _question in QUALIFICATION_QUESTIONS:
        initial[name] = getattr(opportunity, name)
        initial[f"{name}_evidence"] = getattr(opportunity, f"{name}_evidence")
    return initial


class MoveBackForm(VersionForm):
    to_stage = forms.ModelChoiceField(
        label=_("Back to stage"), queryset=Stage.objects.none(), empty_label=None
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=REASON_AREA)

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        earlier = Stage.objects.filter(
            process_id=opportunity.process_id, number__lt=opportunity.stage.number
        ).order_by("-number")
        cast(forms.ModelChoiceField, self.fields["to_stage"]).queryset = earlier


class SkipGateForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), required=False, widget=REASON_AREA)


class CloseForm(VersionForm):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[(s.value, s.label) for s in (Status.WON, Status.LOST, Status.ABANDONED)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=REASON_AREA)
    won_by = forms.CharField(
        label=_("Competitor who won"),
        required=False,
        max_length=200,
        help_text=_("When the deal is lost: who won it?"),
        widget=forms.TextInput(attrs={"list": "competitor-names"}),
    )

    def __init__(self, *args: Any, can_win: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_win and not self.is_bound:
            result = cast(forms.ChoiceField, self.fields["result"])
            result.choices = [(s.value, s.label) for s in (Status.LOST, Status.ABANDONED)]


class DealContactForm(VersionForm):
    contact = forms.ModelChoiceField(
        label=_("Person"), queryset=Contact.objects.none(), empty_label="—"
    )
    decision_role = forms.ChoiceField(
        label=_("Role in this deal"),
        required=False,
        choices=_blank_first(DecisionRole.choices, _("Their usual role")),
    )
    is_key_person = forms.BooleanField(label=_("Key person (VIP)"), required=False)

    def __init__(self, *args: Any, user: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["contact"]).queryset = deal_contact_choices(
            user, opportunity
        )


class CompetitorForm(VersionForm):
    name = forms.CharField(label=_("Competitor"), max_length=200)
    strength = forms.ChoiceField(
        label=_("Strength"), choices=Strength.choices, initial=Strength.MEDIUM
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000)


class LineForm(VersionForm):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.none(), empty_label="—"
    )
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=2, min_value=Decimal(0)
    )
    unit_price = _money(_("Unit price (¥)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["product"]).queryset = products_active()
