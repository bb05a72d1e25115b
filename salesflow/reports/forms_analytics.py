"""Filters of the analytics, leaderboard and scorecard pages: a period of whole days (with
shortcuts for this month, quarter, year) and the usual owner, team, region and process. A value
that does not parse is dropped, never an error page."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salesflow.pipeline.models import SalesProcess
from salesflow.reports.forms import ReportFilterForm
from salesflow.reports.periods import month_start, months_from

# Longer periods are cut to this many days: a report is read over months, not decades.
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Window:
    """A period of whole local days, `end` included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def as_query(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def this_month(today: date) -> Window:
    return Window(month_start(today), months_from(today, 1) - timedelta(days=1))


def this_quarter(today: date) -> Window:
    first = quarter_start(today)
    return Window(first, months_from(first, 3) - timedelta(days=1))


def shortcuts(today: date) -> list[tuple[str, Window]]:
    """The periods offered as one-click links above the filters."""
    last_month_day = month_start(today) - timedelta(days=1)
    last_quarter_day = quarter_start(today) - timedelta(days=1)
    return [
        (str(_("This month")), this_month(today)),
        (str(_("Last month")), this_month(last_month_day)),
        (str(_("This quarter")), this_quarter(today)),
        (str(_("Last quarter")), this_quarter(last_quarter_day)),
        (str(_("This year")), Window(date(today.year, 1, 1), date(today.year, 12, 31))),
    ]


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PeriodForm(forms.Form):
    start = _date_field(_("From"))
    end = _date_field(_("Until"))

    default_period = "quarter"

    def _clean_value(self, name: str) -> Any:
        self.is_valid()
        return self.cleaned_data.get(name)

    def window(self, today: date | None = None) -> Window:
        """The days asked for, in order, at most MAX_DAYS; by default this quarter (or month)."""
        today = today or timezone.localdate()
        default = this_month(today) if self.default_period == "month" else this_quarter(today)
        start = self._clean_value("start") or default.start
        end = self._clean_value("end") or (
            default.end if start == default.start else start + timedelta(days=default.days - 1)
        )
        start, end = sorted((start, end))
        return Window(start, min(end, start + timedelta(days=MAX_DAYS - 1)))


class AnalyticsFilterForm(ReportFilterForm, PeriodForm):
    process = forms.ModelChoiceField(
        label=_("Process"),
        required=False,
        queryset=SalesProcess.objects.filter(is_active=True).order_by("-is_default", "name_en"),
        empty_label=_("All processes"),
    )

    field_order = ["process", "owner", "team", "region", "start", "end"]

    def chosen_process(self) -> SalesProcess | None:
        return self._clean_value("process")


class LeaderboardFilterForm(AnalyticsFilterForm):
    """The leaderboard ranks people, so it has no owner filter; a region is the teams' region."""

    default_period = "month"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["owner"]

    def scope(self) -> dict[str, Any]:
        return {name: getattr(self._clean_value(name), "pk", None) for name in ("team", "region")}


class ScorecardFilterForm(PeriodForm):
    """A rep reads their scorecard month by month, as their targets are set."""

    default_period = "month"
