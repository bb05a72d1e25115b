"""Progress in each role's rhythm: reps daily (their own), managers weekly (team and reps),
directors monthly (company and regions)."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from salesflow.users.models import Role

PROGRESS = reverse("targets:progress")
TODAY = timezone.localdate()
MONTH = f"{TODAY:%Y-%m}"
YEAR = str(TODAY.year)


def holders_in(response, period: str) -> list[str]:
    section = next(s for s in response.context["sections"] if s.period.key == period)
    return [row.holder.key for row in section.rows]


def test_a_rep_reads_their_own_month_quarter_and_year(org, set_target, client_for):
    set_target(org["rep1"], MONTH, 50_000)

    response = client_for(org["rep1"]).get(PROGRESS)

    assert response.context["rhythm"] == "daily"
    assert [s.period.kind for s in response.context["sections"]] == ["month", "quarter", "year"]
    assert holders_in(response, MONTH) == [f"rep:{org['rep1'].pk}"]
    assert "¥50,000" in response.content.decode()


def test_a_manager_reads_the_team_and_each_rep_weekly(org, set_target, client_for):
    set_target(org["team1"], MONTH, 300_000)

    response = client_for(org["manager1"]).get(PROGRESS)

    assert response.context["rhythm"] == "weekly"
    assert holders_in(response, MONTH) == [
        f"team:{org['team1'].pk}",
        f"rep:{org['rep1'].pk}",
        f"rep:{org['rep2'].pk}",
    ]


def test_a_director_reads_the_company_and_regions_monthly(org, set_target, client_for):
    set_target("company", YEAR, 9_000_000)

    response = client_for(org["director"]).get(PROGRESS)

    assert response.context["rhythm"] == "monthly"
    assert holders_in(response, YEAR) == ["company", f"region:{org['region'].pk}"]


def test_a_rep_asking_for_the_monthly_view_sees_only_their_team(org, client_for):
    response = client_for(org["rep1"]).get(PROGRESS, {"view": "monthly"})

    assert holders_in(response, MONTH) == [f"team:{org['team1'].pk}"]


@pytest.mark.parametrize("reps", [5, 50])
def test_the_weekly_view_runs_a_constant_number_of_queries(
    org, set_target, make_user, client_for, django_assert_max_num_queries, reps
):
    team = set_target(org["team1"], MONTH, 10_000_000)
    for _ in range(reps):
        rep = make_user(Role.REP, supervisor=org["manager1"], team=org["team1"])
        set_target(rep, MONTH, 1_000, parent=team)
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(9):
        response = client.get(PROGRESS)

    assert len(holders_in(response, MONTH)) == reps + 3


def test_the_progress_page_exports_to_xlsx(org, set_target, client_for):
    set_target(org["rep1"], MONTH, 50_000)

    response = client_for(org["rep1"]).get(PROGRESS, {"view": "daily", "format": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:6] == ("Period", "Holder", "Holder kind", "Metric", "Product", "Target")
    assert rows[1][:6] == (MONTH, "rep1", "Rep", "Sales revenue", None, 50_000)
