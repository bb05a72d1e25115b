"""Plotly figures of the reports, built in Python and drawn in the browser by the plotly.js that
ships with the plotly package (served from our own static files, never a CDN)."""

import json
from typing import Any

import plotly.graph_objects as go
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from salesflow.pipeline.models import ForecastCategory, FunnelState
from salesflow.reports.selectors import CategoryFigures, Forecast, Funnel

STATE_COLOURS = {
    FunnelState.SEARCH: "#93c5fd",
    FunnelState.IN_FUNNEL: "#3b82f6",
    FunnelState.BEST: "#15803d",
}
CATEGORY_COLOURS = {
    ForecastCategory.CLOSED: "#15803d",
    ForecastCategory.COMMIT: "#1d4ed8",
    ForecastCategory.BEST_CASE: "#60a5fa",
    ForecastCategory.PIPELINE: "#cbd5e1",
}
# Stacked from the bottom: the surest money first.
STACK_ORDER = (
    ForecastCategory.CLOSED,
    ForecastCategory.COMMIT,
    ForecastCategory.BEST_CASE,
    ForecastCategory.PIPELINE,
)
FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", sans-serif'


def _layout(**extra: Any) -> dict[str, Any]:
    return {
        "font": {"family": FONT, "size": 13, "color": "#1f2933"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {
            "orientation": "h",
            "x": 0,
            "y": 1.02,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
        "separators": ".,",
        **extra,
    }


def _as_data(figure: go.Figure) -> dict[str, Any]:
    """The figure as plain JSON data for json_script (which escapes it for the page)."""
    return json.loads(figure.to_json())


def funnel_figure(report: Funnel, *, measure: str) -> dict[str, Any]:
    """A funnel of the open opportunities by stage, one trace (and legend entry, and colour) per
    funnel state; `measure` is "amount" or "count"."""
    by_count = measure == "count"
    value_label = _("Opportunities") if by_count else _("Amount (¥)")
    figure = go.Figure()
    for state in report.states:
        if not state.stages:
            continue
        figure.add_trace(
            go.Funnel(
                name=state.label,
                y=[str(row.stage) for row in state.stages],
                x=[
                    row.figures.count if by_count else float(row.figures.amount)
                    for row in state.stages
                ],
                marker={"color": STATE_COLOURS[state.funnel_state]},
                texttemplate="%{x}" if by_count else "¥%{x:,.0f}",
                textposition="inside",
                hovertemplate=f"%{{y}}<br>{value_label}: "
                + ("%{x}" if by_count else "¥%{x:,.0f}")
                + "<extra>%{fullData.name}</extra>",
                connector={"line": {"color": "#d9e2ec", "width": 1}},
            )
        )
    figure.update_layout(
        _layout(
            funnelmode="stack",
            # On a phone a narrow bar drops its label rather than shrinking it unreadably.
            uniformtext={"minsize": 10, "mode": "hide"},
            height=90 + 46 * len(report.stages),
            yaxis={"automargin": True, "categoryorder": "array"},
        )
    )
    return _as_data(figure)


def forecast_figure(report: Forecast) -> dict[str, Any]:
    """Weighted amounts by close month, stacked by forecast category."""
    months = [date_format(row.key, "YEAR_MONTH_FORMAT") for row in report.months]
    figure = go.Figure()
    for category in STACK_ORDER:
        figure.add_trace(
            go.Bar(
                name=str(category.label),
                x=months,
                y=[
                    float(row.by_category.get(category, CategoryFigures()).weighted_amount)
                    for row in report.months
                ],
                marker={"color": CATEGORY_COLOURS[category]},
                hovertemplate="%{x}<br>%{fullData.name}: ¥%{y:,.0f}<extra></extra>",
            )
        )
    figure.update_layout(
        _layout(
            barmode="stack",
            height=420,
            yaxis={
                "tickprefix": "¥",
                "tickformat": ",.0f",
                "gridcolor": "#e4e7eb",
                "automargin": True,
            },
            xaxis={"type": "category", "automargin": True},
        )
    )
    return _as_data(figure)
