"""Report exports: the same rows a page shows, as a CSV or XLSX download.

Every report page calls `export_response` when its query string asks for ``format=csv`` or
``format=xlsx`` (see `requested_format`); the template fragment ``reports/_export_links.html``
draws the two links and keeps the page's filters.
"""

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV = "csv"
XLSX = "xlsx"
EXPORT_FORMATS = (CSV, XLSX)
FORMAT_PARAMETER = "format"

_CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A spreadsheet evaluates a cell that starts with one of these as a formula; a customer's name
# must never run as one (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MIN_WIDTH = 8
_MAX_WIDTH = 60
_SHEET_TITLE_FORBIDDEN = str.maketrans({char: " " for char in "[]:*?/\\"})


def requested_format(request: HttpRequest) -> str | None:
    """The export format the query string asks for, or None when the page itself is wanted."""
    return request.GET.get(FORMAT_PARAMETER) or None


def export_response(
    *,
    filename: str,
    sheet_title: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    fmt: str,
) -> HttpResponse:
    """A download of `rows` under `headers`; `filename` may omit the extension.

    Cells may be str (or lazy translations), int, Decimal, float, date, datetime or None.
    An unknown `fmt` answers 400.
    """
    if fmt not in EXPORT_FORMATS:
        return HttpResponseBadRequest(
            gettext("Unknown export format “%(format)s”; use csv or xlsx.") % {"format": fmt}
        )
    header_row = [str(header) for header in headers]
    body = (
        _csv_bytes(header_row, rows) if fmt == CSV else _xlsx_bytes(sheet_title, header_row, rows)
    )
    response = HttpResponse(body, content_type=_CONTENT_TYPES[fmt])
    disposition = content_disposition_header(
        as_attachment=True, filename=_with_extension(filename, fmt)
    )
    response["Content-Disposition"] = disposition or "attachment"
    return response


def _with_extension(filename: str, fmt: str) -> str:
    return filename if filename.lower().endswith(f".{fmt}") else f"{filename}.{fmt}"


def _csv_bytes(headers: list[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    # The byte-order mark is what makes Excel read the file as UTF-8 (Chinese names intact).
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return _local_naive(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool | int | float | Decimal):
        return str(value)
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _xlsx_bytes(sheet_title: str, headers: list[str], rows: Iterable[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(sheet_title)
    sheet.append(headers)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    widths = [_display_width(header) for header in headers]
    for row_number, row in enumerate(rows, start=2):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            _fill_cell(cell, value)
            if column_number > len(widths):
                widths.append(0)
            widths[column_number - 1] = max(
                widths[column_number - 1], _display_width(_csv_cell(value))
            )
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(width + 2, _MIN_WIDTH), _MAX_WIDTH
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_cell(cell: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        cell.value = _local_naive(value)
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = "#,##0.00"
    elif isinstance(value, bool | int | float):
        cell.value = value
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        # openpyxl would store "=..." as a formula; a report cell is always plain text.
        cell.data_type = "s"


def _local_naive(moment: datetime.datetime) -> datetime.datetime:
    """Spreadsheets have no time zones: show the moment as the user's local clock reads it."""
    if timezone.is_aware(moment):
        return timezone.make_naive(moment, timezone.get_current_timezone())
    return moment


def _sheet_title(title: str) -> str:
    cleaned = str(title).translate(_SHEET_TITLE_FORBIDDEN).strip()
    return (cleaned or "Report")[:31]


def _display_width(text: str) -> int:
    """Column width in Excel units: a Chinese character is about two Latin ones wide."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
