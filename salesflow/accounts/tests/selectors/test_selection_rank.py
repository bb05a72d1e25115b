from salesflow.accounts.selectors import account_selection_rank, accounts_ranked_by_selection


def scored(make_account, owner, name, *scores):
    fields = dict(
        zip(
            (
                "score_sales_potential",
                "score_innovation",
                "score_market_strength",
                "score_financial_health",
            ),
            scores,
            strict=False,
        )
    )
    return make_account(owner, name=name, **fields)


def test_the_best_scored_account_ranks_first(org, make_account):
    best = scored(make_account, org["rep1"], "Best", 5, 5, 5, 5)
    middle = scored(make_account, org["rep1"], "Middle", 3, 3, 3, 3)

    assert account_selection_rank(org["rep1"], best) == 1
    assert account_selection_rank(org["rep1"], middle) == 2


def test_accounts_with_the_same_total_share_a_rank_and_the_next_rank_is_skipped(org, make_account):
    scored(make_account, org["rep1"], "Alpha", 4, 4)
    tied = scored(make_account, org["rep1"], "Beta", 5, 3)
    last = scored(make_account, org["rep1"], "Gamma", 1)

    ranked = [
        (a.name, a.selection_total, a.selection_rank)
        for a in accounts_ranked_by_selection(org["rep1"])
    ]

    assert ranked == [("Alpha", 8, 1), ("Beta", 8, 1), ("Gamma", 1, 3)]
    assert account_selection_rank(org["rep1"], tied) == 1
    assert account_selection_rank(org["rep1"], last) == 3


def test_an_unscored_account_has_no_rank_and_is_not_listed(org, make_account):
    unscored = make_account(org["rep1"], name="Unscored")
    scored(make_account, org["rep1"], "Scored", 2)

    assert account_selection_rank(org["rep1"], unscored) is None
    assert [a.name for a in accounts_ranked_by_selection(org["rep1"])] == ["Scored"]


def test_the_ranked_list_shows_only_visible_accounts_ranked_among_themselves(org, make_account):
    scored(make_account, org["rep3"], "Theirs", 5, 5, 5, 5)
    mine = scored(make_account, org["rep1"], "Mine", 2, 2)

    ranked = [(a.name, a.selection_rank) for a in accounts_ranked_by_selection(org["rep1"])]

    assert ranked == [("Mine", 1)]
    assert account_selection_rank(org["rep1"], mine) == 1
    assert account_selection_rank(org["director"], mine) == 2
