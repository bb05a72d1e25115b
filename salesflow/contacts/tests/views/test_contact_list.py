import pytest
from django.urls import reverse

from salesflow.contacts.models import Attitude, DecisionRole

LIST = reverse("contacts:list")


def listed_names(response) -> list[str]:
    return [contact.name for contact in response.context["page_obj"]]


def test_rep_sees_own_contacts_with_their_account_linked(
    org, make_account, make_contact, client_for
):
    account = make_account(org["rep1"], name="Baosteel")
    make_contact(account, name="Wang Wei", title="CTO")

    response = client_for(org["rep1"]).get(LIST)

    html = response.content.decode()
    assert "Wang Wei" in html and "CTO" in html
    assert f'href="{account.get_absolute_url()}"' in html


def test_rep_does_not_see_another_reps_contacts(org, make_account, make_contact, client_for):
    make_contact(make_account(org["rep1"]), name="Mine")
    make_contact(make_account(org["rep2"]), name="Theirs")

    response = client_for(org["rep1"]).get(LIST)

    assert listed_names(response) == ["Mine"]


def test_search_matches_name_title_and_account(org, make_account, make_contact, client_for):
    steel = make_account(org["rep1"], name="Baosteel")
    bank = make_account(org["rep1"], name="ICBC")
    make_contact(steel, name="Wang Wei", title="Purchasing head")
    make_contact(bank, name="Li Na", title="CFO")

    client = client_for(org["rep1"])

    assert listed_names(client.get(LIST, {"q": "purchasing"})) == ["Wang Wei"]
    assert listed_names(client.get(LIST, {"q": "icbc"})) == ["Li Na"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"decision_role": DecisionRole.DECISION_MAKER}, ["Boss"]),
        ({"attitude": Attitude.HOSTILE}, ["Blocker"]),
        ({"is_ally": "1"}, ["Coach"]),
    ],
)
def test_filters_narrow_the_list(org, make_account, make_contact, client_for, params, expected):
    account = make_account(org["rep1"])
    make_contact(account, name="Boss", decision_role=DecisionRole.DECISION_MAKER)
    make_contact(account, name="Blocker", attitude=Attitude.HOSTILE)
    make_contact(account, name="Coach", is_ally=True)

    response = client_for(org["rep1"]).get(LIST, params)

    assert listed_names(response) == expected


def test_account_filter_shows_only_that_accounts_people(
    org, make_account, make_contact, client_for
):
    steel = make_account(org["rep1"], name="Baosteel")
    bank = make_account(org["rep1"], name="ICBC")
    make_contact(steel, name="Wang Wei")
    make_contact(bank, name="Li Na")

    response = client_for(org["rep1"]).get(LIST, {"account": bank.pk})

    assert listed_names(response) == ["Li Na"]


def test_account_filter_offers_only_visible_accounts(org, make_account, client_for):
    make_account(org["rep1"], name="Mine Ltd")
    make_account(org["rep3"], name="Elsewhere Ltd")

    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert "Mine Ltd" in html
    assert "Elsewhere Ltd" not in html


def test_htmx_request_gets_only_the_results_fragment(org, make_account, make_contact, client_for):
    make_contact(make_account(org["rep1"]), name="Wang Wei")

    response = client_for(org["rep1"]).get(LIST, {"q": "wang"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "Wang Wei" in html
    assert "<html" not in html
    assert 'role="search"' not in html


def test_list_is_paginated_with_the_page_size(
    org, make_account, make_contact, client_for, settings
):
    settings.PAGE_SIZE = 2
    account = make_account(org["rep1"])
    for name in ("Ann", "Bo", "Cai"):
        make_contact(account, name=name)

    client = client_for(org["rep1"])
    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert listed_names(first) == ["Ann", "Bo"]
    assert "Page 1 of 2" in first.content.decode()
    assert listed_names(second) == ["Cai"]


def test_page_link_keeps_the_filters(org, make_account, make_contact, client_for, settings):
    settings.PAGE_SIZE = 1
    account = make_account(org["rep1"])
    make_contact(account, name="Ann", is_ally=True)
    make_contact(account, name="Bo", is_ally=True)

    html = client_for(org["rep1"]).get(LIST, {"is_ally": "1"}).content.decode()

    assert 'href="?is_ally=1&amp;page=2"' in html


def test_empty_list_invites_to_add_the_first_contact(org, client_for):
    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert "No contacts yet" in html
    assert f'href="{reverse("contacts:create")}"' in html


def test_no_match_says_so_and_offers_to_clear_filters(org, make_account, make_contact, client_for):
    make_contact(make_account(org["rep1"]), name="Wang Wei")

    html = client_for(org["rep1"]).get(LIST, {"q": "nobody"}).content.decode()

    assert "No contacts match these filters." in html
    assert "Clear the filters" in html


def test_table_cells_carry_labels_for_small_screens(org, make_account, make_contact, client_for):
    make_contact(make_account(org["rep1"]), name="Wang Wei", attitude=Attitude.DOUBTS)

    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert 'class="table responsive"' in html
    assert 'data-label="Account"' in html
    assert 'class="badge att att-doubts"' in html


@pytest.mark.parametrize("rows", [5, 50])
def test_list_query_count_does_not_grow_with_rows(
    org, make_account, make_contact, client_for, settings, django_assert_max_num_queries, rows
):
    settings.PAGE_SIZE = 50
    manager = org["manager1"]
    for n in range(rows):
        account = make_account(org["rep1"] if n % 2 else org["rep2"])
        boss = make_contact(account, name=f"Boss {n}")
        make_contact(account, name=f"Report {n}", reports_to=boss, is_ally=True)
    client = client_for(manager)

    with django_assert_max_num_queries(6):
        response = client.get(LIST, {"is_ally": "1"})

    assert len(response.context["page_obj"]) == rows
