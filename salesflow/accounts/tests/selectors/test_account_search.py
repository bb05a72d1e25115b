from decimal import Decimal

import pytest

from salesflow.accounts.models import AccountStatus, KeyAccountType, Tier
from salesflow.accounts.selectors import account_search

VALID_CODE = "91350100M000100Y43"


def names(qs) -> list[str]:
    return [a.name for a in qs]


@pytest.fixture
def book(org, make_account, make_contact):
    """Three of rep1's accounts and one of rep3's."""
    fuzhou = make_account(
        org["rep1"],
        name="Fuzhou Steel",
        credit_code=VALID_CODE,
        industry="Steel",
        address="Fuzhou, Gulou",
        tier=Tier.A,
        key_account_type=KeyAccountType.NATIONAL,
        region=org["region"],
        annual_revenue=Decimal("900"),
        score_sales_potential=5,
        status=AccountStatus.CUSTOMER,
    )
    make_contact(fuzhou, name="Wang Wei")
    make_account(
        org["rep1"],
        name="Anhui Chemicals",
        industry="Chemicals",
        tier=Tier.B,
        annual_revenue=Decimal("100"),
        score_sales_potential=2,
        score_innovation=2,
    )
    make_account(org["rep1"], name="Beta Steel Works", industry="Steel", tier=Tier.C)
    make_account(org["rep3"], name="Zhejiang Steel", industry="Steel", tier=Tier.A)
    return fuzhou


def test_search_without_criteria_lists_visible_accounts_by_name(org, book):
    assert names(account_search(org["rep1"])) == [
        "Anhui Chemicals",
        "Beta Steel Works",
        "Fuzhou Steel",
    ]


@pytest.mark.parametrize(
    "q, expected",
    [
        ("steel", ["Beta Steel Works", "Fuzhou Steel"]),
        ("100y43", ["Fuzhou Steel"]),
        ("gulou", ["Fuzhou Steel"]),
        ("wang", ["Fuzhou Steel"]),
        ("chemicals", ["Anhui Chemicals"]),
        ("steel beta", ["Beta Steel Works"]),
        ("zhejiang", []),
    ],
)
def test_every_word_searched_must_match_name_code_industry_address_or_a_contact(
    org, book, q, expected
):
    assert names(account_search(org["rep1"], q=q)) == expected


def test_filters_narrow_the_list(org, book):
    rep1 = org["rep1"]

    assert names(account_search(rep1, tier=Tier.B)) == ["Anhui Chemicals"]
    assert names(account_search(rep1, key_account_type=KeyAccountType.NATIONAL)) == ["Fuzhou Steel"]
    assert names(account_search(rep1, region=org["region"].pk)) == ["Fuzhou Steel"]
    assert names(account_search(rep1, industry="Chemicals")) == ["Anhui Chemicals"]
    assert names(account_search(rep1, status=AccountStatus.CUSTOMER)) == ["Fuzhou Steel"]


def test_owner_and_team_filters_do_not_widen_visibility(org, book):
    assert names(account_search(org["rep1"], owner=org["rep3"].pk)) == []
    assert names(account_search(org["manager1"], team=org["team2"].pk)) == []
    assert names(account_search(org["director"], team=org["team2"].pk)) == ["Zhejiang Steel"]
    assert len(names(account_search(org["manager1"], owner=org["rep1"].pk))) == 3


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("name", ["Anhui Chemicals", "Beta Steel Works", "Fuzhou Steel"]),
        ("-name", ["Fuzhou Steel", "Beta Steel Works", "Anhui Chemicals"]),
        ("tier", ["Fuzhou Steel", "Anhui Chemicals", "Beta Steel Works"]),
        ("-tier", ["Beta Steel Works", "Anhui Chemicals", "Fuzhou Steel"]),
        ("revenue", ["Beta Steel Works", "Anhui Chemicals", "Fuzhou Steel"]),
        ("-revenue", ["Fuzhou Steel", "Anhui Chemicals", "Beta Steel Works"]),
        ("score", ["Beta Steel Works", "Anhui Chemicals", "Fuzhou Steel"]),
        ("-score", ["Fuzhou Steel", "Anhui Chemicals", "Beta Steel Works"]),
        ("nonsense", ["Anhui Chemicals", "Beta Steel Works", "Fuzhou Steel"]),
    ],
)
def test_the_list_can_be_sorted(org, book, sort, expected):
    assert names(account_search(org["rep1"], sort=sort)) == expected


def test_the_most_recently_updated_account_sorts_last_then_first(org, book, make_account):
    newest = make_account(org["rep1"], name="Aardvark Ltd")

    assert names(account_search(org["rep1"], sort="updated"))[-1] == newest.name
    assert names(account_search(org["rep1"], sort="-updated"))[0] == newest.name


def test_search_results_carry_the_selection_total(org, book):
    totals = {a.name: a.selection_total for a in account_search(org["rep1"])}

    assert totals == {"Anhui Chemicals": 4, "Beta Steel Works": 0, "Fuzhou Steel": 5}


def test_search_runs_a_constant_number_of_queries(org, make_account, django_assert_max_num_queries):
    for n in range(5):
        make_account(org["rep1"], name=f"Small {n}", region=org["region"])
    with django_assert_max_num_queries(2):
        [(a.owner.username, a.region) for a in account_search(org["rep1"], q="small")]
    for n in range(45):
        make_account(org["rep1"], name=f"Small more {n}", region=org["region"])
    with django_assert_max_num_queries(2):
        [(a.owner.username, a.region) for a in account_search(org["rep1"], q="small")]
