"""The tables the funnel, forecast, analytics, leaderboard and scorecard pages download: headers
and rows for exports.export_response, built from the same selector results the page shows (so
the filters apply), with numbers kept as numbers and dates as dates."""

from typing import Any

from django.utils.translation import gettext as _

from salesflow.pipeline.models import SalesProcess
from salesflow.reports.analytics import LeaderRow
from salesflow.reports.forms_analytics import Window
from salesflow.reports.scorecards import Scorecard
from salesflow.reports.selectors import FORECAST_CATEGORIES, Forecast, Funnel, StageConversion


def _table(
    filename: str, sheet_title: str, headers: list[Any], rows: list[list[Any]]
) -> dict[str, Any]:
    return {"filename": filename, "sheet_title": sheet_title, "headers": headers, "rows": rows}


def _span(window: Window) -> str:
    return f"{window.start.isoformat()}_{window.end.isoformat()}"


def funnel_table(report: Funnel, conversion: list[StageConversion]) -> dict[str, Any]:
    """One row per stage: value and effort of the open opportunities, and the conversion."""
    by_number = {row.stage.number: row for row in conversion}
    rows = []
    for state in report.states:
        for row in state.stages:
            figures, step = row.figures, by_number.get(row.stage.number)
            rows.append(
                [
                    state.label,
                    str(row.stage),
                    row.stage.probability,
                    figures.count,
                    figures.amount,
                    figures.weighted_amount,
                    figures.activities,
                    figures.hours,
                    figures.expenses,
                    step.reached if step else None,
                    step.went_on if step else None,
                    step.rate if step else None,
                    None
                    if step is None or step.average_days is None
                    else round(step.average_days, 1),
                ]
            )
    headers = [
        _("Funnel state"),
        _("Stage"),
        _("Probability (%)"),
        _("Opportunities"),
        _("Amount (¥)"),
        _("Weighted (¥)"),
        _("Activities"),
        _("Hours"),
        _("Expenses (¥)"),
        _("Reached"),
        _("Went on"),
        _("Conversion (%)"),
        _("Average days in stage"),
    ]
    return _table(f"funnel-{report.process.key}", _("Funnel"), headers, rows)


def forecast_table(report: Forecast) -> dict[str, Any]:
    """One row per month: the weighted amount per forecast category, the total and the count."""
    headers = [
        _("Month"),
        *[f"{category.label} (¥)" for category in FORECAST_CATEGORIES],
        _("Weighted total (¥)"),
        _("Amount (¥)"),
        _("Opportunities"),
    ]
    rows = [
        [
            row.key,
            *[figures.weighted_amount for _category, figures in row.categories],
            row.total.weighted_amount,
            row.total.amount,
            row.total.count,
        ]
        for row in report.months
    ]
    filename = f"forecast-{report.start:%Y-%m}_{report.end:%Y-%m}"
    return _table(filename, _("Forecast"), headers, rows)


def analytics_table(
    report: dict[str, Any], *, window: Window, process: SalesProcess | None
) -> dict[str, Any]:
    """Every figure of the analytics page in one sheet, a section per block of the page."""
    results = report["results"]
    summary = _("Results")
    rows: list[list[Any]] = [
        [summary, _("Won"), results.won, results.won_amount, None, None],
        [summary, _("Lost"), results.lost, None, None, None],
        [summary, _("Abandoned"), results.abandoned, None, None, None],
        [summary, _("Win rate"), results.closed, None, results.win_rate, None],
        [summary, _("Average deal size"), results.won, results.average_deal, None, None],
    ]
    for month in report["months"]:
        figures = month.results
        rows.append(
            [
                _("Win rate by month"),
                month.month,
                figures.closed,
                figures.won_amount,
                figures.win_rate,
                None,
            ]
        )
    for step in report["conversion"]:
        rows.append(
            [
                _("Stage conversion"),
                f"{step.stage} → {step.next_label}",
                step.reached,
                None,
                step.rate,
                None if step.average_days is None else round(step.average_days, 1),
            ]
        )
    for section, groups in (
        (_("Loss reasons"), report["reasons"]),
        (_("Lost to competitors"), report["competitors"]),
    ):
        for group in groups:
            label = group.label or _("No reason given")
            rows.append([section, label, group.count, group.amount, None, None])
    headers = [
        _("Section"),
        _("Item"),
        _("Deals"),
        _("Amount (¥)"),
        _("Per cent"),
        _("Average days in stage"),
    ]
    name = f"analytics-{process.key}-{_span(window)}" if process else f"analytics-{_span(window)}"
    return _table(name, _("Pipeline analytics"), headers, rows)


def leaderboard_table(rows: list[LeaderRow], *, window: Window) -> dict[str, Any]:
    headers = [
        _("Rank"),
        _("Person"),
        _("Username"),
        _("Team"),
        _("Revenue won (¥)"),
        _("Deals won"),
        _("Lost"),
        _("Abandoned"),
        _("Win rate (%)"),
        _("Average deal size (¥)"),
        _("Activities"),
    ]
    body = [
        [
            row.rank,
            str(row.person),
            row.person.username,
            str(row.person.team) if row.person.team else "",
            row.results.won_amount,
            row.results.won,
            row.results.lost,
            row.results.abandoned,
            row.results.win_rate,
            row.results.average_deal,
            row.activities,
        ]
        for row in rows
    ]
    return _table(f"leaderboard-{_span(window)}", _("Leaderboard"), headers, body)


def scorecard_table(card: Scorecard) -> dict[str, Any]:
    """Measure and value, one per row, as the scorecard page lists them."""
    results, punctuality = card.results, card.punctuality
    rows: list[list[Any]] = [
        [_("Person"), str(card.person)],
        [_("From"), card.window.start],
        [_("Until"), card.window.end],
        [_("Revenue won (¥)"), results.won_amount],
        [_("Revenue target (¥)"), card.target],
        [_("Achievement (%)"), card.achievement],
        [_("Deals won"), results.won],
        [_("Deals lost"), results.lost],
        [_("Deals abandoned"), results.abandoned],
        [_("Win rate (%)"), results.win_rate],
        [_("Average deal size (¥)"), results.average_deal],
        [_("Activities"), card.activity_total],
        *[[str(row.kind.label), row.count] for row in card.activities],
        [_("Hours of activities"), card.hours],
        [_("Working days with a report due"), punctuality.due],
        [_("Reports submitted"), punctuality.submitted],
        [_("Reports on time"), punctuality.on_time],
        [_("Reports late"), punctuality.late],
        [_("Reports missing"), punctuality.missing],
        [_("Customer satisfaction"), _("Not measured yet")],
    ]
    headers = [_("Measure"), _("Value")]
    name = f"scorecard-{card.person.username}-{_span(card.window)}"
    return _table(name, _("Scorecard"), headers, rows)
