"""Forms of the target pages: set a target (or a part of one), change its amount, pick the tree's
period and metric, record a payment."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salesflow.playbook.models import Product
from salesflow.targets.holders import Holder, holds_under
from salesflow.targets.models import HolderKind, Metric, Target
from salesflow.targets.periods import Period, parse_period, period_parts
from salesflow.targets.selectors import holders_visible
from salesflow.targets.services import may_set_target

KIND_GROUPS = [
    (HolderKind.COMPANY, _("Company")),
    (HolderKind.REGION, _("Regions")),
    (HolderKind.TEAM, _("Teams")),
    (HolderKind.REP, _("Reps")),
    (HolderKind.DEALER, _("Dealers")),
]
PERIOD_HELP = _("A year (2026), a quarter (2026-Q1) or a month (2026-03).")


def holders_for(user: Any, parent: Target | None) -> list[Holder]:
    """The holders `user` may give a target to; under `parent`, only its holder (for a shorter
    period) and the holders beneath it."""
    found = []
    parent_holder = Holder.of(parent) if parent is not None else None
    for holder in holders_visible(user):
        if parent_holder is not None and not (
            holder == parent_holder or holds_under(parent_holder, holder)
        ):
            continue
        if may_set_target(user, holder=holder, parent=parent):
            found.append(holder)
    return found


def grouped_choices(holders: list[Holder]) -> list[tuple[Any, Any]]:
    groups = []
    for kind, label in KIND_GROUPS:
        members = [(h.key, h.label) for h in holders if h.kind == kind]
        if members:
            groups.append((label, members))
    return groups


def sub_periods(period: Period) -> list[Period]:
    """The period, then its quarters and months (a quarter: its months)."""
    found = [period]
    for part in period_parts(period):
        found.append(part)
        found.extend(period_parts(part))
    return found


def _amount_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Amount"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Yuan for revenue, margin and collections; a count for new customers."),
        widget=forms.NumberInput(attrs={"step": "1", "min": "0"}),
    )


class TargetForm(forms.Form):
    """A new target; with a parent, a part of it (same metric and product)."""

    metric = forms.ChoiceField(label=_("Metric"), choices=Metric.choices)
    period = forms.CharField(label=_("Period"), max_length=7, help_text=PERIOD_HELP)
    holder = forms.ChoiceField(label=_("Holder"))
    product = forms.ModelChoiceField(
        label=_("Product"),
        required=False,
        queryset=Product.objects.filter(is_active=True).order_by("name"),
        empty_label=_("All products"),
    )
    amount = _amount_field()

    def __init__(self, *args: Any, user: Any, parent: Target | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.holders = holders_for(user, parent)
        self.fields["holder"].choices = grouped_choices(self.holders)  # type: ignore[attr-defined]
        if parent is not None:
            del self.fields["metric"]
            del self.fields["product"]
            periods = sub_periods(parse_period(parent.period))
            self.fields["period"] = forms.ChoiceField(
                label=_("Period"),
                choices=[(p.key, p.key) for p in periods],
                help_text=_("The target's period or a shorter one inside it."),
            )

    @property
    def may_set_any(self) -> bool:
        return bool(self.holders)

    def clean_holder(self) -> Holder:
        holder = {h.key: h for h in self.holders}.get(self.cleaned_data["holder"])
        if holder is None:
            raise ValidationError(_("Choose a holder from the list."))
        return holder

    def clean_period(self) -> str:
        return parse_period(self.cleaned_data["period"]).key

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        parent = self.parent
        return {
            "metric": parent.metric if parent else data["metric"],
            "product": parent.product if parent else data.get("product"),
            "period": data["period"],
            "holder": data["holder"],
            "amount": data["amount"],
            "parent": parent,
        }


class TargetAmountForm(forms.Form):
    amount = _amount_field()
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once the period has started."),
    )


class TreeFilterForm(forms.Form):
    """The tree's period and metric; a value that does not parse falls back to the default."""

    period = forms.CharField(label=_("Period"), required=False, help_text=PERIOD_HELP)
    metric = forms.ChoiceField(label=_("Metric"), required=False, choices=Metric.choices)
    product = forms.ModelChoiceField(
        label=_("Product"),
        required=False,
        queryset=Product.objects.order_by("name"),
        empty_label=_("All products"),
    )

    def chosen(self, today: date) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        try:
            period = parse_period(data.get("period") or str(today.year))
        except ValidationError:
            period = parse_period(str(today.year))
        return {
            "period": period,
            "metric": data.get("metric") or Metric.REVENUE,
            "product": data.get("product"),
        }


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (¥)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01"}),
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
