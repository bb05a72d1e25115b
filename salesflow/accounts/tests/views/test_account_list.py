"""The account list: search, filters, sorting, pages, htmx fragment, empty states, query count."""

from decimal import Decimal

import pytest
from django.urls import reverse

from salesflow.accounts.models import AccountStatus, KeyAccountType, Tier
from salesflow.accounts.services import account_team_member_set
from salesflow.org.models import Region

LIST = reverse("accounts:list")


def row_names(response) -> list[str]:
    return [a.name for a in response.context["accounts"]]


def test_rep_sees_only_their_own_accounts(org, make_account, client_for):
    make_account(org["rep1"], name="Mine")
    make_account(org["rep2"], name="Colleague's")

    response = client_for(org["rep1"]).get(LIST)

    assert row_names(response) == ["Mine"]
    assert "Colleague&#x27;s" not in response.content.decode()


def test_manager_sees_the_accounts_of_everyone_below_them(org, make_account, client_for):
    make_account(org["rep1"], name="One")
    make_account(org["rep2"], name="Two")
    make_account(org["rep3"], name="Other team")

    response = client_for(org["manager1"]).get(LIST)

    assert row_names(response) == ["One", "Two"]


def test_search_finds_an_account_by_a_contact_name(org, make_account, make_contact, client_for):
    found = make_account(org["rep1"], name="Sinopec East")
    make_account(org["rep1"], name="Other")
    make_contact(found, name="Wang Fang")

    response = client_for(org["rep1"]).get(LIST, {"q": "wang"})

    assert row_names(response) == ["Sinopec East"]


def test_filters_narrow_the_list(org, make_account, client_for):
    north = Region.objects.create(name="North")
    make_account(
        org["rep1"],
        name="Match",
        tier=Tier.A,
        region=north,
        key_account_type=KeyAccountType.NATIONAL,
        status=AccountStatus.CUSTOMER,
    )
    make_account(org["rep1"], name="Wrong tier", tier=Tier.B, region=north)
    make_account(org["rep1"], name="Wrong region", tier=Tier.A, region=org["region"])

    response = client_for(org["rep1"]).get(
        LIST,
        {"tier": "A", "region": north.pk, "key_account_type": "national", "status": "customer"},
    )

    assert row_names(response) == ["Match"]


def test_team_filter_shows_accounts_owned_by_that_team(org, make_account, client_for):
    make_account(org["rep1"], name="Shanghai account")
    make_account(org["rep3"], name="Beijing account")

    response = client_for(org["director"]).get(LIST, {"team": org["team2"].pk})

    assert row_names(response) == ["Beijing account"]


def test_owner_filter_offers_only_people_the_user_may_see(org, client_for):
    response = client_for(org["manager1"]).get(LIST)

    choices = [label for value, label in response.context["form"].fields["owner"].choices if value]
    assert choices == ["manager1", "rep1", "rep2"]


def test_an_unknown_filter_value_is_ignored(org, make_account, client_for):
    make_account(org["rep1"], name="Kept")

    response = client_for(org["rep1"]).get(LIST, {"tier": "Z", "owner": "nobody"})

    assert response.status_code == 200
    assert row_names(response) == ["Kept"]


def test_sorting_by_revenue_puts_the_largest_first(org, make_account, client_for):
    make_account(org["rep1"], name="Small", annual_revenue=Decimal(1_000))
    make_account(org["rep1"], name="Big", annual_revenue=Decimal(9_000_000))
    make_account(org["rep1"], name="Unknown")

    response = client_for(org["rep1"]).get(LIST, {"sort": "-revenue"})

    assert row_names(response) == ["Big", "Small", "Unknown"]


def test_a_sorted_column_header_links_to_the_opposite_direction(org, make_account, client_for):
    make_account(org["rep1"])

    response = client_for(org["rep1"]).get(LIST, {"sort": "-score", "tier": "C"})

    html = response.content.decode()
    assert 'aria-sort="descending" data-sort="score"' in html
    assert 'href="?sort=score&amp;tier=C"' in html


def test_sorting_by_selection_score_ranks_the_strongest_first(org, make_account, client_for):
    make_account(org["rep1"], name="Weak", score_sales_potential=1)
    make_account(org["rep1"], name="Strong", score_sales_potential=5, score_innovation=5)

    response = client_for(org["rep1"]).get(LIST, {"sort": "-score"})

    assert row_names(response) == ["Strong", "Weak"]


def test_the_list_is_split_into_pages(org, make_account, client_for, settings):
    settings.PAGE_SIZE = 2
    for name in ["A", "B", "C"]:
        make_account(org["rep1"], name=name)

    client = client_for(org["rep1"])
    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert row_names(first) == ["A", "B"]
    assert row_names(second) == ["C"]
    assert "Page 1 of 2" in first.content.decode()


def test_an_htmx_request_gets_only_the_results_table(org, make_account, client_for):
    make_account(org["rep1"], name="Mine")

    response = client_for(org["rep1"]).get(LIST, {"q": "Mine"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert 'class="table responsive accounts"' in html
    assert 'id="account-filters"' not in html


def test_a_history_restore_gets_the_whole_page(org, client_for):
    response = client_for(org["rep1"]).get(
        LIST, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert 'id="account-filters"' in response.content.decode()


def test_the_filter_form_updates_the_results_in_place(org, client_for):
    response = client_for(org["rep1"]).get(LIST)

    html = response.content.decode()
    assert f'hx-get="{LIST}" hx-target="#results" hx-push-url="true"' in html


def test_no_accounts_at_all_invites_the_user_to_create_one(org, client_for):
    response = client_for(org["rep1"]).get(LIST)

    html = response.content.decode()
    assert "You have no accounts yet." in html
    assert f'href="{reverse("accounts:create")}"' in html


def test_a_search_without_results_offers_to_clear_it(org, make_account, client_for):
    make_account(org["rep1"], name="Something")

    response = client_for(org["rep1"]).get(LIST, {"q": "nothing-like-this"})

    html = response.content.decode()
    assert "No accounts match this search." in html
    assert "Clear the search and filters" in html


def test_every_cell_carries_its_column_name_for_phones(org, make_account, client_for):
    make_account(org["rep1"], name="Mine")

    html = client_for(org["rep1"]).get(LIST).content.decode()

    assert 'class="table responsive accounts"' in html
    assert '<td data-label="Owner">rep1</td>' in html


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_for_5_and_50_rows(
    rows, org, make_account, make_contact, client_for, settings, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 100
    for n in range(rows):
        owner = org["rep1"] if n % 2 else org["rep2"]
        account = make_account(
            owner, name=f"Account {n:03}", region=org["region"], score_innovation=3
        )
        make_contact(account)
        account_team_member_set(
            account=account, user=org["manager1"], team_role="lead", acting_user=owner
        )
    client = client_for(org["manager1"])

    with django_assert_max_num_queries(8):
        response = client.get(LIST, {"q": "Account", "sort": "-score"})

    assert len(response.context["accounts"]) == rows
