"""export_response: a CSV Excel opens as UTF-8, an XLSX with typed cells, a 400 for anything else."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

import openpyxl
from django.utils import timezone

from salesflow.reports.exports import export_response

HEADERS = ["客户", "Amount (¥)", "Won on", "Deals"]
ROWS = [
    ["上海华东机械有限公司", Decimal("125000.50"), date(2026, 3, 31), 3],
    ["Acme GmbH", Decimal("9000"), None, 1],
]


def export(fmt: str, **overrides):
    arguments = {
        "filename": "漏斗-funnel",
        "sheet_title": "Funnel",
        "headers": HEADERS,
        "rows": ROWS,
        "fmt": fmt,
    } | overrides
    return export_response(**arguments)


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_chinese():
    response = export("csv")

    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_csv_round_trips_chinese_text_numbers_and_dates():
    response = export("csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        HEADERS,
        ["上海华东机械有限公司", "125000.50", "2026-03-31", "3"],
        ["Acme GmbH", "9000", "", "1"],
    ]


def test_the_download_is_named_in_rfc_5987_form_for_a_chinese_file_name():
    response = export("csv")

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('漏斗-funnel.csv')}" in disposition


def test_an_ascii_file_name_is_given_plainly_with_its_extension():
    response = export("xlsx", filename="forecast-2026-01_2026-12")

    assert response["Content-Disposition"] == (
        'attachment; filename="forecast-2026-01_2026-12.xlsx"'
    )


def test_xlsx_opens_with_openpyxl_with_a_bold_header_and_typed_cells():
    response = export("xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "Funnel"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    name, amount, won_on, deals = sheet[2]
    assert name.value == "上海华东机械有限公司"
    assert amount.data_type == "n" and amount.value == 125000.5
    assert amount.number_format == "#,##0.00"
    assert deals.data_type == "n" and deals.value == 3
    assert won_on.is_date and won_on.value.date() == date(2026, 3, 31)
    assert sheet["C3"].value is None


def test_xlsx_columns_are_wide_enough_for_chinese_names():
    response = export("xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    # Eleven Chinese characters are about 22 Latin ones wide.
    assert sheet.column_dimensions["A"].width >= 22
    assert sheet.column_dimensions["D"].width >= 8


def test_an_aware_moment_is_written_as_the_local_clock_reads_it():
    moment = timezone.make_aware(datetime(2026, 3, 31, 23, 30), timezone.get_default_timezone())

    response = export("xlsx", headers=["When"], rows=[[moment]])

    cell = openpyxl.load_workbook(io.BytesIO(response.content)).active["A2"]
    assert cell.value == datetime(2026, 3, 31, 23, 30)


def test_text_that_looks_like_a_formula_stays_text():
    rows = [['=HYPERLINK("http://evil")', "+1", "@SUM(A1)"]]

    csv_text = export("csv", headers=["a", "b", "c"], rows=rows).content.decode("utf-8-sig")
    sheet = openpyxl.load_workbook(
        io.BytesIO(export("xlsx", headers=["a", "b", "c"], rows=rows).content)
    ).active

    assert "'=HYPERLINK" in csv_text and "'+1" in csv_text and "'@SUM" in csv_text
    assert [cell.data_type for cell in sheet[2]] == ["s", "s", "s"]
    assert sheet["A2"].value == '=HYPERLINK("http://evil")'


def test_an_unknown_format_answers_400():
    response = export("pdf")

    assert response.status_code == 400
    assert "pdf" in response.content.decode()
