"""`salesflow demo` follows the processes as they are in the database, edits by a director included."""

from collections.abc import Callable

import pytest

from salesflow.pipeline.models import Opportunity, SalesProcess, Stage, StageChange

pytestmark = pytest.mark.django_db


def test_deals_that_entered_a_stage_meet_the_minimum_score_a_director_set(
    run_demo: Callable[..., str],
) -> None:
    # given a director who requires a qualification score of 8 to enter stage 5
    Stage.objects.filter(process__key="eight_step", number=5).update(min_qualification_score=8)
    # when the demo runs
    run_demo("--scale", "0.1", "--seed", "7")
    # then every deal that ever entered stage 5 scores at least 8
    entered = StageChange.objects.filter(
        opportunity__process__key="eight_step", to_number=5
    ).values("opportunity_id")
    deals = Opportunity.objects.filter(pk__in=entered)
    assert deals.exists()
    assert all(deal.qualification_score >= 8 for deal in deals)
    assert any(deal.qualification_score < 8 for deal in Opportunity.objects.exclude(pk__in=entered))


def test_an_inactive_process_gets_no_new_deals(run_demo: Callable[..., str]) -> None:
    SalesProcess.objects.filter(key="prospecting").update(is_active=False)
    run_demo("--scale", "0.1", "--seed", "7")
    assert Opportunity.objects.exists()
    assert not Opportunity.objects.filter(process__key="prospecting").exists()


def test_milestones_are_recorded_as_the_director_renamed_them(
    run_demo: Callable[..., str],
) -> None:
    Stage.objects.filter(process__key="eight_step", number=1).first().milestones.filter(
        order=0
    ).update(text_en="Project analysed and written up")
    run_demo("--scale", "0.1", "--seed", "7")
    texts = set(
        Opportunity.objects.filter(process__key="eight_step")
        .values_list("milestone_checks__milestone_text", flat=True)
        .distinct()
    )
    assert "Project analysed and written up" in texts
    assert "Project analysed" not in texts
