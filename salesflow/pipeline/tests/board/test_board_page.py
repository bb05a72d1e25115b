"""The board page: columns and cards, filters, visibility, the "and N more" link, queries."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from salesflow.org.models import Region
from salesflow.pipeline.board import CARDS_PER_COLUMN

BOARD = reverse("pipeline:board")


def card_names(response) -> list[str]:
    board = response.context["board"]
    return [card.opportunity.name for g in board.groups for c in g.columns for card in c.cards]


def column(response, number: int):
    board = response.context["board"]
    return next(c for g in board.groups for c in g.columns if c.stage.number == number)


def test_a_card_shows_what_the_rep_needs_to_know(
    org, eight_step, make_opportunity, make_account, answer_all_qualification, client_for
):
    account = make_account(org["rep1"], name="Baosteel")
    deal = make_opportunity(
        org["rep1"],
        account=account,
        name="Cold rolling line",
        amount=Decimal("1250000"),
        expected_close_date=date(2030, 3, 31),
    )
    answer_all_qualification(deal, answer="partly")

    response = client_for(org["rep1"]).get(BOARD)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{deal.get_absolute_url()}"' in html
    for shown in ("Cold rolling line", "Baosteel", "¥1,250,000", "03/31/2030", "rep1"):
        assert shown in html
    assert "0 days in stage" in html
    assert "Q 5/10" in html
    assert 'data-warning="no_decision_maker"' in html
    assert "No decision maker identified." in html  # the whole sentence, as the badge's tooltip


def test_the_columns_are_the_chosen_process_stages(org, ten_step, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Ten-step deal", process=ten_step)
    make_opportunity(org["rep1"], name="Eight-step deal")

    default = client_for(org["rep1"]).get(BOARD)
    chosen = client_for(org["rep1"]).get(BOARD, {"process": "ten_step"})

    assert card_names(default) == ["Eight-step deal"]
    assert len([c for g in default.context["board"].groups for c in g.columns]) == 8
    assert card_names(chosen) == ["Ten-step deal"]
    assert len([c for g in chosen.context["board"].groups for c in g.columns]) == 10


def test_funnel_headers_and_columns_show_count_total_and_weighted(
    org, eight_step, make_opportunity, client_for
):
    make_opportunity(org["rep1"], amount=Decimal("200000"), stage=3)
    make_opportunity(org["rep1"], amount=Decimal("100000"), stage=4)

    response = client_for(org["rep1"]).get(BOARD)

    html = response.content.decode()
    in_funnel = html[html.index('data-funnel-state="in_funnel"') :]
    in_funnel = in_funnel[: in_funnel.index('data-funnel-state="best"')]
    header = in_funnel[: in_funnel.index("board-column")]
    assert '<dd data-total="count">2</dd>' in header
    assert '<dd data-total="amount">¥300,000</dd>' in header
    assert '<dd data-total="weighted">¥100,000</dd>' in header  # 30 % of 200k + 40 % of 100k
    assert column(response, 3).totals.weighted == Decimal("60000.00")


def test_a_rep_sees_only_their_own_cards(org, eight_step, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Mine")
    make_opportunity(org["rep2"], name="Colleague's")

    response = client_for(org["rep1"]).get(BOARD)

    assert card_names(response) == ["Mine"]
    assert "Colleague" not in response.content.decode()
    assert response.context["board"].groups[0].totals.count == 1


def test_a_manager_sees_the_cards_of_their_reps_only(org, eight_step, make_opportunity, client_for):
    make_opportunity(org["rep1"], name="Rep one")
    make_opportunity(org["rep2"], name="Rep two")
    make_opportunity(org["rep3"], name="Other team")

    response = client_for(org["manager1"]).get(BOARD)

    assert sorted(card_names(response)) == ["Rep one", "Rep two"]


def test_owner_team_and_region_filters_narrow_the_board(
    org, eight_step, make_opportunity, make_account, client_for
):
    north = Region.objects.create(name="North")
    make_opportunity(
        org["rep1"], name="Rep1 north", account=make_account(org["rep1"], region=north)
    )
    make_opportunity(org["rep2"], name="Rep2 east", account=make_account(org["rep2"]))
    make_opportunity(org["rep3"], name="Rep3 Beijing")
    client = client_for(org["director"])

    by_owner = client.get(BOARD, {"owner": org["rep2"].pk})
    by_team = client.get(BOARD, {"team": org["team2"].pk})
    by_region = client.get(BOARD, {"region": north.pk})

    assert card_names(by_owner) == ["Rep2 east"]
    assert card_names(by_team) == ["Rep3 Beijing"]
    assert card_names(by_region) == ["Rep1 north"]
    assert by_region.context["board"].groups[0].totals.count == 1


def test_close_period_filters_by_expected_close_date(org, eight_step, make_opportunity, client_for):
    today = timezone.localdate()
    quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    next_quarter = (quarter_start + timedelta(days=100)).replace(day=10)
    make_opportunity(org["rep1"], name="This month", expected_close_date=today)
    make_opportunity(org["rep1"], name="Next quarter", expected_close_date=next_quarter)
    make_opportunity(org["rep1"], name="Much later", expected_close_date=date(today.year + 3, 1, 1))
    client = client_for(org["rep1"])

    assert card_names(client.get(BOARD, {"close": "this_month"})) == ["This month"]
    assert card_names(client.get(BOARD, {"close": "this_quarter"})) == ["This month"]
    assert card_names(client.get(BOARD, {"close": "next_quarter"})) == ["Next quarter"]
    custom = {"close": "custom", "close_from": next_quarter.isoformat(), "close_to": ""}
    assert card_names(client.get(BOARD, custom)) == ["Next quarter", "Much later"]
    assert len(card_names(client.get(BOARD, {"close": "nonsense"}))) == 3


def test_an_htmx_filter_change_answers_with_the_board_body_only(
    org, eight_step, make_opportunity, client_for
):
    make_opportunity(org["rep1"], name="Mine")

    response = client_for(org["rep1"]).get(BOARD, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "Mine" in html
    assert "<html" not in html
    assert 'id="board-filters"' not in html


def test_a_full_column_shows_its_first_cards_and_links_to_the_rest(
    org, eight_step, stage_of, make_opportunity, client_for
):
    start = date(2030, 1, 1)
    for n in range(CARDS_PER_COLUMN + 2):
        make_opportunity(org["rep1"], name=f"Deal {n:02}", expected_close_date=start + timedelta(n))

    response = client_for(org["rep1"]).get(BOARD, {"owner": org["rep1"].pk})

    first = column(response, 1)
    assert [c.opportunity.name for c in first.cards] == [
        f"Deal {n:02}" for n in range(CARDS_PER_COLUMN)
    ]
    assert first.totals.count == CARDS_PER_COLUMN + 2
    html = response.content.decode()
    assert "and 2 more" in html
    href = html[html.index('class="column-more" href="') :].split('"')[3].replace("&amp;", "&")
    url = urlsplit(href)
    assert url.path == reverse("pipeline:list")
    assert parse_qs(url.query) == {
        "stage": [str(stage_of(eight_step, 1).pk)],
        "status": ["open"],
        "owner": [str(org["rep1"].pk)],
        "process": [str(eight_step.pk)],
    }


@pytest.mark.parametrize("opportunities", [5, 60])
def test_the_board_costs_the_same_queries_for_5_and_60_opportunities(
    opportunities,
    org,
    eight_step,
    make_opportunity,
    make_account,
    make_contact,
    client_for,
    django_assert_max_num_queries,
):
    from salesflow.pipeline.services import deal_contact_set

    accounts = [make_account(owner) for owner in (org["rep1"], org["rep2"])]
    for n in range(opportunities):
        account = accounts[n % 2]
        deal = make_opportunity(account.owner, account=account, stage=1 + n % 3)
        deal_contact_set(
            opportunity=deal,
            contact=make_contact(account, decision_role="decision_maker"),
            acting_user=account.owner,
        )
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(13):
        response = client.get(BOARD, {"close": "custom", "close_from": "2020-01-01"})

    assert sum(g.totals.count for g in response.context["board"].groups) == opportunities
