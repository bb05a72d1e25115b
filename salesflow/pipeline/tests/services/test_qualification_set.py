"""Answering the five qualification questions of §5, with evidence, recorded in the history."""

import pytest
from django.core.exceptions import ValidationError

from salesflow.core.history import history_for
from salesflow.pipeline.services import qualification_set


def test_answers_and_evidence_are_stored_and_scored(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    deal = qualification_set(
        opportunity=deal,
        acting_user=org["rep1"],
        need="yes",
        need_evidence="Their MES cannot trace batches",
        budget="partly",
        worth="no",
    )

    assert (deal.need, deal.budget, deal.worth, deal.decision_process) == (
        "yes",
        "partly",
        "no",
        "unknown",
    )
    assert deal.need_evidence == "Their MES cannot trace batches"
    assert (deal.qualification_score, deal.qualification_answered) == (3, 3)


def test_answers_not_given_are_left_as_they_were(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    qualification_set(opportunity=deal, acting_user=org["rep1"], need="yes", budget="yes")

    deal = qualification_set(opportunity=deal, acting_user=org["rep1"], budget="no")

    assert (deal.need, deal.budget) == ("yes", "no")


def test_an_invalid_answer_is_refused_naming_the_field(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    with pytest.raises(ValidationError) as caught:
        qualification_set(opportunity=deal, acting_user=org["rep1"], need="yes", budget="maybe")

    assert list(caught.value.message_dict) == ["budget"]
    assert "yes, partly, no, unknown" in caught.value.message_dict["budget"][0]
    deal.refresh_from_db()
    assert (deal.need, deal.version) == ("unknown", 1)


def test_a_question_that_is_not_one_of_the_five_is_refused(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    with pytest.raises(ValidationError) as caught:
        qualification_set(opportunity=deal, acting_user=org["rep1"], timing="yes")

    assert list(caught.value.message_dict) == ["timing"]


def test_each_changed_answer_is_recorded_in_the_history(org, make_opportunity):
    deal = make_opportunity(org["rep1"])

    qualification_set(opportunity=deal, acting_user=org["manager1"], need="yes", worth="unknown")

    changes = list(history_for(deal).filter(field__in=["need", "worth"]))
    assert [(c.field, c.old_value, c.new_value, c.changed_by) for c in changes] == [
        ("need", "Unknown", "Yes", org["manager1"])
    ]


def test_evidence_can_be_cleared(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    qualification_set(opportunity=deal, acting_user=org["rep1"], budget_evidence="¥2m approved")

    deal = qualification_set(opportunity=deal, acting_user=org["rep1"], budget_evidence=None)

    assert deal.budget_evidence == ""
