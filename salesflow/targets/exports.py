"""The target tree and the progress page as spreadsheet rows (CSV or XLSX, same columns)."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from salesflow.targets.models import HolderKind, Metric
from salesflow.targets.periods import Period
from salesflow.targets.progress import PeriodSection, Progress
from salesflow.targets.tree import Node


def _progress_cells(progress: Progress) -> list[Any]:
    return [
        progress.actual,
        progress.achievement,
        progress.elapsed,
        progress.gap,
        progress.projected,
    ]


def _progress_headers() -> list[str]:
    return [
        _("Actual"),
        _("Achievement (%)"),
        _("Period elapsed (%)"),
        _("Gap"),
        _("Projected"),
    ]


def tree_export(roots: list[Node], period: Period) -> dict[str, Any]:
    headers = [
        _("Level"),
        _("Holder"),
        _("Holder kind"),
        _("Period"),
        _("Metric"),
        _("Product"),
        _("Target"),
        _("Allocated to parts"),
        _("Unallocated"),
        *_progress_headers(),
    ]
    rows = []
    for root in roots:
        for node in root.walk():
            target = node.target
            rows.append(
                [
                    node.depth,
                    node.holder.label,
                    HolderKind(target.holder_kind).label,
                    target.period,
                    Metric(target.metric).label,
                    str(target.product) if target.product_id else "",
                    target.amount,
                    node.allocated,
                    node.unallocated if node.has_parts else Decimal(0),
                    *_progress_cells(node.progress),
                ]
            )
    return {
        "filename": f"targets-{period.key}",
        "sheet_title": _("Targets %(period)s") % {"period": period.key},
        "headers": headers,
        "rows": rows,
    }


def progress_export(sections: list[PeriodSection], rhythm: str) -> dict[str, Any]:
    headers = [
        _("Period"),
        _("Holder"),
        _("Holder kind"),
        _("Metric"),
        _("Product"),
        _("Target"),
        *_progress_headers(),
    ]
    rows = [
        [
            section.period.key,
            row.holder.label,
            HolderKind(row.holder.kind).label,
            Metric(row.metric).label,
            str(row.target_record.product)
            if row.target_record is not None and row.target_record.product_id
            else "",
            row.target,
            *_progress_cells(row),
        ]
        for section in sections
        for row in section.rows
    ]
    return {
        "filename": f"progress-{rhythm}",
        "sheet_title": _("Progress"),
        "headers": headers,
        "rows": rows,
    }
