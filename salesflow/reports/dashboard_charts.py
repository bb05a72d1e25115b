"""Plotly figures of the home-page dashboards. Every point carries the address of the list it
stands for in `customdata`, which static/reports/charts.js opens on click."""

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go
import plotly.io as pio
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from salesflow.activities.models import ActivityKind
from salesflow.pipeline.models import FunnelState
from salesflow.reports.charts import STATE_COLOURS, _as_data, _layout

if TYPE_CHECKING:
    from salesflow.reports.analytics import LeaderRow, MonthResults
    from salesflow.reports.dashboards import DayKindCount, StageValue, TeamRevenue
    from salesflow.reports.forms_analytics import Window
    from salesflow.reports.scorecards import RepPunctuality

KIND_COLOURS = {
    ActivityKind.CALL: "#60a5fa",
    ActivityKind.VISIT: "#1d4ed8",
    ActivityKind.MEETING: "#7c3aed",
    ActivityKind.PRESENTATION: "#15803d",
    ActivityKind.EMAIL: "#94a3b8",
    ActivityKind.OTHER: "#cbd5e1",
}
ON_TIME, LATE, MISSING = "#15803d", "#f59e0b", "#dc2626"
REGION_COLOURS = ("#1d4ed8", "#15803d", "#7c3aed", "#f59e0b", "#0891b2", "#be123c", "#64748b")
MONEY_AXIS = {"tickprefix": "¥", "tickformat": "~s", "gridcolor": "#e4e7eb", "automargin": True}


# Plotly's default template, without its per-trace-type defaults (most of its JSON): every
# dashboard chart on the home page would otherwise carry them.
LEAN_TEMPLATE = {"layout": pio.templates["plotly"].layout.to_plotly_json()}


def _dashboard_layout(**extra: Any) -> dict[str, Any]:
    """A compact chart that does not zoom or pan: a click means "open the list"."""
    settings = {
        "template": LEAN_TEMPLATE,
        "height": 300,
        "dragmode": False,
        "hovermode": "closest",
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
    }
    return _layout(**(settings | extra))


def _fixed(axis: dict[str, Any]) -> dict[str, Any]:
    return {"fixedrange": True, "automargin": True, **axis}


def pipeline_bars(rows: "list[StageValue]") -> dict[str, Any]:
    """Open amount by stage as horizontal bars, first stage on top, one colour per funnel state."""
    figure = go.Figure()
    for state in FunnelState:
        in_state = [row for row in rows if row.stage.funnel_state == state]
        if not in_state:
            continue
        figure.add_trace(
            go.Bar(
                name=str(state.label),
                orientation="h",
                y=[str(row.stage) for row in in_state],
                x=[float(row.amount) for row in in_state],
                text=[row.count for row in in_state],
                customdata=[row.url for row in in_state],
                marker={"color": STATE_COLOURS[state]},
                texttemplate="%{text}",
                textposition="auto",
                hovertemplate="%{y}<br>¥%{x:,.0f} · %{text}<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(
        _dashboard_layout(
            barmode="stack",
            height=110 + 26 * len(rows),
            yaxis=_fixed({"autorange": "reversed", "type": "category"}),
            xaxis=_fixed(MONEY_AXIS),
        )
    )
    return _as_data(figure)


def pipeline_funnel(rows: "list[StageValue]") -> dict[str, Any]:
    """Open amount by stage as a funnel, one trace (and colour) per funnel state."""
    figure = go.Figure()
    for state in FunnelState:
        in_state = [row for row in rows if row.stage.funnel_state == state]
        if not in_state:
            continue
        figure.add_trace(
            go.Funnel(
                name=str(state.label),
                y=[str(row.stage) for row in in_state],
                x=[float(row.amount) for row in in_state],
                text=[row.count for row in in_state],
                customdata=[row.url for row in in_state],
                marker={"color": STATE_COLOURS[state]},
                texttemplate="¥%{x:,.0f}",
                textposition="inside",
                hovertemplate="%{y}<br>¥%{x:,.0f} · %{text}<extra>%{fullData.name}</extra>",
                connector={"line": {"color": "#d9e2ec", "width": 1}},
            )
        )
    figure.update_layout(
        _dashboard_layout(
            funnelmode="stack",
            uniformtext={"minsize": 9, "mode": "hide"},
            height=110 + 30 * len(rows),
            yaxis=_fixed({"categoryorder": "array"}),
            xaxis={"fixedrange": True},
        )
    )
    return _as_data(figure)


def week_by_kind(week: "Window", counts: "list[DayKindCount]") -> dict[str, Any]:
    """Activities per day of the week, stacked by kind."""
    days = [week.start + timedelta(days=n) for n in range(7)]
    labels = [date_format(day, "D") for day in days]
    figure = go.Figure()
    for kind in ActivityKind:
        of_kind = {row.day: row for row in counts if row.kind == kind}
        if not of_kind:
            continue
        figure.add_trace(
            go.Bar(
                name=str(kind.label),
                x=labels,
                y=[of_kind[day].count if day in of_kind else 0 for day in days],
                customdata=[of_kind[day].url if day in of_kind else "" for day in days],
                marker={"color": KIND_COLOURS[kind]},
                hovertemplate="%{x}<br>%{fullData.name}: %{y}<extra></extra>",
            )
        )
    figure.update_layout(
        _dashboard_layout(
            barmode="stack",
            xaxis=_fixed({"type": "category", "categoryorder": "array", "categoryarray": labels}),
            yaxis=_fixed({"gridcolor": "#e4e7eb", "dtick": 1, "rangemode": "tozero"}),
        )
    )
    return _as_data(figure)


def revenue_by_person(rows: "list[LeaderRow]", urls: list[str]) -> dict[str, Any]:
    """Revenue won per person, highest first; the bar's label is left off where nothing was won."""
    figure = go.Figure(
        go.Bar(
            name=_("Revenue won"),
            x=[str(row.person) for row in rows],
            y=[float(row.results.won_amount) for row in rows],
            text=[f"¥{row.results.won_amount:,.0f}" if row.results.won else "" for row in rows],
            hovertext=[_("Deals won: %(count)s") % {"count": row.results.won} for row in rows],
            customdata=urls,
            marker={"color": STATE_COLOURS[FunnelState.BEST]},
            hovertemplate="%{x}<br>¥%{y:,.0f} · %{hovertext}<extra></extra>",
            texttemplate="%{text}",
            textposition="outside",
            cliponaxis=False,
        )
    )
    figure.update_layout(
        _dashboard_layout(
            showlegend=False,
            xaxis=_fixed({"type": "category"}),
            yaxis=_fixed(MONEY_AXIS),
        )
    )
    return _as_data(figure)


def punctuality_bars(rows: "list[RepPunctuality]", urls: list[str]) -> dict[str, Any]:
    """Per rep: working days reported on time, late, and missing, stacked."""
    names = [str(row.person) for row in rows]
    parts = (
        (_("On time"), ON_TIME, [row.punctuality.on_time for row in rows]),
        (_("Late"), LATE, [row.punctuality.late for row in rows]),
        (_("Missing"), MISSING, [row.punctuality.missing for row in rows]),
    )
    figure = go.Figure()
    for name, colour, values in parts:
        figure.add_trace(
            go.Bar(
                name=name,
                x=names,
                y=values,
                customdata=urls,
                marker={"color": colour},
                hovertemplate="%{x}<br>%{fullData.name}: %{y}<extra></extra>",
            )
        )
    figure.update_layout(
        _dashboard_layout(
            barmode="stack",
            xaxis=_fixed({"type": "category"}),
            yaxis=_fixed({"gridcolor": "#e4e7eb", "rangemode": "tozero"}),
        )
    )
    return _as_data(figure)


def revenue_by_team(teams: "list[TeamRevenue]") -> dict[str, Any]:
    """Revenue won per team, one colour (and legend entry) per region."""
    figure = go.Figure()
    regions = list(dict.fromkeys(team.region for team in teams))
    for index, region in enumerate(regions):
        in_region = [team for team in teams if team.region == region]
        figure.add_trace(
            go.Bar(
                name=region,
                x=[team.team for team in in_region],
                y=[float(team.amount) for team in in_region],
                customdata=[team.url for team in in_region],
                marker={"color": REGION_COLOURS[index % len(REGION_COLOURS)]},
                hovertemplate="%{x} · %{fullData.name}<br>¥%{y:,.0f}<extra></extra>",
            )
        )
    figure.update_layout(
        _dashboard_layout(
            xaxis=_fixed({"type": "category"}),
            yaxis=_fixed(MONEY_AXIS),
        )
    )
    return _as_data(figure)


def win_rate_line(months: "list[MonthResults]", urls: list[str]) -> dict[str, Any]:
    """Win rate per month as a line; a month in which nothing closed leaves a gap."""
    rates = [
        None if row.results.win_rate is None else float(row.results.win_rate) for row in months
    ]
    figure = go.Figure(
        go.Scatter(
            name=_("Win rate"),
            mode="lines+markers",
            x=[date_format(row.month, "YEAR_MONTH_FORMAT") for row in months],
            y=rates,
            text=[f"{row.results.won} / {row.results.closed}" for row in months],
            customdata=urls,
            marker={"size": 11, "color": STATE_COLOURS[FunnelState.IN_FUNNEL]},
            line={"color": STATE_COLOURS[FunnelState.IN_FUNNEL], "width": 2},
            hovertemplate="%{x}<br>%{y:.1f}% · %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        _dashboard_layout(
            showlegend=False,
            xaxis=_fixed({"type": "category"}),
            yaxis=_fixed(
                {"ticksuffix": "%", "range": [0, 105], "gridcolor": "#e4e7eb", "dtick": 25}
            ),
        )
    )
    return _as_data(figure)
