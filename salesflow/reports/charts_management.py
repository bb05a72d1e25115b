"""Plotly figures of the call arithmetic and the Pareto analysis, drawn by the local plotly.js
(reports/charts.js) like the funnel and forecast charts."""

from typing import Any

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from salesflow.reports.callfunnel import CallFunnel
from salesflow.reports.charts import _as_data, _layout
from salesflow.reports.pareto import Pareto

STEP_COLOURS = ["#bfdbfe", "#93c5fd", "#60a5fa", "#3b82f6", "#15803d"]
SHARE_COLOURS = {"customers": "#94a3b8", "time": "#f59e0b", "margin": "#15803d"}


def call_funnel_figure(report: CallFunnel) -> dict[str, Any]:
    """Calls down to sales as a funnel, each step with its conversion from the one before."""
    steps = report.steps
    figure = go.Figure(
        go.Funnel(
            y=[str(step.label) for step in steps],
            x=[step.count for step in steps],
            text=[
                f"{step.count:,}"
                if step.conversion is None
                else f"{step.count:,} · {step.conversion}%"
                for step in steps
            ],
            textinfo="text",
            textposition="auto",
            marker={"color": STEP_COLOURS},
            hovertemplate="%{y}: %{x:,}<extra></extra>",
            connector={"fillcolor": "#eef2f7", "line": {"color": "#d9e2ec", "width": 1}},
        )
    )
    figure.update_layout(
        _layout(
            height=330,
            showlegend=False,
            yaxis={"automargin": True},
        )
    )
    return _as_data(figure)


def pareto_figure(report: Pareto) -> dict[str, Any]:
    """For each group, its share of the customers, of the selling time and of the margin."""
    labels = [group.label for group in report.groups]
    series = [
        ("customers", _("Share of customers"), [g.share_of_customers for g in report.groups]),
        ("time", _("Share of selling time"), [g.share_of_time for g in report.groups]),
        ("margin", _("Share of gross margin"), [g.share_of_margin for g in report.groups]),
    ]
    figure = go.Figure()
    for key, name, values in series:
        figure.add_trace(
            go.Bar(
                name=str(name),
                x=labels,
                y=[None if v is None else float(v) for v in values],
                marker={"color": SHARE_COLOURS[key]},
                texttemplate="%{y:.0f}%",
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}<br>%{fullData.name}: %{y:.1f}%<extra></extra>",
            )
        )
    figure.update_layout(
        _layout(
            barmode="group",
            height=380,
            yaxis={
                "ticksuffix": "%",
                "gridcolor": "#e4e7eb",
                "zerolinecolor": "#9aa5b1",
                "automargin": True,
            },
            xaxis={"type": "category", "automargin": True},
        )
    )
    return _as_data(figure)
