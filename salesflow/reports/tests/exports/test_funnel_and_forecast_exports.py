"""The funnel and forecast pages download their tables, with the page's filters applied."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from django.urls import reverse

FUNNEL = reverse("reports:funnel")
FORECAST = reverse("reports:forecast")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_funnel_pages_offer_csv_and_xlsx_with_the_filters_kept(org, eight_step, client_for):
    response = client_for(org["manager1"]).get(FUNNEL, {"owner": org["rep1"].pk})

    links = response.content.decode().split('class="export-links"', 1)[1].split("</p>", 1)[0]
    assert f"owner={org['rep1'].pk}&amp;format=csv" in links
    assert f"owner={org['rep1'].pk}&amp;format=xlsx" in links


def test_the_funnel_csv_has_a_row_per_stage_for_the_chosen_owner(
    org, eight_step, make_deal, client_for
):
    make_deal(org["rep1"], stage=2, amount=Decimal("1234567"))
    make_deal(org["rep2"], stage=2, amount=Decimal("5000"))

    response = client_for(org["manager1"]).get(FUNNEL, {"owner": org["rep1"].pk, "format": "csv"})

    rows = csv_rows(response)
    assert rows[0][:5] == [
        "Funnel state",
        "Stage",
        "Probability (%)",
        "Opportunities",
        "Amount (¥)",
    ]
    assert len(rows) == 1 + 8
    stage_two = rows[2]
    assert stage_two[:6] == ["Search", "2. Initial contact", "20", "1", "1234567.00", "246913.40"]
    assert response["Content-Disposition"] == 'attachment; filename="funnel-eight_step.csv"'


def test_the_forecast_xlsx_has_a_month_per_row_with_numbers(org, eight_step, make_deal, client_for):
    make_deal(org["rep1"], stage=3, amount=Decimal("100000"), expected_close_date=date(2030, 6, 28))

    response = client_for(org["rep1"]).get(
        FORECAST, {"start": "2030-05", "end": "2030-07", "format": "xlsx"}
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Month"
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        datetime(2030, 5, 1),
        datetime(2030, 6, 1),
        datetime(2030, 7, 1),
    ]
    june = [cell.value for cell in sheet[3]]
    assert june[-3:] == [30000, 100000, 1]  # weighted at 30 %, amount, count
    assert sheet["A3"].number_format == "yyyy-mm-dd"


def test_an_unknown_export_format_answers_400(org, eight_step, client_for):
    response = client_for(org["rep1"]).get(FORECAST, {"format": "pdf"})

    assert response.status_code == 400
