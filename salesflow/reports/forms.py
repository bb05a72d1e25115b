"""Filters of the funnel and forecast pages. A value that does not parse is dropped, never an error
page: the report then shows what the other filters select."""

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from salesflow.org.models import Region, Team
from salesflow.org.visibility import users_visible_to
from salesflow.pipeline.models import SalesProcess
from salesflow.pipeline.selectors import process_default
from salesflow.reports.periods import forecast_window

MEASURES = [("amount", _("Amount")), ("count", _("Count"))]
MONTH_FORMAT = "%Y-%m"


def _month_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[MONTH_FORMAT],
        widget=forms.DateInput(attrs={"type": "month"}, format=MONTH_FORMAT),
    )


class ReportFilterForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
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

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = users_visible_to(user)  # type: ignore[attr-defined]

    def _clean_value(self, name: str) -> Any:
        self.is_valid()
        return self.cleaned_data.get(name)

    def scope(self) -> dict[str, Any]:
        """owner, team and region as ids for the selectors; None when not chosen or not valid."""
        return {
            name: getattr(self._clean_value(name), "pk", None)
            for name in ("owner", "team", "region")
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.scope().values())


class FunnelFilterForm(ReportFilterForm):
    process = forms.ModelChoiceField(
        label=_("Process"),
        required=False,
        queryset=SalesProcess.objects.filter(is_active=True).order_by("-is_default", "name_en"),
        empty_label=None,
    )
    measure = forms.ChoiceField(required=False, choices=MEASURES, widget=forms.HiddenInput)

    field_order = ["process", "owner", "team", "region"]

    def chosen_process(self) -> SalesProcess | None:
        return self._clean_value("process") or process_default()

    def chosen_measure(self) -> str:
        return self._clean_value("measure") or "amount"


class ForecastFilterForm(ReportFilterForm):
    process = forms.ModelChoiceField(
        label=_("Process"),
        required=False,
        queryset=SalesProcess.objects.filter(is_active=True).order_by("-is_default", "name_en"),
        empty_label=_("All processes"),
    )
    start = _month_field(_("From"))
    end = _month_field(_("To"))

    field_order = ["process", "owner", "team", "region", "start", "end"]

    def chosen_process(self) -> SalesProcess | None:
        return self._clean_value("process")

    def window(self, today: date | None = None) -> tuple[date, date]:
        return forecast_window(self._clean_value("start"), self._clean_value("end"), today=today)
