"""Filters of the weekly report, call arithmetic and Pareto pages, and the weekly plan form.
A filter value that does not parse is dropped (the page shows its default), except the Pareto
groups and the commission, whose mistakes are shown next to the field."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salesflow.org.models import Region, Team
from salesflow.org.visibility import users_visible_to
from salesflow.reports.callfunnel import DEFAULT_COMMISSION_RATE
from salesflow.reports.pareto import DEFAULT_CUTS, parse_cuts
from salesflow.reports.scope import Scope, regions_visible, teams_visible
from salesflow.reports.services_weekly import MAX_PLAN_LENGTH
from salesflow.reports.spans import Span, Week, parse_week, span_of, week_of
from salesflow.reports.weekly import holder_key

PARETO_DAYS = 365


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class _ScopedFilterForm(forms.Form):
    """Owner and team (and for Pareto, region) among what the reader sees; a span of days."""

    owner = forms.ModelChoiceField(
        label=_("Rep"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), required=False, queryset=Team.objects.none(), empty_label=_("All teams")
    )
    start = _date_field(_("From"))
    end = _date_field(_("To"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = users_visible_to(user)  # type: ignore[attr-defined]
        self.fields["team"].queryset = teams_visible(user)  # type: ignore[attr-defined]

    def value(self, name: str) -> Any:
        """The cleaned value of a field, or None when it is missing or does not parse."""
        return None if name in self.errors else self.cleaned_data.get(name)

    def scope(self) -> Scope:
        return Scope(
            owner=getattr(self.value("owner"), "pk", None),
            team=getattr(self.value("team"), "pk", None),
            region=getattr(self.value("region"), "pk", None) if "region" in self.fields else None,
        )

    def default_first(self, last: date) -> date:
        """Where the period starts when the user gives no start: this month so far."""
        return last.replace(day=1)

    def span(self, today: date | None = None) -> Span:
        today = today or timezone.localdate()
        last = self.value("end") or today
        try:
            return span_of(
                self.value("start"),
                self.value("end"),
                default_first=self.default_first(last),
                default_last=today,
            )
        except ValidationError:
            return Span(self.default_first(last), last)


class CallFunnelFilterForm(_ScopedFilterForm):
    commission = forms.DecimalField(
        label=_("Commission (%)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.5", "placeholder": "5"}),
    )

    field_order = ["owner", "team", "start", "end", "commission"]

    def commission_rate(self) -> Decimal:
        chosen = self.value("commission")
        return DEFAULT_COMMISSION_RATE if chosen is None else chosen / 100


class ParetoFilterForm(_ScopedFilterForm):
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.none(),
        empty_label=_("All regions"),
    )
    cuts = forms.CharField(
        # xgettext:no-python-format
        label=_("Groups (% of customers)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "10,30,60", "inputmode": "numeric"}),
    )

    field_order = ["owner", "team", "region", "start", "end", "cuts"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["region"].queryset = regions_visible(user)  # type: ignore[attr-defined]

    def clean_cuts(self) -> tuple[int, ...]:
        try:
            return parse_cuts(self.cleaned_data.get("cuts") or "")
        except ValidationError as error:
            raise ValidationError(error.message_dict["cuts"]) from None

    def default_first(self, last: date) -> date:
        """The last twelve months."""
        return last - timedelta(days=PARETO_DAYS - 1)

    def chosen_cuts(self) -> tuple[int, ...]:
        return self.value("cuts") or DEFAULT_CUTS


class WeeklyFilterForm(forms.Form):
    """The team or region ("team:3", "region:1") and the ISO week ("2026-W47")."""

    holder = forms.ChoiceField(label=_("Team or region"), required=False)
    week = forms.CharField(
        label=_("Week"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"type": "week", "pattern": r"\d{4}-W\d{2}"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.teams = list(teams_visible(user))
        self.regions = list(regions_visible(user))
        self.fields["holder"].choices = [  # type: ignore[attr-defined]
            (_("Teams"), [(holder_key(t), t.name) for t in self.teams]),
            (_("Regions"), [(holder_key(r), r.name) for r in self.regions]),
        ]
        self.own_team_id = user.team_id

    def _value(self, name: str) -> str:
        return "" if name in self.errors else self.cleaned_data.get(name, "")

    def chosen_holder(self) -> Team | Region | None:
        """The chosen team or region; else the reader's own team; else the first one listed."""
        holders: list[Team | Region] = [*self.teams, *self.regions]
        by_key = {holder_key(holder): holder for holder in holders}
        chosen = by_key.get(self._value("holder")) or by_key.get(f"team:{self.own_team_id}")
        return chosen or next(iter(by_key.values()), None)

    def chosen_week(self, today: date | None = None) -> Week:
        try:
            return parse_week(self._value("week") or "")
        except ValidationError:
            return week_of(today or timezone.localdate())


class WeeklyPlanForm(forms.Form):
    text = forms.CharField(
        label=_("Next week's targets and plan"),
        max_length=MAX_PLAN_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
