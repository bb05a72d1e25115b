"""The weekly report, the call arithmetic and the Pareto analysis as (headers, rows) for
exports.export_response: the figures the pages show, in the reader's language."""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from salesflow.reports.callfunnel import EXAMPLE, CallFunnel
from salesflow.reports.pareto import DEFAULT_CUTS, Pareto, bank_table
from salesflow.reports.weekly import WeeklyReport

Table = tuple[list[str], list[Sequence[Any]]]


def call_funnel_table(report: CallFunnel) -> Table:
    example = replace(EXAMPLE, commission_rate=report.commission_rate)
    headers = [_("Figure"), _("Yours"), _("Example of §8")]
    rows: list[Sequence[Any]] = []
    for mine, step in zip(report.steps, example.steps, strict=True):
        rows.append((str(mine.label), mine.count, step.count))
        if step.conversion is not None:
            rows.append(
                (
                    _("%(step)s, conversion from the step before (%%)") % {"step": mine.label},
                    mine.conversion,
                    step.conversion,
                )
            )
    rows += [
        (_("Revenue (¥)"), report.revenue, example.revenue),
        (_("Revenue per call (¥)"), report.revenue_per_call, example.revenue_per_call),
        (
            _("Commission per call at %(rate)s%% (¥)") % {"rate": report.commission_percent},
            report.commission_per_call,
            example.commission_per_call,
        ),
        (_("Calls per sale"), report.calls_per_sale, example.calls_per_sale),
        (_("Hours of logged activities"), report.hours, None),
        (_("Revenue per hour (¥)"), report.revenue_per_hour, None),
    ]
    return headers, rows


def pareto_table(report: Pareto) -> Table:
    headers = [
        _("Group"),
        _("Customers"),
        _("Share of customers (%)"),
        _("Selling time (hours)"),
        _("Share of selling time (%)"),
        _("Gross margin (¥)"),
        _("Share of gross margin (%)"),
    ]
    rows: list[Sequence[Any]] = [
        (
            group.label,
            group.customers,
            group.share_of_customers,
            group.hours,
            group.share_of_time,
            group.margin,
            group.share_of_margin,
        )
        for group in report.groups
    ]
    rows.append((_("Total"), report.customers, None, report.hours, None, report.margin, None))
    if report.cuts == DEFAULT_CUTS:
        for label, customers, time, profit in bank_table():
            bank = _("The bank of §3: %(group)s") % {"group": label}
            rows.append((bank, None, customers, None, time, None, profit))
    return headers, rows


def weekly_table(report: WeeklyReport) -> Table:
    headers = [_("Section"), _("Item"), _("Value")]
    summary = _("Summary")
    rows: list[Sequence[Any]] = [
        (summary, _("Week"), f"{report.week.key} ({report.week.first} – {report.week.last})"),
        (summary, _("Team") if report.is_team else _("Region"), str(report.holder)),
    ]
    for target in report.targets:
        section = _("Target achievement %(period)s") % {"period": target.period.key}
        rows += [
            (section, _("Revenue target (¥)"), target.target),
            (section, _("Revenue so far (¥)"), target.actual),
            (section, _("Achievement (%)"), target.achievement),
            (section, _("Period elapsed (%)"), target.elapsed),
        ]
    visits = report.visits
    rows += [
        (summary, _("Revenue won (¥)"), report.revenue),
        (summary, _("Deals won"), report.deals_won),
        (summary, _("New customers"), report.new_customers),
        (summary, _("Collections (¥)"), report.collections),
        (summary, _("Visits"), visits.visits),
        (summary, _("Effective visits"), visits.effective),
        (summary, _("Effective visit rate (%)"), visits.effective_rate),
        (summary, _("Visits leading to a deal"), visits.deals),
        (summary, _("Deal rate (%)"), visits.deal_rate),
        (summary, _("Reps"), report.reps),
        (summary, _("Average sales per rep (¥)"), report.average_sales_per_rep),
    ]
    for section, reports in (
        (_("Competitor moves"), report.competitor_moves),
        (_("Abnormal customers"), report.abnormal_customers),
    ):
        for market in reports:
            facts = [str(market.account or ""), market.competitor, market.get_status_display()]
            if market.resolution:
                facts.append(market.resolution)
            rows.append((section, market.subject, " · ".join(f for f in facts if f)))
    for row in report.punctuality:
        section = _("Report punctuality: %(rep)s") % {"rep": row.rep}
        rows += [
            (section, _("Working days due"), row.due),
            (section, _("Submitted"), row.submitted),
            (section, _("On time"), row.on_time),
            (section, _("Late"), row.late),
            (section, _("Missing"), row.missing),
        ]
    rows.append((_("Next week's targets and plan"), "", report.plan.text if report.plan else ""))
    return headers, rows
