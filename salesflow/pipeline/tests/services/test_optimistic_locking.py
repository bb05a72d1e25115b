"""A stale screen (someone else changed the deal since it was loaded) gets a clear refusal and
the fresh row, never a silent overwrite. Every write moves the version on."""

from decimal import Decimal

import pytest

from salesflow.pipeline.models import Opportunity
from salesflow.pipeline.selectors import milestones_of
from salesflow.pipeline.services import (
    StaleOpportunity,
    competitor_add,
    deal_contact_set,
    milestone_set,
    opportunity_advance,
    opportunity_close,
    opportunity_move,
    opportunity_move_back,
    opportunity_skip_gate,
    opportunity_update,
    qualification_set,
)


@pytest.fixture
def stale(org, make_opportunity, tick_all_milestones, answer_all_qualification):
    """A deal at stage 2 whose gate is open, and the version a second screen saw before the last
    write (the rep renaming the deal)."""
    deal = make_opportunity(org["rep1"], stage=2)
    tick_all_milestones(deal)
    answer_all_qualification(deal)
    seen = deal.version
    opportunity_update(opportunity=deal, acting_user=org["rep1"], name="Renamed elsewhere")
    return deal, seen


def assert_unchanged(deal: Opportunity, *, stage: int, version: int, changes: int) -> None:
    fresh = Opportunity.objects.get(pk=deal.pk)
    assert (fresh.stage.number, fresh.version, fresh.stage_changes.count(), fresh.status) == (
        stage,
        version,
        changes,
        "open",
    )


def test_advancing_from_a_stale_screen_is_refused_and_changes_nothing(
    org, stale, eight_step, stage_of
):
    deal, seen = stale
    changes = deal.stage_changes.count()
    version = Opportunity.objects.get(pk=deal.pk).version

    with pytest.raises(StaleOpportunity) as caught:
        opportunity_advance(opportunity=deal, acting_user=org["rep1"], expected_version=seen)

    assert caught.value.current.name == "Renamed elsewhere"
    assert caught.value.current.version == version
    assert "Someone else changed this opportunity" in str(caught.value)
    assert_unchanged(deal, stage=2, version=version, changes=changes)


def stale_writes(deal, user, seen, stage_1) -> dict:
    """Each versioned write, as a screen that saw version `seen` would send it."""
    return {
        "move": lambda: opportunity_move(
            opportunity=deal, acting_user=user, to_stage=stage_1, reason="x", expected_version=seen
        ),
        "move back": lambda: opportunity_move_back(
            opportunity=deal, acting_user=user, to_stage=stage_1, reason="x", expected_version=seen
        ),
        "skip gate": lambda: opportunity_skip_gate(
            opportunity=deal, acting_user=user, reason="x", expected_version=seen
        ),
        "close": lambda: opportunity_close(
            opportunity=deal, acting_user=user, result="lost", reason="x", expected_version=seen
        ),
        "update": lambda: opportunity_update(
            opportunity=deal, acting_user=user, amount=Decimal(1), expected_version=seen
        ),
    }


@pytest.mark.parametrize("write", ["move", "move back", "skip gate", "close", "update"])
def test_every_versioned_write_from_a_stale_screen_is_refused(
    org, stale, eight_step, stage_of, write
):
    deal, seen = stale
    changes = deal.stage_changes.count()
    version = Opportunity.objects.get(pk=deal.pk).version

    with pytest.raises(StaleOpportunity):
        stale_writes(deal, org["manager1"], seen, stage_of(eight_step, 1))[write]()

    assert_unchanged(deal, stage=2, version=version, changes=changes)
    assert Opportunity.objects.get(pk=deal.pk).amount == Decimal("100000")


def test_a_write_with_the_current_version_goes_through(org, stale):
    deal, _seen = stale
    current = Opportunity.objects.get(pk=deal.pk).version

    deal = opportunity_advance(opportunity=deal, acting_user=org["rep1"], expected_version=current)

    assert deal.stage.number == 3
    assert deal.version == current + 1


def test_the_version_goes_up_with_every_write(
    org, make_opportunity, make_contact, answer_all_qualification
):
    deal = make_opportunity(org["rep1"])
    versions = [deal.version]

    def note(opportunity: Opportunity) -> None:
        versions.append(Opportunity.objects.get(pk=opportunity.pk).version)

    note(opportunity_update(opportunity=deal, acting_user=org["rep1"], name="Renamed"))
    note(qualification_set(opportunity=deal, acting_user=org["rep1"], need="yes"))
    for milestone in milestones_of(deal.stage):
        milestone_set(opportunity=deal, milestone=milestone, done=True, acting_user=org["rep1"])
        note(deal)
    note(opportunity_advance(opportunity=deal, acting_user=org["rep1"]))
    deal_contact_set(opportunity=deal, contact=make_contact(deal.account), acting_user=org["rep1"])
    note(deal)
    competitor_add(opportunity=deal, acting_user=org["rep1"], name="Kingdee", strength="strong")
    note(deal)
    note(opportunity_close(opportunity=deal, acting_user=org["rep1"], result="lost", reason="x"))

    assert versions == list(range(1, len(versions) + 1))
