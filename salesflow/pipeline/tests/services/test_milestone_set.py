"""Ticking the milestones of a stage: who, when, the evidence, and the text as it read then."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from salesflow.pipeline.models import MilestoneCheck
from salesflow.pipeline.selectors import milestones_of, unmet_milestones
from salesflow.pipeline.services import milestone_set, opportunity_close


def first_milestone(deal):
    return milestones_of(deal.stage)[0]


def test_a_check_records_who_when_the_evidence_and_the_milestone_text(org, make_opportunity):
    deal = make_opportunity(org["rep1"], stage=2)
    visit = first_milestone(deal)

    check = milestone_set(
        opportunity=deal,
        milestone=visit,
        done=True,
        acting_user=org["rep1"],
        evidence="Met the CIO on site on 3 March",
    )

    check.refresh_from_db()
    assert check.done
    assert check.checked_by == org["rep1"]
    assert timezone.now() - check.checked_at < timedelta(minutes=1)
    assert check.evidence == "Met the CIO on site on 3 March"
    assert (check.milestone_text, check.stage_number) == ("On-site visit done", 2)


def test_the_recorded_text_stays_when_the_milestone_is_reworded(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    milestone = first_milestone(deal)
    milestone_set(opportunity=deal, milestone=milestone, done=True, acting_user=org["rep1"])

    milestone.text_en = "Project analysed with the customer"
    milestone.save()

    assert MilestoneCheck.objects.get(milestone=milestone).milestone_text == "Project analysed"


def test_unchecking_makes_the_milestone_unmet_again_and_records_who(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    milestone = first_milestone(deal)
    milestone_set(opportunity=deal, milestone=milestone, done=True, acting_user=org["rep1"])

    check = milestone_set(
        opportunity=deal, milestone=milestone, done=False, acting_user=org["manager1"]
    )

    assert not check.done
    assert check.checked_by == org["manager1"]
    assert milestone in unmet_milestones(deal)
    assert MilestoneCheck.objects.filter(opportunity=deal, milestone=milestone).count() == 1


def test_a_milestone_of_another_process_is_refused(org, ten_step, stage_of, make_opportunity):
    deal = make_opportunity(org["rep1"])
    foreign = milestones_of(stage_of(ten_step, 1))[0]

    with pytest.raises(ValidationError) as caught:
        milestone_set(opportunity=deal, milestone=foreign, done=True, acting_user=org["rep1"])

    assert list(caught.value.message_dict) == ["milestone"]
    assert not MilestoneCheck.objects.filter(opportunity=deal).exists()


def test_milestones_of_a_closed_deal_cannot_be_changed(org, make_opportunity):
    deal = make_opportunity(org["rep1"])
    opportunity_close(opportunity=deal, acting_user=org["rep1"], result="lost", reason="Price")

    with pytest.raises(ValidationError) as caught:
        milestone_set(
            opportunity=deal, milestone=first_milestone(deal), done=True, acting_user=org["rep1"]
        )

    assert list(caught.value.message_dict) == ["milestone"]
