from salesflow.accounts.models import Account


def test_selection_score_is_the_total_of_the_four_criteria():
    account = Account(
        score_sales_potential=5,
        score_innovation=3,
        score_market_strength=4,
        score_financial_health=2,
    )

    assert account.selection_score == 14


def test_selection_score_adds_up_only_the_criteria_that_are_scored():
    account = Account(score_sales_potential=4, score_financial_health=1)

    assert account.selection_score == 5


def test_an_account_with_no_criterion_scored_has_no_selection_score():
    assert Account().selection_score is None
