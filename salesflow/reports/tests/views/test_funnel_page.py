"""The funnel page: filters, the chart's figure, the tables, empty states, languages, queries."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from salesflow.pipeline.models import SalesProcess

FUNNEL = reverse("reports:funnel")


def figure(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="funnel-figure" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def test_signing_in_is_required(client):
    response = client.get(FUNNEL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_draws_a_funnel_of_amounts_coloured_by_funnel_state(
    org, eight_step, make_deal, client_for
):
    make_deal(org["rep1"], amount=Decimal("120000"))
    make_deal(org["rep1"], stage=3, amount=Decimal("50000"))

    response = client_for(org["rep1"]).get(FUNNEL)

    assert response.status_code == 200
    traces = figure(response)["data"]
    assert [t["type"] for t in traces] == ["funnel", "funnel", "funnel"]
    assert [t["name"] for t in traces] == ["Search", "In funnel", "Best"]
    assert traces[0]["y"] == ["1. Project initiation", "2. Initial contact"]
    assert traces[0]["x"] == [120000.0, 0.0]
    assert traces[1]["x"] == [50000.0, 0.0, 0.0]
    assert len({t["marker"]["color"] for t in traces}) == 3
    assert 'src="/static/vendor/plotly/plotly.min.js"' in response.content.decode()


def test_the_chart_switches_to_counts(org, eight_step, make_deal, client_for):
    make_deal(org["rep1"], amount=Decimal("120000"))
    make_deal(org["rep1"], amount=Decimal("1000"))

    response = client_for(org["rep1"]).get(FUNNEL, {"measure": "count"})

    assert figure(response)["data"][0]["x"] == [2, 0]
    assert "Opportunities by stage" in response.content.decode()


def test_the_table_shows_value_and_effort_by_funnel_state_and_stage(
    org, eight_step, make_deal, log_activity, client_for
):
    deal = make_deal(org["rep1"], stage=2, amount=Decimal("1234567"))
    log_activity(deal, minutes=150, expenses=Decimal("880"))

    response = client_for(org["rep1"]).get(FUNNEL)

    html = response.content.decode()
    stage = html.split('<tr data-stage="2">', 1)[1].split("</tr>", 1)[0]
    assert "1,234,567" in stage  # amount
    assert "246,913" in stage  # weighted at 20 %
    assert ">2.5<" in stage  # hours
    assert ">880<" in stage  # expenses
    search = html.split('data-funnel-state="search"', 1)[1].split("</tr>", 1)[0]
    assert "Search" in search and "1,234,567" in search


def test_conversion_table_lists_every_stage_with_what_follows_it(
    org, eight_step, make_deal, client_for
):
    make_deal(org["rep1"], stage=2)
    make_deal(org["rep1"])

    html = client_for(org["rep1"]).get(FUNNEL).content.decode()

    conversion = html.split('id="conversion"', 1)[1]
    first = conversion.split('<tr data-stage="1">', 1)[1].split("</tr>", 1)[0]
    assert "2. Initial contact" in first
    assert "50%" in first
    last = conversion.split('<tr data-stage="8">', 1)[1].split("</tr>", 1)[0]
    assert "Won" in last


def test_filters_narrow_the_report(org, eight_step, make_deal, client_for):
    make_deal(org["rep1"], amount=Decimal("1000"))
    make_deal(org["rep3"], amount=Decimal("2000"))

    response = client_for(org["director"]).get(FUNNEL, {"team": org["team2"].pk})

    assert response.context["report"].total.amount == Decimal("2000")


def test_another_process_can_be_chosen(org, ten_step, make_deal, client_for):
    make_deal(org["rep1"], process=ten_step)

    response = client_for(org["rep1"]).get(FUNNEL, {"process": ten_step.pk})

    assert response.context["report"].total.count == 1
    assert len(response.context["report"].stages) == 10


def test_an_owner_the_user_cannot_see_is_ignored_not_an_error(
    org, eight_step, make_deal, client_for
):
    make_deal(org["rep1"])

    response = client_for(org["rep1"]).get(FUNNEL, {"owner": org["rep3"].pk, "process": "x"})

    assert response.status_code == 200
    assert response.context["report"].total.count == 1


def test_a_rep_sees_only_their_deals_and_a_manager_their_reps(
    org, eight_step, make_deal, client_for
):
    make_deal(org["rep1"], amount=Decimal("1000"))
    make_deal(org["rep2"], amount=Decimal("2000"))
    make_deal(org["rep3"], amount=Decimal("4000"))

    def total(user) -> Decimal:
        return client_for(user).get(FUNNEL).context["report"].total.amount

    assert total(org["rep1"]) == Decimal("1000")
    assert total(org["manager1"]) == Decimal("3000")


def test_an_empty_funnel_says_so_and_draws_no_chart(org, eight_step, client_for):
    html = client_for(org["rep1"]).get(FUNNEL).content.decode()

    assert "There are no open opportunities in this process yet." in html
    assert "No stage history yet" in html
    assert "plotly.min.js" not in html


def test_a_filter_that_matches_nothing_offers_to_clear_it(org, eight_step, make_deal, client_for):
    make_deal(org["rep1"])

    html = client_for(org["director"]).get(FUNNEL, {"team": org["team2"].pk}).content.decode()

    assert "No open opportunities match these filters." in html


def test_without_any_process_the_page_says_none_is_set_up(org, client_for, db):
    SalesProcess.objects.all().delete()

    html = client_for(org["rep1"]).get(FUNNEL).content.decode()

    assert "No sales process is set up yet." in html


def test_in_chinese_the_stages_carry_their_chinese_names(org, eight_step, make_deal, client_for):
    make_deal(org["rep1"], stage=3)
    client = client_for(org["rep1"])

    with translation.override("zh-hans"):
        response = client.get(FUNNEL, headers={"accept-language": "zh-hans"})

    traces = figure(response)["data"]
    assert traces[0]["y"] == ["1. 项目立项", "2. 初步接触"]
    assert "3. 方案设计" in response.content.decode()


@pytest.mark.parametrize("deals", [5, 50])
def test_query_count_does_not_grow_with_the_deals(
    org, eight_step, make_deal, log_activity, client_for, django_assert_max_num_queries, deals
):
    for n in range(deals):
        deal = make_deal(org["rep1"] if n % 2 else org["rep2"], stage=n % 4 + 1)
        log_activity(deal)
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(16):
        response = client.get(FUNNEL)

    assert response.context["report"].total.count == deals
