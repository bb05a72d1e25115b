"""The target tree of a period: nested parts, allocated and unallocated, progress bars."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from salesflow.targets.tests.conftest import shanghai
from salesflow.users.models import Role

TREE = reverse("targets:tree")
YEAR = str(timezone.localdate().year)


@pytest.fixture
def tree(org, set_target):
    company = set_target("company", YEAR, 1_000_000)
    east = set_target(org["region"], YEAR, 600_000, parent=company)
    team = set_target(org["team1"], YEAR, 500_000, parent=east)
    rep = set_target(org["rep1"], YEAR, 200_000, parent=team)
    return {"company": company, "east": east, "team": team, "rep": rep}


def node(html: str, target) -> str:
    start = html.index(f'id="target-{target.pk}"')
    return html[start : html.index("</li>", start)]


def test_signing_in_is_required(client):
    assert client.get(TREE).status_code == 302


def test_the_director_sees_the_tree_from_company_to_rep_with_what_is_unallocated(
    org, tree, client_for
):
    html = client_for(org["director"]).get(TREE, {"period": YEAR}).content.decode()

    assert html.index(f'id="target-{tree["company"].pk}"') < html.index(
        f'id="target-{tree["east"].pk}"'
    )
    assert "unallocated ¥400,000" in node(html, tree["company"])
    assert "unallocated ¥100,000" in node(html, tree["east"])
    assert "unallocated ¥300,000" in node(html, tree["team"])
    assert f'data-holder="rep:{org["rep1"].pk}"' in html
    assert 'role="progressbar"' in html


def test_a_fully_allocated_target_says_so(org, set_target, client_for):
    company = set_target("company", YEAR, 100_000)
    set_target(org["region"], YEAR, 100_000, parent=company)

    html = client_for(org["director"]).get(TREE, {"period": YEAR}).content.decode()

    assert "fully allocated" in node(html, company)


def test_a_rep_sees_their_teams_target_with_their_own_beneath(org, tree, client_for):
    response = client_for(org["rep1"]).get(TREE, {"period": YEAR})

    roots = response.context["roots"]
    assert [r.target for r in roots] == [tree["team"]]
    assert [c.target for c in roots[0].children] == [tree["rep"]]
    html = response.content.decode()
    assert f'id="target-{tree["company"].pk}"' not in html
    assert 'data-testid="set-target"' not in html


def test_the_tree_shows_the_actual_and_the_achievement(org, set_target, won, client_for):
    won(org["rep1"], 50_000, at=shanghai(int(YEAR), 1, 5, 10))
    rep = set_target(org["rep1"], YEAR, 200_000)

    html = client_for(org["director"]).get(TREE, {"period": YEAR}).content.decode()

    assert "25.0%" in node(html, rep)
    assert "Actual ¥50,000" in node(html, rep)


def test_another_metric_shows_its_own_tree(org, set_target, client_for):
    set_target("company", YEAR, 1_000_000)
    customers = set_target("company", YEAR, 40, metric="new_customers")

    response = client_for(org["director"]).get(TREE, {"period": YEAR, "metric": "new_customers"})

    assert [r.target for r in response.context["roots"]] == [customers]
    assert '<strong class="node-amount">40</strong>' in response.content.decode()


def test_a_period_that_does_not_parse_shows_this_year(org, client_for):
    response = client_for(org["director"]).get(TREE, {"period": "someday"})

    assert response.status_code == 200
    assert response.context["period"].key == YEAR


@pytest.mark.parametrize("reps", [5, 50])
def test_the_tree_runs_a_constant_number_of_queries(
    org, set_target, make_user, client_for, django_assert_max_num_queries, reps
):
    team = set_target(org["team1"], YEAR, Decimal(10_000_000))
    for _ in range(reps):
        rep = make_user(Role.REP, supervisor=org["manager1"], team=org["team1"])
        set_target(rep, YEAR, 1_000, parent=team)
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(8):
        response = client.get(TREE, {"period": YEAR})

    assert len(response.context["roots"][0].children) == reps


def test_the_tree_exports_to_xlsx_with_the_filters(org, tree, client_for):
    response = client_for(org["director"]).get(TREE, {"period": YEAR, "format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Level", "Holder", "Holder kind", "Period")
    assert [(r[0], r[1]) for r in rows[1:]] == [
        (0, "Company"),
        (1, "East"),
        (2, "Shanghai"),
        (3, "rep1"),
    ]
    assert rows[1][6] == 1_000_000 and rows[1][8] == 400_000


def test_the_tree_exports_to_csv(org, tree, client_for):
    response = client_for(org["director"]).get(TREE, {"period": YEAR, "format": "csv"})

    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("0,Company,Company," + YEAR)
