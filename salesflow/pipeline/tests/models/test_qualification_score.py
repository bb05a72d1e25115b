"""The qualification score of §5 on the card: yes counts 2, partly 1, no and unknown 0."""

import pytest

from salesflow.pipeline.models import Opportunity


def answered(**answers: str) -> Opportunity:
    return Opportunity(**answers)


def test_a_new_opportunity_scores_zero_with_nothing_answered():
    deal = Opportunity()

    assert (deal.qualification_score, deal.qualification_answered) == (0, 0)


def test_five_yes_answers_make_the_full_score_of_ten():
    deal = answered(
        need="yes", decision_process="yes", budget="yes", relationship="yes", worth="yes"
    )

    assert (deal.qualification_score, deal.qualification_answered) == (10, 5)


@pytest.mark.parametrize(
    ("answers", "score"),
    [
        ({"need": "yes"}, 2),
        ({"need": "partly"}, 1),
        ({"need": "no"}, 0),
        ({"need": "yes", "budget": "partly", "worth": "no"}, 3),
        ({"need": "partly", "decision_process": "partly", "budget": "partly"}, 3),
    ],
)
def test_yes_counts_two_and_partly_one(answers, score):
    assert answered(**answers).qualification_score == score


def test_a_no_answer_counts_as_answered_but_unknown_does_not():
    deal = answered(need="no", budget="unknown", worth="partly")

    assert deal.qualification_answered == 2
