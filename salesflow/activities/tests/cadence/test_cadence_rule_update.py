"""Changing a tier's cadence: directors only, whole months from 1 to 60."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salesflow.activities.models import CadenceRule
from salesflow.activities.services.cadence import cadence_rule_update

pytestmark = pytest.mark.django_db


def test_a_director_sets_new_months(org):
    rule = CadenceRule.objects.get(tier="C")

    cadence_rule_update(
        rule=rule, call_every_months=4, visit_every_months=8, acting_user=org["director"]
    )

    rule.refresh_from_db()
    assert (rule.call_every_months, rule.visit_every_months) == (4, 8)


def test_a_manager_may_not_change_the_cadence(org):
    rule = CadenceRule.objects.get(tier="C")

    with pytest.raises(PermissionDenied):
        cadence_rule_update(
            rule=rule, call_every_months=4, visit_every_months=8, acting_user=org["manager1"]
        )


@pytest.mark.parametrize(
    ("call", "visit", "field"), [(0, 3, "call_every_months"), (1, 61, "visit_every_months")]
)
def test_months_outside_1_to_60_are_refused_with_the_field_named(org, call, visit, field):
    rule = CadenceRule.objects.get(tier="A")

    with pytest.raises(ValidationError) as refused:
        cadence_rule_update(
            rule=rule, call_every_months=call, visit_every_months=visit, acting_user=org["director"]
        )

    assert set(refused.value.message_dict) == {field}


def test_a_tier_without_a_stored_rule_gets_one(org):
    CadenceRule.objects.filter(tier="B").delete()

    cadence_rule_update(
        rule=CadenceRule(tier="B"),
        call_every_months=2,
        visit_every_months=5,
        acting_user=org["director"],
    )

    rule = CadenceRule.objects.get(tier="B")
    assert (rule.call_every_months, rule.visit_every_months) == (2, 5)
