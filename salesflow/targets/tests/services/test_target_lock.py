"""A target is locked once its period starts: only a director changes it, with a reason kept as a
TargetChange; nobody deletes it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from salesflow.core.models import ChangeRecord
from salesflow.targets.models import TargetChange
from salesflow.targets.services import Refused, target_delete, target_update

THIS_YEAR = str(timezone.localdate().year)  # started on January 1st: locked
NEXT = str(timezone.localdate().year + 1)


def test_a_director_changes_a_started_target_with_a_reason_that_is_kept(org, set_target):
    target = set_target("company", THIS_YEAR, 1_000_000)

    target_update(
        target=target,
        acting_user=org["director"],
        amount=Decimal(1_200_000),
        reason="New product line launched in May",
    )

    target.refresh_from_db()
    assert target.amount == Decimal(1_200_000)
    change = TargetChange.objects.get(target=target)
    assert (change.old_amount, change.new_amount) == (Decimal(1_000_000), Decimal(1_200_000))
    assert change.reason == "New product line launched in May"
    assert change.changed_by == org["director"]


def test_a_director_must_say_why_a_started_target_changes(org, set_target):
    target = set_target("company", THIS_YEAR, 1_000_000)

    with pytest.raises(ValidationError) as excinfo:
        target_update(target=target, acting_user=org["director"], amount=Decimal(900_000))

    assert excinfo.value.message_dict["reason"] == [
        "Say why the target changes: its period has already started."
    ]
    assert not TargetChange.objects.exists()


def test_a_manager_cannot_change_a_started_target_of_their_rep(org, set_target):
    team = set_target(org["team1"], THIS_YEAR, 500_000)
    rep = set_target(org["rep1"], THIS_YEAR, 200_000, parent=team)

    with pytest.raises(Refused) as excinfo:
        target_update(
            target=rep, acting_user=org["manager1"], amount=Decimal(250_000), reason="more"
        )

    assert str(excinfo.value) == (
        f"This target is locked: its period started on {THIS_YEAR}-01-01. Only a director can "
        "change it, with a reason."
    )
    rep.refresh_from_db()
    assert rep.amount == Decimal(200_000)


def test_a_target_whose_period_has_not_started_changes_without_a_reason(org, set_target):
    target = set_target("company", NEXT, 1_000_000)

    target_update(target=target, acting_user=org["director"], amount=Decimal(1_100_000))

    assert not TargetChange.objects.exists()
    assert ChangeRecord.objects.filter(object_id=target.pk, field="amount").exists()


def test_nobody_deletes_a_started_target(org, set_target):
    target = set_target("company", THIS_YEAR, 1_000_000)

    with pytest.raises(Refused) as excinfo:
        target_delete(target=target, acting_user=org["director"])

    assert "a director can set it to 0, with a reason" in str(excinfo.value)


def test_a_target_with_parts_is_not_deleted(org, set_target):
    company = set_target("company", NEXT, 1_000_000)
    set_target(org["region"], NEXT, 100_000, parent=company)

    with pytest.raises(Refused):
        target_delete(target=company, acting_user=org["director"])


def test_a_target_not_yet_started_is_deleted_and_the_deletion_recorded(org, set_target):
    target = set_target("company", NEXT, 1_000_000)
    pk = target.pk

    target_delete(target=target, acting_user=org["director"])

    assert ChangeRecord.objects.filter(object_id=pk, action="delete").exists()
